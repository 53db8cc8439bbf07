// IClock on the device (nanoFramework only): the RTC through DateTime.UtcNow, Thread.Sleep to wait.
// Until SNTP has set the RTC the time starts near the epoch; the alert policy only needs
// differences, the network layer corrects absolute time from node replies (NetworkClock).
using System;
using System.Threading;
using Session.Core.Micro.Network;

namespace SessionBeacon.Esp32
{
    /// <summary>The ESP32's real-time clock as Unix milliseconds.</summary>
    public sealed class DeviceClock : IClock
    {
        // DateTime ticks (100 ns) at 1970-01-01T00:00:00Z.
        private const long UnixEpochTicks = 621355968000000000;
        private const long TicksPerMillisecond = 10000;

        /// <summary>The RTC as Unix epoch milliseconds.</summary>
        public long UnixMilliseconds
        {
            get { return (DateTime.UtcNow.Ticks - UnixEpochTicks) / TicksPerMillisecond; }
        }

        /// <summary>Blocks the calling thread.</summary>
        public void Sleep(int milliseconds)
        {
            Thread.Sleep(milliseconds);
        }
    }
}
