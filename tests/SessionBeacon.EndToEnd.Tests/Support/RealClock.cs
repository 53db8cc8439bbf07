using System;
using System.Collections.Generic;
using Session.Core.Micro.Network;

namespace SessionBeacon.EndToEnd.Tests.Support
{
    /// <summary>
    /// The machine's real time (nodes check timestamps against theirs), but backoff waits are only
    /// recorded, not slept: the retries themselves go to real nodes, the tests stay fast.
    /// </summary>
    public sealed class RealClock : IClock
    {
        private readonly object _lock = new object();
        private readonly List<int> _sleeps = new List<int>();

        public long UnixMilliseconds => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        /// <summary>The backoff waits the client asked for.</summary>
        public int[] Sleeps
        {
            get
            {
                lock (_lock)
                {
                    return _sleeps.ToArray();
                }
            }
        }

        public void Sleep(int milliseconds)
        {
            lock (_lock)
            {
                _sleeps.Add(milliseconds);
            }
        }
    }
}
