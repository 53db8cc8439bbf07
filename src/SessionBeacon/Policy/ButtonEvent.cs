namespace SessionBeacon.Policy
{
    /// <summary>What happened to the button, after debouncing, or which of its timers ran out.</summary>
    public enum ButtonEvent
    {
        /// <summary>The button went down (stable for the debounce time).</summary>
        Press,

        /// <summary>The button came up (stable for the debounce time).</summary>
        Release,

        /// <summary>The current press has lasted the panic hold time.</summary>
        HoldReached,

        /// <summary>The gesture gap has passed since the last release.</summary>
        GapElapsed,

        /// <summary>The cancel window has closed.</summary>
        WindowElapsed,
    }
}
