// Arithmetic modulo p = 2^255 - 19 (RFC 7748 section 4.1), the field under X25519 and Ed25519.
// An element is int[ElementLength]: ten signed limbs of alternately 26 and 25 bits ("radix 2^25.5",
// as in the curve25519 and ed25519 papers), value = sum of h[i] * 2^ceil(25.5 * i).
// Products are 64-bit. 2^255 = 19 (mod p), so a product limb that lands at or above 2^255 comes
// back at the bottom multiplied by 19; two odd limbs meet half a bit too high, so their product
// is doubled.
//
// Why this file is long: multiply and square are fully unrolled, with every limb in a local.
// On the device's IL interpreter a loop iteration, an array access or a method call costs as much as
// several multiplications (docs/portable-csharp.md section 5: about 1 s per X25519 on an ESP32 for
// this form, 4-10 s for naive ones). The code stays in one file so that the limb layout and the
// bounds below are checked in one place; the unrolled sums were generated from the rule above.
//
// Bounds: Mul, Square, Mul121666Add and FromBytes leave limbs in [0, 2^26) (even) and
// [0, 2^25) (odd; limbs 1 and 5 may exceed 2^25 slightly). Mul and Square accept inputs whose limbs
// are up to 4 times those bounds in magnitude (sums/differences of up to four reduced elements);
// the 64-bit accumulators then stay below 2^63. Add and Sub do not carry.
//
// Constant time: no branch or index depends on an element's value. Nothing here allocates.
using System.Diagnostics;

namespace Session.Core.Micro.Crypto
{
    /// <summary>Field arithmetic modulo 2^255 - 19 on ten-limb elements; callers own all arrays.</summary>
    internal static class Field25519
    {
        /// <summary>Number of int limbs in one element.</summary>
        public const int ElementLength = 10;

        /// <summary>Bytes of an encoded element (little-endian, RFC 7748 section 5).</summary>
        public const int EncodedSize = 32;

        /// <summary>h = 0.</summary>
        public static void Zero(int[] h)
        {
            System.Array.Clear(h, 0, ElementLength);
        }

        /// <summary>h = 1.</summary>
        public static void One(int[] h)
        {
            System.Array.Clear(h, 0, ElementLength);
            h[0] = 1;
        }

        /// <summary>h = f.</summary>
        public static void Copy(int[] h, int[] f)
        {
            System.Array.Copy(f, 0, h, 0, ElementLength);
        }

        /// <summary>h = f + g, without carrying.</summary>
        public static void Add(int[] h, int[] f, int[] g)
        {
            h[0] = f[0] + g[0]; h[1] = f[1] + g[1]; h[2] = f[2] + g[2]; h[3] = f[3] + g[3]; h[4] = f[4] + g[4];
            h[5] = f[5] + g[5]; h[6] = f[6] + g[6]; h[7] = f[7] + g[7]; h[8] = f[8] + g[8]; h[9] = f[9] + g[9];
        }

        /// <summary>h = f - g, without carrying (limbs may be negative).</summary>
        public static void Sub(int[] h, int[] f, int[] g)
        {
            h[0] = f[0] - g[0]; h[1] = f[1] - g[1]; h[2] = f[2] - g[2]; h[3] = f[3] - g[3]; h[4] = f[4] - g[4];
            h[5] = f[5] - g[5]; h[6] = f[6] - g[6]; h[7] = f[7] - g[7]; h[8] = f[8] - g[8]; h[9] = f[9] - g[9];
        }

        /// <summary>h = -f, without carrying.</summary>
        public static void Negate(int[] h, int[] f)
        {
            h[0] = -f[0]; h[1] = -f[1]; h[2] = -f[2]; h[3] = -f[3]; h[4] = -f[4];
            h[5] = -f[5]; h[6] = -f[6]; h[7] = -f[7]; h[8] = -f[8]; h[9] = -f[9];
        }

