// Salsa20/20, Bernstein's "Salsa20 specification" (2005) as used by NaCl and libsodium: 256-bit key,
// 64-bit nonce, 64-bit block counter (words 8-9), 64-byte blocks. The block function also serves
// HSalsa20 (no feed-forward) and crypto_core_salsa20 (any 16-byte input and constant).
// Quarter-rounds are written out by hand: on the nanoFramework interpreter a method call costs
// about a dozen arithmetic operations, and there are 80 quarter-rounds per block.
using System.Diagnostics;

namespace Session.Core.Micro.Crypto
{
    /// <summary>The Salsa20/20 stream cipher (8-byte nonce, 64-bit block counter).</summary>
    public static class Salsa20
    {
        /// <summary>Key size in bytes.</summary>
        public const int KeySize = 32;

        /// <summary>Nonce size in bytes.</summary>
        public const int NonceSize = 8;

        /// <summary>Keystream block size in bytes; the counter counts blocks.</summary>
        public const int BlockSize = Keystream.BlockSize;

        /// <summary>Number of 32-bit words in the state.</summary>
        internal const int StateWords = 16;

        /// <summary>Size of crypto_core_salsa20's input and constant in bytes.</summary>
        internal const int CoreInputSize = 16;

        /// <summary>
        /// Encrypts or decrypts: output[outputOffset..+count] = input[inputOffset..+count] XOR the keystream of
        /// (key, nonce) from block <paramref name="counter"/>. Output and input may be the same array at the same offset.
        /// </summary>
        /// <param name="output">Receives count bytes at outputOffset.</param>
        /// <param name="outputOffset">Where the output starts.</param>
        /// <param name="key">The 32-byte key.</param>
        /// <param name="nonce">The 8-byte nonce; never reuse one with the same key.</param>
        /// <param name="counter">The first 64-byte block number.</param>
        /// <param name="input">The plaintext or ciphertext.</param>
        /// <param name="inputOffset">Where the input starts.</param>
        /// <param name="count">Bytes to process.</param>
        /// <exception cref="System.ArgumentNullException">A buffer, the key or the nonce is null.</exception>
        /// <exception cref="System.ArgumentException">The key or nonce has the wrong size, a slice falls outside its
        /// buffer, or the counter would wrap past 2^64 blocks.</exception>
        public static void Xor(byte[] output, int outputOffset, byte[] key, byte[] nonce, ulong counter, byte[] input, int inputOffset, int count)
        {
            Arguments.StreamXor(output, outputOffset, key, KeySize, nonce, NonceSize, counter, ulong.MaxValue, input, inputOffset, count);
            uint[] state = new uint[StateWords];
            SetKey(state, key);
            state[6] = Keystream.Load32(nonce, 0);
            state[7] = Keystream.Load32(nonce, 4);
            XorAndWipe(state, counter, output, outputOffset, input, inputOffset, count);
        }

        /// <summary>
        /// The rest of Salsa20.Xor and XSalsa20.Xor once their state holds key and nonce (the door has checked the
        /// counter): puts the counter in words 8-9, XORs, and wipes the state and its scratch block whatever happens.
        /// </summary>
        internal static void XorAndWipe(uint[] state, ulong counter, byte[] output, int outputOffset, byte[] input, int inputOffset, int count)
        {
            uint[] block = new uint[StateWords];
            try
            {
                state[8] = (uint)counter;
                state[9] = (uint)(counter >> 32);
                XorBlocks(state, block, output, outputOffset, input, inputOffset, count);
            }
            finally
            {
                CryptoBytes.Wipe(state);
                CryptoBytes.Wipe(block);
            }
        }

        /// <summary>
        /// crypto_core_salsa20: the 64-byte block of a state made of a 16-byte constant (diagonal), the key and
        /// a 16-byte input (words 6-9: nonce and counter), with the feed-forward.
        /// </summary>
        internal static void Core(byte[] output, byte[] input, byte[] key, byte[] constant)
        {
            Debug.Assert(output.Length == BlockSize && input.Length == CoreInputSize && constant.Length == CoreInputSize);
            uint[] state = new uint[StateWords];
            try
            {
                SetKey(state, key, constant);
                for (int i = 0; i < 4; i++)
                {
                    state[6 + i] = Keystream.Load32(input, 4 * i);
                }
                Block(state, state, true);
                for (int i = 0; i < StateWords; i++)
                {
                    Keystream.Store32(output, 4 * i, state[i]);
                }
            }
            finally
            {
                CryptoBytes.Wipe(state);
            }
        }

        /// <summary>Writes the constants (words 0, 5, 10, 15) and the key (words 1-4, 11-14) into a state.</summary>
        internal static void SetKey(uint[] state, byte[] key)
        {
            Debug.Assert(state.Length == StateWords && key.Length == KeySize);
            // "expand 32-byte k" on the diagonal.
            state[0] = Keystream.Sigma0;
            state[5] = Keystream.Sigma1;
            state[10] = Keystream.Sigma2;
            state[15] = Keystream.Sigma3;
            for (int i = 0; i < 4; i++)
            {
                state[1 + i] = Keystream.Load32(key, 4 * i);
                state[11 + i] = Keystream.Load32(key, 16 + 4 * i);
            }
        }

