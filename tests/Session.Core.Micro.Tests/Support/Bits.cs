using System;

namespace Session.Core.Micro.Tests.Support
{
    /// <summary>Single-bit tampering for negative tests: which bit positions to try, and a copy with one flipped.</summary>
    public static class Bits
    {
        /// <summary>Up to this many bits a negative test tries every position; above, a random sample of this size.</summary>
        public const int ExhaustiveLimit = 512;

        public static byte[] Flip(byte[] source, int bit)
        {
            byte[] copy = (byte[])source.Clone();
            copy[bit >> 3] ^= (byte)(1 << (bit & 7));
            return copy;
        }

        /// <summary>Every bit position of a short buffer; ExhaustiveLimit random positions (with replacement) of a long one.</summary>
        public static int[] Positions(int byteLength, SeededRandom random)
        {
            int bits = byteLength * 8;
            if (bits <= ExhaustiveLimit)
            {
                int[] all = new int[bits];
                for (int i = 0; i < bits; i++)
                {
                    all[i] = i;
                }
                return all;
            }
            int[] sample = new int[ExhaustiveLimit];
            for (int i = 0; i < sample.Length; i++)
            {
                sample[i] = random.Next(bits);
            }
            return sample;
        }

        public static uint ParseWord(string bigEndianHex) => Convert.ToUInt32(bigEndianHex, 16);
    }
}
