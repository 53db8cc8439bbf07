// Writes the policy's alert decisions into the outbox (docs/outbox.md, docs/ratchet.md): the
// composed text, then each recipient's final payload (a ratchet message for a companion receiver,
// else Session v1 sealed with an armed slot when one is ready), all on flash before anything is
// sent. A panic first takes the pre-built flash alert. An alert accepted before any node has told
// the time is held, its text without a time, and sealed once the time is known. A full outbox
// gives up its least important alert for a more important one (AlertPriority). The text ends with
// the notes of what went wrong before it (AlertNotes), which are forgotten once it is on flash.
using System.Collections;
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Encoding;
using Session.Core.Micro.Identity;
using Session.Core.Micro.Messages;
using Session.Core.Micro.Network;
using Session.Core.Micro.Ratchet;
using SessionBeacon.Arming;
using SessionBeacon.Config;
using SessionBeacon.Delivery;
using SessionBeacon.Policy;

namespace SessionBeacon.App
{
    /// <summary>Turns alert decisions into outbox records.</summary>
    internal sealed class AlertWriter
    {
        /// <summary>The store key of the running alert number.</summary>
        internal const string SequenceKey = "alert.sequence";

        private readonly BeaconConfig _config;
        private readonly IdentityKeys _identity;
        private readonly IKeyValueStore _store;
        private readonly IRandomSource _random;
        private readonly NetworkClock _networkClock;
        private readonly Outbox _outbox;
        private readonly ArmedSlots _armed;
        private readonly FlashAlert _flash;
        private readonly ServiceNodeAlertSender _alertSender;
        private readonly RatchetPairings _pairings;
        private readonly AlertNotes _notes;
        private readonly AlertComposer _composer;
        private readonly string[] _recipientIds;
        private readonly ArrayList _events;
        private bool _sealWaiting = true;

        internal AlertWriter(BeaconConfig config, IdentityKeys identity, IKeyValueStore store, IRandomSource random, NetworkClock networkClock,
            Outbox outbox, ArmedSlots armed, FlashAlert flash, ServiceNodeAlertSender alertSender, RatchetPairings pairings, AlertNotes notes, ArrayList events)
        {
            _config = config;
            _identity = identity;
            _store = store;
            _random = random;
            _networkClock = networkClock;
            _outbox = outbox;
            _armed = armed;
            _flash = flash;
            _alertSender = alertSender;
            _pairings = pairings;
            _notes = notes;
            _events = events;
            _composer = new AlertComposer(config);
            _recipientIds = new string[config.Recipients.Length];
            for (int i = 0; i < _recipientIds.Length; i++)
            {
                _recipientIds[i] = config.Recipients[i].SessionId;
            }
        }

        /// <summary>Writes the alert of <paramref name="decision"/> to the outbox (a panic's flash alert first) and returns its kind.</summary>
        internal AlertKind Write(Decision decision, long now)
        {
            AlertKind kind = _composer.KindOf(decision);
            if (kind == AlertKind.Panic)
            {
                QueueFlash(now);
            }
            MakeRoom(kind, now);
            string body = _composer.Body(decision, NextSequence()) + _notes.Text();
            long ttl = _config.AlertTtlHours * 3600000L;
            if (_networkClock.IsSynchronised)
            {
                var waiting = new bool[_recipientIds.Length];
                byte[][] payloads = Payloads(_recipientIds, _composer.Finish(body, _networkClock.Now, false), waiting);
                _outbox.Add(kind, now, ttl, _recipientIds, payloads, waiting, _random);
            }
            else
            {
                // No node has told the time yet (a device's clock may still say 1970): the alert is on
                // flash now, and gets its time and its final payloads once the network is reached.
                _outbox.AddHeld(kind, now, ttl, _recipientIds, Utf8.Encode(body), _random);
            }
            _notes.Clear();
            Report(BeaconEventKind.Queued, now, kind, null);
            return kind;
        }

        // Held alerts get their time and final payloads now that the network's time is known; so do
        // alerts waiting for a receiver that has been paired again.
        /// <summary>Seals every held alert and every waiting recipient that can be, once the network's time is known; true when there was one.</summary>
        internal bool SealHeld(long now)
        {
            // Checked on every step of the main loop: nothing is allocated unless an alert is held.
            if ((_outbox.HeldCount == 0 && !_sealWaiting) || !_networkClock.IsSynchronised)
            {
                return false;
            }
            bool any = false;
            if (_sealWaiting)
            {
                // A pairing is lost or not for the whole run, so one look after the start is enough.
                _sealWaiting = false;
                any = SealWaiting(now);
            }
            OutboxRecord[] records = _outbox.Records();
            for (int r = 0; r < records.Length; r++)
            {
                if (!records[r].IsHeld)
                {
                    continue;
                }
                byte[] body = records[r].Payload(0);
                var ids = new string[records[r].RecipientCount];
                for (int i = 0; i < ids.Length; i++)
                {
                    ids[i] = records[r].RecipientId(i);
                }
                var waiting = new bool[ids.Length];
                byte[][] payloads = Payloads(ids, _composer.Finish(Utf8.Decode(body, 0, body.Length), _networkClock.Now, true), waiting);
                _outbox.Seal(records[r], payloads, waiting, now);
                any = true;
            }
            return any;
        }

