// libsodium's crypto_box_seal: anonymous public-key encryption, the outer layer of every Session
// 1-to-1 message (docs/protocol.md §2.2). A fresh ephemeral X25519 key pair per message;
// sealed = ephemeralPk(32) || crypto_box_easy(message, nonce, recipientPk, ephemeralSk) with
// nonce = BLAKE2b-192(ephemeralPk || recipientPk). 48 bytes of overhead. The recipient learns
// nothing about the sender from the box itself; Session puts the sender's signed key inside.
namespace Session.Core.Micro.Crypto
{
    /// <summary>Anonymous sealed boxes (libsodium crypto_box_seal / crypto_box_seal_open).</summary>
    public static class SealedBox
    {
        /// <summary>Bytes a sealed box adds to its message: the ephemeral public key and the MAC.</summary>
        public const int Overhead = X25519.KeySize + CryptoBox.MacSize;

        /// <summary>Bytes of the recipient's public and secret keys.</summary>
        public const int KeySize = X25519.KeySize;

        /// <summary>Seals <paramref name="message"/> to <paramref name="recipientPublicKey"/> with an ephemeral key drawn from <paramref name="random"/>.</summary>
        /// <param name="output">Receives message.Length + <see cref="Overhead"/> bytes.</param>
        /// <param name="recipientPublicKey">The recipient's X25519 public key.</param>
        /// <param name="message">The message.</param>
        /// <param name="random">The source of the ephemeral secret key.</param>
        /// <exception cref="System.ArgumentNullException">An argument is null.</exception>
        /// <exception cref="System.ArgumentException">A size is wrong, or the recipient key is a small-order point.</exception>
        public static void Seal(byte[] output, byte[] recipientPublicKey, byte[] message, IRandomSource random)
        {
            if (random == null)
            {
                throw Errors.Null(nameof(random));
            }
            byte[] ephemeralSecretKey = new byte[X25519.ScalarSize];
            try
            {
                random.Fill(ephemeralSecretKey, 0, ephemeralSecretKey.Length);
                Seal(output, recipientPublicKey, message, ephemeralSecretKey);
            }
            finally
            {
                CryptoBytes.Wipe(ephemeralSecretKey);
            }
        }

        /// <summary>Opens a sealed box addressed to the given key pair.</summary>
        /// <param name="output">Receives sealed.Length - <see cref="Overhead"/> bytes; untouched when false is returned.</param>
        /// <param name="recipientPublicKey">Our X25519 public key (it is part of the nonce).</param>
        /// <param name="recipientSecretKey">Our X25519 secret key.</param>
        /// <param name="sealedBox">ephemeralPk || MAC || ciphertext.</param>
        /// <returns>False when the box is too short, damaged, forged, or not addressed to this key.</returns>
        /// <exception cref="System.ArgumentNullException">An argument is null.</exception>
        /// <exception cref="System.ArgumentException">A key or <paramref name="output"/> has the wrong size.</exception>
        public static bool Open(byte[] output, byte[] recipientPublicKey, byte[] recipientSecretKey, byte[] sealedBox)
        {
            if (sealedBox == null)
            {
                throw Errors.Null(nameof(sealedBox));
            }
            Arguments.Size(recipientPublicKey, KeySize, nameof(recipientPublicKey));
            Arguments.Size(recipientSecretKey, KeySize, nameof(recipientSecretKey));
            if (sealedBox.Length < Overhead)
            {
                return false;
            }
            Arguments.Size(output, sealedBox.Length - Overhead, nameof(output));
            return Open(output, 0, recipientPublicKey, recipientSecretKey, sealedBox, 0, sealedBox.Length);
        }

        /// <summary>
        /// Open on slices, for a box inside a larger message (Session's envelope): sealedBox[offset..+count]
        /// is opened into output at outputOffset (count - Overhead bytes, written only on success).
        /// </summary>
        /// <returns>False when the box is too short, damaged, forged, or not addressed to this key.</returns>
        /// <exception cref="System.ArgumentNullException">An argument is null.</exception>
        /// <exception cref="System.ArgumentException">A key has the wrong size, count is negative, or a slice does not lie inside its array.</exception>
        public static bool Open(byte[] output, int outputOffset, byte[] recipientPublicKey, byte[] recipientSecretKey, byte[] sealedBox, int offset, int count)
        {
            Arguments.Count(count, nameof(count));
            Arguments.Slice(sealedBox, nameof(sealedBox), offset, nameof(offset), count);
            Arguments.Size(recipientPublicKey, KeySize, nameof(recipientPublicKey));
            Arguments.Size(recipientSecretKey, KeySize, nameof(recipientSecretKey));
            if (count < Overhead)
            {
                return false;
            }
            Arguments.Slice(output, nameof(output), outputOffset, nameof(outputOffset), count - Overhead);
            byte[] ephemeralPublicKey = new byte[X25519.KeySize];
            byte[] boxKey = new byte[CryptoBox.KeySize];
            try
            {
                System.Array.Copy(sealedBox, offset, ephemeralPublicKey, 0, X25519.KeySize);
                if (!CryptoBox.BeforeNm(boxKey, ephemeralPublicKey, recipientSecretKey))
                {
                    return false;
                }
                byte[] nonce = Nonce(ephemeralPublicKey, recipientPublicKey);
                return SecretBox.Open(output, outputOffset, boxKey, nonce, sealedBox, offset + X25519.KeySize, count - X25519.KeySize);
            }
            finally
            {
                CryptoBytes.Wipe(boxKey);
            }
        }

