// The random source as both of the beacon's threads use it (docs/architecture.md, "Two threads"): the
// input thread draws an outbox record's id, the network thread keys and nonces. A source need not be
// safe for two callers at once (a seeded test source keeps a position), so each call here runs alone.
using Session.Core.Micro.Crypto;

namespace SessionBeacon.App
{
    /// <summary>An IRandomSource whose calls run one at a time.</summary>
    internal sealed class LockedRandom : IRandomSource
    {
        private readonly IRandomSource _inner;
        private readonly object _gate = new object();

        internal LockedRandom(IRandomSource inner)
        {
            _inner = inner;
        }

        public void Fill(byte[] buffer, int offset, int count)
        {
            lock (_gate)
            {
                _inner.Fill(buffer, offset, count);
            }
        }
    }
}
