// One end of the alert ratchet (docs/ratchet.md): a Double Ratchet after Signal's specification
// (Perrin and Marlinspike, 2016) between a beacon (the initiator) and one companion receiver (the
// responder), started by an X3DH-style agreement that binds both Session identities.
//   Cost: Initiate 6 X25519 (2 of them key generations); Encrypt none; Decrypt none on the same
//   chain, 3 when the peer's ratchet key is new (the reply that advances the DH ratchet).
//   Memory: the state is 1,085 bytes serialized; docs/performance.md has the bytes each call
//   allocates (short-lived: the serialized state, HMAC and HKDF scratch, and for Decrypt a copy
//   of the state).
// Every operation stores the new state through IRatchetStateStore before it returns a packet or a
// plaintext. Decrypt works on a copy, so a refused packet leaves the session unchanged; Encrypt
// works in place. If the store fails, the session refuses further use until it is loaded again.
using System;
using Session.Core.Micro.Crypto;

namespace Session.Core.Micro.Ratchet
{
    /// <summary>A ratchet session with one peer: encrypts packets to it and opens packets from it. Not thread-safe.</summary>
    public sealed class RatchetSession
    {
        /// <summary>Most skipped message keys kept for messages that arrive out of order (device heap).</summary>
        public const int MaxSkippedKeys = SkippedMessageKeys.Capacity;

        /// <summary>A skipped key is deleted once this many further messages have been opened.</summary>
        public const int SkippedKeyLifetime = SkippedMessageKeys.Lifetime;

        /// <summary>Most chain steps one packet may make the receiver derive (bounds the work a packet can cause).</summary>
        public const int MaxForwardSkip = 256;

        /// <summary>How many recently opened messages are remembered to tell duplicates from a rolled-back sender.</summary>
        public const int ReplayMemory = ReceivedLog.Capacity;

        /// <summary>Bytes of the stored state, whatever it holds.</summary>
        public const int StateSize = RatchetState.Size;

        private readonly IRatchetStateStore _store;
        private readonly IRandomSource _random;
        private RatchetState _state;
        private bool _broken;

        private RatchetSession(IRatchetStateStore store, IRandomSource random)
        {
            _store = store;
            _random = random;
        }

        /// <summary>True for the side that started the pairing (the beacon).</summary>
        public bool IsInitiator
        {
            get { return _state.Role == RatchetState.RoleInitiator; }
        }

        /// <summary>True while the initiator has not yet opened a reply, so its packets still carry the initiation.</summary>
        public bool AwaitingReply
        {
            get { return _state.InitiationPending; }
        }

        /// <summary>The message counter of the last packet this side encrypted (0 before the first).</summary>
        public uint LastSequenceSent
        {
            get { return _state.LastSequenceSent; }
        }

        /// <summary>A copy of the peer's identity X25519 public key (the key in its Session ID).</summary>
        public byte[] PeerIdentityKey
        {
            get
            {
                byte[] copy = new byte[X25519.KeySize];
                Array.Copy(_state.RemoteIdentity, copy, X25519.KeySize);
                return copy;
            }
        }

        internal RatchetState State
        {
            get { return _state; }
        }

        /// <summary>
        /// Starts a session as the beacon: checks the receiver's pre-key bundle against its Session ID key,
        /// agrees on the initial secret, takes the first DH ratchet step and saves the state.
        /// </summary>
        /// <param name="store">Where the session's state lives.</param>
        /// <param name="random">The source of the ephemeral and ratchet keys.</param>
        /// <param name="identitySecretKey">This side's Session identity as an X25519 secret key (32 bytes).</param>
        /// <param name="identityPublicKey">This side's Session identity X25519 public key (the key in its Session ID).</param>
        /// <param name="responderIdentityKey">The receiver's Session ID key (X25519, 32 bytes).</param>
        /// <param name="preKeyBundle">The receiver's signed pre-key bundle (<see cref="RatchetPreKey.Size"/> bytes).</param>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        /// <exception cref="ArgumentException">A key has the wrong size.</exception>
        /// <exception cref="RatchetException">The bundle is refused, or a key is a small-order point.</exception>
        public static RatchetSession Initiate(IRatchetStateStore store, IRandomSource random, byte[] identitySecretKey,
            byte[] identityPublicKey, byte[] responderIdentityKey, byte[] preKeyBundle)
        {
            CheckCommon(store, random, identitySecretKey, identityPublicKey);
            Arguments.Size(responderIdentityKey, X25519.KeySize, nameof(responderIdentityKey));
            byte[] preKey = new byte[X25519.KeySize];
            RatchetPreKey.Open(preKey, preKeyBundle, responderIdentityKey);

            RatchetState s = RatchetAgreement.Initiator(random, identitySecretKey, identityPublicKey, responderIdentityKey, preKey);
            var session = new RatchetSession(store, random);
            session.Commit(s);
            return session;
        }

