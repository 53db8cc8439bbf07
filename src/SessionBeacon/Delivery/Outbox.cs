// The outbox (docs/architecture.md "One alert, end to end"; docs/outbox.md): an alert is written to
// the key-value store, with the final store payload for each recipient, before anything goes on the
// air, so a resend after a reboot is byte-identical and the swarm recognises it as a duplicate. It
// leaves only when every recipient has a verified receipt, or when its TTL has passed.
// Atomicity: each of the Capacity slots is written as OutboxSlots describes (two keys per slot, a
// new version becomes current only once whole, removal marks before it deletes).
// Module lifecycle (CONTRIBUTING.md rule 13): Start(now) loads, Step(now) sends what is due and
// returns the next wake time, Stop. When each slot is due: OutboxSchedule; argument checks: OutboxChecks.
// The slots in memory: OutboxTable; the sending: OutboxDelivery.
// Two threads share it (docs/architecture.md, "Two threads"): the input thread adds alerts and gives
// up old ones (AddHeld, Add of a flash alert, Discard), the network thread seals, sends and removes
// them (Seal, SealWaiting, Step). Every method holds the outbox's one lock while it reads or changes
// the slots, flash writes included, and never while it sends or composes: Step takes a record under
// the lock, sends without it, and writes the receipt under it again only if the slot still holds the
// same alert (a receipt for an alert given up meanwhile is dropped). So an Add waits at most for one
// flash write, never for the network.
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Identity;
using Session.Core.Micro.Messages;
using Session.Core.Micro.Network;
using SessionBeacon.Arming;

namespace SessionBeacon.Delivery
{
    /// <summary>The persistent queue of alerts that are not yet provably stored for every recipient.</summary>
    public sealed class Outbox
    {
        /// <summary>The wake time meaning "nothing to send".</summary>
        public const long Never = long.MaxValue;

        /// <summary>The first retry delay after a failed send, in ms; it doubles up to <see cref="RetryMaxMs"/>.</summary>
        public const long RetryBaseMs = 5000;

        /// <summary>The longest retry delay, in ms.</summary>
        public const long RetryMaxMs = 300000;

        /// <summary>The most recipients one alert may have (one byte in the record).</summary>
        public const int MaxRecipients = 255;

        private readonly object _gate = new object();
        private readonly OutboxTable _table;
        private readonly IAlertSender _sender;
        private readonly OutboxSchedule _schedule;
        private readonly OutboxDelivery _delivery;
        private bool _started;

        /// <summary>An outbox of <paramref name="capacity"/> alerts in <paramref name="store"/>, sending through <paramref name="sender"/>.</summary>
        /// <exception cref="System.ArgumentNullException">store or sender is null.</exception>
        /// <exception cref="System.ArgumentException">capacity is below 1 or above 64.</exception>
        public Outbox(IKeyValueStore store, IAlertSender sender, int capacity)
        {
            if (store == null)
            {
                throw Errors.Null("store");
            }
            if (sender == null)
            {
                throw Errors.Null("sender");
            }
            if (capacity < 1 || capacity > 64)
            {
                throw Errors.Range("capacity", "must be 1 to 64");
            }
            _table = new OutboxTable(store, capacity);
            _sender = sender;
            _schedule = new OutboxSchedule(capacity);
            _delivery = new OutboxDelivery(_gate, _table, _schedule, sender);
        }

        /// <summary>How many alerts the outbox can hold.</summary>
        public int Capacity
        {
            get { return _table.Capacity; }
        }

        /// <summary>Alerts that left delivered to every recipient since this outbox was made (RAM only, for feedback).</summary>
        public int DeliveredCount
        {
            get
            {
                lock (_gate)
                {
                    return _delivery.DeliveredCount;
                }
            }
        }

        /// <summary>Alerts dropped undelivered at the end of their TTL since this outbox was made.</summary>
        public int ExpiredCount
        {
            get
            {
                lock (_gate)
                {
                    return _delivery.ExpiredCount;
                }
            }
        }

