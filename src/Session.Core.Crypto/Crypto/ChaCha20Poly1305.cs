// AEAD_CHACHA20_POLY1305, RFC 8439 §2.8: 32-byte key, 12-byte nonce, 16-byte tag; output is
// ciphertext || tag. The Poly1305 key is block 0 of the keystream (§2.6), the text uses blocks from 1,
// and the tag covers aad || pad16 || ciphertext || pad16 || le64(aad length) || le64(text length).
// Plaintext up to int.MaxValue bytes, far below the 2^32-block counter limit.
// XChaCha20Poly1305 runs through the same code with a 24-byte nonce: it differs only in how the
// state's key and nonce words are set up (SetState), so the door checks and the tag construction exist once.
using System.Diagnostics;

namespace Session.Core.Micro.Crypto
{
    /// <summary>The ChaCha20-Poly1305 AEAD of RFC 8439 (IETF, 96-bit nonce).</summary>
    public static class ChaCha20Poly1305
    {
        /// <summary>Key size in bytes.</summary>
        public const int KeySize = 32;

        /// <summary>Nonce size in bytes; a nonce must never be reused with the same key.</summary>
        public const int NonceSize = 12;

        /// <summary>Tag size in bytes; the ciphertext is this much longer than the plaintext.</summary>
        public const int TagSize = 16;

        /// <summary>Encrypts and authenticates: output = ciphertext || tag, plaintext.Length + 16 bytes.</summary>
        /// <param name="output">Receives exactly plaintext.Length + TagSize bytes.</param>
        /// <param name="key">The 32-byte key.</param>
        /// <param name="nonce">The 12-byte nonce.</param>
        /// <param name="associatedData">Authenticated but not encrypted; null means none.</param>
        /// <param name="plaintext">The message.</param>
        /// <exception cref="System.ArgumentNullException">output, key, nonce or plaintext is null.</exception>
        /// <exception cref="System.ArgumentException">key, nonce or output has the wrong size.</exception>
        public static void Encrypt(byte[] output, byte[] key, byte[] nonce, byte[] associatedData, byte[] plaintext)
        {
            Encrypt(output, key, nonce, NonceSize, associatedData, plaintext);
        }

        /// <summary>Checks the tag and, only if it is right, decrypts: output = plaintext, ciphertextAndTag.Length - 16 bytes.</summary>
        /// <param name="output">Receives exactly ciphertextAndTag.Length - TagSize bytes; untouched when false is returned.</param>
        /// <param name="key">The 32-byte key.</param>
        /// <param name="nonce">The 12-byte nonce.</param>
        /// <param name="associatedData">The associated data given to Encrypt; null means none.</param>
        /// <param name="ciphertextAndTag">Ciphertext || tag.</param>
        /// <returns>False when the tag does not match (or the input is shorter than a tag).</returns>
        /// <exception cref="System.ArgumentNullException">output, key, nonce or ciphertextAndTag is null.</exception>
        /// <exception cref="System.ArgumentException">key, nonce or output has the wrong size.</exception>
        public static bool Decrypt(byte[] output, byte[] key, byte[] nonce, byte[] associatedData, byte[] ciphertextAndTag)
        {
            return Decrypt(output, key, nonce, NonceSize, associatedData, ciphertextAndTag);
        }

        /// <summary>Encrypt on slices: writes count + 16 bytes at outputOffset. In place when output is plaintext at the same offset.</summary>
        internal static void Encrypt(byte[] output, int outputOffset, byte[] key, byte[] nonce, byte[] associatedData,
            byte[] plaintext, int plaintextOffset, int count)
        {
            Encrypt(output, outputOffset, key, nonce, NonceSize, associatedData, plaintext, plaintextOffset, count);
        }

        /// <summary>
        /// Decrypt on slices: ciphertextAndTag[offset..+count] holds ciphertext || tag; on success writes
        /// count - 16 bytes at outputOffset. In place when output is the input at the same offset.
        /// </summary>
        internal static bool Decrypt(byte[] output, int outputOffset, byte[] key, byte[] nonce, byte[] associatedData,
            byte[] ciphertextAndTag, int offset, int count)
        {
            return Decrypt(output, outputOffset, key, nonce, NonceSize, associatedData, ciphertextAndTag, offset, count);
        }

        /// <summary>
        /// The public Encrypt for both nonce sizes (nonceSize = NonceSize or XChaCha20Poly1305.NonceSize):
        /// output must be exactly plaintext.Length + TagSize bytes.
        /// </summary>
        internal static void Encrypt(byte[] output, byte[] key, byte[] nonce, int nonceSize, byte[] associatedData, byte[] plaintext)
        {
            if (plaintext == null)
            {
                throw Errors.Null(nameof(plaintext));
            }
            Arguments.Size(output, plaintext.Length + TagSize, nameof(output));
            Encrypt(output, 0, key, nonce, nonceSize, associatedData, plaintext, 0, plaintext.Length);
        }

        /// <summary>
        /// The public Decrypt for both nonce sizes: false for input shorter than a tag (after the key and nonce
        /// checks), else output must be exactly ciphertextAndTag.Length - TagSize bytes.
        /// </summary>
        internal static bool Decrypt(byte[] output, byte[] key, byte[] nonce, int nonceSize, byte[] associatedData, byte[] ciphertextAndTag)
        {
            if (ciphertextAndTag == null)
            {
                throw Errors.Null(nameof(ciphertextAndTag));
            }
            Arguments.Size(key, KeySize, nameof(key));
            Arguments.Size(nonce, nonceSize, nameof(nonce));
            if (ciphertextAndTag.Length < TagSize)
            {
                return false;
            }
            Arguments.Size(output, ciphertextAndTag.Length - TagSize, nameof(output));
            return Decrypt(output, 0, key, nonce, nonceSize, associatedData, ciphertextAndTag, 0, ciphertextAndTag.Length);
        }

