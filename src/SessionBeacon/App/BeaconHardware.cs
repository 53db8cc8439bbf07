// The parts of a beacon that differ between the ESP32 and the desktop harness, handed to Beacon in
// one piece. Any of them may be null where the platform has nothing of that kind (no buzzer, no
// battery gauge, a desktop whose network and clock are always there).
using SessionBeacon.Hardware;

namespace SessionBeacon.App
{
    /// <summary>The beacon's device-specific parts.</summary>
    public sealed class BeaconHardware
    {
        /// <summary>Gathers the parts; each may be null.</summary>
        public BeaconHardware(INetworkLink link, ITimeSync time, IBatteryGauge battery, IIndicator light, IIndicator sound)
        {
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

        /// <summary>The buzzer, or null.</summary>
        public IIndicator Sound { get; }
    }
}
