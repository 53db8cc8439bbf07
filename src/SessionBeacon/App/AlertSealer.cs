// Seals held alerts into their final payloads, on the network thread (docs/outbox.md "Held, then
// sealed", docs/architecture.md "Two threads"): the composed text gets its time,
// then each recipient gets a ratchet message (companion receiver) or a Session v1 payload, sealed
// with an armed slot when one is ready (ArmedSlots.Encode), else encoded in full. This is the press's
// cryptography, moved off the input thread: the alert is already on flash, held, when this runs.
// The time an alert shows is its press, in the network's time: for an alert written since Start the
// beacon's steady clock says how long ago the press was, so the network's time now minus that is
// exact even when no node had told the time at the press. An alert loaded from flash was written
// before a restart, on a clock that may have been reset since: it shows the time it is sealed,
// marked "held until the beacon knew the time".
// A receiver whose pairing is lost (docs/ratchet.md, "A damaged pairing") gets, with
// ratchet.on_damage = hold, the alert's text kept to wait for a new pairing (sealed here once it
// has one, with the note that it was held); else a plain message that says the pairing is lost.
// Every payload gets the alerts' one padded size (AlertComposer.MinimumPaddedSize), so an alert's
// size shows neither its kind nor whether it carries a position (docs/threat-model.md, "Sizes").
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Encoding;
using Session.Core.Micro.Identity;
using Session.Core.Micro.Messages;
using Session.Core.Micro.Network;
using Session.Core.Micro.Ratchet;
using SessionBeacon.Arming;
using SessionBeacon.Config;
using SessionBeacon.Delivery;

namespace SessionBeacon.App
{
    /// <summary>Turns held outbox records into sealed ones once the network's time is known.</summary>
    internal sealed class AlertSealer
    {
        private readonly BeaconConfig _config;
        private readonly IdentityKeys _identity;
        private readonly IRandomSource _random;
        private readonly NetworkClock _networkClock;
        private readonly Outbox _outbox;
        private readonly ArmedSlots _armed;
        private readonly RatchetPairings _pairings;
        private readonly AlertComposer _composer;
        private bool _sealWaiting = true;

        internal AlertSealer(BeaconConfig config, IdentityKeys identity, IRandomSource random, NetworkClock networkClock, Outbox outbox,
            ArmedSlots armed, RatchetPairings pairings, AlertComposer composer)
        {
            _config = config;
            _identity = identity;
            _random = random;
            _networkClock = networkClock;
            _outbox = outbox;
            _armed = armed;
            _pairings = pairings;
            _composer = composer;
        }

        /// <summary>Seals every held alert and every waiting recipient that can be, once the network's time is known; true when there was one.</summary>
        /// <param name="now">The time on the clock the outbox's alerts were written with (Beacon.Step's).</param>
        internal bool SealHeld(long now)
        {
            // Checked on every network step: nothing is allocated unless an alert is held.
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
                OutboxRecord record = records[r];
                if (!record.IsHeld)
                {
                    continue;
                }
                bool pressedThisRun = _outbox.AddedSinceStart(record);
                long sent = pressedThisRun ? _networkClock.Now - (now - record.CreatedMs) : _networkClock.Now;
                byte[] body = record.Payload(0);
                var ids = new string[record.RecipientCount];
                for (int i = 0; i < ids.Length; i++)
                {
                    ids[i] = record.RecipientId(i);
                }
                var waiting = new bool[ids.Length];
                byte[][] payloads = Payloads(ids, _composer.Finish(Utf8.Decode(body, 0, body.Length), sent, !pressedThisRun), waiting);
                _outbox.Seal(record, payloads, waiting, now);
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
        // is ready), each padded to the alerts' one size; for a receiver whose pairing is lost, see the file's header.
        private byte[] Payload(string recipientId, ContentMessage content, out bool waiting)
        {
            waiting = false;
            RatchetLink link = _pairings.LinkFor(recipientId);
            if (link != null)
            {
                uint ratchetSequence;
                link.MinimumPaddedSize = _composer.MinimumPaddedSize(true);
                return link.EncodeAlert(content.Body, _config.DeviceName, content.SigTimestamp, out ratchetSequence);
            }
            content.MinimumPaddedSize = _composer.MinimumPaddedSize(false);
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
            marked.MinimumPaddedSize = content.MinimumPaddedSize;
            return _armed.Encode(_identity, recipientId, marked, _random);
        }
    }
}
