// Wall-clock time before the first onion request: TLS needs a plausible date and alerts carry the
// local time. On the device SNTP sets the RTC (Esp32/SntpTimeSync); the desktop's clock is already
// set. Once nodes answer, NetworkClock keeps the offset to the network's own time.
namespace SessionBeacon.Hardware
{
    /// <summary>Sets the device's clock from a time server.</summary>
    public interface ITimeSync
    {
        /// <summary>Tries once to set the clock, waiting at most its own timeout.</summary>
        /// <returns>True when the clock is set.</returns>
        bool Synchronise();
    }
}
