// Network time (docs/protocol.md §3.1, §4.6, §7 step 4): every service-node response carries "t",
// the node's clock in Unix ms; the offset t - local now is kept and added to local time for every
// timestamp the client sends (store/retrieve must be within 10 s / 60 s of the node's clock).
// A 406 or 425 reply means the offset is stale: the client resynchronises and retries once.
namespace Session.Core.Micro.Network
{
    /// <summary>Local time corrected by the offset seen in service-node replies.</summary>
    public sealed class NetworkClock
    {
        private readonly IClock _local;
        private long _offset;
        private bool _synchronised;

        /// <summary>Creates a clock with offset 0 over <paramref name="local"/>.</summary>
        /// <exception cref="System.ArgumentNullException">local is null.</exception>
        public NetworkClock(IClock local)
        {
            if (local == null)
            {
                throw Errors.Null("local");
            }
            _local = local;
        }

        /// <summary>Network time now, Unix ms.</summary>
        public long Now
        {
            get { return _local.UnixMilliseconds + _offset; }
        }

        /// <summary>Network time minus local time, ms.</summary>
        public long Offset
        {
            get { return _offset; }
        }

        /// <summary>True once any node's time has been seen.</summary>
        public bool IsSynchronised
        {
            get { return _synchronised; }
        }

        /// <summary>The local clock this corrects (also used to wait between retries).</summary>
        public IClock Local
        {
            get { return _local; }
        }

        /// <summary>Takes a node's time <paramref name="serverMilliseconds"/> (a reply's "t") as the network's now.</summary>
        /// <exception cref="System.ArgumentException">serverMilliseconds is not positive.</exception>
        public void Observe(long serverMilliseconds)
        {
            if (serverMilliseconds <= 0)
            {
                throw Errors.Range("serverMilliseconds");
            }
            _offset = serverMilliseconds - _local.UnixMilliseconds;
            _synchronised = true;
        }
    }
}