        /// <summary>h = f * g. Any of h, f, g may be the same array.</summary>
        public static void Mul(int[] h, int[] f, int[] g)
        {
            long f0 = f[0], f1 = f[1], f2 = f[2], f3 = f[3], f4 = f[4], f5 = f[5], f6 = f[6], f7 = f[7], f8 = f[8], f9 = f[9];
            long g0 = g[0], g1 = g[1], g2 = g[2], g3 = g[3], g4 = g[4], g5 = g[5], g6 = g[6], g7 = g[7], g8 = g[8], g9 = g[9];
            long g1x19 = 19 * g1, g2x19 = 19 * g2, g3x19 = 19 * g3, g4x19 = 19 * g4, g5x19 = 19 * g5, g6x19 = 19 * g6, g7x19 = 19 * g7, g8x19 = 19 * g8, g9x19 = 19 * g9;
            long f1x2 = 2 * f1, f3x2 = 2 * f3, f5x2 = 2 * f5, f7x2 = 2 * f7, f9x2 = 2 * f9;
            long h0 = f0 * g0 + f1x2 * g9x19 + f2 * g8x19 + f3x2 * g7x19 + f4 * g6x19 + f5x2 * g5x19 + f6 * g4x19 + f7x2 * g3x19 + f8 * g2x19 + f9x2 * g1x19;
            long h1 = f0 * g1 + f1 * g0 + f2 * g9x19 + f3 * g8x19 + f4 * g7x19 + f5 * g6x19 + f6 * g5x19 + f7 * g4x19 + f8 * g3x19 + f9 * g2x19;
            long h2 = f0 * g2 + f1x2 * g1 + f2 * g0 + f3x2 * g9x19 + f4 * g8x19 + f5x2 * g7x19 + f6 * g6x19 + f7x2 * g5x19 + f8 * g4x19 + f9x2 * g3x19;
            long h3 = f0 * g3 + f1 * g2 + f2 * g1 + f3 * g0 + f4 * g9x19 + f5 * g8x19 + f6 * g7x19 + f7 * g6x19 + f8 * g5x19 + f9 * g4x19;
            long h4 = f0 * g4 + f1x2 * g3 + f2 * g2 + f3x2 * g1 + f4 * g0 + f5x2 * g9x19 + f6 * g8x19 + f7x2 * g7x19 + f8 * g6x19 + f9x2 * g5x19;
            long h5 = f0 * g5 + f1 * g4 + f2 * g3 + f3 * g2 + f4 * g1 + f5 * g0 + f6 * g9x19 + f7 * g8x19 + f8 * g7x19 + f9 * g6x19;
            long h6 = f0 * g6 + f1x2 * g5 + f2 * g4 + f3x2 * g3 + f4 * g2 + f5x2 * g1 + f6 * g0 + f7x2 * g9x19 + f8 * g8x19 + f9x2 * g7x19;
            long h7 = f0 * g7 + f1 * g6 + f2 * g5 + f3 * g4 + f4 * g3 + f5 * g2 + f6 * g1 + f7 * g0 + f8 * g9x19 + f9 * g8x19;
            long h8 = f0 * g8 + f1x2 * g7 + f2 * g6 + f3x2 * g5 + f4 * g4 + f5x2 * g3 + f6 * g2 + f7x2 * g1 + f8 * g0 + f9x2 * g9x19;
            long h9 = f0 * g9 + f1 * g8 + f2 * g7 + f3 * g6 + f4 * g5 + f5 * g4 + f6 * g3 + f7 * g2 + f8 * g1 + f9 * g0;
            // Two interleaved chains (from h0 and from h4) halve the dependency depth.
            h1 += h0 >> 26; h0 &= 0x3ffffff; h5 += h4 >> 26; h4 &= 0x3ffffff;
            h2 += h1 >> 25; h1 &= 0x1ffffff; h6 += h5 >> 25; h5 &= 0x1ffffff;
            h3 += h2 >> 26; h2 &= 0x3ffffff; h7 += h6 >> 26; h6 &= 0x3ffffff;
            h4 += h3 >> 25; h3 &= 0x1ffffff; h8 += h7 >> 25; h7 &= 0x1ffffff;
            h5 += h4 >> 26; h4 &= 0x3ffffff; h9 += h8 >> 26; h8 &= 0x3ffffff;
            h0 += (h9 >> 25) * 19; h9 &= 0x1ffffff;
            h1 += h0 >> 26; h0 &= 0x3ffffff;
            h[0] = (int)h0; h[1] = (int)h1; h[2] = (int)h2; h[3] = (int)h3; h[4] = (int)h4;
            h[5] = (int)h5; h[6] = (int)h6; h[7] = (int)h7; h[8] = (int)h8; h[9] = (int)h9;
        }

