// XChaCha20 stream, draft-irtf-cfrg-xchacha-03 §2.3 and libsodium's crypto_stream_xchacha20:
// subkey = HChaCha20(key, nonce[0..15]), then ChaCha20 under the subkey with nonce[16..23].
// The inner ChaCha20 uses libsodium's layout: a 64-bit block counter in words 12-13 and the 8 nonce
// bytes in words 14-15. For counters below 2^32 that is the draft's layout (32-bit counter, then
// 4 zero bytes || nonce[16..23] as the 96-bit IETF nonce), so both sets of vectors apply.
using System.Diagnostics;

namespace Session.Core.Micro.Crypto
{
    /// <summary>The XChaCha20 stream cipher (24-byte nonce, 64-bit block counter).</summary>
    internal static class XChaCha20
    {
        /// <summary>Key size in bytes.</summary>
        internal const int KeySize = 32;

        /// <summary>Nonce size in bytes.</summary>
        internal const int NonceSize = 24;

        /// <summary>
        /// output[outputOffset..+count] = input[inputOffset..+count] XOR the XChaCha20 keystream of
        /// (key, nonce) from block <paramref name="counter"/>. Same array at the same offset is allowed.
        /// </summary>
        /// <exception cref="System.ArgumentNullException">A buffer, the key or the nonce is null.</exception>
        /// <exception cref="System.ArgumentException">Wrong key or nonce size, a slice outside its buffer, or a
        /// counter that would wrap past 2^64 blocks.</exception>
        internal static void Xor(byte[] output, int outputOffset, byte[] key, byte[] nonce, ulong counter, byte[] input, int inputOffset, int count)
        {
            Arguments.StreamXor(output, outputOffset, key, KeySize, nonce, NonceSize, counter, ulong.MaxValue, input, inputOffset, count);
            uint[] state = new uint[ChaCha20.StateWords];
            SetState(state, key, nonce);
            ChaCha20.XorAndWipe(state, true, counter, output, outputOffset, input, inputOffset, count);
        }

        /// <summary>Fills a ChaCha20 state for (key, nonce) with the counter at 0: subkey in words 4-11, nonce[16..23] in words 14-15.</summary>
        internal static void SetState(uint[] state, byte[] key, byte[] nonce)
        {
            Debug.Assert(key.Length == KeySize && nonce.Length == NonceSize);
            ChaCha20.SetKey(state, key);
            HChaCha20.Derive(state, nonce, 0);
            state[14] = Keystream.Load32(nonce, 16);
            state[15] = Keystream.Load32(nonce, 20);
        }
    }
}
