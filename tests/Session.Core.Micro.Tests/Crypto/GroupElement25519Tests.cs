using System;
using System.Numerics;
using System.Text;
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Session.Core.Micro.Tests.Crypto
{
    /// <summary>edwards25519 group operations and the fixed-base table.</summary>
    public class GroupElement25519Tests
    {
        private static readonly BigInteger s_p = BigInteger.Pow(2, 255) - 19;
        private static readonly BigInteger s_order = BigInteger.Pow(2, 252) + BigInteger.Parse("27742317777372353535851937790883648493");
        private readonly ITestOutputHelper _output;

        public GroupElement25519Tests(ITestOutputHelper output)
        {
            _output = output;
        }

        /// <summary>The base point B of RFC 8032 section 5.1: y = 4/5, x even.</summary>
        internal static byte[] BasePointEncoding()
        {
            BigInteger y = 4 * BigInteger.ModPow(5, s_p - 2, s_p) % s_p;
            return Bytes32(y);
        }

        [Fact]
        public void BaseTable_EqualsMultiplesComputedFromBasePoint()
        {
            var w = new GroupElement25519.Workspace();
            var basePoint = new GroupElement25519();
            Assert.True(GroupElement25519.Decode(basePoint, BasePointEncoding(), 0, w));
            var shifted = Copy(basePoint);
            for (int i = 0; i < 128; i++)
            {
                GroupElement25519.Double(shifted, shifted, w);
            }
            int[] d2 = new int[10];
            Field25519.FromBytes(d2, Bytes32(Mod(2 * -121665 * BigInteger.ModPow(121666, s_p - 2, s_p))), 0);

            int[] expected = new int[BasePointTable25519.TableCount * BasePointTable25519.MultiplesPerTable * BasePointTable25519.EntryLength];
            GroupElement25519[] points = { basePoint, shifted };
            for (int t = 0; t < 2; t++)
            {
                GroupElement25519 cached = Cached(points[t], d2);
                var multiple = Copy(points[t]);
                for (int j = 0; j < BasePointTable25519.MultiplesPerTable; j++)
                {
                    WriteAffine(expected, BasePointTable25519.Offset(t, j), multiple, d2, w);
                    GroupElement25519.Add(multiple, multiple, cached.X, cached.Y, cached.Z, cached.T, w);
                }
            }
            if (!expected.AsSpan().SequenceEqual(BasePointTable25519.Entries))
            {
                var text = new StringBuilder();
                for (int e = 0; e < expected.Length; e += BasePointTable25519.EntryLength)
                {
                    text.Append("            ").Append(string.Join(", ", expected.AsSpan(e, BasePointTable25519.EntryLength).ToArray())).AppendLine(",");
                }
                _output.WriteLine(text.ToString());
            }
            Assert.Equal(expected, BasePointTable25519.Entries);
        }

        [Fact]
        public void ScalarMultBase_RandomScalars_MatchesDoubleScalarMultAndBigIntegerOrder()
        {
            var random = new SeededRandom(_output, nameof(ScalarMultBase_RandomScalars_MatchesDoubleScalarMultAndBigIntegerOrder));
            var w = new GroupElement25519.Workspace();
            var basePoint = new GroupElement25519();
            Assert.True(GroupElement25519.Decode(basePoint, BasePointEncoding(), 0, w));
            var fixedBase = new GroupElement25519();
            var variable = new GroupElement25519();
            byte[] zero = new byte[32], one = new byte[32];
            one[0] = 1;
            byte[] fixedEncoding = new byte[32], variableEncoding = new byte[32];
            for (int i = 0; i < 200; i++)
            {
                // Scalars below L for the variable-time path; the fixed-base path also takes clamped ones.
                byte[] scalar = Bytes32(new BigInteger(random.Bytes(40), isUnsigned: true) % s_order);
                GroupElement25519.ScalarMultBase(fixedBase, scalar, 0, w);
                GroupElement25519.DoubleScalarMultVartime(variable, scalar, basePoint, zero, w);
                GroupElement25519.Encode(fixedEncoding, 0, fixedBase, w);
                GroupElement25519.Encode(variableEncoding, 0, variable, w);
                Assert.Equal(fixedEncoding, variableEncoding);
                GroupElement25519.DoubleScalarMultVartime(variable, zero, basePoint, scalar, w);
                GroupElement25519.Encode(variableEncoding, 0, variable, w);
                Assert.Equal(fixedEncoding, variableEncoding);

                // (a + L) B = a B for a + L below 2^255.
                GroupElement25519.ScalarMultBase(variable, Bytes32(new BigInteger(scalar, isUnsigned: true) + s_order), 0, w);
                GroupElement25519.Encode(variableEncoding, 0, variable, w);
                Assert.Equal(fixedEncoding, variableEncoding);

                // Decoding an encoding and encoding again gives it back.
                Assert.True(GroupElement25519.Decode(variable, fixedEncoding, 0, w));
                GroupElement25519.Encode(variableEncoding, 0, variable, w);
                Assert.Equal(fixedEncoding, variableEncoding);
            }
            Assert.True(GroupElement25519.IsInPrimeOrderSubgroup(basePoint, w));
            GroupElement25519.ScalarMultBase(fixedBase, Bytes32(s_order), 0, w);
            Assert.True(GroupElement25519.IsIdentity(fixedBase, w));
        }

        [Fact]
        public void ScalarMultBase_ClampedScalars_MatchBouncyCastlePublicKeys()
        {
            var random = new SeededRandom(_output, nameof(ScalarMultBase_ClampedScalars_MatchBouncyCastlePublicKeys));
            var w = new GroupElement25519.Workspace();
            var point = new GroupElement25519();
            byte[] encoding = new byte[32];
            for (int i = 0; i < 100; i++)
            {
                byte[] seed = random.Bytes(32);
                byte[] h = System.Security.Cryptography.SHA512.HashData(seed);
                byte[] scalar = h.AsSpan(0, 32).ToArray();
                scalar[0] &= 248;
                scalar[31] &= 127;
                scalar[31] |= 64;
                GroupElement25519.ScalarMultBase(point, scalar, 0, w);
                GroupElement25519.Encode(encoding, 0, point, w);
                var key = new Org.BouncyCastle.Crypto.Parameters.Ed25519PrivateKeyParameters(seed, 0);
                Assert.Equal(key.GeneratePublicKey().GetEncoded(), encoding);
            }
        }

        [Fact]
        public void HasSmallOrder_TorsionPointsInAnyEncoding_True_OtherPointsFalse()
        {
            var random = new SeededRandom(_output, nameof(HasSmallOrder_TorsionPointsInAnyEncoding_True_OtherPointsFalse));
            var w = new GroupElement25519.Workspace();
            var point = new GroupElement25519();
            var torsion = new GroupElement25519();
            byte[] order = Bytes32(s_order), zero = new byte[32];
            var seen = new System.Collections.Generic.HashSet<string>();
            // L P is the small-order part of P; 200 random points reach all eight with overwhelming odds.
            for (int i = 0; i < 200; i++)
            {
                if (!GroupElement25519.Decode(point, random.Bytes(32), 0, w))
                {
                    continue;
                }
                GroupElement25519.DoubleScalarMultVartime(torsion, order, point, zero, w);
                byte[] encoding = new byte[32];
                GroupElement25519.Encode(encoding, 0, torsion, w);
                seen.Add(Convert.ToHexString(encoding));
                Assert.True(GroupElement25519.HasSmallOrder(encoding, 0, w));
                encoding[31] ^= 0x80;
                Assert.True(GroupElement25519.HasSmallOrder(encoding, 0, w));
                Assert.False(GroupElement25519.IsInPrimeOrderSubgroup(point, w) && !GroupElement25519.IsIdentity(torsion, w));
            }
            Assert.Equal(8, seen.Count);
            // Non-canonical encodings of y = 0 and y = 1 (y + p).
            Assert.True(GroupElement25519.HasSmallOrder(Bytes32(s_p), 0, w));
            Assert.True(GroupElement25519.HasSmallOrder(Bytes32(s_p + 1), 0, w));
            Assert.False(GroupElement25519.IsCanonical(Bytes32(s_p), 0));
            Assert.True(GroupElement25519.IsCanonical(Bytes32(s_p - 1), 0));

            byte[] publicEncoding = new byte[32];
            for (int i = 0; i < 100; i++)
            {
                GroupElement25519.ScalarMultBase(point, Bytes32(new BigInteger(random.Bytes(32), isUnsigned: true) % s_order), 0, w);
                GroupElement25519.Encode(publicEncoding, 0, point, w);
                Assert.False(GroupElement25519.HasSmallOrder(publicEncoding, 0, w));
                Assert.True(GroupElement25519.IsInPrimeOrderSubgroup(point, w));
            }
        }

        private static GroupElement25519 Copy(GroupElement25519 p)
        {
            var r = new GroupElement25519();
            Field25519.Copy(r.X, p.X);
            Field25519.Copy(r.Y, p.Y);
            Field25519.Copy(r.Z, p.Z);
            Field25519.Copy(r.T, p.T);
            return r;
        }

        private static GroupElement25519 Cached(GroupElement25519 p, int[] d2)
        {
            var r = new GroupElement25519();
            Field25519.Add(r.X, p.Y, p.X);
            Field25519.Sub(r.Y, p.Y, p.X);
            Field25519.Copy(r.Z, p.Z);
            Field25519.Mul(r.T, p.T, d2);
            return r;
        }

        private static void WriteAffine(int[] table, int offset, GroupElement25519 p, int[] d2, GroupElement25519.Workspace w)
        {
            int[] zInverse = new int[10], x = new int[10], y = new int[10], t = new int[10];
            Field25519.Invert(zInverse, p.Z, w.T0, w.T1, w.T2);
            Field25519.Mul(x, p.X, zInverse);
            Field25519.Mul(y, p.Y, zInverse);
            Field25519.Add(t, y, x);
            Canonical(t).CopyTo(table, offset);
            Field25519.Sub(t, y, x);
            Canonical(t).CopyTo(table, offset + 10);
            Field25519.Mul(t, x, y);
            Field25519.Mul(t, t, d2);
            Canonical(t).CopyTo(table, offset + 20);
        }

        private static int[] Canonical(int[] f)
        {
            byte[] bytes = new byte[32];
            Field25519.ToBytes(bytes, 0, f);
            int[] h = new int[10];
            Field25519.FromBytes(h, bytes, 0);
            return h;
        }

        private static BigInteger Mod(BigInteger v)
        {
            BigInteger r = v % s_p;
            return r.Sign < 0 ? r + s_p : r;
        }

        internal static byte[] Bytes32(BigInteger v) => Bytes(v, 32);

        internal static byte[] Bytes(BigInteger v, int length)
        {
            byte[] raw = v.ToByteArray(isUnsigned: true);
            byte[] bytes = new byte[length];
            Array.Copy(raw, bytes, Math.Min(raw.Length, length));
            return bytes;
        }
    }
}
