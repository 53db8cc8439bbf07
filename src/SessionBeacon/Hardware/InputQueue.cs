// The hand-over from interrupt threads to the main loop. GPIO change events arrive on the
// runtime's event thread (nanoFramework) while the alert policy is single-threaded, so each edge is
// queued here with its time and drained into the policy by the main loop. Fixed size, no allocation
// per edge: a bouncing contact must not fill the heap. When full, new edges are dropped and
// counted; the level read with the next edge that fits still brings the policy up to date.
using SessionBeacon.Policy;

namespace SessionBeacon.Hardware
{
    /// <summary>A bounded, thread-safe queue of raw input levels with their times.</summary>
    public sealed class InputQueue
    {
        private readonly object _lock = new object();
        private readonly InputKind[] _kinds;
        private readonly int[] _indexes;
        private readonly bool[] _levels;
        private readonly long[] _times;
        private int _head;
        private int _count;
        private int _dropped;

        /// <summary>A queue of <paramref name="capacity"/> entries.</summary>
        /// <exception cref="System.ArgumentException"><paramref name="capacity"/> is below 1.</exception>
        public InputQueue(int capacity)
        {
            if (capacity < 1)
            {
                throw Errors.Range("capacity", "must be at least 1");
            }
            _kinds = new InputKind[capacity];
            _indexes = new int[capacity];
            _levels = new bool[capacity];
            _times = new long[capacity];
        }

        /// <summary>Entries waiting.</summary>
        public int Count
        {
            get
            {
                lock (_lock)
                {
                    return _count;
                }
            }
        }

        /// <summary>Entries dropped because the queue was full, since it was made.</summary>
        public int Dropped
        {
            get
            {
                lock (_lock)
                {
                    return _dropped;
                }
            }
        }

        /// <summary>Queues a level; safe from any thread. Returns false (and counts it) when the queue is full.</summary>
        public bool Post(InputKind kind, int index, bool level, long time)
        {
            lock (_lock)
            {
                if (_count == _kinds.Length)
                {
                    _dropped++;
                    return false;
                }
                int at = (_head + _count) % _kinds.Length;
                _kinds[at] = kind;
                _indexes[at] = index;
                _levels[at] = level;
                _times[at] = time;
                _count++;
                return true;
            }
        }

        /// <summary>Feeds every queued entry, oldest first, to <paramref name="policy"/>; returns how many.</summary>
        /// <exception cref="System.ArgumentNullException"><paramref name="policy"/> is null.</exception>
        public int DrainInto(AlertPolicy policy)
        {
            if (policy == null)
            {
                throw Errors.Null("policy");
            }
            int drained = 0;
            while (true)
            {
                InputKind kind;
                int index;
                bool level;
                long time;
                lock (_lock)
                {
                    if (_count == 0)
                    {
                        return drained;
                    }
                    kind = _kinds[_head];
                    index = _indexes[_head];
                    level = _levels[_head];
                    time = _times[_head];
                    _head = (_head + 1) % _kinds.Length;
                    _count--;
                }
                // The policy runs outside the lock, so an interrupt never waits for it.
                if (kind == InputKind.Button)
                {
                    policy.ButtonLevel(level, time);
                }
                else
                {
                    policy.SensorLevel(index, level, time);
                }
                drained++;
            }
        }
    }
}
