// One side of a ratchet pairing as it travels over Session v1 (docs/ratchet.md, "Carriage"): the
// beacon encrypts alerts and the receiver acknowledgements with the ratchet, each packet goes out as
// a Session v1 message to the peer's Session ID, and what comes in is opened only when the v1 layer
// authenticated the paired peer as its sender (the sender from the signature, never the envelope).
// Costs per call: EncodeAlert / EncodeAcknowledgement = one ratchet Encrypt (no X25519) + one v1
// encode (2 X25519, 1 Ed25519 signature); Open = ratchet Decrypt (0 or 3 X25519) on a message the
// caller already opened with MessageReceiver (2 X25519 + 1 signature check).
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Identity;
using Session.Core.Micro.Messages;

namespace Session.Core.Micro.Ratchet
{
    /// <summary>A ratchet session bound to this side's Session identity and carried in Session v1 messages. Not thread-safe.</summary>
    public sealed class RatchetLink
    {
        private readonly IdentityKeys _identity;
        private readonly RatchetSession _session;
        private readonly IRandomSource _random;
        private readonly string _peerSessionId;

        /// <summary>Carries <paramref name="session"/> (started, accepted or loaded) for the account <paramref name="identity"/>.</summary>
        /// <exception cref="System.ArgumentNullException">An argument is null.</exception>
        public RatchetLink(IdentityKeys identity, RatchetSession session, IRandomSource random)
        {
            if (identity == null)
            {
                throw Errors.Null("identity");
            }
            if (session == null)
            {
                throw Errors.Null("session");
            }
            if (random == null)
            {
                throw Errors.Null("random");
            }
            _identity = identity;
            _session = session;
            _random = random;
            _peerSessionId = SessionId.FromPublicKey(session.PeerIdentityKey);
        }

        /// <summary>The ratchet session underneath.</summary>
        public RatchetSession Session
        {
            get { return _session; }
        }

        /// <summary>The paired peer's Session ID: where packets go, and the only sender accepted.</summary>
        public string PeerSessionId
        {
            get { return _peerSessionId; }
        }

        /// <summary>
        /// The receiver's side of pairing: checks that <paramref name="message"/> was signed by the beacon
        /// <paramref name="beaconIdentityKey"/>, takes its packet and accepts the session from it.
        /// </summary>
        /// <param name="store">Where the new session's state lives.</param>
        /// <param name="random">The source of ratchet keys and of the v1 layer's ephemeral keys.</param>
        /// <param name="identity">The receiver's Session identity.</param>
        /// <param name="preKeySecretKey">The secret of the pre-key the beacon was given.</param>
        /// <param name="beaconIdentityKey">The beacon's Session ID key (X25519, 32 bytes), known from provisioning.</param>
        /// <param name="message">The first ratchet message from the beacon, opened by MessageReceiver.</param>
        /// <param name="content">Receives the alert it carried.</param>
        /// <exception cref="System.ArgumentNullException">An argument is null.</exception>
        /// <exception cref="System.ArgumentException">A key has the wrong size.</exception>
        /// <exception cref="RatchetException">Another sender (<see cref="RatchetError.NotPeer"/>), not a ratchet message, or the packet is refused.</exception>
        public static RatchetLink Accept(IRatchetStateStore store, IRandomSource random, IdentityKeys identity, byte[] preKeySecretKey,
            byte[] beaconIdentityKey, IncomingMessage message, out RatchetContent content)
        {
            if (identity == null)
            {
                throw Errors.Null("identity");
            }
            Arguments.Size(beaconIdentityKey, X25519.KeySize, "beaconIdentityKey");
            byte[] packet = PacketFrom(message, SessionId.FromPublicKey(beaconIdentityKey));
            byte[] plaintext;
            RatchetSession session = RatchetSession.Accept(store, random, identity, preKeySecretKey, beaconIdentityKey, packet, out plaintext);
            try
            {
                content = Read(plaintext, RatchetPacket.Sequence(packet));
            }
            finally
            {
                CryptoBytes.Wipe(plaintext);
            }
            return new RatchetLink(identity, session, random);
        }

        /// <summary>
        /// The least padded size of the v1 messages this link builds (ContentMessage.MinimumPaddedSize): 0, the
        /// default, for Session's usual 160-byte steps; a beacon sets one size for all its alerts so that their
        /// lengths do not show. A value ContentMessage.MinimumPaddedSize refuses makes the Encode methods throw its ArgumentException.
        /// </summary>
        public int MinimumPaddedSize { get; set; }

