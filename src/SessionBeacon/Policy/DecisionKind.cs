namespace SessionBeacon.Policy
{
    /// <summary>What the alert policy decided.</summary>
    public enum DecisionKind
    {
        /// <summary>Send a panic alert.</summary>
        FirePanic,

        /// <summary>Send a duress alert (the device shows a cancel).</summary>
        FireDuress,

        /// <summary>Send a sensor alert; <see cref="Decision.Sensor"/> says which (its kind may be tamper or power loss).</summary>
        FireSensor,

        /// <summary>Send a check-in carrying <see cref="Decision.BatteryPercent"/>.</summary>
        FireHeartbeat,

        /// <summary>Send a test alert.</summary>
        FireTest,

        /// <summary>Send a low-battery alert carrying <see cref="Decision.BatteryPercent"/>.</summary>
        FireLowBattery,

        /// <summary>The pending panic was cancelled; nothing is sent.</summary>
        Cancel,

        /// <summary>Feedback: a panic is pending and can still be cancelled.</summary>
        CuePending,

        /// <summary>Feedback: "cancelled", shown alike for a real cancel and for duress.</summary>
        CueCancelled,

        /// <summary>A sensor alert was dropped by the sensor's rate limit (for the log; nothing is sent).</summary>
        RateLimited,
    }
}
