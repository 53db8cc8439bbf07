namespace SessionBeacon.Hardware
{
    /// <summary>Which kind of input an <see cref="InputQueue"/> entry comes from.</summary>
    public enum InputKind
    {
        /// <summary>The panic button; the level is true while pressed.</summary>
        Button,

        /// <summary>A digital sensor, by its index in PolicySettings.Sensors; the level is true while active.</summary>
        Sensor,
    }
}
