namespace SessionBeacon.Delivery
{
    /// <summary>What an outbox alert is about (kept in its record; the text was chosen when it was composed).</summary>
    public enum AlertKind
    {
        /// <summary>A panic press.</summary>
        Panic = 1,

        /// <summary>The duress gesture.</summary>
        Duress = 2,

        /// <summary>A contact, motion or analog sensor.</summary>
        Sensor = 3,

        /// <summary>A tamper switch.</summary>
        Tamper = 4,

        /// <summary>External power was lost.</summary>
        PowerLoss = 5,

        /// <summary>The battery is low.</summary>
        LowBattery = 6,

        /// <summary>A periodic check-in.</summary>
        Heartbeat = 7,

        /// <summary>A test alert.</summary>
        Test = 8,

        /// <summary>A position update after a panic or duress alert (docs/location.md, "Tracking").</summary>
        Tracking = 9,
    }
}
