// AEAD_XChaCha20_Poly1305, draft-irtf-cfrg-xchacha-03 §2 and libsodium's
// crypto_aead_xchacha20poly1305_ietf: ChaCha20-Poly1305 (RFC 8439 §2.8) under
// subkey = HChaCha20(key, nonce[0..15]) with the 96-bit nonce 4 zero bytes || nonce[16..23].
// 32-byte key, 24-byte nonce (random nonces are safe), 16-byte tag; output is ciphertext || tag.
// The onion layers use it, so a call allocates only two 16-word states, the Poly1305 object (with its
// 16-byte buffer) and, on decryption, the 16-byte expected tag; the subkey is derived straight into
// the state. The AEAD itself lives in ChaCha20Poly1305, which takes either nonce size.
namespace Session.Core.Micro.Crypto
{
    /// <summary>The XChaCha20-Poly1305 AEAD (24-byte nonce).</summary>
    public static class XChaCha20Poly1305
    {
        /// <summary>Key size in bytes.</summary>
        public const int KeySize = 32;

        /// <summary>Nonce size in bytes; large enough to pick at random.</summary>
        public const int NonceSize = 24;

        /// <summary>Tag size in bytes; the ciphertext is this much longer than the plaintext.</summary>
        public const int TagSize = 16;

        /// <summary>Encrypts and authenticates: output = ciphertext || tag, plaintext.Length + 16 bytes.</summary>
        /// <param name="output">Receives exactly plaintext.Length + TagSize bytes.</param>
        /// <param name="key">The 32-byte key.</param>
        /// <param name="nonce">The 24-byte nonce.</param>
        /// <param name="associatedData">Authenticated but not encrypted; null means none.</param>
        /// <param name="plaintext">The message.</param>
        /// <exception cref="System.ArgumentNullException">output, key, nonce or plaintext is null.</exception>
        /// <exception cref="System.ArgumentException">key, nonce or output has the wrong size.</exception>
        public static void Encrypt(byte[] output, byte[] key, byte[] nonce, byte[] associatedData, byte[] plaintext)
        {
            ChaCha20Poly1305.Encrypt(output, key, nonce, NonceSize, associatedData, plaintext);
        }

        /// <summary>Checks the tag and, only if it is right, decrypts: output = plaintext, ciphertextAndTag.Length - 16 bytes.</summary>
        /// <param name="output">Receives exactly ciphertextAndTag.Length - TagSize bytes; untouched when false is returned.</param>
        /// <param name="key">The 32-byte key.</param>
        /// <param name="nonce">The 24-byte nonce.</param>
        /// <param name="associatedData">The associated data given to Encrypt; null means none.</param>
        /// <param name="ciphertextAndTag">Ciphertext || tag.</param>
        /// <returns>False when the tag does not match (or the input is shorter than a tag).</returns>
        /// <exception cref="System.ArgumentNullException">output, key, nonce or ciphertextAndTag is null.</exception>
        /// <exception cref="System.ArgumentException">key, nonce or output has the wrong size.</exception>
        public static bool Decrypt(byte[] output, byte[] key, byte[] nonce, byte[] associatedData, byte[] ciphertextAndTag)
        {
            return ChaCha20Poly1305.Decrypt(output, key, nonce, NonceSize, associatedData, ciphertextAndTag);
        }

        /// <summary>Encrypt on slices: writes count + 16 bytes at outputOffset. In place when output is plaintext at the same offset.</summary>
        /// <exception cref="System.ArgumentNullException">output, key, nonce or plaintext is null.</exception>
        /// <exception cref="System.ArgumentException">key or nonce has the wrong size, count is negative, or a slice does not lie inside its array.</exception>
        public static void Encrypt(byte[] output, int outputOffset, byte[] key, byte[] nonce, byte[] associatedData,
            byte[] plaintext, int plaintextOffset, int count)
        {
            ChaCha20Poly1305.Encrypt(output, outputOffset, key, nonce, NonceSize, associatedData, plaintext, plaintextOffset, count);
        }

        /// <summary>
        /// Decrypt on slices: ciphertextAndTag[offset..+count] holds ciphertext || tag; on success writes
        /// count - 16 bytes at outputOffset. In place when output is the input at the same offset.
        /// </summary>
        /// <returns>False when the tag does not match (or count is shorter than a tag); output is then untouched.</returns>
        /// <exception cref="System.ArgumentNullException">output, key, nonce or ciphertextAndTag is null.</exception>
        /// <exception cref="System.ArgumentException">key or nonce has the wrong size, count is negative, or a slice does not lie inside its array.</exception>
        public static bool Decrypt(byte[] output, int outputOffset, byte[] key, byte[] nonce, byte[] associatedData,
            byte[] ciphertextAndTag, int offset, int count)
        {
            return ChaCha20Poly1305.Decrypt(output, outputOffset, key, nonce, NonceSize, associatedData, ciphertextAndTag, offset, count);
        }
    }
}
