// Network time (docs/protocol.md §3.1, §4.6, §7 step 4): the offset between the network's time and
// the local clock, added to local time for every timestamp the client sends (store/retrieve must be
// within 10 s / 60 s of the node's clock). ClockSync sets it from several nodes' `info` before the
// first timestamp and after a 406 or 425, and keeps the anchor it may not stray from by more than
// ServiceNodeClient.MaxTimeStep without a double agreement of nodes: the local clock (offset 0) until
// such an agreement moves it.
namespace Session.Core.Micro.Network
{
    /// <summary>Local time corrected by the offset seen in service-node replies.</summary>
    public sealed class NetworkClock
    {
        private readonly IClock _local;
        private long _offset;
        private long _anchor;
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

        /// <summary>The offset the network time may not leave by more than ServiceNodeClient.MaxTimeStep without nodes agreeing on a jump: 0 (the local clock) until they do.</summary>
        public long Anchor
        {
            get { return _anchor; }
        }

        /// <summary>True once the network's time has been checked.</summary>
        public bool IsSynchronised
        {
            get { return _synchronised; }
        }

        /// <summary>The local clock this corrects (also used to wait between retries).</summary>
        public IClock Local
        {
            get { return _local; }
        }

        /// <summary>Sets the offset, checked by ClockSync; with <paramref name="anchor"/> it is also the new anchor (an agreed jump).</summary>
        internal void SetOffset(long offset, bool anchor)
        {
            _offset = offset;
            if (anchor)
            {
                _anchor = offset;
            }
            _synchronised = true;
        }
    }
}