        /// <summary>
        /// Encrypt on slices for both nonce sizes: a 12-byte nonce is RFC 8439's, a 24-byte one
        /// (nonceSize = XChaCha20Poly1305.NonceSize) first derives the HChaCha20 subkey.
        /// </summary>
        internal static void Encrypt(byte[] output, int outputOffset, byte[] key, byte[] nonce, int nonceSize, byte[] associatedData,
            byte[] plaintext, int plaintextOffset, int count)
        {
            Arguments.Count(count, nameof(count));
            Arguments.Size(key, KeySize, nameof(key));
            Arguments.Size(nonce, nonceSize, nameof(nonce));
            Arguments.Slice(plaintext, nameof(plaintext), plaintextOffset, nameof(plaintextOffset), count);
            // Checked after the input slice, which bounds count, so count + TagSize cannot overflow.
            Arguments.Slice(output, nameof(output), outputOffset, nameof(outputOffset), count + TagSize);

            uint[] state = new uint[ChaCha20.StateWords];
            uint[] block = new uint[ChaCha20.StateWords];
            try
            {
                SetState(state, key, nonce);
                Seal(state, block, output, outputOffset, associatedData, plaintext, plaintextOffset, count);
            }
            finally
            {
                CryptoBytes.Wipe(state);
                CryptoBytes.Wipe(block);
            }
        }

        /// <summary>Decrypt on slices for both nonce sizes (see the Encrypt overload with nonceSize).</summary>
        internal static bool Decrypt(byte[] output, int outputOffset, byte[] key, byte[] nonce, int nonceSize, byte[] associatedData,
            byte[] ciphertextAndTag, int offset, int count)
        {
            Arguments.Count(count, nameof(count));
            Arguments.Slice(ciphertextAndTag, nameof(ciphertextAndTag), offset, nameof(offset), count);
            Arguments.Size(key, KeySize, nameof(key));
            Arguments.Size(nonce, nonceSize, nameof(nonce));
            if (count < TagSize)
            {
                return false;
            }
            Arguments.Slice(output, nameof(output), outputOffset, nameof(outputOffset), count - TagSize);

            uint[] state = new uint[ChaCha20.StateWords];
            uint[] block = new uint[ChaCha20.StateWords];
            try
            {
                SetState(state, key, nonce);
                return Open(state, block, output, outputOffset, associatedData, ciphertextAndTag, offset, count - TagSize);
            }
            finally
            {
                CryptoBytes.Wipe(state);
                CryptoBytes.Wipe(block);
            }
        }

        /// <summary>
        /// The AEAD over a ChaCha20 state whose counter word is 0: Poly1305 key from block 0, text from block 1,
        /// tag written after the ciphertext. <paramref name="block"/> is 16 words of scratch; the caller wipes both.
        /// </summary>
        private static void Seal(uint[] state, uint[] block, byte[] output, int outputOffset, byte[] associatedData,
            byte[] plaintext, int plaintextOffset, int count)
        {
            Debug.Assert(state[12] == 0);
            ChaCha20.Block(state, block, true);
            Poly1305 mac = new Poly1305(block);
            state[12] = 1;
            ChaCha20.XorBlocks(state, block, false, output, outputOffset, plaintext, plaintextOffset, count);
            Authenticate(mac, associatedData, output, outputOffset, count, output, outputOffset + count);
        }

        /// <summary>
        /// The inverse of Seal: checks the tag that follows the count ciphertext bytes, in constant time, and
        /// only then decrypts into output. Returns false, writing nothing, on a wrong tag.
        /// </summary>
        private static bool Open(uint[] state, uint[] block, byte[] output, int outputOffset, byte[] associatedData,
            byte[] ciphertext, int ciphertextOffset, int count)
        {
            Debug.Assert(state[12] == 0);
            ChaCha20.Block(state, block, true);
            Poly1305 mac = new Poly1305(block);
            byte[] expected = new byte[TagSize];
            Authenticate(mac, associatedData, ciphertext, ciphertextOffset, count, expected, 0);
            if (!CryptoBytes.ConstantTimeEquals(expected, 0, ciphertext, ciphertextOffset + count, TagSize))
            {
                return false;
            }
            state[12] = 1;
            ChaCha20.XorBlocks(state, block, false, output, outputOffset, ciphertext, ciphertextOffset, count);
            return true;
        }

        // A ChaCha20 state with counter 0 for either nonce size (the size was checked at the door).
        private static void SetState(uint[] state, byte[] key, byte[] nonce)
        {
            if (nonce.Length == XChaCha20.NonceSize)
            {
                XChaCha20.SetState(state, key, nonce);
                return;
            }
            ChaCha20.SetKey(state, key);
            state[12] = 0;
            state[13] = Keystream.Load32(nonce, 0);
            state[14] = Keystream.Load32(nonce, 4);
            state[15] = Keystream.Load32(nonce, 8);
        }

        // RFC 8439 §2.8: the MAC input is aad, pad16, ciphertext, pad16, then both lengths as 64-bit little-endian.
        private static void Authenticate(Poly1305 mac, byte[] associatedData, byte[] ciphertext, int offset, int count, byte[] tag, int tagOffset)
        {
            int associatedLength = 0;
            if (associatedData != null)
            {
                associatedLength = associatedData.Length;
                mac.Absorb(associatedData, 0, associatedLength);
                mac.PadToBlock();
            }
            mac.Absorb(ciphertext, offset, count);
            mac.PadToBlock();
            mac.AbsorbLengths((ulong)associatedLength, (ulong)count);
            mac.Final(tag, tagOffset);
        }
    }
}
