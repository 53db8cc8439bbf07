using System;
using System.Numerics;
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Session.Core.Micro.Tests.Crypto
{
    /// <summary>Field25519 against System.Numerics.BigInteger modulo 2^255 - 19 on random and edge elements.</summary>
    public class Field25519Tests
    {
        private static readonly BigInteger s_p = BigInteger.Pow(2, 255) - 19;
        private readonly ITestOutputHelper _output;

        public Field25519Tests(ITestOutputHelper output)
        {
            _output = output;
        }

        [Fact]
        public void Operations_RandomElements_MatchBigInteger()
        {
            var random = new SeededRandom(_output, nameof(Field25519Tests));
            int[] f = new int[10], g = new int[10], h = new int[10], t0 = new int[10], t1 = new int[10], t2 = new int[10];
            byte[] encoded = new byte[32];
            int count = 0;
            for (int i = 0; i < SeededRandom.Iterations; i++)
            {
                byte[] a = ElementBytes(random, i), b = ElementBytes(random, i + 7);
                BigInteger x = Value(a), y = Value(b);
                Field25519.FromBytes(f, a, 0);
                Field25519.FromBytes(g, b, 0);

                Field25519.Mul(h, f, g);
                AssertEqual(x * y, h);
                Field25519.Square(h, f);
                AssertEqual(x * x, h);
                Field25519.Square(h, f, 3);
                AssertEqual(BigInteger.ModPow(x, 8, s_p), h);
                Field25519.Add(h, f, g);
                AssertEqual(x + y, h);
                Field25519.Sub(h, f, g);
                AssertEqual(x - y, h);
                // Products of unreduced sums and differences stay exact (the bounds in the file header).
                Field25519.Add(t0, f, g);
                Field25519.Sub(t1, f, g);
                Field25519.Mul(h, t0, t1);
                AssertEqual((x + y) * (x - y), h);
                Field25519.Add(t2, t0, t0);
                Field25519.Mul(h, t2, t2);
                AssertEqual(4 * (x + y) * (x + y), h);
                Field25519.Square(h, t2);
                AssertEqual(4 * (x + y) * (x + y), h);
                Field25519.Negate(h, f);
                AssertEqual(-x, h);
                Field25519.Mul121666Add(h, t1, f);
                AssertEqual(121666 * (x - y) + x, h);
                int[] s2 = new int[10], d2 = new int[10], s3 = new int[10], d3 = new int[10];
                int[] u = new int[10];
                Field25519.Mul(u, f, g);
                for (int swap = 0; swap <= 1; swap++)
                {
                    Field25519.SwapSumsAndDifferences(s2, d2, s3, d3, f, g, h, u, swap);
                    BigInteger x2 = swap == 0 ? x : 121666 * (x - y) + x, z2 = swap == 0 ? y : x * y;
                    BigInteger x3 = swap == 0 ? 121666 * (x - y) + x : x, z3 = swap == 0 ? x * y : y;
                    AssertEqual(x2 + z2, s2);
                    AssertEqual(x2 - z2, d2);
                    AssertEqual(x3 + z3, s3);
                    AssertEqual(x3 - z3, d3);
                }
                Field25519.Invert(h, f, t0, t1, t2);
                AssertEqual(Mod(x).IsZero ? BigInteger.Zero : BigInteger.ModPow(Mod(x), s_p - 2, s_p), h);
                Field25519.Pow22523(h, f, t0, t1, t2);
                AssertEqual(BigInteger.ModPow(Mod(x), (s_p - 5) / 8, s_p), h);

                Field25519.ToBytes(encoded, 0, f);
                Assert.Equal(Mod(x), new BigInteger(encoded, isUnsigned: true));
                Assert.Equal((int)(Mod(x) % 2), Field25519.IsNegative(f, encoded));
                Assert.Equal(Mod(x).IsZero ? 1 : 0, Field25519.IsZero(f, encoded));

                Field25519.Copy(h, f);
                Field25519.ConditionalSwap(h, g, 0);
                AssertEqual(x, h);
                Field25519.ConditionalSwap(h, g, 1);
                AssertEqual(y, h);
                AssertEqual(x, g);
                Field25519.ConditionalMove(h, g, 0);
                AssertEqual(y, h);
                Field25519.ConditionalMove(h, g, 1);
                AssertEqual(x, h);
                count++;
            }
            Assert.Equal(SeededRandom.Iterations, count);
        }

        [Fact]
        public void MulAndSquare_LimbsAtFourTimesTheBound_StayExact()
        {
            // The documented input bound: sums or differences of up to four reduced elements, in
            // both signs, with every limb at its maximum (value 2^255 - 1).
            int[] max = new int[10], sum = new int[10], negative = new int[10], h = new int[10];
            byte[] allOnes = new byte[32];
            Array.Fill(allOnes, (byte)0xff);
            Field25519.FromBytes(max, allOnes, 0);
            for (int i = 0; i < 10; i++)
            {
                Assert.Equal((i & 1) == 0 ? (1 << 26) - 1 : (1 << 25) - 1, max[i]);
            }
            Field25519.Add(sum, max, max);
            Field25519.Add(sum, sum, sum);                 // 4 * max
            Field25519.Negate(negative, sum);              // -4 * max
            BigInteger m = BigInteger.Pow(2, 255) - 1;
            Field25519.Mul(h, sum, sum);
            AssertEqual(16 * m * m, h);
            Field25519.Mul(h, sum, negative);
            AssertEqual(-16 * m * m, h);
            Field25519.Square(h, negative);
            AssertEqual(16 * m * m, h);
            Field25519.Square(h, sum, 2);
            AssertEqual(BigInteger.Pow(4 * m, 4), h);
            Field25519.Mul121666Add(h, sum, negative);
            AssertEqual(121666 * 4 * m - 4 * m, h);
            byte[] encoded = new byte[32];
            Field25519.ToBytes(encoded, 0, negative);
            Assert.Equal(Mod(-4 * m), new BigInteger(encoded, isUnsigned: true));
        }

        [Fact]
        public void ToBytes_ValuesAroundP_AreCanonical()
        {
            // p - 1, p, p + 1, 2^255 - 1 (non-canonical inputs read with the top bit clear) and 0.
            BigInteger[] values = { s_p - 1, s_p, s_p + 1, BigInteger.Pow(2, 255) - 1, BigInteger.Zero, BigInteger.One };
            int[] f = new int[10];
            byte[] encoded = new byte[32];
            foreach (BigInteger v in values)
            {
                Field25519.FromBytes(f, Bytes(v), 0);
                Field25519.ToBytes(encoded, 0, f);
                Assert.Equal(Mod(v), new BigInteger(encoded, isUnsigned: true));
            }
            Assert.Equal(6, values.Length);
        }

        [Fact]
        public void FromBytes_TopBitSet_IsIgnored()
        {
            byte[] a = new byte[32];
            a[0] = 5;
            a[31] = 0x80;
            int[] f = new int[10];
            Field25519.FromBytes(f, a, 0);
            AssertEqual(5, f);
        }

        private static byte[] ElementBytes(SeededRandom random, int i)
        {
            // Mostly random; every few iterations an extreme: all ones, p - 1, p, zero.
            switch (i % 16)
            {
                case 3: return Bytes(BigInteger.Pow(2, 255) - 1);
                case 5: return Bytes(s_p - 1);
                case 9: return Bytes(s_p);
                case 11: return new byte[32];
                default:
                    byte[] bytes = random.Bytes(32);
                    bytes[31] &= 0x7f;
                    return bytes;
            }
        }

        private static byte[] Bytes(BigInteger v)
        {
            byte[] raw = v.ToByteArray(isUnsigned: true);
            byte[] bytes = new byte[32];
            Array.Copy(raw, bytes, Math.Min(raw.Length, 32));
            return bytes;
        }

        private static BigInteger Value(byte[] bytes)
        {
            byte[] copy = (byte[])bytes.Clone();
            copy[31] &= 0x7f;
            return new BigInteger(copy, isUnsigned: true);
        }

        private static BigInteger Mod(BigInteger v)
        {
            BigInteger r = v % s_p;
            return r.Sign < 0 ? r + s_p : r;
        }

        private static void AssertEqual(BigInteger expected, int[] h)
        {
            byte[] encoded = new byte[32];
            Field25519.ToBytes(encoded, 0, h);
            Assert.Equal(Mod(expected), new BigInteger(encoded, isUnsigned: true));
            // Independent of ToBytes: the limbs themselves must add up to the value.
            BigInteger sum = 0;
            int shift = 0;
            for (int i = 0; i < 10; i++)
            {
                sum += new BigInteger(h[i]) << shift;
                shift += (i & 1) == 0 ? 26 : 25;
            }
            Assert.Equal(Mod(expected), Mod(sum));
        }
    }
}
