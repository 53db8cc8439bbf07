// What the beacon finds wrong on flash when it starts, told so that nothing is lost silently: a
// queued alert whose copy was damaged (Outbox.TakeDamage; docs/outbox.md, "Damaged records") and a
// companion receiver's pairing that could not be loaded (RatchetPairings; docs/ratchet.md, "A
// damaged pairing"). Each becomes an event and the "failed" pattern; an alert that cannot be sent to
// someone also becomes a note in the next alert's text (AlertNotes). A recovered alert is told as a
// problem only: it is sent as before. A damaged last position or tracking plan (docs/location.md) is
// told as a problem: the next alert says "no fix" or the last position the GPS gives, and the
// tracking of an earlier alert has ended.
using System;
using System.Collections;
using SessionBeacon.Config;
using SessionBeacon.Delivery;
using SessionBeacon.Feedback;

namespace SessionBeacon.App
{
    internal sealed class StartupReport
    {
        private readonly BeaconConfig _config;
        private readonly AlertNotes _notes;
        private readonly FeedbackPlayer _feedback;
        private readonly ArrayList _events;

        internal StartupReport(BeaconConfig config, AlertNotes notes, FeedbackPlayer feedback, ArrayList events)
        {
            _config = config;
            _notes = notes;
            _feedback = feedback;
            _events = events;
        }

        /// <summary>Tells what <paramref name="damage"/>, <paramref name="pairings"/> and <paramref name="location"/> hold that went wrong.</summary>
        internal void Tell(long now, OutboxDamage[] damage, RatchetPairings pairings, BeaconLocation location)
        {
            if (location.LastFixWasDamaged)
            {
                Report(BeaconEventKind.Problem, now, BeaconEvent.NoAlert, null, "the last known position on flash was damaged; it is forgotten");
            }
            if (location.TrackingWasDamaged)
            {
                Report(BeaconEventKind.Problem, now, BeaconEvent.NoAlert, null, "the tracking plan on flash was damaged; the tracking it held has ended");
                _feedback.Play(FeedbackPattern.Failed, now);
            }
            for (int d = 0; d < damage.Length; d++)
            {
                TellDamage(now, damage[d]);
            }
            // A pairing that could not be loaded is told at every start until the receiver is paired again.
            for (int i = 0; i < _config.Recipients.Length; i++)
            {
                string reason = pairings.LostReason(i);
                if (reason != null)
                {
                    string name = _config.Recipients[i].Name;
                    string alerts = _config.RatchetOnDamage == BeaconConfig.OnDamageHold
                        ? "alerts for " + name + " wait on flash until the receiver is paired again (ratchet.on_damage = hold)"
                        : "alerts go to " + name + " as plain Session messages until the receiver is paired again (ratchet.on_damage = plain)";
                    Report(BeaconEventKind.PairingLost, now, BeaconEvent.NoAlert, name, "the secure pairing could not be loaded (" + reason + "); " + alerts);
                    _feedback.Play(FeedbackPattern.Failed, now);
                }
            }
        }

        private void TellDamage(long now, OutboxDamage found)
        {
            if (found.IsRecovered)
            {
                Report(BeaconEventKind.Problem, now, found.Kind, null, "a queued alert's copy on flash was damaged or cut short; it was recovered and is sent as before");
                return;
            }
            _feedback.Play(FeedbackPattern.Failed, now);
            if (found.ReadError != null)
            {
                Report(BeaconEventKind.Problem, now, BeaconEvent.NoAlert, null, "a queued alert could not be read from flash (" + found.ReadError
                    + "); it stays there and is read again at the next start");
                Note(now, AlertNotes.Unread());
            }
            else if (found.IsUnreadable)
            {
                Report(BeaconEventKind.AlertLost, now, BeaconEvent.NoAlert, null, "a queued alert on flash was damaged beyond reading (its kind and recipients are unknown); the next alert says so");
                Note(now, AlertNotes.LostUnread());
            }
            for (int i = 0; i < found.LostCount; i++)
            {
                int r = _config.RecipientIndex(found.LostFor(i));
                string name = r < 0 ? found.LostFor(i) : _config.Recipients[r].Name;
                Report(BeaconEventKind.AlertLost, now, found.Kind, name, "its copy on flash was damaged and cannot be sent to " + name + "; the next alert says so");
                Note(now, AlertNotes.Lost(found.Kind, name));
            }
        }

        // A note that cannot be written is no reason not to start: the event has told it already.
        private void Note(long now, string line)
        {
            try
            {
                _notes.Add(line);
            }
            catch (Exception failure)
            {
                Report(BeaconEventKind.Problem, now, BeaconEvent.NoAlert, null, "the note for the next alert could not be written: " + failure.Message);
            }
        }

        private void Report(BeaconEventKind kind, long now, AlertKind alert, string recipient, string text)
        {
            _events.Add(new BeaconEvent(kind, now, alert, recipient, text));
        }
    }
}
