// ITimeSync over nanoFramework's SNTP client (nanoFramework only). The client runs natively: once
// started it queries 0.pool.ntp.org (then 1.pool.ntp.org) and sets the RTC after each answer,
// then again every hour. Synchronise starts it, or asks for an update when it already runs, and
// waits - at most its timeout, measured on the steady clock - until the RTC shows a date after
// the firmware's build floor. TLS certificate dates and alert times need that; onion requests
// correct the remaining error from node replies (NetworkClock).
using System;
using System.Diagnostics;
using nanoFramework.Networking;
using Session.Core.Micro.Network;
using SessionBeacon.Hardware;

namespace SessionBeacon.Esp32
{
    /// <summary>Sets the RTC from SNTP.</summary>
    public sealed class SntpTimeSync : ITimeSync
    {
        /// <summary>An SNTP exchange normally takes well under a second; 10 s covers a DNS retry.</summary>
        public const int DefaultTimeoutMilliseconds = 10000;

        // 2025-01-01T00:00:00Z: an RTC earlier than this has not been set (it starts near 1970 or
        // 2000 after power-on). Raise it with new firmware releases.
        private const long ValidAfterUnixMilliseconds = 1735689600000;

        private const int PollMilliseconds = 100;

        private readonly IClock _steady;
        private readonly int _timeoutMilliseconds;

        /// <summary>A time sync that waits at most <paramref name="timeoutMilliseconds"/>.</summary>
        /// <param name="steady">A clock that does not jump when the RTC is set (MonotonicClock), used to bound the wait.</param>
        /// <param name="timeoutMilliseconds">How long one Synchronise may wait.</param>
        /// <exception cref="ArgumentNullException">steady is null.</exception>
        /// <exception cref="ArgumentException">timeoutMilliseconds is below 1.</exception>
        public SntpTimeSync(IClock steady, int timeoutMilliseconds)
        {
            if (steady == null)
            {
                throw new ArgumentNullException("steady");
            }
            if (timeoutMilliseconds < 1)
            {
                throw new ArgumentException("timeoutMilliseconds must be at least 1", "timeoutMilliseconds");
            }
            _steady = steady;
            _timeoutMilliseconds = timeoutMilliseconds;
        }

        /// <summary>True when the RTC shows a date after the firmware's build floor.</summary>
        public static bool ClockLooksSet
        {
            get { return new DeviceClock().UnixMilliseconds >= ValidAfterUnixMilliseconds; }
        }

        /// <summary>Starts or refreshes SNTP and waits until the RTC is set, at most the timeout.</summary>
        /// <returns>True when the clock is set.</returns>
        public bool Synchronise()
        {
            if (Sntp.IsStarted)
            {
                if (ClockLooksSet)
                {
                    // The running client keeps the RTC set; the RTC also keeps time in deep sleep.
                    return true;
                }
                Sntp.UpdateNow();
            }
            else
            {
                Sntp.Start();
            }
            long deadline = _steady.UnixMilliseconds + _timeoutMilliseconds;
            while (!ClockLooksSet)
            {
                if (_steady.UnixMilliseconds >= deadline)
                {
                    Debug.WriteLine("SNTP: no time within " + _timeoutMilliseconds.ToString() + " ms");
                    return false;
                }
                _steady.Sleep(PollMilliseconds);
            }
            return true;
        }
    }
}