        /// <summary>h = f^(2^count) (count squarings). h and f may be the same array.</summary>
        public static void Square(int[] h, int[] f, int count)
        {
            Debug.Assert(count >= 1);
            long f0 = f[0], f1 = f[1], f2 = f[2], f3 = f[3], f4 = f[4], f5 = f[5], f6 = f[6], f7 = f[7], f8 = f[8], f9 = f[9];
            // The limbs stay in locals between squarings: no array traffic inside invert's long runs.
            for (int round = 0; round < count; round++)
            {
                long f0x2 = 2 * f0, f1x2 = 2 * f1, f2x2 = 2 * f2, f3x2 = 2 * f3, f4x2 = 2 * f4, f5x2 = 2 * f5, f6x2 = 2 * f6, f7x2 = 2 * f7, f8x2 = 2 * f8, f9x2 = 2 * f9;
                long f5x19 = 19 * f5, f6x19 = 19 * f6, f7x19 = 19 * f7, f8x19 = 19 * f8, f9x19 = 19 * f9;
                long f7x38 = 38 * f7, f9x38 = 38 * f9;
                long h0 = f0 * f0 + f1x2 * f9x38 + f2x2 * f8x19 + f3x2 * f7x38 + f4x2 * f6x19 + f5x2 * f5x19;
                long h1 = f0x2 * f1 + f2x2 * f9x19 + f3x2 * f8x19 + f4x2 * f7x19 + f5x2 * f6x19;
                long h2 = f0x2 * f2 + f1x2 * f1 + f3x2 * f9x38 + f4x2 * f8x19 + f5x2 * f7x38 + f6 * f6x19;
                long h3 = f0x2 * f3 + f1x2 * f2 + f4x2 * f9x19 + f5x2 * f8x19 + f6x2 * f7x19;
                long h4 = f0x2 * f4 + f1x2 * f3x2 + f2 * f2 + f5x2 * f9x38 + f6x2 * f8x19 + f7x2 * f7x19;
                long h5 = f0x2 * f5 + f1x2 * f4 + f2x2 * f3 + f6x2 * f9x19 + f7x2 * f8x19;
                long h6 = f0x2 * f6 + f1x2 * f5x2 + f2x2 * f4 + f3x2 * f3 + f7x2 * f9x38 + f8 * f8x19;
                long h7 = f0x2 * f7 + f1x2 * f6 + f2x2 * f5 + f3x2 * f4 + f8x2 * f9x19;
                long h8 = f0x2 * f8 + f1x2 * f7x2 + f2x2 * f6 + f3x2 * f5x2 + f4 * f4 + f9x2 * f9x19;
                long h9 = f0x2 * f9 + f1x2 * f8 + f2x2 * f7 + f3x2 * f6 + f4x2 * f5;
                // Two interleaved chains (from h0 and from h4) halve the dependency depth.
                h1 += h0 >> 26; h0 &= 0x3ffffff; h5 += h4 >> 26; h4 &= 0x3ffffff;
                h2 += h1 >> 25; h1 &= 0x1ffffff; h6 += h5 >> 25; h5 &= 0x1ffffff;
                h3 += h2 >> 26; h2 &= 0x3ffffff; h7 += h6 >> 26; h6 &= 0x3ffffff;
                h4 += h3 >> 25; h3 &= 0x1ffffff; h8 += h7 >> 25; h7 &= 0x1ffffff;
                h5 += h4 >> 26; h4 &= 0x3ffffff; h9 += h8 >> 26; h8 &= 0x3ffffff;
                h0 += (h9 >> 25) * 19; h9 &= 0x1ffffff;
                h1 += h0 >> 26; h0 &= 0x3ffffff;
                f0 = h0; f1 = h1; f2 = h2; f3 = h3; f4 = h4; f5 = h5; f6 = h6; f7 = h7; f8 = h8; f9 = h9;
            }
            h[0] = (int)f0; h[1] = (int)f1; h[2] = (int)f2; h[3] = (int)f3; h[4] = (int)f4;
            h[5] = (int)f5; h[6] = (int)f6; h[7] = (int)f7; h[8] = (int)f8; h[9] = (int)f9;
        }

