// encrypt_for_recipient (docs/protocol.md §2.2, libsession session_encrypt.cpp): Session's signed,
// sealed 1-to-1 encryption.
//   SIG = Ed25519-sign(sender, M || A || Y)     A = sender's Ed25519 key, Y = recipient's X25519 key
//   INNER = M || A || SIG                       |M| + 96 bytes
//   ciphertext = crypto_box_seal(INNER, Y)      |M| + 144 bytes
// The work is split so the device can seal with a key prepared before the button is pressed:
// SignAndSeal takes a SealingKey (ephemeral pair, box key and nonce for one recipient), and only
// EncryptForRecipient draws the ephemeral secret.
// INNER is built in one buffer: Y sits where SIG will go while signing, then SIG overwrites it.
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Identity;

namespace Session.Core.Micro.Messages
{
    /// <summary>Session's encrypt_for_recipient: sign, then seal to the recipient's X25519 key.</summary>
    public static class MessageEncrypter
    {
        /// <summary>Bytes the signature layer adds: the sender's Ed25519 key and the signature.</summary>
        public const int SignedOverhead = Ed25519.PublicKeySize + Ed25519.SignatureSize;

        /// <summary>Bytes encryption adds to a message: <see cref="SignedOverhead"/> and the sealed box's 48.</summary>
        public const int Overhead = SignedOverhead + SealedBox.Overhead;

        // The key BLAKE2b uses to derive the deterministic ephemeral seed (ASCII "SessionBoxEphemeralHashKey").
        private static readonly byte[] s_ephemeralHashKey =
        {
            0x53, 0x65, 0x73, 0x73, 0x69, 0x6f, 0x6e, 0x42, 0x6f, 0x78, 0x45, 0x70, 0x68, 0x65, 0x6d,
            0x65, 0x72, 0x61, 0x6c, 0x48, 0x61, 0x73, 0x68, 0x4b, 0x65, 0x79,
        };

        /// <summary>Signs <paramref name="message"/> as <paramref name="sender"/> and seals it to the recipient, with a fresh ephemeral key from <paramref name="random"/>.</summary>
        /// <param name="sender">The sender's keys.</param>
        /// <param name="recipientPublicKey">The recipient's X25519 key: 32 bytes, or 33 with the Session ID's 0x05 prefix.</param>
        /// <param name="message">The (padded) Content.</param>
        /// <param name="random">The source of the 32-byte ephemeral secret key.</param>
        /// <returns>message.Length + <see cref="Overhead"/> bytes.</returns>
        /// <exception cref="System.ArgumentNullException">An argument is null.</exception>
        /// <exception cref="System.ArgumentException">The recipient key is not 32 bytes (or 33 starting 05), or is a small-order point.</exception>
        public static byte[] EncryptForRecipient(IdentityKeys sender, byte[] recipientPublicKey, byte[] message, IRandomSource random)
        {
            if (random == null)
            {
                throw Errors.Null("random");
            }
            byte[] recipient = RecipientKey(recipientPublicKey);
            CheckSenderAndMessage(sender, message);
            byte[] ephemeralSecretKey = new byte[X25519.ScalarSize];
            byte[] ephemeralPublicKey = new byte[X25519.KeySize];
            try
            {
                random.Fill(ephemeralSecretKey, 0, ephemeralSecretKey.Length);
                X25519.ScalarMultBase(ephemeralPublicKey, ephemeralSecretKey);
                return Encrypt(sender, message, SealingKey.Prepare(recipient, ephemeralPublicKey, ephemeralSecretKey));
            }
            finally
            {
                CryptoBytes.Wipe(ephemeralSecretKey);
            }
        }

        /// <summary>
        /// libsession's encrypt_for_recipient_deterministic, for tests and data a sender encrypts to itself:
        /// the ephemeral key pair is crypto_box_seed_keypair(BLAKE2b-256 keyed "SessionBoxEphemeralHashKey"
        /// over sender seed || Y || M), so equal inputs give equal ciphertexts.
        /// </summary>
        internal static byte[] EncryptForRecipientDeterministic(IdentityKeys sender, byte[] recipientPublicKey, byte[] message)
        {
            byte[] recipient = RecipientKey(recipientPublicKey);
            CheckSenderAndMessage(sender, message);
            byte[] seed = new byte[CryptoBox.SeedSize];
            byte[] ephemeralSecretKey = new byte[X25519.ScalarSize];
            byte[] ephemeralPublicKey = new byte[X25519.KeySize];
            try
            {
                var hash = new Blake2b(CryptoBox.SeedSize, s_ephemeralHashKey);
                hash.Update(sender.Ed25519SecretKey, 0, Ed25519.SeedSize);
                hash.Update(recipient, 0, X25519.KeySize);
                hash.Update(message, 0, message.Length);
                hash.Final(seed, 0);
                CryptoBox.KeyPairFromSeed(ephemeralPublicKey, ephemeralSecretKey, seed);
                return Encrypt(sender, message, SealingKey.Prepare(recipient, ephemeralPublicKey, ephemeralSecretKey));
            }
            finally
            {
                CryptoBytes.Wipe(seed);
                CryptoBytes.Wipe(ephemeralSecretKey);
            }
        }

