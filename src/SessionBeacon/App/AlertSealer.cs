// Seals held alerts into their final payloads, on the network thread (docs/outbox.md "Held until the
// network's time is known", docs/architecture.md "Two threads"): the composer's text gets its time,
// then each recipient gets a ratchet message (companion receiver) or a Session v1 payload, sealed
// with an armed slot when one is ready (ArmedSlots.Encode), else encoded in full. This is the press's
// cryptography, moved off the input thread: the alert is already on flash, held, when this runs.
// The time an alert shows is its press, in the network's time: for an alert written since Start the
// beacon's steady clock says how long ago the press was, so the network's time now minus that is
// exact even when no node had told the time at the press. An alert loaded from flash was written
// before a restart, on a clock that may have been reset since: it shows the time it is sealed,
// marked "held until the beacon knew the time".
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

        /// <summary>Seals every held alert, once the network's time is known; true when there was one.</summary>
        /// <param name="now">The time on the clock the outbox's alerts were written with (Beacon.Step's).</param>
        internal bool SealHeld(long now)
        {
            // Checked on every network step: nothing is allocated unless an alert is held.
            if (_outbox.HeldCount == 0 || !_networkClock.IsSynchronised)
            {
                return false;
            }
            bool any = false;
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
                _outbox.Seal(record, Payloads(ids, _composer.Finish(Utf8.Decode(body, 0, body.Length), sent, !pressedThisRun)), now);
                any = true;
            }
            return any;
        }

        // Each recipient's final payload: a ratchet message for a companion receiver, else Session v1
        // (sealed with an armed slot when one is ready). Ratchet states are saved before this returns.
        private byte[][] Payloads(string[] recipientIds, ContentMessage content)
        {
            var payloads = new byte[recipientIds.Length][];
            for (int i = 0; i < payloads.Length; i++)
            {
                RatchetLink link = _pairings.LinkFor(recipientIds[i]);
                if (link != null)
                {
                    uint ratchetSequence;
                    payloads[i] = link.EncodeAlert(content.Body, _config.DeviceName, content.SigTimestamp, out ratchetSequence);
                }
                else
                {
                    payloads[i] = _armed.Encode(_identity, recipientIds[i], content, _random);
                }
            }
            return payloads;
        }
    }
}