        /// <summary>
        /// <see cref="Initiate(IRatchetStateStore, IRandomSource, byte[], byte[], byte[], byte[])"/> with this side's Session identity.
        /// </summary>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        /// <exception cref="ArgumentException">A key has the wrong size.</exception>
        /// <exception cref="RatchetException">The bundle is refused, or a key is a small-order point.</exception>
        public static RatchetSession Initiate(IRatchetStateStore store, IRandomSource random, Identity.IdentityKeys identity,
            byte[] responderIdentityKey, byte[] preKeyBundle)
        {
            if (identity == null)
            {
                throw Errors.Null(nameof(identity));
            }
            return Initiate(store, random, identity.X25519SecretKey, identity.X25519PublicKey, responderIdentityKey, preKeyBundle);
        }

        /// <summary>
        /// Starts a session as the receiver from the beacon's first packet that reaches it (one that carries
        /// the initiation), opens that packet and saves the state.
        /// </summary>
        /// <param name="store">Where the session's state lives.</param>
        /// <param name="random">The source of ratchet keys.</param>
        /// <param name="identitySecretKey">This side's Session identity as an X25519 secret key.</param>
        /// <param name="identityPublicKey">This side's Session identity X25519 public key.</param>
        /// <param name="preKeySecretKey">The secret of the pre-key this side published (<see cref="RatchetPreKey.Create"/>).</param>
        /// <param name="initiatorIdentityKey">The beacon's Session ID key, as the Session message carrying the packet authenticated it.</param>
        /// <param name="packet">The packet.</param>
        /// <param name="plaintext">Receives the packet's plaintext.</param>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        /// <exception cref="ArgumentException">A key has the wrong size.</exception>
        /// <exception cref="RatchetException">The packet is refused (malformed, no initiation, failed authentication...).</exception>
        public static RatchetSession Accept(IRatchetStateStore store, IRandomSource random, byte[] identitySecretKey,
            byte[] identityPublicKey, byte[] preKeySecretKey, byte[] initiatorIdentityKey, byte[] packet, out byte[] plaintext)
        {
            CheckCommon(store, random, identitySecretKey, identityPublicKey);
            Arguments.Size(preKeySecretKey, X25519.ScalarSize, nameof(preKeySecretKey));
            Arguments.Size(initiatorIdentityKey, X25519.KeySize, nameof(initiatorIdentityKey));
            RatchetHeader header = RatchetHeader.Parse(packet);
            if (header.InitiationKey == null)
            {
                throw Errors.RatchetMalformed("the first packet of a pairing must carry the initiation");
            }

            RatchetState s = RatchetAgreement.Responder(identitySecretKey, identityPublicKey, preKeySecretKey, initiatorIdentityKey, header);
            var session = new RatchetSession(store, random);
            plaintext = session.Open(s, header, packet);
            return session;
        }

        /// <summary>
        /// <see cref="Accept(IRatchetStateStore, IRandomSource, byte[], byte[], byte[], byte[], byte[], out byte[])"/> with this side's Session identity.
        /// </summary>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        /// <exception cref="ArgumentException">A key has the wrong size.</exception>
        /// <exception cref="RatchetException">The packet is refused.</exception>
        public static RatchetSession Accept(IRatchetStateStore store, IRandomSource random, Identity.IdentityKeys identity,
            byte[] preKeySecretKey, byte[] initiatorIdentityKey, byte[] packet, out byte[] plaintext)
        {
            if (identity == null)
            {
                throw Errors.Null(nameof(identity));
            }
            return Accept(store, random, identity.X25519SecretKey, identity.X25519PublicKey, preKeySecretKey, initiatorIdentityKey, packet, out plaintext);
        }

