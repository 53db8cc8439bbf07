// The beacon's side of the alert ratchet (docs/ratchet.md): one RatchetLink per recipient
// that has a pre-key bundle in nf.config. A pairing's state lives in the key-value store under a
// name made from the bundle's hash, so the same bundle after a reboot continues its session, and a
// new bundle (the receiver was provisioned again) starts a new one instead of talking past it.
// A pairing that cannot be loaded (both state slots damaged, the flash unreadable) is lost for that
// recipient alone: the beacon starts all the same, reports it, and alerts that recipient as
// ratchet.on_damage says (docs/ratchet.md, "A damaged pairing"). Starting a new session with the
// same bundle would not help: the receiver deleted the pre-key's secret when it paired.
using System;
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Encoding;
using Session.Core.Micro.Identity;
using Session.Core.Micro.Messages;
using Session.Core.Micro.Network;
using Session.Core.Micro.Ratchet;
using SessionBeacon.Config;

namespace SessionBeacon.App
{
    /// <summary>The ratchet links to the beacon's companion receivers.</summary>
    public sealed class RatchetPairings
    {
        /// <summary>The last line of an alert sent as a plain Session message because the recipient's pairing is lost.</summary>
        public const string PlainNote = "(secure pairing lost: sent as a plain Session message; pair the receiver again)";

        /// <summary>What an alert that waited for a new pairing says after its time.</summary>
        public const string HeldNote = "(held while the secure pairing was lost)";

        private const int NameHashBytes = 8;

        private readonly Recipient[] _recipients;
        private readonly RatchetLink[] _links;
        private readonly string[] _lost;

        /// <summary>
        /// Loads or starts a pairing for every ratchet recipient in <paramref name="recipients"/>; one that cannot be
        /// loaded or started is lost (<see cref="LostReason"/>), the others are not affected.
        /// </summary>
        /// <exception cref="System.ArgumentNullException">An argument is null.</exception>
        public RatchetPairings(Recipient[] recipients, IdentityKeys identity, IKeyValueStore store, IRandomSource random)
        {
            if (recipients == null) { throw Errors.Null("recipients"); }
            if (identity == null) { throw Errors.Null("identity"); }
            if (store == null) { throw Errors.Null("store"); }
            if (random == null) { throw Errors.Null("random"); }
            _recipients = recipients;
            _links = new RatchetLink[recipients.Length];
            _lost = new string[recipients.Length];
            for (int i = 0; i < recipients.Length; i++)
            {
                if (recipients[i].UsesRatchet)
                {
                    try
                    {
                        _links[i] = Open(recipients[i], identity, store, random);
                    }
                    catch (Exception failure)
                    {
                        // Whatever the store or the ratchet throws (damaged slots, a read error), only this pairing is lost.
                        _lost[i] = failure.Message;
                    }
                }
            }
        }

        /// <summary>The link to recipient <paramref name="index"/> of the configuration, or null for a plain v1 recipient or a lost pairing.</summary>
        public RatchetLink Link(int index)
        {
            return _links[index];
        }

        /// <summary>The link to the recipient with Session ID <paramref name="sessionId"/>, or null for a plain v1 (or unknown) recipient or a lost pairing.</summary>
        public RatchetLink LinkFor(string sessionId)
        {
            int i = IndexOf(sessionId);
            return i < 0 ? null : _links[i];
        }

        /// <summary>Why the pairing with recipient <paramref name="index"/> could not be loaded at start, or null when it is not lost.</summary>
        public string LostReason(int index)
        {
            return _lost[index];
        }

        /// <summary>
        /// For ratchet.on_damage = hold, what every alert tells its recipients while pairings are lost: a line
        /// (after a line feed) for each receiver whose alert waits; "" when none is lost.
        /// </summary>
        public string WaitingNotes()
        {
            string notes = "";
            for (int i = 0; i < _recipients.Length; i++)
            {
                if (_lost[i] != null)
                {
                    notes += "\n" + WaitingNote(_recipients[i].Name);
                }
            }
            return notes;
        }

        /// <summary>The line that tells the others that the alert waits for <paramref name="name"/>'s receiver to be paired again.</summary>
        public static string WaitingNote(string name)
        {
            return "Not sent to " + name + " yet: the secure pairing with " + name + "'s receiver is lost; it waits on the beacon until " + name + " is paired again.";
        }

        /// <summary>True when <paramref name="sessionId"/> is a ratchet recipient whose pairing is lost.</summary>
        public bool IsLost(string sessionId)
        {
            for (int i = 0; i < _recipients.Length; i++)
            {
                if (_lost[i] != null && _recipients[i].SessionId == sessionId)
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>The index of the paired receiver that sent <paramref name="message"/>, or -1.</summary>
        public int PeerOf(IncomingMessage message)
        {
            return IndexOf(message.SenderSessionId);
        }

        private int IndexOf(string sessionId)
        {
            for (int i = 0; i < _links.Length; i++)
            {
                if (_links[i] != null && _links[i].PeerSessionId == sessionId)
                {
                    return i;
                }
            }
            return -1;
        }

        /// <summary>The store name of the pairing with <paramref name="recipient"/>.</summary>
        public static string StateName(Recipient recipient)
        {
            byte[] hash = Sha256.Hash(recipient.PreKeyBundle);
            byte[] prefix = new byte[NameHashBytes];
            Array.Copy(hash, prefix, prefix.Length);
            return "ratchet." + Hex.Encode(prefix);
        }

        private static RatchetLink Open(Recipient recipient, IdentityKeys identity, IKeyValueStore store, IRandomSource random)
        {
            var state = new KeyValueRatchetStore(store, StateName(recipient));
            RatchetSession session = state.Load() != null
                ? RatchetSession.Load(state, random)
                : RatchetSession.Initiate(state, random, identity, recipient.PublicKey, recipient.PreKeyBundle);
            return new RatchetLink(identity, session, random);
        }
    }
}
