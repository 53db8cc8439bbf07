using System;
using System.Threading;
using Session.Core.Micro.Network;

namespace SessionBeacon.Harness.Network
{
    /// <summary>The machine's time; backoff waits really wait.</summary>
    public sealed class SystemClock : IClock
    {
        public long UnixMilliseconds => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        public void Sleep(int milliseconds) => Thread.Sleep(milliseconds);
    }
}
