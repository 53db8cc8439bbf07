// Shared by the ChaCha20 and Salsa20 families: little-endian word loads and stores, and XOR of
// caller bytes with a keystream block kept as 16 little-endian 32-bit words (64 bytes).
// Working on words avoids serialising every block to a byte array on the device.
using System.Diagnostics;

namespace Session.Core.Micro.Crypto
{
    internal static class Keystream
    {
        /// <summary>Bytes in one ChaCha20 or Salsa20 block.</summary>
        internal const int BlockSize = 64;

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