        /// <summary>SetKey with a custom 16-byte constant (libsodium's crypto_core_salsa20 and crypto_core_hsalsa20 accept one).</summary>
        internal static void SetKey(uint[] state, byte[] key, byte[] constant)
        {
            SetKey(state, key);
            state[0] = Keystream.Load32(constant, 0);
            state[5] = Keystream.Load32(constant, 4);
            state[10] = Keystream.Load32(constant, 8);
            state[15] = Keystream.Load32(constant, 12);
        }

        /// <summary>
        /// XORs count bytes with the keystream of <paramref name="state"/>, one block per value of the 64-bit
        /// counter in words 8-9, and leaves the counter after the last block used. <paramref name="block"/> is 16 words of scratch.
        /// </summary>
        internal static void XorBlocks(uint[] state, uint[] block, byte[] output, int outputOffset, byte[] input, int inputOffset, int count)
        {
            while (count > 0)
            {
                Block(state, block, true);
                int n = count < BlockSize ? count : BlockSize;
                Keystream.Xor(block, 0, output, outputOffset, input, inputOffset, n);
                state[8]++;
                if (state[8] == 0)
                {
                    state[9]++;
                }
                outputOffset += n;
                inputOffset += n;
                count -= n;
            }
        }

        /// <summary>
        /// The Salsa20 block function: 20 rounds (10 column-row double rounds) over the 16-word state, plus the
        /// input state again when <paramref name="feedForward"/> (HSalsa20 leaves it out). Output may be the state itself.
        /// </summary>
        internal static void Block(uint[] state, uint[] output, bool feedForward)
        {
            Debug.Assert(state.Length == StateWords && output.Length == StateWords);
            uint x0 = state[0], x1 = state[1], x2 = state[2], x3 = state[3];
            uint x4 = state[4], x5 = state[5], x6 = state[6], x7 = state[7];
            uint x8 = state[8], x9 = state[9], x10 = state[10], x11 = state[11];
            uint x12 = state[12], x13 = state[13], x14 = state[14], x15 = state[15];
            uint t;
            for (int i = 0; i < 10; i++)
            {
                // Column round: quarterround(y0, y4, y8, y12), (y5, y9, y13, y1), (y10, y14, y2, y6), (y15, y3, y7, y11).
                t = x0 + x12; x4 ^= (t << 7) | (t >> 25);
                t = x4 + x0; x8 ^= (t << 9) | (t >> 23);
                t = x8 + x4; x12 ^= (t << 13) | (t >> 19);
                t = x12 + x8; x0 ^= (t << 18) | (t >> 14);
                t = x5 + x1; x9 ^= (t << 7) | (t >> 25);
                t = x9 + x5; x13 ^= (t << 9) | (t >> 23);
                t = x13 + x9; x1 ^= (t << 13) | (t >> 19);
                t = x1 + x13; x5 ^= (t << 18) | (t >> 14);
                t = x10 + x6; x14 ^= (t << 7) | (t >> 25);
                t = x14 + x10; x2 ^= (t << 9) | (t >> 23);
                t = x2 + x14; x6 ^= (t << 13) | (t >> 19);
                t = x6 + x2; x10 ^= (t << 18) | (t >> 14);
                t = x15 + x11; x3 ^= (t << 7) | (t >> 25);
                t = x3 + x15; x7 ^= (t << 9) | (t >> 23);
                t = x7 + x3; x11 ^= (t << 13) | (t >> 19);
                t = x11 + x7; x15 ^= (t << 18) | (t >> 14);
                // Row round: quarterround(y0, y1, y2, y3), (y5, y6, y7, y4), (y10, y11, y8, y9), (y15, y12, y13, y14).
                t = x0 + x3; x1 ^= (t << 7) | (t >> 25);
                t = x1 + x0; x2 ^= (t << 9) | (t >> 23);
                t = x2 + x1; x3 ^= (t << 13) | (t >> 19);
                t = x3 + x2; x0 ^= (t << 18) | (t >> 14);
                t = x5 + x4; x6 ^= (t << 7) | (t >> 25);
                t = x6 + x5; x7 ^= (t << 9) | (t >> 23);
                t = x7 + x6; x4 ^= (t << 13) | (t >> 19);
                t = x4 + x7; x5 ^= (t << 18) | (t >> 14);
                t = x10 + x9; x11 ^= (t << 7) | (t >> 25);
                t = x11 + x10; x8 ^= (t << 9) | (t >> 23);
                t = x8 + x11; x9 ^= (t << 13) | (t >> 19);
                t = x9 + x8; x10 ^= (t << 18) | (t >> 14);
                t = x15 + x14; x12 ^= (t << 7) | (t >> 25);
                t = x12 + x15; x13 ^= (t << 9) | (t >> 23);
                t = x13 + x12; x14 ^= (t << 13) | (t >> 19);
                t = x14 + x13; x15 ^= (t << 18) | (t >> 14);
            }
            if (feedForward)
            {
                x0 += state[0]; x1 += state[1]; x2 += state[2]; x3 += state[3];
                x4 += state[4]; x5 += state[5]; x6 += state[6]; x7 += state[7];
                x8 += state[8]; x9 += state[9]; x10 += state[10]; x11 += state[11];
                x12 += state[12]; x13 += state[13]; x14 += state[14]; x15 += state[15];
            }
            output[0] = x0; output[1] = x1; output[2] = x2; output[3] = x3;
            output[4] = x4; output[5] = x5; output[6] = x6; output[7] = x7;
            output[8] = x8; output[9] = x9; output[10] = x10; output[11] = x11;
            output[12] = x12; output[13] = x13; output[14] = x14; output[15] = x15;
        }
    }
}
