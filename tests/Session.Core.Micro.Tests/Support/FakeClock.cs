using System.Collections.Generic;
using Session.Core.Micro.Network;

namespace Session.Core.Micro.Tests.Support
{
    /// <summary>A local clock that only moves when told to or when something sleeps; sleeps are recorded, never waited.</summary>
    public sealed class FakeClock : IClock
    {
        public FakeClock(long now)
        {
            UnixMilliseconds = now;
        }

        public long UnixMilliseconds { get; set; }

        public List<int> Sleeps { get; } = new List<int>();

        public void Sleep(int milliseconds)
        {
            Sleeps.Add(milliseconds);
            UnixMilliseconds += milliseconds;
        }
    }
}
