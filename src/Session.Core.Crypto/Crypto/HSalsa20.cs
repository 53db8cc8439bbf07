// HSalsa20, from Bernstein's "Extending the Salsa20 nonce" (2008) and NaCl's crypto_core_hsalsa20:
// a 32-byte subkey from a 32-byte key and a 16-byte input, by running the 20 Salsa20 rounds without
// the feed-forward and keeping words 0, 5, 10, 15, 6, 7, 8, 9. XSalsa20 uses it on the first 16 nonce
// bytes; crypto_box uses it (input all zero) to turn the X25519 shared secret into a secretbox key.
using System.Diagnostics;

namespace Session.Core.Micro.Crypto
{
    /// <summary>HSalsa20: a 32-byte subkey from a 32-byte key and a 16-byte input.</summary>
    public static class HSalsa20
    {
        /// <summary>Size of the derived key in bytes.</summary>
        public const int OutputSize = Keystream.SubkeySize;

        /// <summary>Key size in bytes.</summary>
        public const int KeySize = Keystream.SubkeySize;

        /// <summary>Input size in bytes.</summary>
        public const int InputSize = Keystream.DeriveInputSize;

        /// <summary>Writes HSalsa20(key, input) to <paramref name="output"/>.</summary>
        /// <param name="output">Receives the 32-byte subkey.</param>
        /// <param name="key">The 32-byte key.</param>
        /// <param name="input">The 16-byte input.</param>
        /// <exception cref="System.ArgumentNullException">An argument is null.</exception>
        /// <exception cref="System.ArgumentException">An argument has the wrong size.</exception>
        public static void DeriveKey(byte[] output, byte[] key, byte[] input)
        {
            DeriveKey(output, key, input, null);
        }

        /// <summary>HSalsa20 with a 16-byte constant on the diagonal; null means the standard "expand 32-byte k".</summary>
        internal static void DeriveKey(byte[] output, byte[] key, byte[] input, byte[] constant)
        {
            Arguments.DeriveKey(output, key, input, constant);
            uint[] state = new uint[Salsa20.StateWords];
            try
            {
                if (constant != null)
                {
                    Salsa20.SetKey(state, key, constant);
                }
                else
                {
                    Salsa20.SetKey(state, key);
                }
                Derive(state, input, 0);
                for (int i = 0; i < 4; i++)
                {
                    Keystream.Store32(output, 4 * i, state[1 + i]);
                    Keystream.Store32(output, 16 + 4 * i, state[11 + i]);
                }
            }
            finally
            {
                CryptoBytes.Wipe(state);
            }
        }

        /// <summary>
        /// Takes a Salsa20 state holding constants and key, puts the 16 input bytes in words 6-9 and replaces the
        /// key words (1-4, 11-14) with the HSalsa20 subkey, so the state is ready for Salsa20 under that subkey once
        /// the caller fills words 6-9. The constants are set back to the standard ones. No allocation.
        /// </summary>
        internal static void Derive(uint[] state, byte[] input, int inputOffset)
        {
            Debug.Assert(state.Length == Salsa20.StateWords && inputOffset + InputSize <= input.Length);
            state[6] = Keystream.Load32(input, inputOffset);
            state[7] = Keystream.Load32(input, inputOffset + 4);
            state[8] = Keystream.Load32(input, inputOffset + 8);
            state[9] = Keystream.Load32(input, inputOffset + 12);
            Salsa20.Block(state, state, false);
            uint k0 = state[0], k1 = state[5], k2 = state[10], k3 = state[15];
            uint k4 = state[6], k5 = state[7], k6 = state[8], k7 = state[9];
            state[1] = k0;
            state[2] = k1;
            state[3] = k2;
            state[4] = k3;
            state[11] = k4;
            state[12] = k5;
            state[13] = k6;
            state[14] = k7;
            state[0] = Keystream.Sigma0;
            state[5] = Keystream.Sigma1;
            state[10] = Keystream.Sigma2;
            state[15] = Keystream.Sigma3;
            state[6] = 0;
            state[7] = 0;
            state[8] = 0;
            state[9] = 0;
        }
    }
}