        // Recipients whose alerts waited for a new pairing (ratchet.on_damage = hold) and have one now get
        // the alert's text, as it was written, with the note that it was held.
        private bool SealWaiting(long now)
        {
            bool any = false;
            OutboxRecord[] records = _outbox.Records();
            for (int r = 0; r < records.Length; r++)
            {
                OutboxRecord record = records[r];
                for (int i = 0; i < record.RecipientCount; i++)
                {
                    if (!record.IsWaitingFor(i) || _pairings.IsLost(record.RecipientId(i)))
                    {
                        continue;
                    }
                    byte[] text = record.Payload(i);
                    var content = new ContentMessage(Utf8.Decode(text, 0, text.Length) + "\n" + RatchetPairings.HeldNote, _config.DeviceName, _networkClock.Now);
                    bool waiting;
                    record = _outbox.SealWaiting(record, i, Payload(record.RecipientId(i), content, out waiting), now);
                    any = true;
                }
            }
            return any;
        }

        // Each recipient's final payload (Payload); waiting[i] tells which ones wait for a new pairing.
        // Ratchet states are saved before this returns.
        private byte[][] Payloads(string[] recipientIds, ContentMessage content, bool[] waiting)
        {
            var payloads = new byte[recipientIds.Length][];
            for (int i = 0; i < payloads.Length; i++)
            {
                payloads[i] = Payload(recipientIds[i], content, out waiting[i]);
            }
            return payloads;
        }

        // A ratchet message for a companion receiver, else Session v1 (sealed with an armed slot when one
        // is ready). For a receiver whose pairing is lost (docs/ratchet.md, "A damaged pairing"): with
        // ratchet.on_damage = hold the alert's text, to wait for a new pairing; else a plain message that
        // says the pairing is lost, which the receiver opens all the same.
        private byte[] Payload(string recipientId, ContentMessage content, out bool waiting)
        {
            waiting = false;
            RatchetLink link = _pairings.LinkFor(recipientId);
            if (link != null)
            {
                uint ratchetSequence;
                return link.EncodeAlert(content.Body, _config.DeviceName, content.SigTimestamp, out ratchetSequence);
            }
            if (!_pairings.IsLost(recipientId))
            {
                return _armed.Encode(_identity, recipientId, content, _random);
            }
            if (_config.RatchetOnDamage == BeaconConfig.OnDamageHold)
            {
                waiting = true;
                return Utf8.Encode(content.Body);
            }
            var marked = new ContentMessage(content.Body + "\n" + RatchetPairings.PlainNote, content.DisplayName, content.SigTimestamp);
            return _armed.Encode(_identity, recipientId, marked, _random);
        }

        // The pre-built flash alert leaves first, with no crypto at the press (FlashAlert); the detailed
        // alert follows. A flash alert that cannot be used (none ready, expired) is simply skipped.
        private void QueueFlash(long now)
        {
            PreparedAlert flash = _flash.Take();
            if (flash == null)
            {
                return;
            }
            if (now >= flash.ExpiresMs)
            {
                flash.Wipe();
                return;
            }
            MakeRoom(AlertKind.Panic, now);
            _outbox.Add(AlertKind.Panic, now, flash, _random);
            _alertSender.Offer(flash);
            Report(BeaconEventKind.Queued, now, AlertKind.Panic, "flash alert, built ahead, on flash");
        }

        // A full outbox gives up its least important, oldest alert for a more important one.
        private void MakeRoom(AlertKind kind, long now)
        {
            if (_outbox.Count < _outbox.Capacity)
            {
                return;
            }
            OutboxRecord victim = AlertPriority.GivesWayTo(kind, _outbox.Records());
            if (victim != null && _outbox.Discard(victim))
            {
                Report(BeaconEventKind.Expired, now, victim.Kind, "given up undelivered to make room in the outbox");
            }
        }

        // The running number in alert bodies; a torn write only makes a number repeat, which a
        // person reading the alerts can live with.
        private uint NextSequence()
        {
            byte[] stored = _store.Get(SequenceKey);
            uint next = stored != null && stored.Length == 4
                ? ((uint)stored[0] << 24 | (uint)stored[1] << 16 | (uint)stored[2] << 8 | stored[3]) + 1
                : 1;
            _store.Put(SequenceKey, new byte[] { (byte)(next >> 24), (byte)(next >> 16), (byte)(next >> 8), (byte)next });
            return next;
        }

        private void Report(BeaconEventKind kind, long now, AlertKind alert, string text)
        {
            _events.Add(new BeaconEvent(kind, now, alert, null, text));
        }
    }
}
