// A steady IClock for the alert policy and input time stamps (nanoFramework only, ESP32).
// DeviceClock reads DateTime.UtcNow, which jumps when SNTP sets the RTC (often by decades at the
// first sync after power-on), so a hold or cancel window timed across a sync would end at once
// or never. nanoFramework.CoreLibrary 1.17.11's mscorlib has no steady tick count at all (its
// reference assembly has no System.Environment - so no TickCount or TickCount64 - and no
// System.Diagnostics.Stopwatch; checked in ~/.nuget/packages/nanoframework.corelibrary/1.17.11/
// lib/mscorlib.dll). nanoFramework puts Environment.TickCount64 in a separate package
// (nanoFramework.Runtime.Native, System/Environment.cs), not yet in every released version; the
// ESP32 package has had HighResTimer.GetCurrent() for long: the ESP-IDF esp_timer count in
// microseconds since boot, which settimeofday does not touch. This clock reads it and
// anchors it once to the wall time it had when created, so its values look like Unix
// milliseconds but never jump; they drift from the RTC after an SNTP correction, which is
// harmless for timings. Use DeviceClock (or NetworkClock) for times shown to people or sent to nodes.
using System.Threading;
using nanoFramework.Hardware.Esp32;
using Session.Core.Micro.Network;

namespace SessionBeacon.Esp32
{
    /// <summary>Milliseconds that only ever advance, at the rate of the chip's timer.</summary>
    public sealed class MonotonicClock : IClock
    {
        private const long MicrosecondsPerMillisecond = 1000;

        private readonly long _anchor;

        /// <summary>Anchors the steady count to the RTC's current time.</summary>
        public MonotonicClock()
        {
            _anchor = new DeviceClock().UnixMilliseconds - ElapsedMilliseconds;
        }

        /// <summary>Milliseconds since boot, from the esp_timer.</summary>
        public static long ElapsedMilliseconds
        {
            // 2^63 microseconds is about 292,000 years: the count cannot overflow a long.
            get { return (long)HighResTimer.GetCurrent() / MicrosecondsPerMillisecond; }
        }

        /// <summary>The wall time at creation plus the steady time since; never goes backwards.</summary>
        public long UnixMilliseconds
        {
            get { return _anchor + ElapsedMilliseconds; }
        }

        /// <summary>Blocks the calling thread.</summary>
        public void Sleep(int milliseconds)
        {
            Thread.Sleep(milliseconds);
        }
    }
}
