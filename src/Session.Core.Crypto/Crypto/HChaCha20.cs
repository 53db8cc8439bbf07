// HChaCha20, draft-irtf-cfrg-xchacha-03 §2.2: derives a 256-bit subkey from a 256-bit key and a
// 128-bit input by running the 20 ChaCha20 rounds without the final feed-forward and keeping words
// 0-3 and 12-15. XChaCha20 uses it on the first 16 bytes of its 24-byte nonce. libsodium's
// crypto_core_hchacha20 also accepts a custom 16-byte constant in place of "expand 32-byte k".
using System.Diagnostics;

namespace Session.Core.Micro.Crypto
{
    /// <summary>HChaCha20: a 32-byte subkey from a 32-byte key and a 16-byte input.</summary>
    public static class HChaCha20
    {
        /// <summary>Size of the derived key in bytes.</summary>
        public const int OutputSize = Keystream.SubkeySize;

        /// <summary>Key size in bytes.</summary>
        public const int KeySize = Keystream.SubkeySize;

        /// <summary>Input size in bytes (the first 16 bytes of an XChaCha20 nonce).</summary>
        public const int InputSize = Keystream.DeriveInputSize;

        /// <summary>Writes HChaCha20(key, input) to <paramref name="output"/>.</summary>
        /// <param name="output">Receives the 32-byte subkey.</param>
        /// <param name="key">The 32-byte key.</param>
        /// <param name="input">The 16-byte input.</param>
        /// <exception cref="System.ArgumentNullException">An argument is null.</exception>
        /// <exception cref="System.ArgumentException">An argument has the wrong size.</exception>
        public static void DeriveKey(byte[] output, byte[] key, byte[] input)
        {
            DeriveKey(output, key, input, null);
        }

        /// <summary>HChaCha20 with a 16-byte constant in words 0-3; null means the standard "expand 32-byte k".</summary>
        internal static void DeriveKey(byte[] output, byte[] key, byte[] input, byte[] constant)
        {
            Arguments.DeriveKey(output, key, input, constant);
            uint[] state = new uint[ChaCha20.StateWords];
            try
            {
                ChaCha20.SetKey(state, key);
                if (constant != null)
                {
                    for (int i = 0; i < 4; i++)
                    {
                        state[i] = Keystream.Load32(constant, 4 * i);
                    }
                }
                Derive(state, input, 0);
                for (int i = 0; i < 8; i++)
                {
                    Keystream.Store32(output, 4 * i, state[4 + i]);
                }
            }
            finally
            {
                CryptoBytes.Wipe(state);
            }
        }

        /// <summary>
        /// Takes a state holding constants and key (words 0-11), puts the 16 input bytes in words 12-15 and
        /// replaces words 4-11 with the HChaCha20 subkey, so the state is ready for ChaCha20 under that subkey
        /// once the caller fills words 12-15. Words 0-3 are set back to the standard constants.
        /// No allocation: XChaCha20 derives straight into the state it then runs.
        /// </summary>
        internal static void Derive(uint[] state, byte[] input, int inputOffset)
        {
            Debug.Assert(state.Length == ChaCha20.StateWords && inputOffset + InputSize <= input.Length);
            state[12] = Keystream.Load32(input, inputOffset);
            state[13] = Keystream.Load32(input, inputOffset + 4);
            state[14] = Keystream.Load32(input, inputOffset + 8);
            state[15] = Keystream.Load32(input, inputOffset + 12);
            ChaCha20.Block(state, state, false);
            state[4] = state[0];
            state[5] = state[1];
            state[6] = state[2];
            state[7] = state[3];
            state[8] = state[12];
            state[9] = state[13];
            state[10] = state[14];
            state[11] = state[15];
            state[0] = Keystream.Sigma0;
            state[1] = Keystream.Sigma1;
            state[2] = Keystream.Sigma2;
            state[3] = Keystream.Sigma3;
            state[12] = 0;
            state[13] = 0;
            state[14] = 0;
            state[15] = 0;
        }
    }
}