        // The deterministic core of Seal, with the ephemeral secret given (test vectors fix it).
        internal static void Seal(byte[] output, byte[] recipientPublicKey, byte[] message, byte[] ephemeralSecretKey)
        {
            if (message == null)
            {
                throw Errors.Null(nameof(message));
            }
            Arguments.Size(recipientPublicKey, KeySize, nameof(recipientPublicKey));
            Arguments.Size(output, message.Length + Overhead, nameof(output));
            byte[] ephemeralPublicKey = new byte[X25519.KeySize];
            byte[] boxKey = new byte[CryptoBox.KeySize];
            byte[] nonce = new byte[CryptoBox.NonceSize];
            try
            {
                X25519.ScalarMultBase(ephemeralPublicKey, ephemeralSecretKey);
                Prepare(boxKey, nonce, recipientPublicKey, ephemeralPublicKey, ephemeralSecretKey);
                SealPrepared(output, 0, ephemeralPublicKey, boxKey, nonce, message, 0, message.Length);
            }
            finally
            {
                CryptoBytes.Wipe(boxKey);
            }
        }

        /// <summary>
        /// Everything of a seal that does not depend on the message: the box key X25519(e, Y) through
        /// HSalsa20 and the nonce BLAKE2b-192(E || Y). The seam for a message layer that prepares a
        /// seal before the message exists (the X25519 multiplications cost about a second each on
        /// the device). A prepared key must seal one message only: a second would reuse the keystream.
        /// </summary>
        /// <exception cref="System.ArgumentNullException">An argument is null.</exception>
        /// <exception cref="System.ArgumentException">An argument has the wrong size, or <paramref name="recipientPublicKey"/> is a small-order point.</exception>
        public static void Prepare(byte[] boxKey, byte[] nonce, byte[] recipientPublicKey, byte[] ephemeralPublicKey, byte[] ephemeralSecretKey)
        {
            Arguments.Size(boxKey, CryptoBox.KeySize, nameof(boxKey));
            Arguments.Size(nonce, CryptoBox.NonceSize, nameof(nonce));
            Arguments.Size(recipientPublicKey, KeySize, nameof(recipientPublicKey));
            Arguments.Size(ephemeralPublicKey, X25519.KeySize, nameof(ephemeralPublicKey));
            Arguments.Size(ephemeralSecretKey, X25519.ScalarSize, nameof(ephemeralSecretKey));
            if (!CryptoBox.BeforeNm(boxKey, recipientPublicKey, ephemeralSecretKey))
            {
                throw Errors.SmallOrderKey(nameof(recipientPublicKey));
            }
            var hash = new Blake2b(CryptoBox.NonceSize, null);
            hash.Update(ephemeralPublicKey, 0, X25519.KeySize);
            hash.Update(recipientPublicKey, 0, X25519.KeySize);
            hash.Final(nonce, 0);
        }

        /// <summary>
        /// The message-dependent rest of a seal (after <see cref="Prepare"/>), on slices: writes
        /// E || MAC || ciphertext, count + Overhead bytes, at outputOffset (straight into an envelope being built).
        /// </summary>
        /// <exception cref="System.ArgumentNullException">An argument is null.</exception>
        /// <exception cref="System.ArgumentException">A key or the nonce has the wrong size, count is negative, or a slice does not lie inside its array.</exception>
        public static void SealPrepared(byte[] output, int outputOffset, byte[] ephemeralPublicKey, byte[] boxKey, byte[] nonce,
            byte[] message, int messageOffset, int count)
        {
            Arguments.Count(count, nameof(count));
            Arguments.Slice(message, nameof(message), messageOffset, nameof(messageOffset), count);
            Arguments.Size(ephemeralPublicKey, X25519.KeySize, nameof(ephemeralPublicKey));
            Arguments.Slice(output, nameof(output), outputOffset, nameof(outputOffset), count + Overhead);
            System.Array.Copy(ephemeralPublicKey, 0, output, outputOffset, X25519.KeySize);
            SecretBox.Seal(output, outputOffset + X25519.KeySize, boxKey, nonce, message, messageOffset, count);
        }

        private static byte[] Nonce(byte[] ephemeralPublicKey, byte[] recipientPublicKey)
        {
            var hash = new Blake2b(CryptoBox.NonceSize, null);
            hash.Update(ephemeralPublicKey, 0, X25519.KeySize);
            hash.Update(recipientPublicKey, 0, X25519.KeySize);
            byte[] nonce = new byte[CryptoBox.NonceSize];
            hash.Final(nonce, 0);
            return nonce;
        }
    }
}
