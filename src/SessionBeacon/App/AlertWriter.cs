// Writes the policy's alert decisions into the outbox at once, on the input thread (docs/outbox.md,
// docs/architecture.md "Two threads"): every alert is written *held*, its composed text without a
// time, for every recipient; for a panic the pre-built flash alert (its payloads finished ahead)
// follows. Nothing here waits for the network or computes a key: the network thread sends the
// flash alert as it is and seals the held alert into its final payloads (AlertSealer). The held
// alert comes first because it is the cheaper write (the record's hashes cover the text, not whole
// payloads): the alert is on flash, and the LED says so, one write after the decision.
// A full outbox gives up its least important alert for a more important one (AlertPriority). The
// position follows the body (BeaconLocation, docs/location.md), and the text ends with the notes of
// what went wrong before it (AlertNotes), which are forgotten once it is on flash.
using System.Collections;
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Encoding;
using Session.Core.Micro.Network;
using SessionBeacon.Arming;
using SessionBeacon.Config;
using SessionBeacon.Delivery;
using SessionBeacon.Policy;

namespace SessionBeacon.App
{
    /// <summary>Turns alert decisions into outbox records without waiting for the network.</summary>
    internal sealed class AlertWriter
    {
        /// <summary>The store key of the running alert number.</summary>
        internal const string SequenceKey = "alert.sequence";

        private readonly BeaconConfig _config;
        private readonly IKeyValueStore _store;
        private readonly IRandomSource _random;
        private readonly Outbox _outbox;
        private readonly FlashAlert _flash;
        private readonly ServiceNodeAlertSender _alertSender;
        private readonly AlertNotes _notes;
        private readonly AlertComposer _composer;
        private readonly BeaconLocation _location;
        private readonly string[] _recipientIds;
        private readonly ArrayList _events;

        internal AlertWriter(BeaconConfig config, IKeyValueStore store, IRandomSource random, Outbox outbox, FlashAlert flash,
            ServiceNodeAlertSender alertSender, AlertNotes notes, AlertComposer composer, BeaconLocation location, ArrayList events)
        {
            _location = location;
            _config = config;
            _store = store;
            _random = random;
            _outbox = outbox;
            _flash = flash;
            _alertSender = alertSender;
            _notes = notes;
            _composer = composer;
            _events = events;
            _recipientIds = new string[config.Recipients.Length];
            for (int i = 0; i < _recipientIds.Length; i++)
            {
                _recipientIds[i] = config.Recipients[i].SessionId;
            }
        }

        /// <summary>
        /// Writes the alert of <paramref name="decision"/> to the outbox, held, with the position when location.mode
        /// asks for it (<paramref name="utcNow"/>: BeaconLocation.UtcNow), and returns its kind.
        /// </summary>
        internal AlertKind Write(Decision decision, long utcNow, long now)
        {
            AlertKind kind = _composer.KindOf(decision);
            Add(kind, _composer.Body(decision, NextSequence()) + _location.Lines(kind, now, utcNow), now);
            return kind;
        }

        /// <summary>
        /// Writes tracking update <paramref name="number"/>, held like any alert: "Tracking 3/15: Position: ...", the
        /// running number's line (AlertComposer.NumberLine, where the time goes), then the map link when there is a fix.
        /// </summary>
        internal void WriteTracking(int number, int batteryPercent, long utcNow, long now)
        {
            string after;
            string headline = _location.Update(number, now, utcNow, out after);
            Add(AlertKind.Tracking, headline + "\n" + AlertComposer.NumberLine(NextSequence(), batteryPercent) + after, now);
        }

        /// <summary>
        /// After a panic's held alert: writes the pre-built flash alert, which the network thread sends
        /// first, with no crypto (FlashAlert). One that cannot be used (none ready, expired, no room left
        /// beside the panic) is skipped: the panic itself is on flash already.
        /// </summary>
        internal void QueueFlash(long now)
        {
            PreparedAlert flash = _flash.Take();
            if (flash == null)
            {
                return;
            }
            MakeRoom(AlertKind.Panic, now);
            if (now >= flash.ExpiresMs || _outbox.Count >= _outbox.Capacity)
            {
                flash.Wipe();
                return;
            }
            _outbox.Add(AlertKind.Panic, now, flash, _random);
            _alertSender.Offer(flash);
            Report(now, AlertKind.Panic, "flash alert, built ahead, on flash");
        }

        // The text ends with the notes of what went wrong before it, which are forgotten once it is on flash.
        private void Add(AlertKind kind, string body, long now)
        {
            MakeRoom(kind, now);
            _outbox.AddHeld(kind, now, _config.AlertTtlHours * 3600000L, _recipientIds, Utf8.Encode(body + _notes.Text()), _random);
            _notes.Clear();
            Report(now, kind, null);
        }

        // A full outbox gives up its least important, oldest alert for a more important one. The
        // network thread only ever removes alerts meanwhile, so the room found here stays.
        private void MakeRoom(AlertKind kind, long now)
        {
            if (_outbox.Count < _outbox.Capacity)
            {
                return;
            }
            OutboxRecord victim = AlertPriority.GivesWayTo(kind, _outbox.Records());
            if (victim != null && _outbox.Discard(victim))
            {
                Report(now, victim.Kind, "given up undelivered to make room in the outbox", BeaconEventKind.Expired);
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

        private void Report(long now, AlertKind alert, string text)
        {
            Report(now, alert, text, BeaconEventKind.Queued);
        }

        private void Report(long now, AlertKind alert, string text, BeaconEventKind kind)
        {
            _events.Add(new BeaconEvent(kind, now, alert, null, text));
        }
    }
}