        /// <summary>Loads the session saved in <paramref name="store"/> (after a reboot).</summary>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        /// <exception cref="RatchetException">The store is empty, or holds a state this build cannot read.</exception>
        public static RatchetSession Load(IRatchetStateStore store, IRandomSource random)
        {
            if (store == null)
            {
                throw Errors.Null(nameof(store));
            }
            if (random == null)
            {
                throw Errors.Null(nameof(random));
            }
            byte[] stored = store.Load();
            if (stored == null)
            {
                throw Errors.RatchetNoState();
            }
            var session = new RatchetSession(store, random);
            session._state = RatchetState.Deserialize(stored);
            return session;
        }

        /// <summary>
        /// Encrypts <paramref name="plaintext"/> into a new packet for the peer. The state that no longer
        /// holds its message key is saved before the packet is returned.
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="plaintext"/> is null.</exception>
        /// <exception cref="RatchetException">The message counter is used up.</exception>
        /// <exception cref="InvalidOperationException">An earlier save failed; load the session again.</exception>
        public byte[] Encrypt(byte[] plaintext)
        {
            if (plaintext == null)
            {
                throw Errors.Null(nameof(plaintext));
            }
            CheckUsable();
            if (_state.LastSequenceSent == uint.MaxValue || _state.SendingCount == uint.MaxValue)
            {
                throw Errors.RatchetCounterExhausted();
            }
            // Unlike Decrypt, which is often refused and must then leave the session as it was, Encrypt
            // changes the live state in place (no 1 KB copy on the device's heap): once anything has
            // changed, the session is either saved or marked for reloading, so memory never runs ahead
            // of the store unnoticed.
            RatchetState s = _state;
            byte[] messageKey = new byte[RatchetKdf.KeySize];
            byte[] key = new byte[XChaCha20Poly1305.KeySize];
            byte[] nonce = new byte[XChaCha20Poly1305.NonceSize];
            byte[] packet;
            byte[] bytes = null;
            try
            {
                s.LastSequenceSent++;
                RatchetKdf.Chain(s.SendingChain, messageKey);
                int headerSize = s.InitiationPending ? RatchetPacket.InitiationHeaderSize : RatchetPacket.HeaderSize;
                packet = new byte[headerSize + plaintext.Length + RatchetPacket.TagSize];
                RatchetHeader.Write(packet, s.LastSequenceSent, s.PreviousSendingCount, s.SendingCount, s.SendingPublic,
                    s.InitiationPending ? s.InitiationKey : null);
                s.SendingCount++;
                RatchetKdf.MessageKeys(key, nonce, messageKey);
                XChaCha20Poly1305.Encrypt(packet, headerSize, key, nonce, AssociatedData(s, packet, headerSize), plaintext, 0, plaintext.Length);
                bytes = s.Serialize();
                _store.Save(bytes);
            }
            catch
            {
                _broken = true;
                throw;
            }
            finally
            {
                CryptoBytes.Wipe(messageKey);
                CryptoBytes.Wipe(key);
                CryptoBytes.Wipe(nonce);
                if (bytes != null)
                {
                    CryptoBytes.Wipe(bytes);
                }
            }
            return packet;
        }

        /// <summary>
        /// Opens a packet from the peer. Its message key is deleted, and the state saved, before the
        /// plaintext is returned; a packet is therefore opened at most once.
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="packet"/> is null.</exception>
        /// <exception cref="RatchetException">The packet is refused; <see cref="RatchetException.Error"/> says why. The session is unchanged.</exception>
        /// <exception cref="InvalidOperationException">An earlier save failed; load the session again.</exception>
        public byte[] Decrypt(byte[] packet)
        {
            CheckUsable();
            RatchetHeader header = RatchetHeader.Parse(packet);
            if (header.InitiationKey != null)
            {
                if (_state.Role == RatchetState.RoleInitiator)
                {
                    throw Errors.RatchetMalformed("an initiation packet came to the initiator");
                }
                if (!CryptoBytes.ConstantTimeEquals(header.InitiationKey, _state.InitiationKey))
                {
                    throw Errors.RatchetOtherSession();
                }
            }
            return Open(_state.Clone(), header, packet);
        }

