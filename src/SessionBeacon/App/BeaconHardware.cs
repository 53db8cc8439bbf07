// The parts of a beacon that differ between the ESP32 and the desktop harness, handed to Beacon in
// one piece. Any of them may be null where the platform has nothing of that kind (no buzzer, no
// battery gauge, a desktop whose network and clock are always there). A GPS module is only said to
// be there (the board profile's gps lines): its sentences reach the beacon through Beacon.ReadGps.
using SessionBeacon.Hardware;

namespace SessionBeacon.App
{
    /// <summary>The beacon's device-specific parts.</summary>
    public sealed class BeaconHardware
    {
        /// <summary>Gathers the parts of a board without a GPS module; each may be null.</summary>
        public BeaconHardware(INetworkLink link, ITimeSync time, IBatteryGauge battery, IIndicator light, IIndicator sound)
            : this(link, time, battery, light, sound, false)
        {
        }

        /// <summary>Gathers the parts; each may be null; <paramref name="gps"/> says the board has a GPS module (GpsPins.Fitted).</summary>
        public BeaconHardware(INetworkLink link, ITimeSync time, IBatteryGauge battery, IIndicator light, IIndicator sound, bool gps)
        {
            HasGps = gps;
            Link = link;
            Time = time;
            Battery = battery;
            Light = light;
            Sound = sound;
        }

        /// <summary>The network link (Wi-Fi), or null when always up.</summary>
        public INetworkLink Link { get; }

        /// <summary>The wall-clock source (SNTP), or null when the clock is always set.</summary>
        public ITimeSync Time { get; }

        /// <summary>The battery gauge, or null.</summary>
        public IBatteryGauge Battery { get; }

        /// <summary>The status LED, or null.</summary>
        public IIndicator Light { get; }

        /// <summary>True when the board has a GPS module, whose sentences Beacon.ReadGps takes.</summary>
        public bool HasGps { get; }

        /// <summary>The buzzer, or null.</summary>
        public IIndicator Sound { get; }
    }
}
