namespace SessionBeacon.Policy
{
    /// <summary>Where the panic button's gesture recogniser is (ButtonTransitions.Next moves between them).</summary>
    public enum ButtonState
    {
        /// <summary>Nothing going on.</summary>
        Idle,

        /// <summary>Pressed from idle, not yet long enough to be a panic press.</summary>
        Held,

        /// <summary>Released after short presses from idle; waiting for the gap that ends the gesture (pocket bump or test).</summary>
        Counting,

        /// <summary>A panic press still held after it reached the hold time; the cancel window runs.</summary>
        LongHeld,

        /// <summary>A panic is pending and the button is up; a short press now cancels (or, as a pattern, sends duress).</summary>
        Pending,

        /// <summary>Pressed during the cancel window.</summary>
        WindowHeld,

        /// <summary>Released after short presses in the cancel window; waiting for the gap that ends the gesture.</summary>
        WindowCounting,

        /// <summary>The alert has fired while the button is still held; everything until the release is ignored.</summary>
        Spent,
    }
}
