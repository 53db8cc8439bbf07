// Builds what a sender stores in the recipient's swarm (docs/protocol.md §2.1, §2.5, §7 step 6):
//   WebSocketMessage { REQUEST, request { "", "", body = Envelope { 6, t, 1,
//       content = encrypt_for_recipient(pad160(Content)), proSig = decoy } , 0 } }
// then base64 for the store request's "data". A Content's MinimumPaddedSize raises the padding to
// that size (more zeros after the marker), so that messages of different lengths look alike.
// Allocation: every size is computed first, so the Content is written once into the buffer that
// becomes INNER (M || A || SIG) and the sealed box is written straight into the final payload's
// envelope; nothing grows and nothing is copied whole. Randomness, in order: the 32-byte ephemeral
// secret of the sealed box, then the 128 bytes of the decoy proSig. Both parts are independent of
// the message, so an internal seam lets the alert path prepare them ahead of time.
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Encoding;
using Session.Core.Micro.Identity;

namespace Session.Core.Micro.Messages
{
    /// <summary>Encodes a Content as the stored payload of a 1-to-1 Session message (v1).</summary>
    public static class MessageEncoder
    {
        /// <summary>The largest payload a swarm stores (decoded "data" of store, docs/protocol.md §3.2).</summary>
        public const int MaxStoredSize = 76800;

        /// <summary>Builds the stored payload of <paramref name="content"/> from <paramref name="sender"/> to the recipient.</summary>
        /// <param name="sender">The sender's keys.</param>
        /// <param name="recipientPublicKey">The recipient's X25519 key: 32 bytes, or 33 with the Session ID's 0x05 prefix.</param>
        /// <param name="content">The message; its sigTimestamp becomes the envelope's timestamp.</param>
        /// <param name="random">The source of the ephemeral key and the decoy proSig (160 bytes).</param>
        /// <returns>The WebSocketMessage bytes (base64 them with <see cref="ToStoreData"/>).</returns>
        /// <exception cref="System.ArgumentNullException">An argument is null.</exception>
        /// <exception cref="System.ArgumentException">The recipient key is not 32 bytes (or 33 starting 05), or is a small-order point.</exception>
        /// <exception cref="MessageException">Error <see cref="MessageError.TooLarge"/>: the payload would exceed <see cref="MaxStoredSize"/>.</exception>
        public static byte[] Encode(IdentityKeys sender, byte[] recipientPublicKey, ContentMessage content, IRandomSource random)
        {
            if (random == null)
            {
                throw Errors.Null("random");
            }
            byte[] recipient = MessageEncrypter.RecipientKey(recipientPublicKey);
            CheckArguments(sender, content);
            // Refuse an oversized message before any expensive step.
            PayloadSize(content);
            byte[] ephemeralSecretKey = new byte[X25519.ScalarSize];
            byte[] ephemeralPublicKey = new byte[X25519.KeySize];
            byte[] proSignature = new byte[Envelope.ProSignatureSize];
            SealingKey sealingKey = null;
            try
            {
                random.Fill(ephemeralSecretKey, 0, ephemeralSecretKey.Length);
                X25519.ScalarMultBase(ephemeralPublicKey, ephemeralSecretKey);
                sealingKey = SealingKey.Prepare(recipient, ephemeralPublicKey, ephemeralSecretKey);
                DecoyProSignature.Write(proSignature, 0, random);
                return EncodePrepared(sender, content, sealingKey, proSignature, null);
            }
            finally
            {
                CryptoBytes.Wipe(ephemeralSecretKey);
                if (sealingKey != null)
                {
                    sealingKey.Wipe();
                }
            }
        }

        /// <summary>The "data" value of a store request: <paramref name="payload"/> in standard, padded base64.</summary>
        /// <exception cref="System.ArgumentNullException"><paramref name="payload"/> is null.</exception>
        public static string ToStoreData(byte[] payload)
        {
            if (payload == null)
            {
                throw Errors.Null("payload");
            }
            return System.Convert.ToBase64String(payload);
        }

        /// <summary>The size of the payload <see cref="Encode"/> builds for <paramref name="content"/>.</summary>
        /// <exception cref="System.ArgumentNullException"><paramref name="content"/> is null.</exception>
        /// <exception cref="MessageException">Error <see cref="MessageError.TooLarge"/>: the payload would exceed <see cref="MaxStoredSize"/>.</exception>
        public static int PayloadSize(ContentMessage content)
        {
            if (content == null)
            {
                throw Errors.Null("content");
            }
            return PayloadSize(content, content.EncodedSize());
        }

        private static int PayloadSize(ContentMessage content, int contentSize)
        {
            // Anything past the limit is refused before sizes could overflow.
            if (contentSize > MaxStoredSize)
            {
                throw Errors.TooLarge(contentSize, MaxStoredSize);
            }
            int ciphertextLength = PaddedLength(content, contentSize) + MessageEncrypter.Overhead;
            int size = WebSocketMessage.EncodedSize(Envelope.EncodedSize(content.SigTimestamp, ciphertextLength));
            if (size > MaxStoredSize)
            {
                throw Errors.TooLarge(size, MaxStoredSize);
            }
            return size;
        }

        // Session's 160-byte steps, or the Content's minimum when that is larger.
        private static int PaddedLength(ContentMessage content, int contentSize)
        {
            int padded = Padding.PaddedLength(contentSize);
            return padded < content.MinimumPaddedSize ? content.MinimumPaddedSize : padded;
        }