        /// <summary>
        /// h = f^2. h and f may be the same array. (The same body as one round of the repeated form;
        /// kept separate because the ladder's single squarings would otherwise pay for the loop and
        /// an extra call, about a fifth of a squaring on the interpreter.)
        /// </summary>
        public static void Square(int[] h, int[] f)
        {
            long f0 = f[0], f1 = f[1], f2 = f[2], f3 = f[3], f4 = f[4], f5 = f[5], f6 = f[6], f7 = f[7], f8 = f[8], f9 = f[9];
            long f0x2 = 2 * f0, f1x2 = 2 * f1, f2x2 = 2 * f2, f3x2 = 2 * f3, f4x2 = 2 * f4, f5x2 = 2 * f5, f6x2 = 2 * f6, f7x2 = 2 * f7, f8x2 = 2 * f8, f9x2 = 2 * f9;
            long f5x19 = 19 * f5, f6x19 = 19 * f6, f7x19 = 19 * f7, f8x19 = 19 * f8, f9x19 = 19 * f9;
            long f7x38 = 38 * f7, f9x38 = 38 * f9;
            long h0 = f0 * f0 + f1x2 * f9x38 + f2x2 * f8x19 + f3x2 * f7x38 + f4x2 * f6x19 + f5x2 * f5x19;
            long h1 = f0x2 * f1 + f2x2 * f9x19 + f3x2 * f8x19 + f4x2 * f7x19 + f5x2 * f6x19;
            long h2 = f0x2 * f2 + f1x2 * f1 + f3x2 * f9x38 + f4x2 * f8x19 + f5x2 * f7x38 + f6 * f6x19;
            long h3 = f0x2 * f3 + f1x2 * f2 + f4x2 * f9x19 + f5x2 * f8x19 + f6x2 * f7x19;
            long h4 = f0x2 * f4 + f1x2 * f3x2 + f2 * f2 + f5x2 * f9x38 + f6x2 * f8x19 + f7x2 * f7x19;
            long h5 = f0x2 * f5 + f1x2 * f4 + f2x2 * f3 + f6x2 * f9x19 + f7x2 * f8x19;
            long h6 = f0x2 * f6 + f1x2 * f5x2 + f2x2 * f4 + f3x2 * f3 + f7x2 * f9x38 + f8 * f8x19;
            long h7 = f0x2 * f7 + f1x2 * f6 + f2x2 * f5 + f3x2 * f4 + f8x2 * f9x19;
            long h8 = f0x2 * f8 + f1x2 * f7x2 + f2x2 * f6 + f3x2 * f5x2 + f4 * f4 + f9x2 * f9x19;
            long h9 = f0x2 * f9 + f1x2 * f8 + f2x2 * f7 + f3x2 * f6 + f4x2 * f5;
            // Two interleaved chains (from h0 and from h4) halve the dependency depth.
            h1 += h0 >> 26; h0 &= 0x3ffffff; h5 += h4 >> 26; h4 &= 0x3ffffff;
            h2 += h1 >> 25; h1 &= 0x1ffffff; h6 += h5 >> 25; h5 &= 0x1ffffff;
            h3 += h2 >> 26; h2 &= 0x3ffffff; h7 += h6 >> 26; h6 &= 0x3ffffff;
            h4 += h3 >> 25; h3 &= 0x1ffffff; h8 += h7 >> 25; h7 &= 0x1ffffff;
            h5 += h4 >> 26; h4 &= 0x3ffffff; h9 += h8 >> 26; h8 &= 0x3ffffff;
            h0 += (h9 >> 25) * 19; h9 &= 0x1ffffff;
            h1 += h0 >> 26; h0 &= 0x3ffffff;
            h[0] = (int)h0; h[1] = (int)h1; h[2] = (int)h2; h[3] = (int)h3; h[4] = (int)h4;
            h[5] = (int)h5; h[6] = (int)h6; h[7] = (int)h7; h[8] = (int)h8; h[9] = (int)h9;
        }

