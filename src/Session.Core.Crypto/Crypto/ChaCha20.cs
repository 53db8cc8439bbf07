// ChaCha20 stream cipher, RFC 8439 §2.1-§2.4: 256-bit key, 96-bit nonce, 32-bit block counter
// (so at most 2^32 blocks = 256 GiB per nonce; a call that would wrap the counter is refused).
// The block function also serves HChaCha20 (no feed-forward) and libsodium's original layout with a
// 64-bit counter and 64-bit nonce (words 12-13 counter, 14-15 nonce), which XChaCha20 uses.
// The quarter-rounds are written out by hand: on the nanoFramework interpreter a method call costs
// about a dozen arithmetic operations, and there are 80 quarter-rounds per block.
using System.Diagnostics;

namespace Session.Core.Micro.Crypto
{
    /// <summary>The ChaCha20 stream cipher of RFC 8439 (IETF layout: 96-bit nonce, 32-bit counter).</summary>
    public static class ChaCha20
    {
        /// <summary>Key size in bytes.</summary>
        public const int KeySize = 32;

        /// <summary>Nonce size in bytes (RFC 8439's 96-bit nonce).</summary>
        public const int NonceSize = 12;

        /// <summary>Keystream block size in bytes; the counter counts blocks.</summary>
        public const int BlockSize = Keystream.BlockSize;

        /// <summary>Number of 32-bit words in the state.</summary>
        internal const int StateWords = 16;

        /// <summary>
        /// Encrypts or decrypts: output[outputOffset..+count] = input[inputOffset..+count] XOR the keystream of
        /// (key, nonce) starting at block <paramref name="counter"/>. Output and input may be the same array at the same offset.
        /// </summary>
        /// <param name="output">Receives count bytes at outputOffset.</param>
        /// <param name="outputOffset">Where the output starts.</param>
        /// <param name="key">The 32-byte key.</param>
        /// <param name="nonce">The 12-byte nonce; never reuse one with the same key.</param>
        /// <param name="counter">The first block number (RFC 8439 uses 1 for encryption, 0 for the Poly1305 key).</param>
        /// <param name="input">The plaintext or ciphertext.</param>
        /// <param name="inputOffset">Where the input starts.</param>
        /// <param name="count">Bytes to process.</param>
        /// <exception cref="System.ArgumentNullException">A buffer, the key or the nonce is null.</exception>
        /// <exception cref="System.ArgumentException">The key or nonce has the wrong size, a slice falls outside its
        /// buffer, or the 32-bit block counter would wrap within count bytes.</exception>
        public static void Xor(byte[] output, int outputOffset, byte[] key, byte[] nonce, uint counter, byte[] input, int inputOffset, int count)
        {
            Arguments.StreamXor(output, outputOffset, key, KeySize, nonce, NonceSize, counter, uint.MaxValue, input, inputOffset, count);
            uint[] state = new uint[StateWords];
            SetKey(state, key);
            state[13] = Keystream.Load32(nonce, 0);
            state[14] = Keystream.Load32(nonce, 4);
            state[15] = Keystream.Load32(nonce, 8);
            XorAndWipe(state, false, counter, output, outputOffset, input, inputOffset, count);
        }

        /// <summary>
        /// The rest of ChaCha20.Xor and XChaCha20.Xor once their state holds key and nonce (the door has checked the
        /// counter): puts the counter in word 12 (words 12-13 with <paramref name="counter64"/>), XORs, and wipes the
        /// state and its scratch block whatever happens.
        /// </summary>
        internal static void XorAndWipe(uint[] state, bool counter64, ulong counter, byte[] output, int outputOffset, byte[] input, int inputOffset, int count)
        {
            uint[] block = new uint[StateWords];
            try
            {
                state[12] = (uint)counter;
                if (counter64)
                {
                    state[13] = (uint)(counter >> 32);
                }
                XorBlocks(state, block, counter64, output, outputOffset, input, inputOffset, count);
            }
            finally
            {
                CryptoBytes.Wipe(state);
                CryptoBytes.Wipe(block);
            }
        }

        /// <summary>Writes the constants (words 0-3) and the 32-byte key (words 4-11) into a state.</summary>
        internal static void SetKey(uint[] state, byte[] key)
        {
            Debug.Assert(state.Length == StateWords && key.Length == KeySize);
            // "expand 32-byte k" in the first row (RFC 8439 §2.3).
            state[0] = Keystream.Sigma0;
            state[1] = Keystream.Sigma1;
            state[2] = Keystream.Sigma2;
            state[3] = Keystream.Sigma3;
            for (int i = 0; i < 8; i++)
            {
                state[4 + i] = Keystream.Load32(key, 4 * i);
            }
        }

        /// <summary>
        /// XORs count bytes with the keystream of <paramref name="state"/>, one block per counter value,
        /// and leaves the state's counter after the last block used. With <paramref name="counter64"/> the
        /// counter is words 12-13 (libsodium's original layout); otherwise word 12 alone (IETF; the caller
        /// has checked that it does not wrap). <paramref name="block"/> is 16 words of scratch.
        /// </summary>
        internal static void XorBlocks(uint[] state, uint[] block, bool counter64, byte[] output, int outputOffset, byte[] input, int inputOffset, int count)
        {
            while (count > 0)
            {
                Block(state, block, true);
                int n = count < BlockSize ? count : BlockSize;
                Keystream.Xor(block, 0, output, outputOffset, input, inputOffset, n);
                state[12]++;
                if (counter64 && state[12] == 0)
                {
                    state[13]++;
                }
                outputOffset += n;
                inputOffset += n;
                count -= n;
            }
        }

