// NaCl crypto_secretbox_xsalsa20poly1305 in libsodium's "easy" layout: boxed = MAC(16) || ciphertext.
// Block 0 of the XSalsa20 keystream gives the Poly1305 key (bytes 0-31) and encrypts the first 32
// message bytes (bytes 32-63); the message continues from block 1. The MAC covers the ciphertext only.
// 32-byte key, 24-byte nonce, 16-byte MAC. The slice overloads serve crypto_box (key from beforenm)
// and the sealed box, which place the box inside larger buffers.
using System.Diagnostics;

namespace Session.Core.Micro.Crypto
{
    /// <summary>NaCl's secret-key authenticated encryption (XSalsa20-Poly1305).</summary>
    public static class SecretBox
    {
        /// <summary>Key size in bytes.</summary>
        public const int KeySize = 32;

        /// <summary>Nonce size in bytes; large enough to pick at random.</summary>
        public const int NonceSize = 24;

        /// <summary>MAC size in bytes; the box is this much longer than the message.</summary>
        public const int MacSize = 16;

        // Block 0 bytes before the message starts: the Poly1305 key.
        private const int MacKeySize = 32;

        /// <summary>Encrypts and authenticates: output = MAC || ciphertext, message.Length + 16 bytes.</summary>
        /// <param name="output">Receives exactly message.Length + MacSize bytes.</param>
        /// <param name="key">The 32-byte key.</param>
        /// <param name="nonce">The 24-byte nonce.</param>
        /// <param name="message">The message.</param>
        /// <exception cref="System.ArgumentNullException">An argument is null.</exception>
        /// <exception cref="System.ArgumentException">key, nonce or output has the wrong size.</exception>
        public static void Seal(byte[] output, byte[] key, byte[] nonce, byte[] message)
        {
            if (message == null)
            {
                throw Errors.Null(nameof(message));
            }
            Arguments.Size(output, message.Length + MacSize, nameof(output));
            Seal(output, 0, key, nonce, message, 0, message.Length);
        }

        /// <summary>Checks the MAC and, only if it is right, decrypts: output = message, boxed.Length - 16 bytes.</summary>
        /// <param name="output">Receives exactly boxed.Length - MacSize bytes; untouched when false is returned.</param>
        /// <param name="key">The 32-byte key.</param>
        /// <param name="nonce">The 24-byte nonce.</param>
        /// <param name="boxed">MAC || ciphertext.</param>
        /// <returns>False when the MAC does not match (or boxed is shorter than a MAC).</returns>
        /// <exception cref="System.ArgumentNullException">An argument is null.</exception>
        /// <exception cref="System.ArgumentException">key, nonce or output has the wrong size.</exception>
        public static bool Open(byte[] output, byte[] key, byte[] nonce, byte[] boxed)
        {
            if (boxed == null)
            {
                throw Errors.Null(nameof(boxed));
            }
            Arguments.Size(key, KeySize, nameof(key));
            Arguments.Size(nonce, NonceSize, nameof(nonce));
            if (boxed.Length < MacSize)
            {
                return false;
            }
            Arguments.Size(output, boxed.Length - MacSize, nameof(output));
            return Open(output, 0, key, nonce, boxed, 0, boxed.Length);
        }

        /// <summary>
        /// Seal on slices: writes MAC || ciphertext, count + 16 bytes, at outputOffset. In place when output is the
        /// message array with outputOffset + MacSize == messageOffset (the ciphertext overwrites the message).
        /// </summary>
        internal static void Seal(byte[] output, int outputOffset, byte[] key, byte[] nonce, byte[] message, int messageOffset, int count)
        {
            Arguments.Count(count, nameof(count));
            Arguments.Size(key, KeySize, nameof(key));
            Arguments.Size(nonce, NonceSize, nameof(nonce));
            Arguments.Slice(message, nameof(message), messageOffset, nameof(messageOffset), count);
            // Checked after the input slice, which bounds count, so count + MacSize cannot overflow.
            Arguments.Slice(output, nameof(output), outputOffset, nameof(outputOffset), count + MacSize);

            uint[] state = new uint[Salsa20.StateWords];
            uint[] block = new uint[Salsa20.StateWords];
            try
            {
                XSalsa20.SetState(state, key, nonce);
                Salsa20.Block(state, block, true);
                Poly1305 mac = new Poly1305(block);
                int cipherOffset = outputOffset + MacSize;
                XorFromBlockZero(state, block, output, cipherOffset, message, messageOffset, count);
                mac.Absorb(output, cipherOffset, count);
                mac.Final(output, outputOffset);
            }
            finally
            {
                CryptoBytes.Wipe(state);
                CryptoBytes.Wipe(block);
            }
        }

        /// <summary>
        /// Open on slices: boxed[offset..+count] holds MAC || ciphertext; on success writes count - 16 bytes at
        /// outputOffset. The output may be the boxed array at offset + 16 (in place, leaving the MAC).
        /// </summary>
        internal static bool Open(byte[] output, int outputOffset, byte[] key, byte[] nonce, byte[] boxed, int offset, int count)
        {
            Arguments.Count(count, nameof(count));
            Arguments.Slice(boxed, nameof(boxed), offset, nameof(offset), count);
            Arguments.Size(key, KeySize, nameof(key));
            Arguments.Size(nonce, NonceSize, nameof(nonce));
            if (count < MacSize)
            {
                return false;
            }
            int cipherCount = count - MacSize;
            Arguments.Slice(output, nameof(output), outputOffset, nameof(outputOffset), cipherCount);

            uint[] state = new uint[Salsa20.StateWords];
            uint[] block = new uint[Salsa20.StateWords];
            byte[] expected = new byte[MacSize];
            try
            {
                XSalsa20.SetState(state, key, nonce);
                Salsa20.Block(state, block, true);
                Poly1305 mac = new Poly1305(block);
                mac.Absorb(boxed, offset + MacSize, cipherCount);
                mac.Final(expected, 0);
                if (!CryptoBytes.ConstantTimeEquals(expected, 0, boxed, offset, MacSize))
                {
                    return false;
                }
                XorFromBlockZero(state, block, output, outputOffset, boxed, offset + MacSize, cipherCount);
                return true;
            }
            finally
            {
                CryptoBytes.Wipe(state);
                CryptoBytes.Wipe(block);
            }
        }

        // The text starts at byte 32 of block 0, which is already in block; the rest comes from block 1 on.
        private static void XorFromBlockZero(uint[] state, uint[] block, byte[] output, int outputOffset, byte[] input, int inputOffset, int count)
        {
            Debug.Assert(state[8] == 0 && state[9] == 0);
            int first = count < Keystream.BlockSize - MacKeySize ? count : Keystream.BlockSize - MacKeySize;
            Keystream.Xor(block, MacKeySize, output, outputOffset, input, inputOffset, first);
            state[8] = 1;
            Salsa20.XorBlocks(state, block, output, outputOffset + first, input, inputOffset + first, count - first);
        }
    }
}
