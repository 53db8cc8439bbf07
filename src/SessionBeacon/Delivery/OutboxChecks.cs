// The checks at the outbox's door (CONTRIBUTING.md rule 5): what an alert must be before it is
// written, its recipients (1 to Outbox.MaxRecipients Session IDs), its TTL (ServiceNodeClient's
// 10 s to 14 days), one payload per recipient and, for recipients that wait for a new pairing, one
// flag per recipient; a pre-built alert not taken or expired. Each check throws an ArgumentException naming the parameter.
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Identity;
using Session.Core.Micro.Messages;
using Session.Core.Micro.Network;
using SessionBeacon.Arming;

namespace SessionBeacon.Delivery
{
    /// <summary>Argument checks for the alerts the outbox takes.</summary>
    internal static class OutboxChecks
    {
        // A pre-built alert (Outbox.Add of a PreparedAlert): not taken yet, not expired, 1 to MaxRecipients recipients.
        internal static void Prepared(PreparedAlert alert, long now, IRandomSource random)
        {
            if (alert == null)
            {
                throw Errors.Null("alert");
            }
            if (random == null)
            {
                throw Errors.Null("random");
            }
            if (alert.IsTaken)
            {
                throw Errors.AlertTaken();
            }
            if (now >= alert.ExpiresMs)
            {
                throw Errors.Range("alert", "has expired");
            }
            if (alert.RecipientCount < 1 || alert.RecipientCount > Outbox.MaxRecipients)
            {
                throw Errors.Range("alert", "must hold 1 to 255 recipients");
            }
        }

        internal static void Compose(IdentityKeys sender, ContentMessage content, IRandomSource random)
        {
            if (sender == null)
            {
                throw Errors.Null("sender");
            }
            if (content == null)
            {
                throw Errors.Null("content");
            }
            if (random == null)
            {
                throw Errors.Null("random");
            }
        }

        internal static void Recipients(long ttlMs, string[] recipientIds)
        {
            if (recipientIds == null)
            {
                throw Errors.Null("recipientIds");
            }
            if (recipientIds.Length < 1 || recipientIds.Length > Outbox.MaxRecipients)
            {
                throw Errors.Range("recipientIds", "must hold 1 to 255 Session IDs");
            }
            if (ttlMs < ServiceNodeClient.MinimumTtl || ttlMs > ServiceNodeClient.DefaultTtl)
            {
                throw Errors.Range("ttlMs", "must be from 10 seconds to 14 days");
            }
            for (int i = 0; i < recipientIds.Length; i++)
            {
                if (recipientIds[i] == null)
                {
                    throw Errors.Null("recipientIds");
                }
                if (SessionId.TryParse(recipientIds[i]) == null)
                {
                    throw Errors.Range("recipientIds", "must be Session IDs (66 hex digits starting 05)");
                }
            }
        }

        // One payload per recipient, none null, and no flag or one per recipient.
        internal static void Payloads(byte[][] payloads, int count, bool[] waiting)
        {
            if (payloads == null) { throw Errors.Null("payloads"); }
            if (payloads.Length != count)
            {
                throw Errors.Range("payloads", "must hold one payload per recipient");
            }
            for (int i = 0; i < count; i++)
            {
                if (payloads[i] == null)
                {
                    throw Errors.Null("payloads");
                }
            }
            if (waiting != null && waiting.Length != count)
            {
                throw Errors.Range("waiting", "must hold one flag per recipient");
            }
        }

        // The record's state byte per recipient: waiting for a new pairing, or pending.
        internal static byte[] States(bool[] waiting, int count)
        {
            var states = new byte[count];
            for (int i = 0; waiting != null && i < count; i++)
            {
                states[i] = waiting[i] ? OutboxRecord.Waiting : OutboxRecord.Pending;
            }
            return states;
        }
    }
}