        /// <summary>
        /// h = 121666 f + g: 121666 is (A + 2) / 4 for Curve25519's A = 486662, and the ladder of RFC 7748
        /// section 5 needs BB + 121666 E (= AA + 121665 E). Fused to save the interpreter a pass.
        /// </summary>
        public static void Mul121666Add(int[] h, int[] f, int[] g)
        {
            long h0 = f[0] * 121666L + g[0], h1 = f[1] * 121666L + g[1], h2 = f[2] * 121666L + g[2], h3 = f[3] * 121666L + g[3];
            long h4 = f[4] * 121666L + g[4], h5 = f[5] * 121666L + g[5], h6 = f[6] * 121666L + g[6], h7 = f[7] * 121666L + g[7];
            long h8 = f[8] * 121666L + g[8], h9 = f[9] * 121666L + g[9];
            // Two interleaved chains (from h0 and from h4) halve the dependency depth.
            h1 += h0 >> 26; h0 &= 0x3ffffff; h5 += h4 >> 26; h4 &= 0x3ffffff;
            h2 += h1 >> 25; h1 &= 0x1ffffff; h6 += h5 >> 25; h5 &= 0x1ffffff;
            h3 += h2 >> 26; h2 &= 0x3ffffff; h7 += h6 >> 26; h6 &= 0x3ffffff;
            h4 += h3 >> 25; h3 &= 0x1ffffff; h8 += h7 >> 25; h7 &= 0x1ffffff;
            h5 += h4 >> 26; h4 &= 0x3ffffff; h9 += h8 >> 26; h8 &= 0x3ffffff;
            h0 += (h9 >> 25) * 19; h9 &= 0x1ffffff;
            h1 += h0 >> 26; h0 &= 0x3ffffff;
            h[0] = (int)h0; h[1] = (int)h1; h[2] = (int)h2; h[3] = (int)h3; h[4] = (int)h4;
            h[5] = (int)h5; h[6] = (int)h6; h[7] = (int)h7; h[8] = (int)h8; h[9] = (int)h9;
        }

        /// <summary>
        /// Swaps f and g when swap is 1, leaves them when it is 0, in the same time either way:
        /// the ladder's bit decides swap, so a branch here would leak the secret scalar.
        /// </summary>
        public static void ConditionalSwap(int[] f, int[] g, int swap)
        {
            Debug.Assert(swap == 0 || swap == 1);
            int mask = -swap;
            int x;
            x = (f[0] ^ g[0]) & mask; f[0] ^= x; g[0] ^= x;
            x = (f[1] ^ g[1]) & mask; f[1] ^= x; g[1] ^= x;
            x = (f[2] ^ g[2]) & mask; f[2] ^= x; g[2] ^= x;
            x = (f[3] ^ g[3]) & mask; f[3] ^= x; g[3] ^= x;
            x = (f[4] ^ g[4]) & mask; f[4] ^= x; g[4] ^= x;
            x = (f[5] ^ g[5]) & mask; f[5] ^= x; g[5] ^= x;
            x = (f[6] ^ g[6]) & mask; f[6] ^= x; g[6] ^= x;
            x = (f[7] ^ g[7]) & mask; f[7] ^= x; g[7] ^= x;
            x = (f[8] ^ g[8]) & mask; f[8] ^= x; g[8] ^= x;
            x = (f[9] ^ g[9]) & mask; f[9] ^= x; g[9] ^= x;
        }