        /// <summary>
        /// The seam between signing and sealing. <paramref name="inner"/> holds M in its first
        /// <paramref name="messageLength"/> bytes and has exactly <see cref="SignedOverhead"/> bytes after
        /// it; they receive A || SIG, signed over M || A || Y for the sealing key's recipient Y. The sealed
        /// result, messageLength + <see cref="Overhead"/> bytes, is written to <paramref name="output"/> at
        /// <paramref name="outputOffset"/>; the sealing key is used up.
        /// </summary>
        internal static void SignAndSeal(byte[] output, int outputOffset, IdentityKeys sender, byte[] inner, int messageLength, SealingKey sealingKey)
        {
            SignAndSeal(output, outputOffset, sender, inner, messageLength, sealingKey, null);
        }

        /// <summary>As SignAndSeal, signing with a nonce prepared ahead when <paramref name="nonce"/> is not null (used up).</summary>
        internal static void SignAndSeal(byte[] output, int outputOffset, IdentityKeys sender, byte[] inner, int messageLength, SealingKey sealingKey, Ed25519Nonce nonce)
        {
            System.Diagnostics.Debug.Assert(inner.Length == messageLength + SignedOverhead);
            byte[] signature = new byte[Ed25519.SignatureSize];
            int signatureAt = messageLength + Ed25519.PublicKeySize;
            System.Array.Copy(sender.Ed25519PublicKey, 0, inner, messageLength, Ed25519.PublicKeySize);
            System.Array.Copy(sealingKey.RecipientPublicKey, 0, inner, signatureAt, X25519.KeySize);
            if (nonce == null)
            {
                Ed25519.Sign(signature, sender.Ed25519SecretKey, inner, 0, signatureAt + X25519.KeySize);
            }
            else
            {
                Ed25519.Sign(signature, sender.Ed25519SecretKey, inner, 0, signatureAt + X25519.KeySize, nonce);
            }
            System.Array.Copy(signature, 0, inner, signatureAt, Ed25519.SignatureSize);
            sealingKey.Seal(output, outputOffset, inner, 0, inner.Length);
        }

        /// <summary>The 32-byte X25519 key in a 32-byte key or a 33-byte one prefixed 0x05 (a Session ID's bytes).</summary>
        /// <exception cref="System.ArgumentNullException"><paramref name="recipientPublicKey"/> is null.</exception>
        /// <exception cref="System.ArgumentException">The key is neither.</exception>
        internal static byte[] RecipientKey(byte[] recipientPublicKey)
        {
            if (recipientPublicKey == null)
            {
                throw Errors.Null("recipientPublicKey");
            }
            if (recipientPublicKey.Length == X25519.KeySize)
            {
                return recipientPublicKey;
            }
            if (recipientPublicKey.Length == X25519.KeySize + 1 && recipientPublicKey[0] == SessionId.Prefix)
            {
                byte[] key = new byte[X25519.KeySize];
                System.Array.Copy(recipientPublicKey, 1, key, 0, X25519.KeySize);
                return key;
            }
            throw Errors.RecipientKey();
        }

        private static byte[] Encrypt(IdentityKeys sender, byte[] message, SealingKey sealingKey)
        {
            byte[] inner = new byte[message.Length + SignedOverhead];
            byte[] output = new byte[message.Length + Overhead];
            try
            {
                System.Array.Copy(message, inner, message.Length);
                SignAndSeal(output, 0, sender, inner, message.Length, sealingKey);
                return output;
            }
            finally
            {
                CryptoBytes.Wipe(inner);
                sealingKey.Wipe();
            }
        }

        private static void CheckSenderAndMessage(IdentityKeys sender, byte[] message)
        {
            if (sender == null)
            {
                throw Errors.Null("sender");
            }
            if (message == null)
            {
                throw Errors.Null("message");
            }
        }
    }
}