        // Double Ratchet section 3.5, RatchetDecrypt, on the working copy s; commits it on success.
        private byte[] Open(RatchetState s, RatchetHeader header, byte[] packet)
        {
            byte[] messageKey = new byte[RatchetKdf.KeySize];
            byte[] key = new byte[XChaCha20Poly1305.KeySize];
            byte[] nonce = new byte[XChaCha20Poly1305.NonceSize];
            byte[] plaintext = null;
            int tagOffset = packet.Length - RatchetPacket.TagSize;
            try
            {
                RatchetReceiver.TakeMessageKey(s, header, packet, messageKey, _random);
                plaintext = new byte[tagOffset - header.Size];
                RatchetKdf.MessageKeys(key, nonce, messageKey);
                if (!XChaCha20Poly1305.Decrypt(plaintext, 0, key, nonce, AssociatedData(s, packet, header.Size),
                    packet, header.Size, packet.Length - header.Size))
                {
                    throw Errors.RatchetAuthentication(header.Sequence);
                }
                int logged = s.Received.Find(header.Sequence);
                if (logged >= 0)
                {
                    // The key was still there, yet this counter was opened before: the sender reused it.
                    throw Errors.RatchetRolledBack(header.Sequence);
                }
                s.Received.Add(header.Sequence, packet, tagOffset);
                if (header.Sequence > s.HighestSequenceOpened)
                {
                    s.HighestSequenceOpened = header.Sequence;
                }
                s.OpenedCount++;
                s.Skipped.Expire(s.OpenedCount);
                // Double Ratchet with X3DH: the initiator stops sending the initiation once the peer answered.
                s.InitiationPending = false;
                Commit(s);
            }
            catch
            {
                // A plaintext refused after decryption (a reused counter, a failed save) must not linger either.
                if (plaintext != null)
                {
                    CryptoBytes.Wipe(plaintext);
                }
                s.Wipe();
                throw;
            }
            finally
            {
                CryptoBytes.Wipe(messageKey);
                CryptoBytes.Wipe(key);
                CryptoBytes.Wipe(nonce);
            }
            return plaintext;
        }

        // Saves s, then makes it the session's state. A failed save leaves the store in doubt, so the
        // session refuses further use: reloading is the only way to know what the store holds.
        private void Commit(RatchetState s)
        {
            byte[] bytes = s.Serialize();
            try
            {
                _store.Save(bytes);
            }
            catch
            {
                _broken = true;
                s.Wipe();
                throw;
            }
            finally
            {
                CryptoBytes.Wipe(bytes);
            }
            if (_state != null)
            {
                _state.Wipe();
            }
            _state = s;
        }

        private void CheckUsable()
        {
            if (_broken)
            {
                throw Errors.RatchetNeedsReload();
            }
        }

        // 05 || initiator key || 05 || responder key || header.
        private static byte[] AssociatedData(RatchetState s, byte[] packet, int headerSize)
        {
            byte[] session = s.SessionAssociatedData();
            byte[] ad = new byte[session.Length + headerSize];
            Array.Copy(session, ad, session.Length);
            Array.Copy(packet, 0, ad, session.Length, headerSize);
            return ad;
        }

        private static void CheckCommon(IRatchetStateStore store, IRandomSource random, byte[] identitySecretKey, byte[] identityPublicKey)
        {
            if (store == null)
            {
                throw Errors.Null(nameof(store));
            }
            if (random == null)
            {
                throw Errors.Null(nameof(random));
            }
            Arguments.Size(identitySecretKey, X25519.ScalarSize, nameof(identitySecretKey));
            Arguments.Size(identityPublicKey, X25519.KeySize, nameof(identityPublicKey));
        }
    }
}
