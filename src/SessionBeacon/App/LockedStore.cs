// The flash store as both of the beacon's threads use it (docs/architecture.md, "Two threads"): the
// input thread writes alerts and the running alert number, the network thread receipts, ratchet
// states, the node pool and inbox cursors. They use different keys (the outbox's own lock orders its
// keys), but a store need not be safe for two callers at once, so each call here runs alone. A call
// waits at most for one flash operation of the other thread, never for the network.
using Session.Core.Micro.Network;

namespace SessionBeacon.App
{
    /// <summary>An IKeyValueStore whose calls run one at a time.</summary>
    internal sealed class LockedStore : IKeyValueStore
    {
        private readonly IKeyValueStore _inner;
        private readonly object _gate = new object();

        internal LockedStore(IKeyValueStore inner)
        {
            _inner = inner;
        }

        public byte[] Get(string key)
        {
            lock (_gate)
            {
                return _inner.Get(key);
            }
        }

        public void Put(string key, byte[] value)
        {
            lock (_gate)
            {
                _inner.Put(key, value);
            }
        }

        public void Remove(string key)
        {
            lock (_gate)
            {
                _inner.Remove(key);
            }
        }
    }
}