        /// <summary>
        /// The start of a Montgomery ladder step (RFC 7748 section 5): swaps (x2, z2) with (x3, z3) when
        /// swap is 1, in constant time, then writes sum2 = x2 + z2, difference2 = x2 - z2, sum3 = x3 + z3
        /// and difference3 = x3 - z3 of the swapped values. The inputs are left unswapped: the step
        /// overwrites all four before reading them again. One pass instead of six saves the interpreter
        /// about a tenth of the ladder.
        /// </summary>
        public static void SwapSumsAndDifferences(
            int[] sum2, int[] difference2, int[] sum3, int[] difference3, int[] x2, int[] z2, int[] x3, int[] z3, int swap)
        {
            Debug.Assert(swap == 0 || swap == 1);
            int mask = -swap;
            int a, b, c, d, s;
            a = x2[0]; b = z2[0]; c = x3[0]; d = z3[0];
            s = (a ^ c) & mask; a ^= s; c ^= s; s = (b ^ d) & mask; b ^= s; d ^= s;
            sum2[0] = a + b; difference2[0] = a - b; sum3[0] = c + d; difference3[0] = c - d;
            a = x2[1]; b = z2[1]; c = x3[1]; d = z3[1];
            s = (a ^ c) & mask; a ^= s; c ^= s; s = (b ^ d) & mask; b ^= s; d ^= s;
            sum2[1] = a + b; difference2[1] = a - b; sum3[1] = c + d; difference3[1] = c - d;
            a = x2[2]; b = z2[2]; c = x3[2]; d = z3[2];
            s = (a ^ c) & mask; a ^= s; c ^= s; s = (b ^ d) & mask; b ^= s; d ^= s;
            sum2[2] = a + b; difference2[2] = a - b; sum3[2] = c + d; difference3[2] = c - d;
            a = x2[3]; b = z2[3]; c = x3[3]; d = z3[3];
            s = (a ^ c) & mask; a ^= s; c ^= s; s = (b ^ d) & mask; b ^= s; d ^= s;
            sum2[3] = a + b; difference2[3] = a - b; sum3[3] = c + d; difference3[3] = c - d;
            a = x2[4]; b = z2[4]; c = x3[4]; d = z3[4];
            s = (a ^ c) & mask; a ^= s; c ^= s; s = (b ^ d) & mask; b ^= s; d ^= s;
            sum2[4] = a + b; difference2[4] = a - b; sum3[4] = c + d; difference3[4] = c - d;
            a = x2[5]; b = z2[5]; c = x3[5]; d = z3[5];
            s = (a ^ c) & mask; a ^= s; c ^= s; s = (b ^ d) & mask; b ^= s; d ^= s;
            sum2[5] = a + b; difference2[5] = a - b; sum3[5] = c + d; difference3[5] = c - d;
            a = x2[6]; b = z2[6]; c = x3[6]; d = z3[6];
            s = (a ^ c) & mask; a ^= s; c ^= s; s = (b ^ d) & mask; b ^= s; d ^= s;
            sum2[6] = a + b; difference2[6] = a - b; sum3[6] = c + d; difference3[6] = c - d;
            a = x2[7]; b = z2[7]; c = x3[7]; d = z3[7];
            s = (a ^ c) & mask; a ^= s; c ^= s; s = (b ^ d) & mask; b ^= s; d ^= s;
            sum2[7] = a + b; difference2[7] = a - b; sum3[7] = c + d; difference3[7] = c - d;
            a = x2[8]; b = z2[8]; c = x3[8]; d = z3[8];
            s = (a ^ c) & mask; a ^= s; c ^= s; s = (b ^ d) & mask; b ^= s; d ^= s;
            sum2[8] = a + b; difference2[8] = a - b; sum3[8] = c + d; difference3[8] = c - d;
            a = x2[9]; b = z2[9]; c = x3[9]; d = z3[9];
            s = (a ^ c) & mask; a ^= s; c ^= s; s = (b ^ d) & mask; b ^= s; d ^= s;
            sum2[9] = a + b; difference2[9] = a - b; sum3[9] = c + d; difference3[9] = c - d;
        }

        /// <summary>f = g when move is 1, f unchanged when it is 0, in constant time.</summary>
        public static void ConditionalMove(int[] f, int[] g, int move)
        {
            Debug.Assert(move == 0 || move == 1);
            int mask = -move;
            f[0] ^= (f[0] ^ g[0]) & mask; f[1] ^= (f[1] ^ g[1]) & mask; f[2] ^= (f[2] ^ g[2]) & mask;
            f[3] ^= (f[3] ^ g[3]) & mask; f[4] ^= (f[4] ^ g[4]) & mask; f[5] ^= (f[5] ^ g[5]) & mask;
            f[6] ^= (f[6] ^ g[6]) & mask; f[7] ^= (f[7] ^ g[7]) & mask; f[8] ^= (f[8] ^ g[8]) & mask;
            f[9] ^= (f[9] ^ g[9]) & mask;
        }

        /// <summary>
        /// h = z^(p-2) = 1/z (0 when z = 0), by the usual addition chain of 254 squarings and 11
        /// multiplications. t0..t2 are scratch; h may be z.
        /// </summary>
        public static void Invert(int[] h, int[] z, int[] t0, int[] t1, int[] t2)
        {
            PowerTwo250MinusOne(t1, t0, z, t2, h);
            // t1 = z^(2^250 - 1), t0 = z^11; p - 2 = 2^255 - 21 = (2^250 - 1) * 2^5 + 11.
            Square(t1, t1, 5);
            Mul(h, t1, t0);
        }

