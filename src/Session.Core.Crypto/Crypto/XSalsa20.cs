// XSalsa20, Bernstein's "Extending the Salsa20 nonce" (2008) and NaCl's crypto_stream_xsalsa20:
// subkey = HSalsa20(key, nonce[0..15]), then Salsa20 under the subkey with nonce[16..23] and a
// 64-bit block counter. 32-byte key, 24-byte nonce. SecretBox is built on it.
using System.Diagnostics;

namespace Session.Core.Micro.Crypto
{
    /// <summary>The XSalsa20 stream cipher (24-byte nonce, 64-bit block counter).</summary>
    public static class XSalsa20
    {
        /// <summary>Key size in bytes.</summary>
        public const int KeySize = 32;

        /// <summary>Nonce size in bytes; large enough to pick at random.</summary>
        public const int NonceSize = 24;

        /// <summary>
        /// Encrypts or decrypts: output[outputOffset..+count] = input[inputOffset..+count] XOR the keystream of
        /// (key, nonce) from block <paramref name="initialCounter"/>. Output and input may be the same array at the same offset.
        /// </summary>
        /// <param name="output">Receives count bytes at outputOffset.</param>
        /// <param name="outputOffset">Where the output starts.</param>
        /// <param name="key">The 32-byte key.</param>
        /// <param name="nonce">The 24-byte nonce; never reuse one with the same key.</param>
        /// <param name="initialCounter">The first 64-byte block number (0 for the start of the stream).</param>
        /// <param name="input">The plaintext or ciphertext.</param>
        /// <param name="inputOffset">Where the input starts.</param>
        /// <param name="count">Bytes to process.</param>
        /// <exception cref="System.ArgumentNullException">A buffer, the key or the nonce is null.</exception>
        /// <exception cref="System.ArgumentException">The key or nonce has the wrong size, a slice falls outside its
        /// buffer, or the counter would wrap past 2^64 blocks.</exception>
        public static void Xor(byte[] output, int outputOffset, byte[] key, byte[] nonce, ulong initialCounter, byte[] input, int inputOffset, int count)
        {
            Arguments.StreamXor(output, outputOffset, key, KeySize, nonce, NonceSize, initialCounter, ulong.MaxValue, input, inputOffset, count);
            uint[] state = new uint[Salsa20.StateWords];
            SetState(state, key, nonce);
            Salsa20.XorAndWipe(state, initialCounter, output, outputOffset, input, inputOffset, count);
        }

        /// <summary>Fills a Salsa20 state for (key, nonce) with the counter at 0: HSalsa20 subkey as key, nonce[16..23] in words 6-7.</summary>
        internal static void SetState(uint[] state, byte[] key, byte[] nonce)
        {
            Debug.Assert(key.Length == KeySize && nonce.Length == NonceSize);
            Salsa20.SetKey(state, key);
            HSalsa20.Derive(state, nonce, 0);
            state[6] = Keystream.Load32(nonce, 16);
            state[7] = Keystream.Load32(nonce, 20);
        }
    }
}