        /// <summary>Sends that got no verified receipt since this outbox was made (each is retried).</summary>
        public int FailedSends
        {
            get
            {
                lock (_gate)
                {
                    return _delivery.FailedSends;
                }
            }
        }

        /// <summary>How many of its alerts are held, waiting for the network's time (Seal).</summary>
        public int HeldCount
        {
            get
            {
                lock (_gate)
                {
                    return _table.HeldCount;
                }
            }
        }

        /// <summary>How many alerts it holds now.</summary>
        public int Count
        {
            get
            {
                lock (_gate)
                {
                    return _table.Count;
                }
            }
        }

        /// <summary>The alerts it holds, oldest slot first.</summary>
        public OutboxRecord[] Records()
        {
            lock (_gate)
            {
                return _table.Records();
            }
        }

        /// <summary>When the next send is due: the earliest retry time of the alerts that are not held, or <see cref="Never"/>.</summary>
        public long NextAttempt()
        {
            lock (_gate)
            {
                long next = Never;
                for (int slot = 0; slot < _table.Capacity; slot++)
                {
                    if (_table[slot] != null && !_table[slot].IsHeld && _schedule.NextAttempt(slot) < next)
                    {
                        next = _schedule.NextAttempt(slot);
                    }
                }
                return next;
            }
        }

        /// <summary>
        /// True when <paramref name="record"/>'s alert was added since <see cref="Start"/>, so that its
        /// CreatedMs is on the clock Step runs on now; false for an alert loaded from flash (written before
        /// a restart, on a clock that may have been reset since) or one the outbox does not hold.
        /// </summary>
        /// <exception cref="System.ArgumentNullException"><paramref name="record"/> is null.</exception>
        public bool AddedSinceStart(OutboxRecord record)
        {
            if (record == null)
            {
                throw Errors.Null("record");
            }
            lock (_gate)
            {
                int slot = _table.SlotOf(record);
                return slot >= 0 && _schedule.AddedSinceStart(slot);
            }
        }

        /// <summary>
        /// Gives up <paramref name="record"/> undelivered (the caller needs its room for a more important
        /// alert); its removal is atomic like every other.
        /// </summary>
        /// <returns>False when the outbox does not hold that alert.</returns>
        /// <exception cref="System.ArgumentNullException"><paramref name="record"/> is null.</exception>
        /// <exception cref="System.InvalidOperationException">The outbox is not started.</exception>
        public bool Discard(OutboxRecord record)
        {
            CheckStarted();
            if (record == null)
            {
                throw Errors.Null("record");
            }
            lock (_gate)
            {
                int slot = _table.SlotOf(record);
                if (slot < 0)
                {
                    return false;
                }
                _table.Remove(slot);
                return true;
            }
        }

        /// <summary>
        /// Loads every slot from the store, finishes interrupted removals and drops expired alerts. A damaged
        /// record is recovered as far as its copies allow and told in <see cref="TakeDamage"/>, never dropped
        /// silently; a slot the store cannot read is left as it is on flash, unused until the next Start.
        /// </summary>
        /// <returns>When to call <see cref="Step"/>: <paramref name="now"/> when anything is waiting, else <see cref="Never"/>.</returns>
        public long Start(long now)
        {
            lock (_gate)
            {
                _started = true;
                for (int slot = 0; slot < _table.Capacity; slot++)
                {
                    _schedule.Loaded(slot, now);
                    OutboxRecord record = _table.Load(slot);
                    if (record != null && !record.IsHeld && now >= record.ExpiresMs)
                    {
                        _table.Remove(slot);
                    }
                }
                return _table.Count > 0 ? now : Never;
            }
        }

        /// <summary>What Start found damaged or could not read, since the last call; empty when all was well.</summary>
        public OutboxDamage[] TakeDamage()
        {
            lock (_gate)
            {
                return _table.TakeDamage();
            }
        }

