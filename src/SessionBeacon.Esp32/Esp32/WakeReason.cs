// Why the device started, as DeepSleep.WakeCause reports it after boot (nanoFramework only).
namespace SessionBeacon.Esp32
{
    /// <summary>Why the chip started.</summary>
    public enum WakeReason
    {
        /// <summary>Power-on or reset: not a wake from deep sleep.</summary>
        Boot,

        /// <summary>The button.</summary>
        Button,

        /// <summary>The timer.</summary>
        Timer,

        /// <summary>Another source (touch pad, ULP), which the firmware does not arm.</summary>
        Other,
    }
}
