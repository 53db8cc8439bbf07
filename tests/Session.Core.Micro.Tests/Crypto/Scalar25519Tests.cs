using System;
using System.Numerics;
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Session.Core.Micro.Tests.Crypto
{
    /// <summary>Scalars modulo the Ed25519 group order L against System.Numerics.BigInteger.</summary>
    public class Scalar25519Tests
    {
        private static readonly BigInteger s_order = BigInteger.Pow(2, 252) + BigInteger.Parse("27742317777372353535851937790883648493");
        private readonly ITestOutputHelper _output;

        public Scalar25519Tests(ITestOutputHelper output)
        {
            _output = output;
        }

        [Fact]
        public void ReduceMulAddIsCanonical_RandomAndEdgeValues_MatchBigInteger()
        {
            var random = new SeededRandom(_output, nameof(ReduceMulAddIsCanonical_RandomAndEdgeValues_MatchBigInteger));
            long[] work = new long[Scalar25519.WorkLength];
            byte[] output = new byte[32];
            for (int i = 0; i < SeededRandom.Iterations; i++)
            {
                byte[] wide = random.Bytes(64);
                if (i % 10 == 1) Array.Fill(wide, (byte)0xff);
                if (i % 10 == 2) Array.Clear(wide);
                if (i % 10 == 3) wide = Bytes(s_order * (i + 1) + (i % 3) - 1, 64);
                Scalar25519.Reduce(output, 0, wide, 0, work);
                Assert.Equal(new BigInteger(wide, isUnsigned: true) % s_order, new BigInteger(output, isUnsigned: true));

                byte[] a = random.Bytes(32), b = random.Bytes(32), c = random.Bytes(32);
                if (i % 10 == 4) { Array.Fill(a, (byte)0xff); Array.Fill(b, (byte)0xff); Array.Fill(c, (byte)0xff); }
                if (i % 10 == 5) { a = Bytes32(s_order - 1); b = Bytes32(s_order - 1); c = Bytes32(s_order - 1); }
                Scalar25519.MulAdd(output, 0, a, 0, b, 0, c, 0, work);
                BigInteger expected = (new BigInteger(a, isUnsigned: true) * new BigInteger(b, isUnsigned: true) + new BigInteger(c, isUnsigned: true)) % s_order;
                Assert.Equal(expected, new BigInteger(output, isUnsigned: true));

                BigInteger candidate = new BigInteger(c, isUnsigned: true) >> (i % 5);
                Assert.Equal(candidate < s_order ? 1 : 0, Scalar25519.IsCanonical(Bytes32(candidate), 0));
            }
            Assert.Equal(1, Scalar25519.IsCanonical(Bytes32(s_order - 1), 0));
            Assert.Equal(0, Scalar25519.IsCanonical(Bytes32(s_order), 0));
        }

        private static byte[] Bytes32(BigInteger v) => GroupElement25519Tests.Bytes(v, 32);

        private static byte[] Bytes(BigInteger v, int length) => GroupElement25519Tests.Bytes(v, length);
    }
}