        /// <summary>
        /// Encrypts an alert with the ratchet and builds the Session v1 payload that carries it to the peer
        /// (store it in the peer's swarm, base64 via <see cref="MessageEncoder.ToStoreData"/>). The ratchet
        /// state is saved before this returns: keep the payload in the outbox and resend these same bytes.
        /// </summary>
        /// <param name="text">The alert text.</param>
        /// <param name="displayName">This side's profile name in the v1 message, or null.</param>
        /// <param name="timestamp">The send time, Unix milliseconds (network-corrected).</param>
        /// <param name="sequence">Receives the packet's message counter, which an acknowledgement names.</param>
        /// <exception cref="System.ArgumentNullException"><paramref name="text"/> is null.</exception>
        /// <exception cref="System.ArgumentException">A bad timestamp or text.</exception>
        /// <exception cref="RatchetException">The counter is used up.</exception>
        /// <exception cref="MessageException">The payload would be too large for a swarm; nothing was encrypted.</exception>
        public byte[] EncodeAlert(string text, string displayName, long timestamp, out uint sequence)
        {
            return Encode(RatchetContent.EncodeAlert(text), displayName, timestamp, out sequence);
        }

        /// <summary>Encrypts an acknowledgement of <paramref name="sequences"/> and builds the v1 payload that carries it to the peer.</summary>
        /// <exception cref="System.ArgumentNullException"><paramref name="sequences"/> is null.</exception>
        /// <exception cref="System.ArgumentException">No counter, too many, counter 0, or a bad timestamp.</exception>
        /// <exception cref="RatchetException">The counter is used up.</exception>
        /// <exception cref="MessageException">The payload would be too large for a swarm.</exception>
        public byte[] EncodeAcknowledgement(uint[] sequences, string displayName, long timestamp)
        {
            uint sequence;
            return Encode(RatchetContent.EncodeAcknowledgement(sequences), displayName, timestamp, out sequence);
        }

        /// <summary>
        /// Opens a ratchet message from the peer, already opened by MessageReceiver: its sender must be the
        /// peer, its body a ratchet carriage. The state is saved before the content is returned.
        /// </summary>
        /// <exception cref="System.ArgumentNullException"><paramref name="message"/> is null.</exception>
        /// <exception cref="RatchetException">Another sender (<see cref="RatchetError.NotPeer"/>), not a ratchet message, or the packet is refused.</exception>
        public RatchetContent Open(IncomingMessage message)
        {
            byte[] packet = PacketFrom(message, _peerSessionId);
            byte[] plaintext = _session.Decrypt(packet);
            try
            {
                return Read(plaintext, RatchetPacket.Sequence(packet));
            }
            finally
            {
                CryptoBytes.Wipe(plaintext);
            }
        }

        private byte[] Encode(byte[] plaintext, string displayName, long timestamp, out uint sequence)
        {
            try
            {
                // Everything the v1 layer could refuse (timestamp, name, size) is checked on a stand-in
                // body of the same length first, so a refusal never spends a message key.
                int packetSize = (_session.AwaitingReply ? RatchetPacket.InitiationHeaderSize : RatchetPacket.HeaderSize)
                    + plaintext.Length + RatchetPacket.TagSize;
                MessageEncoder.PayloadSize(Carried(new byte[packetSize], displayName, timestamp));
            }
            catch
            {
                CryptoBytes.Wipe(plaintext);
                throw;
            }
            byte[] packet;
            try
            {
                packet = _session.Encrypt(plaintext);
            }
            finally
            {
                CryptoBytes.Wipe(plaintext);
            }
            sequence = _session.LastSequenceSent;
            return MessageEncoder.Encode(_identity, _session.PeerIdentityKey, Carried(packet, displayName, timestamp), _random);
        }

        private ContentMessage Carried(byte[] packet, string displayName, long timestamp)
        {
            ContentMessage content = RatchetCarriage.ToContent(packet, displayName, timestamp);
            content.MinimumPaddedSize = MinimumPaddedSize;
            return content;
        }

        // The sender check comes first: nothing from anyone else is even decoded.
        private static byte[] PacketFrom(IncomingMessage message, string peerSessionId)
        {
            if (message == null)
            {
                throw Errors.Null("message");
            }
            if (message.SenderSessionId != peerSessionId)
            {
                throw Errors.RatchetNotPeer(message.SenderSessionId == null ? "nobody (a v2 item)" : message.SenderSessionId, peerSessionId);
            }
            return RatchetCarriage.ReadPacket(message);
        }

        private static RatchetContent Read(byte[] plaintext, uint sequence)
        {
            return RatchetContent.Read(plaintext, sequence);
        }
    }
}