        /// <summary>
        /// h = z^((p-5)/8) = z^(2^252 - 3), the exponent of the square root in point decoding
        /// (RFC 8032 section 5.1.3). t0..t2 are scratch; h must not be z.
        /// </summary>
        public static void Pow22523(int[] h, int[] z, int[] t0, int[] t1, int[] t2)
        {
            Debug.Assert(h != z);
            PowerTwo250MinusOne(t1, t0, z, t2, h);
            // 2^252 - 3 = (2^250 - 1) * 4 + 1.
            Square(t1, t1, 2);
            Mul(h, t1, z);
        }

        // a = z^(2^250 - 1) and b = z^11, from z; c and d are scratch and d may be z (z is read
        // only before d is first written).
        private static void PowerTwo250MinusOne(int[] a, int[] b, int[] z, int[] c, int[] d)
        {
            Square(b, z);          // z^2
            Square(a, b, 2);       // z^8
            Mul(a, z, a);          // z^9
            Mul(b, b, a);          // z^11
            Square(c, b);          // z^22
            Mul(a, a, c);          // z^31 = z^(2^5 - 1)
            Square(c, a, 5);
            Mul(a, c, a);          // 2^10 - 1
            Square(c, a, 10);
            Mul(c, c, a);          // 2^20 - 1
            Square(d, c, 20);
            Mul(c, d, c);          // 2^40 - 1
            Square(c, c, 10);
            Mul(a, c, a);          // 2^50 - 1
            Square(c, a, 50);
            Mul(c, c, a);          // 2^100 - 1
            Square(d, c, 100);
            Mul(c, d, c);          // 2^200 - 1
            Square(c, c, 50);
            Mul(a, c, a);          // 2^250 - 1
        }

        /// <summary>
        /// Reads 32 little-endian bytes at s[offset..]; the top bit (bit 255) is ignored, as RFC 7748
        /// section 5 asks for u-coordinates. Values from p to 2^255 - 1 are accepted and act as value - p.
        /// </summary>
        public static void FromBytes(int[] h, byte[] s, int offset)
        {
            h[0] = (int)(Load32(s, offset) & 0x3ffffff);
            h[1] = (int)((Load32(s, offset + 3) >> 2) & 0x1ffffff);
            h[2] = (int)((Load32(s, offset + 6) >> 3) & 0x3ffffff);
            h[3] = (int)((Load32(s, offset + 9) >> 5) & 0x1ffffff);
            h[4] = (int)((Load32(s, offset + 12) >> 6) & 0x3ffffff);
            h[5] = (int)(Load32(s, offset + 16) & 0x1ffffff);
            h[6] = (int)((Load32(s, offset + 19) >> 1) & 0x3ffffff);
            h[7] = (int)((Load32(s, offset + 22) >> 3) & 0x1ffffff);
            h[8] = (int)((Load32(s, offset + 25) >> 4) & 0x3ffffff);
            h[9] = (int)((Load32(s, offset + 28) >> 6) & 0x1ffffff);
        }

