// One "sensor" line of nf.config, validated (PolicySettings reads them):
//   sensor = contact|motion|tamper|power <gpio> [external-pull] <name>
//   sensor = analog <gpio> above|below <threshold> <rearm> <name>
// A digital input uses the chip's internal pull resistor (up for a contact or tamper switch, down for
// a motion or power-sense output) unless the line says external-pull: the wiring has its own, or the
// sensor drives the line. Pins without internal pulls (ESP32 GPIO34-39) need it (DeviceSetup).
// An analog sensor fires when a sample crosses the threshold and fires again only after a sample
// has come back past the re-arm level (hysteresis), so a value hovering at the threshold alerts once.
namespace SessionBeacon.Config
{
    /// <summary>A configured sensor input.</summary>
    public sealed class SensorSetting
    {
        internal SensorSetting(SensorKind kind, int pin, string name, bool externalPull, bool above, int threshold, int rearm, int line)
        {
            Line = line;
            ExternalPull = externalPull;
            Kind = kind;
            Pin = pin;
            Name = name;
            FiresAbove = above;
            Threshold = threshold;
            Rearm = rearm;
        }

        /// <summary>What the input is.</summary>
        public SensorKind Kind { get; }

        /// <summary>The GPIO (an ADC-capable one for <see cref="SensorKind.Analog"/>).</summary>
        public int Pin { get; }

        /// <summary>Digital only: true when the wiring pulls the line itself, so the chip's internal pull stays off.</summary>
        public bool ExternalPull { get; }

        /// <summary>The name used in the alert text and logs, such as "Front door".</summary>
        public string Name { get; }

        /// <summary>Analog only: true when a sample at or above <see cref="Threshold"/> fires, false for at or below.</summary>
        public bool FiresAbove { get; }

        /// <summary>Analog only: the raw ADC value that fires.</summary>
        public int Threshold { get; }

        /// <summary>Analog only: the raw value a sample must come back to before the sensor can fire again.</summary>
        public int Rearm { get; }

        /// <summary>The nf.config line it was read from, for the checks against the board (DeviceSetup).</summary>
        internal int Line { get; }
    }
}
