// The outbox's sending (Outbox.Step; docs/outbox.md): for each slot in order, an alert past its TTL
// is dropped, and one whose retry time has come has each undelivered payload sent, its retry time
// moved on before the send (OutboxSchedule). The sends happen outside the outbox's lock, which is
// taken for each look at the table and each receipt's write, so an Add or a Discard on the input
// thread never waits for the network; a receipt for an alert given up meanwhile is dropped.
namespace SessionBeacon.Delivery
{
    /// <summary>Sends what is due from an outbox's table, and counts what came of it.</summary>
    internal sealed class OutboxDelivery
    {
        private readonly object _gate;
        private readonly OutboxTable _table;
        private readonly OutboxSchedule _schedule;
        private readonly IAlertSender _sender;

        /// <param name="gate">The outbox's lock, over the table and the schedule.</param>
        internal OutboxDelivery(object gate, OutboxTable table, OutboxSchedule schedule, IAlertSender sender)
        {
            _gate = gate;
            _table = table;
            _schedule = schedule;
            _sender = sender;
        }

        /// <summary>Alerts that left delivered to every recipient; read under the outbox's lock.</summary>
        internal int DeliveredCount { get; private set; }

        /// <summary>Alerts dropped undelivered at the end of their TTL; read under the outbox's lock.</summary>
        internal int ExpiredCount { get; private set; }

        /// <summary>Sends that got no verified receipt; read under the outbox's lock.</summary>
        internal int FailedSends { get; private set; }

        /// <summary>Drops expired alerts and sends each undelivered payload whose retry time has come, in slot order.</summary>
        internal void Step(long now)
        {
            for (int slot = 0; slot < _table.Capacity; slot++)
            {
                OutboxRecord due;
                lock (_gate)
                {
                    due = TakeDue(slot, now);
                }
                if (due != null)
                {
                    SendSlot(slot, due, now);
                }
            }
        }

        // Under the lock: drops the slot's alert when its TTL has passed; returns it when a send is due,
        // with its backoff already taken (OutboxSchedule: a flash write that throws after the send, a
        // full flash, still leaves the slot waiting, not going out again at the next Step); else null.
        private OutboxRecord TakeDue(int slot, long now)
        {
            OutboxRecord record = _table[slot];
            if (record == null || record.IsHeld)
            {
                return null;
            }
            if (now >= record.ExpiresMs)
            {
                ExpiredCount++;
                _table.Remove(slot);
                return null;
            }
            if (!_schedule.IsDue(slot, now))
            {
                return null;
            }
            _schedule.Backoff(slot, now);
            return record;
        }

        // Sends each undelivered payload of the slot's alert without the lock, and writes each receipt under
        // it, as long as the slot still holds that alert (Discard may give it up meanwhile).
        private void SendSlot(int slot, OutboxRecord alert, long now)
        {
            bool failed = false;
            for (int i = 0; i < alert.RecipientCount; i++)
            {
                OutboxRecord record;
                lock (_gate)
                {
                    record = _table[slot];
                    if (!alert.SameAlert(record))
                    {
                        return;
                    }
                }
                if (record.IsDeliveredTo(i) || record.IsWaitingFor(i))
                {
                    continue;
                }
                bool stored = _sender.Send(record.RecipientId(i), record.PayloadBytes(i), record.ExpiresMs - now);
                lock (_gate)
                {
                    record = _table[slot];
                    if (!alert.SameAlert(record))
                    {
                        return;
                    }
                    if (stored)
                    {
                        _table.Replace(slot, record.WithDelivered(i));
                    }
                    else
                    {
                        failed = true;
                        FailedSends++;
                    }
                }
            }
            lock (_gate)
            {
                if (!alert.SameAlert(_table[slot]))
                {
                    return;
                }
                if (_table[slot].IsDelivered)
                {
                    _table.Remove(slot);
                    DeliveredCount++;
                }
                else if (!failed)
                {
                    // Not delivered and nothing failed: only recipients waiting for a new pairing are left, and
                    // nothing is due before the TTL ends (or SealWaiting makes one due).
                    _schedule.Defer(slot, _table[slot].ExpiresMs);
                }
            }
        }
    }
}
