// Arithmetic modulo the prime group order L = 2^252 + 27742317777372353535851937790883648493 of
// Ed25519 (RFC 8032 section 5.1): reduction of 64-byte hashes, s = a * b + c, and the S < L check
// of verification. Scalars are 32 little-endian bytes.
// Method: values are split into 21-bit limbs held in longs; 2^252 = -delta (mod L) with
// delta < 2^125 (six limbs), so each limb at or above 2^252 is folded down as a multiple of -delta.
// The fold schedule is fixed and the final correction uses masks, so the time does not depend on
// the (secret) values. Callers pass a work array of WorkLength longs (no allocation here).
using System.Diagnostics;

namespace Session.Core.Micro.Crypto
{
    /// <summary>Scalars modulo the Ed25519 group order L.</summary>
    internal static class Scalar25519
    {
        /// <summary>Bytes of an encoded scalar.</summary>
        public const int Size = 32;

        /// <summary>Bytes of a wide input to <see cref="Reduce"/> (a SHA-512 digest).</summary>
        public const int WideSize = 64;

        /// <summary>Longs in the work array of <see cref="Reduce"/> and <see cref="MulAdd"/>.</summary>
        public const int WorkLength = 51;

        private const int LimbBits = 21;
        private const long LimbMask = (1L << LimbBits) - 1;

        // delta = L - 2^252 in 21-bit limbs.
        private static readonly long[] s_delta = { 1430509, 1626855, 1442968, 997804, 1960495, 683900 };

        // L, little-endian.
        private static readonly byte[] s_order =
        {
            0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
            0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10,
        };

        /// <summary>s[sOffset..+32] = x[xOffset..+64] mod L (the 64 bytes read little-endian).</summary>
        public static void Reduce(byte[] s, int sOffset, byte[] x, int xOffset, long[] work)
        {
            Debug.Assert(work.Length >= WorkLength);
            LoadLimbs(work, 0, 25, x, xOffset, WideSize);
            ReduceLimbs(work);
            StoreLimbs(s, sOffset, work);
        }

        /// <summary>s = a * b + c mod L, for 32-byte a, b, c (any values below 2^256). s may alias any input.</summary>
        public static void MulAdd(byte[] s, int sOffset, byte[] a, int aOffset, byte[] b, int bOffset, byte[] c, int cOffset, long[] work)
        {
            Debug.Assert(work.Length >= WorkLength);
            LoadLimbs(work, 25, 13, a, aOffset, Size);
            LoadLimbs(work, 38, 13, b, bOffset, Size);
            LoadLimbs(work, 0, 13, c, cOffset, Size);
            System.Array.Clear(work, 13, 12);
            for (int i = 0; i < 13; i++)
            {
                long ai = work[25 + i];
                for (int j = 0; j < 13; j++)
                {
                    work[i + j] += ai * work[38 + j];
                }
            }
            // Each limb is below 14 * 2^42; normalise to 21 bits with the excess in limb 24.
            for (int i = 0; i < 24; i++)
            {
                work[i + 1] += work[i] >> LimbBits;
                work[i] &= LimbMask;
            }
            ReduceLimbs(work);
            StoreLimbs(s, sOffset, work);
            System.Array.Clear(work, 25, 26);
        }

        /// <summary>1 when s[offset..+32] is below L (a canonical scalar), else 0. Constant time.</summary>
        public static int IsCanonical(byte[] s, int offset)
        {
            // The borrow out of s - L is 1 exactly when s < L.
            int borrow = 0;
            for (int i = 0; i < Size; i++)
            {
                borrow = ((s[offset + i] - s_order[i] - borrow) >> 8) & 1;
            }
            return borrow;
        }

        // work[0..24] holds 21-bit limbs (limb 24 may be larger); leaves the value mod L, canonical,
        // in work[0..12].
        private static void ReduceLimbs(long[] x)
        {
            // Limbs 24..18 are untouched by each other's folds (a fold of limb k reaches k - 7 at most).
            for (int k = 24; k >= 18; k--)
            {
                Fold(x, k);
            }
            Normalize(x, 6, 18);
            Fold(x, 18);
            for (int k = 17; k >= 12; k--)
            {
                Fold(x, k);
            }
            Normalize(x, 0, 12);
            Fold(x, 12);
            Normalize(x, 0, 12);
            // Now value = low + x12 * 2^252 with low < 2^252 and |x12| tiny. Folding x12 and adding L
            // gives a positive value below 3L: two conditional subtractions of L finish the job.
            Fold(x, 12);
            for (int j = 0; j < 6; j++)
            {
                x[j] += s_delta[j];
            }
            x[12] = 1;
            Normalize(x, 0, 12);
            SubtractOrderIfNotBelow(x);
            SubtractOrderIfNotBelow(x);
        }

        // x -= x[k] * 2^(21k) and += x[k] * (-delta) * 2^(21(k-12)).
        private static void Fold(long[] x, int k)
        {
            long top = x[k];
            x[k] = 0;
            int b = k - 12;
            x[b] -= top * s_delta[0];
            x[b + 1] -= top * s_delta[1];
            x[b + 2] -= top * s_delta[2];
            x[b + 3] -= top * s_delta[3];
            x[b + 4] -= top * s_delta[4];
            x[b + 5] -= top * s_delta[5];
        }

        // Floor-carries limbs from..to-1 into the next, leaving them in [0, 2^21).
        private static void Normalize(long[] x, int from, int to)
        {
            for (int i = from; i < to; i++)
            {
                x[i + 1] += x[i] >> LimbBits;
                x[i] &= LimbMask;
            }
        }

        // x[0..12] (normalised, non-negative) becomes x - L when that is not negative, in constant time.
        // Limbs 25..37 of the work array hold the difference.
        private static void SubtractOrderIfNotBelow(long[] x)
        {
            long borrow = 0;
            for (int i = 0; i < 13; i++)
            {
                long limbOfOrder = i < 6 ? s_delta[i] : (i == 12 ? 1 : 0);
                long d = x[i] - limbOfOrder + borrow;
                borrow = d >> LimbBits;
                x[25 + i] = d & LimbMask;
            }
            // borrow is -1 when x < L (keep x), 0 otherwise (take the difference).
            long keep = borrow;
            for (int i = 0; i < 13; i++)
            {
                x[i] = (x[i] & keep) | (x[25 + i] & ~keep);
            }
        }

        private static void LoadLimbs(long[] limbs, int limbOffset, int limbCount, byte[] source, int offset, int count)
        {
            ulong accumulator = 0;
            int bits = 0;
            int limb = 0;
            for (int i = 0; i < count; i++)
            {
                accumulator |= (ulong)source[offset + i] << bits;
                bits += 8;
                if (bits >= LimbBits)
                {
                    limbs[limbOffset + limb] = (long)(accumulator & LimbMask);
                    limb++;
                    accumulator >>= LimbBits;
                    bits -= LimbBits;
                }
            }
            while (limb < limbCount)
            {
                limbs[limbOffset + limb] = (long)(accumulator & LimbMask);
                limb++;
                accumulator >>= LimbBits;
            }
        }

        private static void StoreLimbs(byte[] s, int offset, long[] limbs)
        {
            ulong accumulator = 0;
            int bits = 0;
            int position = 0;
            for (int limb = 0; limb < 13; limb++)
            {
                accumulator |= (ulong)limbs[limb] << bits;
                bits += LimbBits;
                while (bits >= 8 && position < Size)
                {
                    s[offset + position] = (byte)accumulator;
                    position++;
                    accumulator >>= 8;
                    bits -= 8;
                }
            }
        }
    }
}
