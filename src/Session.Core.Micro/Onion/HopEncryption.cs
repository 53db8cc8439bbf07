// Onion hop encryption, enc_type "xchacha20" (docs/protocol.md §4.1): the layer key is
// K = BLAKE2b-256(X25519(e, N) || E || N) with the client's ephemeral public key E first and the
// node's X25519 public key N second, whichever side computes it; a sealed layer is
// nonce(24, random) || XChaCha20-Poly1305(K, nonce, no AD) || tag(16), 40 bytes more than the
// plaintext. The node answers under the same key. ("aes-gcm" is not spoken: the device has no AES-GCM.)
using Session.Core.Micro.Crypto;

namespace Session.Core.Micro.Onion
{
    /// <summary>Key derivation and sealing of one onion layer (xchacha20).</summary>
    public static class HopEncryption
    {
        /// <summary>Bytes of a layer key.</summary>
        public const int KeySize = 32;

        /// <summary>Bytes of the random nonce that opens a sealed layer.</summary>
        public const int NonceSize = XChaCha20Poly1305.NonceSize;

        /// <summary>How many bytes sealing adds: nonce and tag.</summary>
        public const int Overhead = XChaCha20Poly1305.NonceSize + XChaCha20Poly1305.TagSize;

        /// <summary>The enc_type string for this scheme.</summary>
        public const string EncType = "xchacha20";

        /// <summary>
        /// Derives the layer key from one side's secret and the other side's public key. The client
        /// passes (e, N), a node (n, E); both pass E as clientPublicKey and N as nodePublicKey.
        /// </summary>
        /// <param name="key">Receives the 32-byte layer key.</param>
        /// <param name="secretKey">The caller's X25519 secret (client: ephemeral e; node: n).</param>
        /// <param name="peerPublicKey">The other side's X25519 public key.</param>
        /// <param name="clientPublicKey">The client's ephemeral public key E.</param>
        /// <param name="nodePublicKey">The node's X25519 public key N.</param>
        /// <returns>False when the peer key is a small-order point (the key is then zeros and unusable).</returns>
        /// <exception cref="System.ArgumentNullException">An argument is null.</exception>
        /// <exception cref="System.ArgumentException">An argument is not 32 bytes.</exception>
        public static bool DeriveKey(byte[] key, byte[] secretKey, byte[] peerPublicKey, byte[] clientPublicKey, byte[] nodePublicKey)
        {
            Arguments.Size(key, KeySize, "key");
            Arguments.Size(clientPublicKey, X25519.KeySize, "clientPublicKey");
            Arguments.Size(nodePublicKey, X25519.KeySize, "nodePublicKey");
            byte[] shared = new byte[X25519.KeySize];
            try
            {
                bool ok = X25519.ScalarMult(shared, secretKey, peerPublicKey);
                Blake2b hash = new Blake2b(KeySize, null);
                hash.Update(shared, 0, shared.Length);
                hash.Update(clientPublicKey, 0, X25519.KeySize);
                hash.Update(nodePublicKey, 0, X25519.KeySize);
                hash.Final(key, 0);
                if (!ok)
                {
                    System.Array.Clear(key, 0, KeySize);
                }
                return ok;
            }
            finally
            {
                CryptoBytes.Wipe(shared);
            }
        }

        /// <summary>Seals plaintext: returns nonce || ciphertext || tag.</summary>
        /// <exception cref="System.ArgumentNullException">An argument is null.</exception>
        /// <exception cref="System.ArgumentException">key or nonce has the wrong size.</exception>
        public static byte[] Seal(byte[] key, byte[] nonce, byte[] plaintext)
        {
            if (plaintext == null)
            {
                throw Errors.Null("plaintext");
            }
            byte[] output = new byte[plaintext.Length + Overhead];
            System.Array.Copy(plaintext, 0, output, NonceSize, plaintext.Length);
            SealInPlace(output, 0, plaintext.Length, key, nonce);
            return output;
        }

        /// <summary>
        /// Opens nonce || ciphertext || tag held in data[offset .. offset + count).
        /// </summary>
        /// <returns>The plaintext, or null when the data is too short or fails authentication.</returns>
        /// <exception cref="System.ArgumentNullException">key or data is null.</exception>
        /// <exception cref="System.ArgumentException">key is not 32 bytes, or offset and count lie outside data.</exception>
        public static byte[] Open(byte[] key, byte[] data, int offset, int count)
        {
            Arguments.Size(key, KeySize, "key");
            Arguments.Count(count, "count");
            Arguments.Slice(data, "data", offset, "offset", count);
            if (count < Overhead)
            {
                return null;
            }
            byte[] nonce = new byte[NonceSize];
            System.Array.Copy(data, offset, nonce, 0, NonceSize);
            byte[] plaintext = new byte[count - Overhead];
            if (!XChaCha20Poly1305.Decrypt(plaintext, 0, key, nonce, null, data, offset + NonceSize, count - NonceSize))
            {
                return null;
            }
            return plaintext;
        }

        /// <summary>
        /// Seals in place: buffer[at + 24 .. + length) holds the plaintext; writes the nonce before
        /// it and the tag after it, so the layer occupies buffer[at .. at + length + 40).
        /// </summary>
        internal static void SealInPlace(byte[] buffer, int at, int length, byte[] key, byte[] nonce)
        {
            Arguments.Size(key, KeySize, "key");
            Arguments.Size(nonce, NonceSize, "nonce");
            System.Array.Copy(nonce, 0, buffer, at, NonceSize);
            XChaCha20Poly1305.Encrypt(buffer, at + NonceSize, key, nonce, null, buffer, at + NonceSize, length);
        }
    }
}