        /// <summary>
        /// The ChaCha20 block function (RFC 8439 §2.3): 20 rounds over the 16-word state, plus the input
        /// state again when <paramref name="feedForward"/> (HChaCha20 leaves it out). Output may be the state itself.
        /// </summary>
        internal static void Block(uint[] state, uint[] output, bool feedForward)
        {
            Debug.Assert(state.Length == StateWords && output.Length == StateWords);
            uint x0 = state[0], x1 = state[1], x2 = state[2], x3 = state[3];
            uint x4 = state[4], x5 = state[5], x6 = state[6], x7 = state[7];
            uint x8 = state[8], x9 = state[9], x10 = state[10], x11 = state[11];
            uint x12 = state[12], x13 = state[13], x14 = state[14], x15 = state[15];
            for (int i = 0; i < 10; i++)
            {
                // Column round: QUARTERROUND(0,4,8,12), (1,5,9,13), (2,6,10,14), (3,7,11,15).
                x0 += x4; x12 ^= x0; x12 = (x12 << 16) | (x12 >> 16);
                x8 += x12; x4 ^= x8; x4 = (x4 << 12) | (x4 >> 20);
                x0 += x4; x12 ^= x0; x12 = (x12 << 8) | (x12 >> 24);
                x8 += x12; x4 ^= x8; x4 = (x4 << 7) | (x4 >> 25);
                x1 += x5; x13 ^= x1; x13 = (x13 << 16) | (x13 >> 16);
                x9 += x13; x5 ^= x9; x5 = (x5 << 12) | (x5 >> 20);
                x1 += x5; x13 ^= x1; x13 = (x13 << 8) | (x13 >> 24);
                x9 += x13; x5 ^= x9; x5 = (x5 << 7) | (x5 >> 25);
                x2 += x6; x14 ^= x2; x14 = (x14 << 16) | (x14 >> 16);
                x10 += x14; x6 ^= x10; x6 = (x6 << 12) | (x6 >> 20);
                x2 += x6; x14 ^= x2; x14 = (x14 << 8) | (x14 >> 24);
                x10 += x14; x6 ^= x10; x6 = (x6 << 7) | (x6 >> 25);
                x3 += x7; x15 ^= x3; x15 = (x15 << 16) | (x15 >> 16);
                x11 += x15; x7 ^= x11; x7 = (x7 << 12) | (x7 >> 20);
                x3 += x7; x15 ^= x3; x15 = (x15 << 8) | (x15 >> 24);
                x11 += x15; x7 ^= x11; x7 = (x7 << 7) | (x7 >> 25);
                // Diagonal round: QUARTERROUND(0,5,10,15), (1,6,11,12), (2,7,8,13), (3,4,9,14).
                x0 += x5; x15 ^= x0; x15 = (x15 << 16) | (x15 >> 16);
                x10 += x15; x5 ^= x10; x5 = (x5 << 12) | (x5 >> 20);
                x0 += x5; x15 ^= x0; x15 = (x15 << 8) | (x15 >> 24);
                x10 += x15; x5 ^= x10; x5 = (x5 << 7) | (x5 >> 25);
                x1 += x6; x12 ^= x1; x12 = (x12 << 16) | (x12 >> 16);
                x11 += x12; x6 ^= x11; x6 = (x6 << 12) | (x6 >> 20);
                x1 += x6; x12 ^= x1; x12 = (x12 << 8) | (x12 >> 24);
                x11 += x12; x6 ^= x11; x6 = (x6 << 7) | (x6 >> 25);
                x2 += x7; x13 ^= x2; x13 = (x13 << 16) | (x13 >> 16);
                x8 += x13; x7 ^= x8; x7 = (x7 << 12) | (x7 >> 20);
                x2 += x7; x13 ^= x2; x13 = (x13 << 8) | (x13 >> 24);
                x8 += x13; x7 ^= x8; x7 = (x7 << 7) | (x7 >> 25);
                x3 += x4; x14 ^= x3; x14 = (x14 << 16) | (x14 >> 16);
                x9 += x14; x4 ^= x9; x4 = (x4 << 12) | (x4 >> 20);
                x3 += x4; x14 ^= x3; x14 = (x14 << 8) | (x14 >> 24);
                x9 += x14; x4 ^= x9; x4 = (x4 << 7) | (x4 >> 25);
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

        /// <summary>
        /// One quarter-round on words a, b, c, d of a state (RFC 8439 §2.1-§2.2). Block does not call it (it
        /// has every quarter-round written out); this is the readable definition, which the tests check
        /// against the RFC's own quarter-round examples.
        /// </summary>
        internal static void QuarterRound(uint[] x, int a, int b, int c, int d)
        {
            x[a] += x[b]; x[d] ^= x[a]; x[d] = (x[d] << 16) | (x[d] >> 16);
            x[c] += x[d]; x[b] ^= x[c]; x[b] = (x[b] << 12) | (x[b] >> 20);
            x[a] += x[b]; x[d] ^= x[a]; x[d] = (x[d] << 8) | (x[d] >> 24);
            x[c] += x[d]; x[b] ^= x[c]; x[b] = (x[b] << 7) | (x[b] >> 25);
        }
    }
}