        /// <summary>
        /// Composes the alert for every recipient (one sealed box each, through MessageEncoder) and
        /// writes it to the store. Nothing is sent here; the next <see cref="Step"/> sends it.
        /// </summary>
        /// <param name="kind">What the alert is about.</param>
        /// <param name="now">The current time (Unix ms); the alert expires at now + ttlMs.</param>
        /// <param name="ttlMs">How long to retry, ServiceNodeClient.MinimumTtl .. ServiceNodeClient.DefaultTtl.</param>
        /// <param name="sender">The beacon's identity.</param>
        /// <param name="recipientIds">The recipients' Session IDs (1 to <see cref="MaxRecipients"/>).</param>
        /// <param name="content">The message; its sigTimestamp is part of the stored bytes.</param>
        /// <param name="random">The source of the alert id and of each payload's ephemeral key and decoy.</param>
        /// <returns>The stored record.</returns>
        /// <exception cref="System.ArgumentNullException">An argument or a recipient is null.</exception>
        /// <exception cref="System.ArgumentException">A recipient is not a Session ID, the recipient count or ttlMs is out of range.</exception>
        /// <exception cref="System.InvalidOperationException">The outbox is not started, or full.</exception>
        public OutboxRecord Add(AlertKind kind, long now, long ttlMs, IdentityKeys sender, string[] recipientIds, ContentMessage content, IRandomSource random)
        {
            return Add(kind, now, ttlMs, sender, recipientIds, content, random, null);
        }

        /// <summary>
        /// As Add without <paramref name="armed"/>, but each recipient's payload is sealed with an
        /// armed seal slot when one is ready (pre-arming), else composed in full. Only this
        /// first build is affected: the record stores the final payloads, and resends repeat them byte for byte.
        /// </summary>
        public OutboxRecord Add(AlertKind kind, long now, long ttlMs, IdentityKeys sender, string[] recipientIds, ContentMessage content, IRandomSource random, ArmedSlots armed)
        {
            CheckStarted();
            OutboxChecks.Compose(sender, content, random);
            OutboxChecks.Recipients(ttlMs, recipientIds);
            lock (_gate)
            {
                // Full: say so before the cryptography, not after.
                _table.FreeSlot();
            }
            var payloads = new byte[recipientIds.Length][];
            for (int i = 0; i < recipientIds.Length; i++)
            {
                payloads[i] = Compose(sender, recipientIds[i].ToLower(), content, random, armed);
            }
            return Add(kind, now, ttlMs, recipientIds, payloads, random);
        }

        /// <summary>
        /// Stores an alert whose payloads are already built (ratchet messages, a pre-built flash alert):
        /// payloads[i] goes to recipientIds[i], byte for byte, on every attempt.
        /// </summary>
        /// <returns>The stored record.</returns>
        /// <exception cref="System.ArgumentNullException">An argument, a recipient or a payload is null.</exception>
        /// <exception cref="System.ArgumentException">A recipient is not a Session ID, the counts differ or are out of range, or ttlMs is out of range.</exception>
        /// <exception cref="System.InvalidOperationException">The outbox is not started, or full.</exception>
        public OutboxRecord Add(AlertKind kind, long now, long ttlMs, string[] recipientIds, byte[][] payloads, IRandomSource random)
        {
            return Add(kind, now, ttlMs, recipientIds, payloads, null, random);
        }

        /// <summary>
        /// As Add without <paramref name="waiting"/>, but a recipient with waiting[i] true waits for a new pairing
        /// with its companion receiver (ratchet.on_damage = hold): payloads[i] is the alert's text, nothing is sent to
        /// it until <see cref="SealWaiting"/> gives its final payload, and the alert's TTL runs as for the others.
        /// </summary>
        /// <exception cref="System.ArgumentException">As Add; also waiting is not null and not one flag per recipient.</exception>
        public OutboxRecord Add(AlertKind kind, long now, long ttlMs, string[] recipientIds, byte[][] payloads, bool[] waiting, IRandomSource random)
        {
            CheckStarted();
            OutboxChecks.Recipients(ttlMs, recipientIds);
            if (random == null) { throw Errors.Null("random"); }
            OutboxChecks.Payloads(payloads, recipientIds.Length, waiting);
            var ids = new string[recipientIds.Length];
            for (int i = 0; i < recipientIds.Length; i++)
            {
                ids[i] = recipientIds[i].ToLower();
            }
            return Insert(kind, now, ttlMs, ids, payloads, OutboxChecks.States(waiting, ids.Length), random, now, false);
        }

