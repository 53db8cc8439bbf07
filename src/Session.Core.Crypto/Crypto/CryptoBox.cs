// NaCl crypto_box_curve25519xsalsa20poly1305 in libsodium's "easy" layout: boxed = MAC(16) ||
// ciphertext. The box key is beforenm = HSalsa20(X25519(secret, public), 16 zero bytes), then the
// message goes through SecretBox. An all-zero X25519 result (a small-order public key) is refused,
// as libsodium does. Keys 32 bytes, nonce 24, MAC 16.
namespace Session.Core.Micro.Crypto
{
    /// <summary>Public-key authenticated encryption between two X25519 key pairs (NaCl crypto_box).</summary>
    public static class CryptoBox
    {
        /// <summary>Bytes of a public key, a secret key and of the precomputed box key.</summary>
        public const int KeySize = 32;

        /// <summary>Bytes of a seed for <see cref="KeyPairFromSeed"/>.</summary>
        public const int SeedSize = 32;

        /// <summary>Bytes of a nonce.</summary>
        public const int NonceSize = SecretBox.NonceSize;

        /// <summary>Bytes of the MAC; a box is this much longer than its message.</summary>
        public const int MacSize = SecretBox.MacSize;

        private static readonly byte[] s_zeroInput = new byte[16];

        /// <summary>The key pair libsodium's crypto_box_seed_keypair makes: secret = SHA-512(seed)[0..31], public = X25519 base point times secret.</summary>
        /// <exception cref="System.ArgumentNullException">An argument is null.</exception>
        /// <exception cref="System.ArgumentException">An argument is not 32 bytes.</exception>
        public static void KeyPairFromSeed(byte[] publicKey, byte[] secretKey, byte[] seed)
        {
            Arguments.Size(publicKey, KeySize, nameof(publicKey));
            Arguments.Size(secretKey, KeySize, nameof(secretKey));
            Arguments.Size(seed, SeedSize, nameof(seed));
            byte[] hash = Sha512.Hash(seed);
            try
            {
                System.Array.Copy(hash, secretKey, KeySize);
                X25519.ScalarMultBase(publicKey, secretKey);
            }
            finally
            {
                CryptoBytes.Wipe(hash);
            }
        }

        /// <summary>Computes the box key shared by <paramref name="secretKey"/> and <paramref name="publicKey"/>.</summary>
        /// <param name="boxKey">Receives 32 bytes; zeros when false is returned.</param>
        /// <param name="publicKey">The peer's X25519 public key.</param>
        /// <param name="secretKey">Our X25519 secret key.</param>
        /// <returns>False when the public key is a small-order point (the shared secret is all zero).</returns>
        /// <exception cref="System.ArgumentNullException">An argument is null.</exception>
        /// <exception cref="System.ArgumentException">An argument is not 32 bytes.</exception>
        public static bool BeforeNm(byte[] boxKey, byte[] publicKey, byte[] secretKey)
        {
            Arguments.Size(boxKey, KeySize, nameof(boxKey));
            byte[] shared = new byte[X25519.KeySize];
            try
            {
                if (!X25519.ScalarMult(shared, secretKey, publicKey))
                {
                    System.Array.Clear(boxKey, 0, KeySize);
                    return false;
                }
                HSalsa20.DeriveKey(boxKey, shared, s_zeroInput);
                return true;
            }
            finally
            {
                CryptoBytes.Wipe(shared);
            }
        }

        /// <summary>Encrypts <paramref name="message"/> from <paramref name="secretKey"/>'s owner to <paramref name="publicKey"/>'s: output = MAC || ciphertext.</summary>
        /// <param name="output">Receives message.Length + 16 bytes.</param>
        /// <param name="publicKey">The recipient's X25519 public key.</param>
        /// <param name="secretKey">The sender's X25519 secret key.</param>
        /// <param name="nonce">24 bytes, never reused for the same pair of keys.</param>
        /// <param name="message">The message.</param>
        /// <exception cref="System.ArgumentNullException">An argument is null.</exception>
        /// <exception cref="System.ArgumentException">A size is wrong, or <paramref name="publicKey"/> is a small-order point that no one could decrypt from.</exception>
        public static void Seal(byte[] output, byte[] publicKey, byte[] secretKey, byte[] nonce, byte[] message)
        {
            byte[] boxKey = new byte[KeySize];
            try
            {
                if (!BeforeNm(boxKey, publicKey, secretKey))
                {
                    throw Errors.SmallOrderKey(nameof(publicKey));
                }
                SecretBox.Seal(output, boxKey, nonce, message);
            }
            finally
            {
                CryptoBytes.Wipe(boxKey);
            }
        }

        /// <summary>Checks and decrypts a box from <paramref name="publicKey"/>'s owner to <paramref name="secretKey"/>'s.</summary>
        /// <param name="output">Receives boxed.Length - 16 bytes; untouched when false is returned.</param>
        /// <param name="publicKey">The sender's X25519 public key.</param>
        /// <param name="secretKey">The recipient's X25519 secret key.</param>
        /// <param name="nonce">The 24-byte nonce the box was made with.</param>
        /// <param name="boxed">MAC || ciphertext.</param>
        /// <returns>False when the box is forged, damaged, too short, or the public key is a small-order point.</returns>
        /// <exception cref="System.ArgumentNullException">An argument is null.</exception>
        /// <exception cref="System.ArgumentException">A size is wrong.</exception>
        public static bool Open(byte[] output, byte[] publicKey, byte[] secretKey, byte[] nonce, byte[] boxed)
        {
            byte[] boxKey = new byte[KeySize];
            try
            {
                return BeforeNm(boxKey, publicKey, secretKey) && SecretBox.Open(output, boxKey, nonce, boxed);
            }
            finally
            {
                CryptoBytes.Wipe(boxKey);
            }
        }
    }
}
