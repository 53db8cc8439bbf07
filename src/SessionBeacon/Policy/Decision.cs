namespace SessionBeacon.Policy
{
    /// <summary>One decision of the alert policy, with the time it was taken.</summary>
    public sealed class Decision
    {
        /// <summary>No sensor (a decision not about a sensor).</summary>
        public const int NoSensor = -1;

        /// <summary>The battery level is not known.</summary>
        public const int UnknownBattery = -1;

        /// <summary>No reading (a digital sensor, or a decision not about a sensor).</summary>
        public const int NoReading = int.MinValue;

        internal Decision(DecisionKind kind, long time, int sensor, int batteryPercent)
            : this(kind, time, sensor, batteryPercent, NoReading)
        {
        }

        internal Decision(DecisionKind kind, long time, int sensor, int batteryPercent, int reading)
        {
            Kind = kind;
            Time = time;
            Sensor = sensor;
            BatteryPercent = batteryPercent;
            Reading = reading;
        }

        /// <summary>What was decided.</summary>
        public DecisionKind Kind { get; }

        /// <summary>When, in the clock's milliseconds (the moment the condition was met, not when it was noticed).</summary>
        public long Time { get; }

        /// <summary>The sensor's index in PolicySettings.Sensors, or <see cref="NoSensor"/>.</summary>
        public int Sensor { get; }

        /// <summary>The last battery level reported, or <see cref="UnknownBattery"/>.</summary>
        public int BatteryPercent { get; }

        /// <summary>An analog sensor's sample that crossed the threshold (raw ADC value), or <see cref="NoReading"/>.</summary>
        public int Reading { get; }
    }
}