        /// <summary>
        /// Stores an alert that cannot be sealed yet because the beacon does not know the time (no node
        /// has told it): <paramref name="body"/>, the alert's text without its time, is kept for every
        /// recipient; nothing is sent and the TTL does not run until <see cref="Seal"/> gives the final payloads.
        /// </summary>
        /// <returns>The stored, held record.</returns>
        /// <exception cref="System.ArgumentNullException">An argument or a recipient is null.</exception>
        /// <exception cref="System.ArgumentException">A recipient is not a Session ID, or a count or ttlMs is out of range.</exception>
        /// <exception cref="System.InvalidOperationException">The outbox is not started, or full.</exception>
        public OutboxRecord AddHeld(AlertKind kind, long now, long ttlMs, string[] recipientIds, byte[] body, IRandomSource random)
        {
            CheckStarted();
            OutboxChecks.Recipients(ttlMs, recipientIds);
            if (body == null) { throw Errors.Null("body"); }
            if (random == null) { throw Errors.Null("random"); }
            var ids = new string[recipientIds.Length];
            var payloads = new byte[recipientIds.Length][];
            for (int i = 0; i < ids.Length; i++)
            {
                ids[i] = recipientIds[i].ToLower();
                payloads[i] = body;
            }
            return Insert(kind, now, ttlMs, ids, payloads, new byte[ids.Length], random, now, true);
        }

        /// <summary>
        /// Replaces the held <paramref name="held"/> with its final payloads (one per recipient, in the
        /// record's order), atomically; its TTL starts at <paramref name="now"/> and it is due at once.
        /// </summary>
        /// <returns>The sealed record.</returns>
        /// <exception cref="System.ArgumentNullException">An argument or a payload is null.</exception>
        /// <exception cref="System.ArgumentException">The record is not held here, or the payload count differs.</exception>
        public OutboxRecord Seal(OutboxRecord held, byte[][] payloads, long now)
        {
            return Seal(held, payloads, null, now);
        }

        /// <summary>As Seal without <paramref name="waiting"/>, with recipients that wait for a new pairing as in Add.</summary>
        /// <exception cref="System.ArgumentException">As Seal; also waiting is not null and not one flag per recipient.</exception>
        public OutboxRecord Seal(OutboxRecord held, byte[][] payloads, bool[] waiting, long now)
        {
            CheckStarted();
            if (held == null) { throw Errors.Null("held"); }
            OutboxChecks.Payloads(payloads, held.RecipientCount, waiting);
            var ids = new string[payloads.Length];
            for (int i = 0; i < ids.Length; i++)
            {
                ids[i] = held.RecipientId(i);
            }
            var sealedRecord = new OutboxRecord(held.Id(), held.Kind, now, held.TtlMs, ids, payloads, OutboxChecks.States(waiting, ids.Length), false);
            lock (_gate)
            {
                int slot = _table.SlotOf(held);
                if (slot < 0 || !_table[slot].IsHeld)
                {
                    throw Errors.Range("held", "must be a held alert of this outbox");
                }
                _table.Replace(slot, sealedRecord);
                _schedule.DueNow(slot, now);
                return sealedRecord;
            }
        }

        /// <summary>
        /// Gives recipient <paramref name="index"/> of <paramref name="record"/>, which waits for a new pairing, its final
        /// payload (it was paired again), atomically; it is due at once.
        /// </summary>
        /// <returns>The record as it is now.</returns>
        /// <exception cref="System.ArgumentNullException">An argument is null.</exception>
        /// <exception cref="System.ArgumentException">The record is not in this outbox, or that recipient does not wait.</exception>
        public OutboxRecord SealWaiting(OutboxRecord record, int index, byte[] payload, long now)
        {
            CheckStarted();
            if (record == null) { throw Errors.Null("record"); }
            if (payload == null) { throw Errors.Null("payload"); }
            lock (_gate)
            {
                int slot = _table.SlotOf(record);
                if (slot < 0 || index < 0 || index >= _table[slot].RecipientCount || !_table[slot].IsWaitingFor(index))
                {
                    throw Errors.Range("index", "must be a waiting recipient of an alert of this outbox");
                }
                OutboxRecord updated = _table[slot].With(index, payload, OutboxRecord.Pending);
                _table.Replace(slot, updated);
                _schedule.DueNow(slot, now);
                return updated;
            }
        }

