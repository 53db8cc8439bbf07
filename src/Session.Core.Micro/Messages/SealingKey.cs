// The message-independent half of one encrypt_for_recipient seal (docs/protocol.md §2.2): for one
// recipient Y and one fresh ephemeral key pair (e, E), the box key HSalsa20(X25519(e, Y)) and the
// nonce BLAKE2b-192(E || Y). Preparing it is the costly part (two X25519 multiplications, about
// two seconds on an ESP32), so an alert path can prepare it before the button is pressed and seal
// at press time with XSalsa20-Poly1305 alone.
// One key seals one message: sealing twice with the same key and nonce would reuse the keystream,
// so Seal wipes the key and a second use throws.
using Session.Core.Micro.Crypto;

namespace Session.Core.Micro.Messages
{
    /// <summary>The prepared, single-use, message-independent half of one sealed box to one recipient.</summary>
    public sealed class SealingKey
    {
        private readonly byte[] _recipientPublicKey = new byte[X25519.KeySize];
        private readonly byte[] _ephemeralPublicKey = new byte[X25519.KeySize];
        private readonly byte[] _boxKey = new byte[CryptoBox.KeySize];
        private readonly byte[] _nonce = new byte[CryptoBox.NonceSize];
        private bool _used;

        private SealingKey()
        {
        }

        /// <summary>The recipient's X25519 key, which the sender also signs (the Y of M || A || Y).</summary>
        public byte[] RecipientPublicKey
        {
            get { return _recipientPublicKey; }
        }

        /// <summary>
        /// Prepares a seal to <paramref name="recipientPublicKey"/> (32 bytes, or 33 with the Session ID's
        /// 0x05 prefix) with a fresh ephemeral pair: 32 bytes from <paramref name="random"/>, the same
        /// draw MessageEncoder.Encode makes first. The ephemeral secret is wiped before returning.
        /// </summary>
        /// <exception cref="System.ArgumentNullException">An argument is null.</exception>
        /// <exception cref="System.ArgumentException">The recipient key has the wrong size or is a small-order point.</exception>
        public static SealingKey Create(byte[] recipientPublicKey, IRandomSource random)
        {
            if (random == null)
            {
                throw Errors.Null("random");
            }
            byte[] recipient = MessageEncrypter.RecipientKey(recipientPublicKey);
            byte[] ephemeralSecretKey = new byte[X25519.ScalarSize];
            byte[] ephemeralPublicKey = new byte[X25519.KeySize];
            try
            {
                random.Fill(ephemeralSecretKey, 0, ephemeralSecretKey.Length);
                X25519.ScalarMultBase(ephemeralPublicKey, ephemeralSecretKey);
                return Prepare(recipient, ephemeralPublicKey, ephemeralSecretKey);
            }
            finally
            {
                CryptoBytes.Wipe(ephemeralSecretKey);
            }
        }

        /// <summary>True once the key has sealed a message or been wiped; it cannot seal again.</summary>
        public bool IsUsed
        {
            get { return _used; }
        }

        /// <summary>Prepares a seal to <paramref name="recipientPublicKey"/> (32 bytes) with the given ephemeral pair.</summary>
        /// <exception cref="System.ArgumentException">A key has the wrong size, or the recipient key is a small-order point.</exception>
        internal static SealingKey Prepare(byte[] recipientPublicKey, byte[] ephemeralPublicKey, byte[] ephemeralSecretKey)
        {
            var key = new SealingKey();
            SealedBox.Prepare(key._boxKey, key._nonce, recipientPublicKey, ephemeralPublicKey, ephemeralSecretKey);
            System.Array.Copy(recipientPublicKey, key._recipientPublicKey, X25519.KeySize);
            System.Array.Copy(ephemeralPublicKey, key._ephemeralPublicKey, X25519.KeySize);
            return key;
        }

        /// <summary>Seals message[offset..+count] into output at outputOffset (count + 48 bytes), then wipes the key.</summary>
        /// <exception cref="System.InvalidOperationException">The key has already sealed a message.</exception>
        internal void Seal(byte[] output, int outputOffset, byte[] message, int offset, int count)
        {
            if (_used)
            {
                throw Errors.SealingKeyUsed();
            }
            _used = true;
            try
            {
                SealedBox.SealPrepared(output, outputOffset, _ephemeralPublicKey, _boxKey, _nonce, message, offset, count);
            }
            finally
            {
                Wipe();
            }
        }

        /// <summary>Clears the box key and marks the key used, sealed or not (for failure paths).</summary>
        public void Wipe()
        {
            _used = true;
            CryptoBytes.Wipe(_boxKey);
        }
    }
}
