// The outbox's atomic record storage (docs/outbox.md, "Atomic writes on a store that may tear"):
// IKeyValueStore.Put may tear at a power cut, so each slot has two keys, "outbox.N.a" and
// "outbox.N.b". A new version goes to the key that does not hold the current one, carries the next
// sequence number and a SHA-256 (OutboxFormat), and becomes current only once it is whole; the old
// version stays readable until then. Removal writes a "removed" version first, then deletes both
// keys, so a cut half-way never brings back an older state.
using Session.Core.Micro.Network;

namespace SessionBeacon.Delivery
{
    internal sealed class OutboxSlots
    {
        private const string KeyPrefix = "outbox.";

        private readonly IKeyValueStore _store;
        private readonly uint[] _seq;
        private readonly bool[] _currentIsB;

        internal OutboxSlots(IKeyValueStore store, int capacity)
        {
            _store = store;
            _seq = new uint[capacity];
            _currentIsB = new bool[capacity];
        }

        /// <summary>The slot's current record; null when it is empty (torn values are cleared, an interrupted removal finished).</summary>
        internal OutboxRecord Load(int slot)
        {
            uint seqA;
            uint seqB;
            bool removedA;
            bool removedB;
            OutboxRecord a;
            OutboxRecord b;
            byte[] valueA = _store.Get(Key(slot, false));
            byte[] valueB = _store.Get(Key(slot, true));
            bool validA = OutboxFormat.TryDecode(valueA, out seqA, out removedA, out a);
            bool validB = OutboxFormat.TryDecode(valueB, out seqB, out removedB, out b);
            // A torn or foreign value is worth nothing; clearing it keeps the flash from filling with junk.
            if (valueA != null && !validA)
            {
                _store.Remove(Key(slot, false));
            }
            if (valueB != null && !validB)
            {
                _store.Remove(Key(slot, true));
            }
            if (!validA && !validB)
            {
                return null;
            }
            bool useB = validB && (!validA || seqB > seqA);
            _currentIsB[slot] = useB;
            _seq[slot] = useB ? seqB : seqA;
            if (useB ? removedB : removedA)
            {
                // A removal was cut short: finish it.
                DeleteKeys(slot);
                return null;
            }
            return useB ? b : a;
        }

        /// <summary>Writes the first version of a new alert into an empty slot.</summary>
        internal void WriteNew(int slot, OutboxRecord record)
        {
            _seq[slot] = 0;
            _currentIsB[slot] = true;
            Write(slot, record, false);
        }

        /// <summary>Writes the next version of the slot's record; only a whole new version replaces the current one.</summary>
        internal void Write(int slot, OutboxRecord record, bool removed)
        {
            bool toB = !_currentIsB[slot];
            uint seq = _seq[slot] + 1;
            _store.Put(Key(slot, toB), OutboxFormat.Encode(record, seq, removed));
            _seq[slot] = seq;
            _currentIsB[slot] = toB;
        }

        /// <summary>Removes the slot's record: a "removed" version first, then both keys.</summary>
        internal void Remove(int slot, OutboxRecord record)
        {
            Write(slot, record, true);
            DeleteKeys(slot);
        }

        // The older key first, so that until the last step the newest readable version is the removed marker.
        private void DeleteKeys(int slot)
        {
            _store.Remove(Key(slot, !_currentIsB[slot]));
            _store.Remove(Key(slot, _currentIsB[slot]));
            _seq[slot] = 0;
            _currentIsB[slot] = false;
        }

        private static string Key(int slot, bool b)
        {
            return KeyPrefix + slot.ToString() + (b ? ".b" : ".a");
        }
    }
}