        /// <summary>
        /// Writes a pre-built alert (FlashAlert.Take) to the store as it is: each recipient's payload is
        /// the one inside its prepared store request, so the record holds exactly the bytes that request
        /// carries. No crypto here; the next <see cref="Step"/> sends it (ServiceNodeAlertSender.Offer lets
        /// the first send of each payload post the prepared request). The record is created at the alert's
        /// build time with its TTL, so it expires with the prepared requests. The alert is taken: it
        /// cannot be added twice.
        /// </summary>
        /// <param name="kind">What the alert is about (Panic for the flash alert).</param>
        /// <param name="now">The current time (Unix ms, the clock Step runs on).</param>
        /// <param name="alert">The pre-built alert, not yet taken or expired.</param>
        /// <param name="random">The source of the alert id.</param>
        /// <returns>The stored record.</returns>
        /// <exception cref="System.ArgumentNullException">alert or random is null.</exception>
        /// <exception cref="System.ArgumentException">The alert has expired, or has no or too many recipients.</exception>
        /// <exception cref="System.InvalidOperationException">The outbox is not started or full, or the alert was added already.</exception>
        public OutboxRecord Add(AlertKind kind, long now, PreparedAlert alert, IRandomSource random)
        {
            CheckStarted();
            OutboxChecks.Prepared(alert, now, random);
            var payloads = new byte[alert.RecipientCount][];
            var ids = new string[alert.RecipientCount];
            for (int i = 0; i < ids.Length; i++)
            {
                ids[i] = alert.RecipientId(i);
                payloads[i] = alert.PayloadBytes(i);
            }
            OutboxRecord record = Insert(kind, alert.CreatedMs, alert.TtlMs, ids, payloads, new byte[ids.Length], random, now, false);
            alert.MarkTaken();
            return record;
        }

        // Writes a new record into a free slot and makes it due at once.
        private OutboxRecord Insert(AlertKind kind, long createdMs, long ttlMs, string[] ids, byte[][] payloads, byte[] states, IRandomSource random, long now, bool held)
        {
            byte[] id = new byte[OutboxRecord.IdSize];
            random.Fill(id, 0, id.Length);
            var record = new OutboxRecord(id, kind, createdMs, ttlMs, ids, payloads, states, held);
            lock (_gate)
            {
                int slot = _table.FreeSlot();
                _table.Add(slot, record);
                _schedule.Added(slot, now);
            }
            return record;
        }

        private static byte[] Compose(IdentityKeys sender, string id, ContentMessage content, IRandomSource random, ArmedSlots armed)
        {
            return armed != null ? armed.Encode(sender, id, content, random) : MessageEncoder.Encode(sender, SessionId.TryParse(id), content, random);
        }

        /// <summary>
        /// Drops expired alerts, then sends each undelivered payload whose retry time has come, in slot
        /// order; a verified receipt is written before the next send, and an alert delivered to all leaves.
        /// The sends happen outside the outbox's lock: Add and Discard on another thread do not wait for them.
        /// </summary>
        /// <returns>When to call Step next, or <see cref="Never"/> when the outbox is empty.</returns>
        /// <exception cref="System.InvalidOperationException">The outbox is not started.</exception>
        public long Step(long now)
        {
            CheckStarted();
            _delivery.Step(now);
            return NextAttempt();
        }

        /// <summary>Stops the module; the stored alerts stay for the next Start.</summary>
        public void Stop()
        {
            lock (_gate)
            {
                _started = false;
            }
        }

        private void CheckStarted()
        {
            if (!_started)
            {
                throw Errors.NotStarted("Outbox");
            }
        }
    }
}