        /// <summary>Writes the canonical encoding of f (the unique value below p) to s[offset..offset+31].</summary>
        public static void ToBytes(byte[] s, int offset, int[] f)
        {
            // Adding 8p limb by limb makes every limb positive for inputs within the Mul bounds, so the
            // floor carries below only move value upwards and the total stays in [0, 2^255 + 2^26).
            long h0 = f[0] + 8L * 0x3ffffed, h1 = f[1] + 8L * 0x1ffffff, h2 = f[2] + 8L * 0x3ffffff, h3 = f[3] + 8L * 0x1ffffff;
            long h4 = f[4] + 8L * 0x3ffffff, h5 = f[5] + 8L * 0x1ffffff, h6 = f[6] + 8L * 0x3ffffff, h7 = f[7] + 8L * 0x1ffffff;
            long h8 = f[8] + 8L * 0x3ffffff, h9 = f[9] + 8L * 0x1ffffff;
            h1 += h0 >> 26; h0 &= 0x3ffffff; h2 += h1 >> 25; h1 &= 0x1ffffff; h3 += h2 >> 26; h2 &= 0x3ffffff;
            h4 += h3 >> 25; h3 &= 0x1ffffff; h5 += h4 >> 26; h4 &= 0x3ffffff; h6 += h5 >> 25; h5 &= 0x1ffffff;
            h7 += h6 >> 26; h6 &= 0x3ffffff; h8 += h7 >> 25; h7 &= 0x1ffffff; h9 += h8 >> 26; h8 &= 0x3ffffff;
            h0 += (h9 >> 25) * 19; h9 &= 0x1ffffff;
            h1 += h0 >> 26; h0 &= 0x3ffffff;
            // Now value v < 2^255 + 2^26 < 2p. q = 1 exactly when v + 19 reaches 2^255, i.e. v >= p.
            long q = (h0 + 19) >> 26;
            q = (h1 + q) >> 25; q = (h2 + q) >> 26; q = (h3 + q) >> 25; q = (h4 + q) >> 26;
            q = (h5 + q) >> 25; q = (h6 + q) >> 26; q = (h7 + q) >> 25; q = (h8 + q) >> 26; q = (h9 + q) >> 25;
            // v - q*p = v + 19q - q*2^255: add 19q, carry, and drop bit 255.
            h0 += 19 * q;
            h1 += h0 >> 26; h0 &= 0x3ffffff; h2 += h1 >> 25; h1 &= 0x1ffffff; h3 += h2 >> 26; h2 &= 0x3ffffff;
            h4 += h3 >> 25; h3 &= 0x1ffffff; h5 += h4 >> 26; h4 &= 0x3ffffff; h6 += h5 >> 25; h5 &= 0x1ffffff;
            h7 += h6 >> 26; h6 &= 0x3ffffff; h8 += h7 >> 25; h7 &= 0x1ffffff; h9 += h8 >> 26; h8 &= 0x3ffffff;
            h9 &= 0x1ffffff;
            s[offset + 0] = (byte)(h0);
            s[offset + 1] = (byte)((h0 >> 8));
            s[offset + 2] = (byte)((h0 >> 16));
            s[offset + 3] = (byte)((h0 >> 24) | (h1 << 2));
            s[offset + 4] = (byte)((h1 >> 6));
            s[offset + 5] = (byte)((h1 >> 14));
            s[offset + 6] = (byte)((h1 >> 22) | (h2 << 3));
            s[offset + 7] = (byte)((h2 >> 5));
            s[offset + 8] = (byte)((h2 >> 13));
            s[offset + 9] = (byte)((h2 >> 21) | (h3 << 5));
            s[offset + 10] = (byte)((h3 >> 3));
            s[offset + 11] = (byte)((h3 >> 11));
            s[offset + 12] = (byte)((h3 >> 19) | (h4 << 6));
            s[offset + 13] = (byte)((h4 >> 2));
            s[offset + 14] = (byte)((h4 >> 10));
            s[offset + 15] = (byte)((h4 >> 18));
            s[offset + 16] = (byte)(h5);
            s[offset + 17] = (byte)((h5 >> 8));
            s[offset + 18] = (byte)((h5 >> 16));
            s[offset + 19] = (byte)((h5 >> 24) | (h6 << 1));
            s[offset + 20] = (byte)((h6 >> 7));
            s[offset + 21] = (byte)((h6 >> 15));
            s[offset + 22] = (byte)((h6 >> 23) | (h7 << 3));
            s[offset + 23] = (byte)((h7 >> 5));
            s[offset + 24] = (byte)((h7 >> 13));
            s[offset + 25] = (byte)((h7 >> 21) | (h8 << 4));
            s[offset + 26] = (byte)((h8 >> 4));
            s[offset + 27] = (byte)((h8 >> 12));
            s[offset + 28] = (byte)((h8 >> 20) | (h9 << 6));
            s[offset + 29] = (byte)((h9 >> 2));
            s[offset + 30] = (byte)((h9 >> 10));
            s[offset + 31] = (byte)((h9 >> 18));
        }

        /// <summary>1 when the canonical value of f is odd ("negative" in RFC 8032 section 5.1.2), else 0.</summary>
        public static int IsNegative(int[] f, byte[] scratch32)
        {
            ToBytes(scratch32, 0, f);
            return scratch32[0] & 1;
        }

        /// <summary>1 when f = 0 mod p, else 0, in constant time.</summary>
        public static int IsZero(int[] f, byte[] scratch32)
        {
            ToBytes(scratch32, 0, f);
            int bits = 0;
            for (int i = 0; i < EncodedSize; i++)
            {
                bits |= scratch32[i];
            }
            return ((bits - 1) >> 8) & 1;
        }

        private static uint Load32(byte[] s, int offset)
        {
            return s[offset] | (uint)s[offset + 1] << 8 | (uint)s[offset + 2] << 16 | (uint)s[offset + 3] << 24;
        }
    }
}
