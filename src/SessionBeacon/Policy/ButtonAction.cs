namespace SessionBeacon.Policy
{
    /// <summary>What the policy does on a button transition.</summary>
    public enum ButtonAction
    {
        /// <summary>Nothing (also for an event that does not apply in the state).</summary>
        None,

        /// <summary>Start timing a press (its hold time runs from here).</summary>
        BeginPress,

        /// <summary>A short press ended: count it and start the gesture gap.</summary>
        CountPress,

        /// <summary>The hold time was reached: a panic is pending and the cancel window opens.</summary>
        OpenWindow,

        /// <summary>Send the panic alert.</summary>
        FirePanic,

        /// <summary>A gesture from idle ended: a test alert if it had the test pattern's presses, else nothing (pocket bumps).</summary>
        ResolveIdleGesture,

        /// <summary>A gesture in the cancel window ended: duress if it had the duress pattern's presses, else cancel; both look alike.</summary>
        ResolveWindowGesture,
    }
}
