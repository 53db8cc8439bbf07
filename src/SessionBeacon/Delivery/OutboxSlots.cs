// The outbox's atomic record storage (docs/outbox.md, "Atomic writes on a store that may tear"):
// IKeyValueStore.Put may tear at a power cut, so each slot has two keys, "outbox.N.a" and
// "outbox.N.b". A new version goes to the key that does not hold the current one, carries the next
// sequence number and CRC-32 checks (OutboxFormat), and becomes current only once it is whole; the old
// version stays readable until then. Removal writes a "removed" version first, then deletes both
// keys, so a cut half-way never brings back an older state. A value damaged on flash (not torn) is
// handled by Load: the newest whole copy is used, else the alert is put together from its parts.
using System.Collections;
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

        /// <summary>
        /// The slot's current record; null when it is empty. Torn and damaged values are cleared, an interrupted
        /// removal is finished, and a record with no whole copy left is put together from what its copies still
        /// hold and written again; every damage is added to <paramref name="damage"/> (docs/outbox.md, "Damaged records").
        /// </summary>
        internal OutboxRecord Load(int slot, ArrayList damage)
        {
            byte[] valueA = _store.Get(Key(slot, false));
            byte[] valueB = _store.Get(Key(slot, true));
            OutboxCopy a = OutboxFormat.Decode(valueA);
            OutboxCopy b = OutboxFormat.Decode(valueB);
            OutboxCopy best = Newer(a != null && a.Complete ? a : null, b != null && b.Complete ? b : null);
            if (best == null)
            {
                return Salvage(slot, valueA != null || valueB != null, a, b, damage);
            }
            bool useB = best == b;
            OutboxCopy other = useB ? a : b;
            byte[] otherValue = useB ? valueA : valueB;
            // A damaged value older than the copy in use held nothing more; a newer or unreadable one may have.
            bool newerLost = otherValue != null && (other == null || (!other.Intact && other.Seq > best.Seq));
            if (otherValue != null && (other == null || !other.Intact))
            {
                _store.Remove(Key(slot, !useB));
            }
            _currentIsB[slot] = useB;
            _seq[slot] = best.Seq;
            if (best.Removed)
            {
                // A removal was cut short: finish it.
                DeleteKeys(slot);
                return null;
            }
            if (newerLost || !best.Intact)
            {
                damage.Add(new OutboxDamage(best.Kind, new string[0], false, null));
            }
            return best.ToRecord();
        }

        // No copy is complete: the newest readable header, each payload from wherever it still holds
        // (the other copy of the same alert, or, for a held alert whose payloads are all its text, any
        // other payload); what is left is written as a new version, and the rest reported lost.
        private OutboxRecord Salvage(int slot, bool any, OutboxCopy a, OutboxCopy b, ArrayList damage)
        {
            if (!any)
            {
                return null;
            }
            OutboxCopy newest = Newer(a, b);
            if (newest == null)
            {
                damage.Add(new OutboxDamage(0, new string[0], true, null));
                DeleteKeys(slot);
                return null;
            }
            OutboxCopy other = newest == a ? b : a;
            if (!newest.SameForm(other))
            {
                other = null;
            }
            int count = newest.Recipients.Length;
            var ids = new ArrayList();
            var payloads = new ArrayList();
            var states = new ArrayList();
            var lost = new ArrayList();
            for (int i = 0; i < count; i++)
            {
                byte[] payload = newest.Payloads[i];
                if (payload == null && other != null)
                {
                    payload = other.Payloads[i];
                }
                if (payload == null && newest.Held)
                {
                    payload = AnyPayload(newest, other);
                }
                if (payload == null && newest.States[i] == OutboxRecord.Delivered)
                {
                    // Stored already: its payload is never sent again.
                    payload = new byte[0];
                }
                if (payload == null)
                {
                    lost.Add(newest.Recipients[i]);
                    continue;
                }
                ids.Add(newest.Recipients[i]);
                payloads.Add(payload);
                states.Add(newest.States[i]);
            }
            damage.Add(new OutboxDamage(newest.Kind, (string[])lost.ToArray(typeof(string)), false, null));
            var kept = new byte[states.Count];
            bool pending = false;
            for (int i = 0; i < kept.Length; i++)
            {
                kept[i] = (byte)states[i];
                pending |= kept[i] != OutboxRecord.Delivered;
            }
            if (!pending)
            {
                DeleteKeys(slot);
                return null;
            }
            var record = new OutboxRecord(newest.Id, newest.Kind, newest.Created, newest.Ttl, (string[])ids.ToArray(typeof(string)),
                (byte[][])payloads.ToArray(typeof(byte[])), kept, newest.Held);
            // The put-together record goes to the other key as the next version; then the damaged one goes.
            bool newestIsB = newest == b;
            _currentIsB[slot] = newestIsB;
            _seq[slot] = Newer(a, b).Seq;
            Write(slot, record, false);
            _store.Remove(Key(slot, newestIsB));
            return record;
        }

        // The first payload that holds in either copy (a held alert's payloads are all its text).
        private static byte[] AnyPayload(OutboxCopy newest, OutboxCopy other)
        {
            for (int i = 0; i < newest.Payloads.Length; i++)
            {
                if (newest.Payloads[i] != null)
                {
                    return newest.Payloads[i];
                }
                if (other != null && other.Payloads[i] != null)
                {
                    return other.Payloads[i];
                }
            }
            return null;
        }

        // The one with the higher sequence number; either may be null.
        private static OutboxCopy Newer(OutboxCopy a, OutboxCopy b)
        {
            if (a == null)
            {
                return b;
            }
            return b == null || a.Seq > b.Seq ? a : b;
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
