// Shared by the ChaCha20 and Salsa20 families: the constant "expand 32-byte k", the sizes of HChaCha20
// and HSalsa20, little-endian word loads and stores, and XOR of caller bytes with a keystream block
// kept as 16 little-endian 32-bit words (64 bytes).
// Working on words avoids serialising every block to a byte array on the device.
using System.Diagnostics;

namespace Session.Core.Micro.Crypto
{
    internal static class Keystream
    {
        /// <summary>Bytes in one ChaCha20 or Salsa20 block.</summary>
        internal const int BlockSize = 64;

        // "expand 32-byte k" as four little-endian words: ChaCha20 puts them in words 0-3, Salsa20 on the diagonal (0, 5, 10, 15).
        internal const uint Sigma0 = 0x61707865;
        internal const uint Sigma1 = 0x3320646e;
        internal const uint Sigma2 = 0x79622d32;
        internal const uint Sigma3 = 0x6b206574;

        /// <summary>Bytes in a key of either family, and in the subkey HChaCha20 or HSalsa20 derives.</summary>
        internal const int SubkeySize = 32;

        /// <summary>Bytes in the input (and in a custom constant) of HChaCha20 and HSalsa20.</summary>
        internal const int DeriveInputSize = 16;

        internal static uint Load32(byte[] source, int offset)
        {
            return source[offset] | (uint)source[offset + 1] << 8 | (uint)source[offset + 2] << 16 | (uint)source[offset + 3] << 24;
        }

        internal static void Store32(byte[] destination, int offset, uint value)
        {
            destination[offset] = (byte)value;
            destination[offset + 1] = (byte)(value >> 8);
            destination[offset + 2] = (byte)(value >> 16);
            destination[offset + 3] = (byte)(value >> 24);
        }

        /// <summary>
        /// output[outputOffset + i] = input[inputOffset + i] ^ keystream byte (blockOffset + i), for i below count.
        /// Safe in place when output and input are the same array at the same offset.
        /// </summary>
        internal static void Xor(uint[] block, int blockOffset, byte[] output, int outputOffset, byte[] input, int inputOffset, int count)
        {
            Debug.Assert(blockOffset >= 0 && count >= 0 && blockOffset + count <= BlockSize);
            if (blockOffset == 0 && count == BlockSize)
            {
                // A whole block: one array read per word instead of one per byte (most of the bytes of a long message).
                for (int w = 0; w < 16; w++)
                {
                    uint k = block[w];
                    output[outputOffset] = (byte)(input[inputOffset] ^ k);
                    output[outputOffset + 1] = (byte)(input[inputOffset + 1] ^ (k >> 8));
                    output[outputOffset + 2] = (byte)(input[inputOffset + 2] ^ (k >> 16));
                    output[outputOffset + 3] = (byte)(input[inputOffset + 3] ^ (k >> 24));
                    outputOffset += 4;
                    inputOffset += 4;
                }
                return;
            }
            for (int i = 0; i < count; i++)
            {
                int k = blockOffset + i;
                output[outputOffset + i] = (byte)(input[inputOffset + i] ^ (block[k >> 2] >> ((k & 3) << 3)));
            }
        }
    }
}
