// The beacon's side of the alert ratchet (docs/ratchet.md): one RatchetLink per recipient
// that has a pre-key bundle in nf.config. A pairing's state lives in the key-value store under a
// name made from the bundle's hash, so the same bundle after a reboot continues its session, and a
// new bundle (the receiver was provisioned again) starts a new one instead of talking past it.
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
        private const int NameHashBytes = 8;

        private readonly Recipient[] _recipients;
        private readonly RatchetLink[] _links;

        /// <summary>Loads or starts a pairing for every ratchet recipient in <paramref name="recipients"/>.</summary>
        /// <exception cref="System.ArgumentNullException">An argument is null.</exception>
        /// <exception cref="RatchetException">A bundle is refused (nf.config validation checks it first).</exception>
        public RatchetPairings(Recipient[] recipients, IdentityKeys identity, IKeyValueStore store, IRandomSource random)
        {
            if (recipients == null) { throw Errors.Null("recipients"); }
            if (identity == null) { throw Errors.Null("identity"); }
            if (store == null) { throw Errors.Null("store"); }
            if (random == null) { throw Errors.Null("random"); }
            _recipients = recipients;
            _links = new RatchetLink[recipients.Length];
            for (int i = 0; i < recipients.Length; i++)
            {
                if (recipients[i].UsesRatchet)
                {
                    _links[i] = Open(recipients[i], identity, store, random);
                }
            }
        }

        /// <summary>The link to recipient <paramref name="index"/> of the configuration, or null for a plain v1 recipient.</summary>
        public RatchetLink Link(int index)
        {
            return _links[index];
        }

        /// <summary>The link to the recipient with Session ID <paramref name="sessionId"/>, or null for a plain v1 (or unknown) recipient.</summary>
        public RatchetLink LinkFor(string sessionId)
        {
            int i = IndexOf(sessionId);
            return i < 0 ? null : _links[i];
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
            System.Array.Copy(hash, prefix, prefix.Length);
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