        /// <summary>
        /// Encode with the message-independent parts given: the prepared seal to the recipient and the
        /// 64-byte proSig. The seam for an alert path that computes them before the button is pressed
        /// (three X25519/Ed25519 base or shared-secret multiplications), leaving the signature and
        /// XSalsa20-Poly1305 for press time (pre-arming). The sealing key is used up.
        /// </summary>
        /// <param name="sender">The sender's keys.</param>
        /// <param name="content">The message; its sigTimestamp becomes the envelope's timestamp.</param>
        /// <param name="sealingKey">An unused seal to the recipient (SealingKey.Create); used up (wiped) here.</param>
        /// <param name="proSignature">The 64-byte decoy (DecoyProSignature.Write), copied into the envelope.</param>
        /// <exception cref="System.ArgumentNullException">An argument is null.</exception>
        /// <exception cref="System.ArgumentException">proSignature is not 64 bytes.</exception>
        /// <exception cref="System.InvalidOperationException">The sealing key has sealed a message already.</exception>
        /// <exception cref="MessageException">Error <see cref="MessageError.TooLarge"/>: the payload would exceed <see cref="MaxStoredSize"/>.</exception>
        public static byte[] Encode(IdentityKeys sender, ContentMessage content, SealingKey sealingKey, byte[] proSignature)
        {
            return Encode(sender, content, sealingKey, proSignature, null);
        }

        /// <summary>
        /// Encode with the seal, the proSig and the signature's nonce all prepared ahead: at press time
        /// only hashing, one scalar multiply-add and XSalsa20-Poly1305 remain (pre-arming).
        /// The sealing key and the nonce are used up (wiped); a null nonce signs as usual.
        /// </summary>
        /// <param name="sender">The sender's keys.</param>
        /// <param name="content">The message; its sigTimestamp becomes the envelope's timestamp.</param>
        /// <param name="sealingKey">An unused seal to the recipient (SealingKey.Create); used up (wiped) here.</param>
        /// <param name="proSignature">The 64-byte decoy (DecoyProSignature.Write), copied into the envelope.</param>
        /// <param name="nonce">An unused Ed25519Nonce for sender's key, or null.</param>
        /// <exception cref="System.ArgumentNullException">An argument other than nonce is null.</exception>
        /// <exception cref="System.ArgumentException">proSignature is not 64 bytes, or the nonce was made for another key.</exception>
        /// <exception cref="System.InvalidOperationException">The sealing key has sealed a message already, or the nonce was used.</exception>
        /// <exception cref="MessageException">Error <see cref="MessageError.TooLarge"/>: the payload would exceed <see cref="MaxStoredSize"/>.</exception>
        public static byte[] Encode(IdentityKeys sender, ContentMessage content, SealingKey sealingKey, byte[] proSignature, Ed25519Nonce nonce)
        {
            CheckArguments(sender, content);
            if (sealingKey == null)
            {
                throw Errors.Null("sealingKey");
            }
            if (proSignature == null)
            {
                throw Errors.Null("proSignature");
            }
            if (proSignature.Length != Envelope.ProSignatureSize)
            {
                throw Errors.Length("proSignature", Envelope.ProSignatureSize);
            }
            if (sealingKey.IsUsed)
            {
                throw Errors.SealingKeyUsed();
            }
            if (nonce != null && nonce.IsUsed)
            {
                throw Errors.NonceUsed();
            }
            return EncodePrepared(sender, content, sealingKey, proSignature, nonce);
        }

        private static byte[] EncodePrepared(IdentityKeys sender, ContentMessage content, SealingKey sealingKey, byte[] proSignature, Ed25519Nonce nonce)
        {
            int contentSize = content.EncodedSize();
            int size = PayloadSize(content, contentSize);
            int padded = PaddedLength(content, contentSize);

            // INNER = padded Content || A || SIG, written in the buffer's own (exactly sized) array.
            var innerBuffer = new ByteBuffer(padded + MessageEncrypter.SignedOverhead);
            content.WriteTo(new ProtobufWriter(innerBuffer));
            byte[] inner = innerBuffer.Storage;
            System.Diagnostics.Debug.Assert(innerBuffer.Length == contentSize && inner.Length == padded + MessageEncrypter.SignedOverhead);
            inner[contentSize] = Padding.Marker;

            var payload = new ByteBuffer(size);
            var writer = new ProtobufWriter(payload);
            try
            {
                int request = WebSocketMessage.BeginRequest(writer);
                int body = WebSocketMessage.BeginBody(writer);
                int sealedAt = Envelope.WriteStart(writer, content.SigTimestamp, padded + MessageEncrypter.Overhead);
                MessageEncrypter.SignAndSeal(payload.Storage, sealedAt, sender, inner, padded, sealingKey, nonce);
                int proSignatureAt = Envelope.WriteProSignature(writer);
                System.Array.Copy(proSignature, 0, payload.Storage, proSignatureAt, Envelope.ProSignatureSize);
                writer.EndMessage(body);
                WebSocketMessage.EndRequest(writer, request);
            }
            finally
            {
                CryptoBytes.Wipe(inner);
            }
            System.Diagnostics.Debug.Assert(payload.Length == size && payload.Capacity == size);
            // Sized exactly, so the buffer's array is the payload: no final copy.
            return payload.Length == payload.Storage.Length ? payload.Storage : payload.ToArray();
        }

        private static void CheckArguments(IdentityKeys sender, ContentMessage content)
        {
            if (sender == null)
            {
                throw Errors.Null("sender");
            }
            if (content == null)
            {
                throw Errors.Null("content");
            }
        }
    }
}
