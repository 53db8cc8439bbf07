// When each outbox slot is next due (docs/outbox.md, "Sending"): a slot is due at once when its alert
// is written or sealed, and after a send that left it undelivered it waits 5 s, doubling to at most
// 5 min (Outbox.RetryBaseMs, Outbox.RetryMaxMs). The backoff is taken before the send (Outbox.Step),
// so a flash write that fails after it still leaves the slot waiting. Also per slot: whether its
// alert was added since Start, so that its times are on the clock Step runs on now. The outbox's
// lock guards every call.
namespace SessionBeacon.Delivery
{
    /// <summary>The retry times of the outbox's slots.</summary>
    internal sealed class OutboxSchedule
    {
        private readonly long[] _nextAttempt;
        private readonly int[] _failures;
        private readonly bool[] _addedSinceStart;

        internal OutboxSchedule(int capacity)
        {
            _nextAttempt = new long[capacity];
            _failures = new int[capacity];
            _addedSinceStart = new bool[capacity];
        }

        /// <summary>Makes <paramref name="slot"/> due at <paramref name="now"/> with no failures counted.</summary>
        internal void DueNow(int slot, long now)
        {
            _nextAttempt[slot] = now;
            _failures[slot] = 0;
        }

        /// <summary>As DueNow, for an alert just written: its times are on this run's clock.</summary>
        internal void Added(int slot, long now)
        {
            DueNow(slot, now);
            _addedSinceStart[slot] = true;
        }

        /// <summary>As DueNow, for an alert loaded from flash at Start.</summary>
        internal void Loaded(int slot, long now)
        {
            DueNow(slot, now);
            _addedSinceStart[slot] = false;
        }

        internal bool IsDue(int slot, long now)
        {
            return now >= _nextAttempt[slot];
        }

        internal long NextAttempt(int slot)
        {
            return _nextAttempt[slot];
        }

        internal bool AddedSinceStart(int slot)
        {
            return _addedSinceStart[slot];
        }

        /// <summary>Takes the slot's next backoff step from <paramref name="now"/>, before it is sent.</summary>
        internal void Backoff(int slot, long now)
        {
            long delay = Outbox.RetryBaseMs << (_failures[slot] < 6 ? _failures[slot] : 6);
            _failures[slot]++;
            _nextAttempt[slot] = now + (delay < Outbox.RetryMaxMs ? delay : Outbox.RetryMaxMs);
        }

        /// <summary>Nothing is due in the slot before <paramref name="time"/> (only recipients waiting for a new pairing are left).</summary>
        internal void Defer(int slot, long time)
        {
            _nextAttempt[slot] = time;
        }
    }
}
