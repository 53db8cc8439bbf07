// The outbox's table of slots in memory (docs/outbox.md): the record each slot holds, the slots the
// store could not read at the last load (left as they are on flash and never written until the next
// load, since writing there might hide a newer version), and what the load found damaged. Every
// change of a record goes to flash first (OutboxSlots), then into the table, so the table never
// holds what flash does not. Not safe for two threads by itself: the Outbox calls it under its lock.
using System;
using System.Collections;
using Session.Core.Micro.Network;

namespace SessionBeacon.Delivery
{
    /// <summary>The outbox's slots: their records, the unreadable ones, and the damage found loading them.</summary>
    internal sealed class OutboxTable
    {
        private readonly OutboxSlots _slots;
        private readonly OutboxRecord[] _records;
        private readonly bool[] _unreadable;
        private readonly ArrayList _damage = new ArrayList();

        internal OutboxTable(IKeyValueStore store, int capacity)
        {
            _slots = new OutboxSlots(store, capacity);
            _records = new OutboxRecord[capacity];
            _unreadable = new bool[capacity];
        }

        internal int Capacity
        {
            get { return _records.Length; }
        }

        /// <summary>The slot's record; null for a free or unreadable slot.</summary>
        internal OutboxRecord this[int slot]
        {
            get { return _records[slot]; }
        }

        internal int Count
        {
            get
            {
                int count = 0;
                for (int i = 0; i < _records.Length; i++)
                {
                    if (_records[i] != null)
                    {
                        count++;
                    }
                }
                return count;
            }
        }

        internal int HeldCount
        {
            get
            {
                int held = 0;
                for (int i = 0; i < _records.Length; i++)
                {
                    if (_records[i] != null && _records[i].IsHeld)
                    {
                        held++;
                    }
                }
                return held;
            }
        }

        /// <summary>The records, oldest slot first.</summary>
        internal OutboxRecord[] Records()
        {
            var records = new OutboxRecord[Count];
            int n = 0;
            for (int i = 0; i < _records.Length; i++)
            {
                if (_records[i] != null)
                {
                    records[n++] = _records[i];
                }
            }
            return records;
        }

        /// <summary>The slot that holds <paramref name="record"/>'s alert, or -1.</summary>
        internal int SlotOf(OutboxRecord record)
        {
            for (int slot = 0; slot < _records.Length; slot++)
            {
                if (record.SameAlert(_records[slot]))
                {
                    return slot;
                }
            }
            return -1;
        }

        /// <summary>A slot that is free and was readable.</summary>
        /// <exception cref="InvalidOperationException">There is none: the outbox is full.</exception>
        internal int FreeSlot()
        {
            for (int slot = 0; slot < _records.Length; slot++)
            {
                if (_records[slot] == null && !_unreadable[slot])
                {
                    return slot;
                }
            }
            throw Errors.OutboxFull(_records.Length);
        }

        /// <summary>
        /// Loads the slot from flash, recovering a damaged record as far as its copies allow (told in
        /// <see cref="TakeDamage"/>); a slot the store cannot read is marked unreadable.
        /// </summary>
        /// <returns>The slot's record, or null.</returns>
        internal OutboxRecord Load(int slot)
        {
            _records[slot] = null;
            _unreadable[slot] = false;
            try
            {
                _records[slot] = _slots.Load(slot, _damage);
            }
            catch (Exception failure)
            {
                _records[slot] = null;
                _unreadable[slot] = true;
                _damage.Add(new OutboxDamage(0, new string[0], true, failure.Message));
            }
            return _records[slot];
        }

        /// <summary>What the loads found damaged or could not read, since the last call.</summary>
        internal OutboxDamage[] TakeDamage()
        {
            var damage = (OutboxDamage[])_damage.ToArray(typeof(OutboxDamage));
            _damage.Clear();
            return damage;
        }

        /// <summary>Writes <paramref name="record"/> as the first version of the free <paramref name="slot"/>, then holds it.</summary>
        internal void Add(int slot, OutboxRecord record)
        {
            _slots.WriteNew(slot, record);
            _records[slot] = record;
        }

        /// <summary>Writes <paramref name="record"/> as the slot's next version (the same alert, changed), then holds it.</summary>
        internal void Replace(int slot, OutboxRecord record)
        {
            _slots.Write(slot, record, false);
            _records[slot] = record;
        }

        /// <summary>Removes the slot's record from flash, atomically, then from the table.</summary>
        internal void Remove(int slot)
        {
            _slots.Remove(slot, _records[slot]);
            _records[slot] = null;
        }
    }
}
