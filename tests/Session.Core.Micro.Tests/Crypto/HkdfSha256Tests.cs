using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Session.Core.Micro.Tests.Crypto
{
    public sealed class HkdfSha256Tests
    {
        private readonly ITestOutputHelper _output;

        public HkdfSha256Tests(ITestOutputHelper output)
        {
            _output = output;
        }

        [Fact]
        public void DeriveKey_WycheproofVectors_MatchValidAndThrowOnSizeTooLarge()
        {
            JsonElement file = TestVectors.Json("wycheproof/hkdf_sha256_test.json");
            int valid = 0;
            int invalid = 0;
            foreach (JsonElement group in file.GetProperty("testGroups").EnumerateArray())
            {
                foreach (JsonElement test in group.GetProperty("tests").EnumerateArray())
                {
                    byte[] ikm = test.Bytes("ikm");
                    byte[] salt = test.Bytes("salt");
                    byte[] info = test.Bytes("info");
                    int size = test.GetProperty("size").GetInt32();
                    int id = test.GetProperty("tcId").GetInt32();
                    if (test.Text("result") == "valid")
                    {
                        Assert.True(test.Bytes("okm").AsSpan().SequenceEqual(HkdfSha256.DeriveKey(ikm, salt, info, size)), "tcId " + id);
                        valid++;
                    }
                    else
                    {
                        // The only invalid cases ask for more than 255 blocks.
                        Assert.Equal("invalid", test.Text("result"));
                        Assert.Contains("SizeTooLarge", test.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
                        Assert.Throws<ArgumentException>("length", () => HkdfSha256.DeriveKey(ikm, salt, info, size));
                        invalid++;
                    }
                }
            }
            Assert.Equal(file.GetProperty("numberOfTests").GetInt32(), valid + invalid);
            Assert.Equal(86, valid + invalid);
            Assert.Equal(3, invalid);
        }

        [Fact]
        public void ExtractExpand_Rfc5869Vectors_MatchPrkAndOkm()
        {
            JsonElement file = TestVectors.Json("rfc/rfc5869_hkdf_sha256.json");
            int run = 0;
            foreach (JsonElement test in file.GetProperty("tests").EnumerateArray())
            {
                byte[] ikm = test.Bytes("ikm");
                byte[] salt = test.Bytes("salt");
                byte[] info = test.Bytes("info");
                int length = test.GetProperty("length").GetInt32();
                byte[] prk = HkdfSha256.Extract(salt, ikm);
                Assert.Equal(test.Bytes("prk"), prk);
                Assert.Equal(test.Bytes("okm"), HkdfSha256.Expand(prk, info, length));
                Assert.Equal(test.Bytes("okm"), HkdfSha256.DeriveKey(ikm, salt, info, length));
                if (salt.Length == 0)
                {
                    // A.3 has no salt: null, empty and HashLen zeros are the same salt.
                    Assert.Equal(prk, HkdfSha256.Extract(null, ikm));
                    Assert.Equal(prk, HkdfSha256.Extract(new byte[HkdfSha256.PrkSize], ikm));
                }
                run++;
            }
            Assert.Equal(3, run);
        }

        [Fact]
        public void DeriveKey_RandomInputs_MatchesBouncyCastleAndDotNet()
        {
            var random = new SeededRandom(_output, nameof(HkdfSha256Tests) + "." + nameof(DeriveKey_RandomInputs_MatchesBouncyCastleAndDotNet));
            int[] edgeOutputs = { 0, 1, 31, 32, 33, 64, 65, HkdfSha256.MaxOutputSize - 1, HkdfSha256.MaxOutputSize };
            int run = 0;
            for (int i = 0; i < SeededRandom.Iterations; i++)
            {
                byte[] ikm = random.Bytes(random.LengthFor(i) % 300);
                byte[] salt = random.Next(8) == 0 ? null : random.Bytes(random.Next(150));
                byte[] info = random.Next(8) == 0 ? null : random.Bytes(random.Next(150));
                int length = i < edgeOutputs.Length ? edgeOutputs[i] : random.Next(random.Next(4) == 0 ? HkdfSha256.MaxOutputSize + 1 : 200);

                var generator = new HkdfBytesGenerator(new Sha256Digest());
                generator.Init(new HkdfParameters(ikm, salt, info));
                byte[] expected = new byte[length];
                generator.GenerateBytes(expected, 0, length);

                Assert.Equal(expected, HkdfSha256.DeriveKey(ikm, salt, info, length));
                if (length > 0)
                {
                    // .NET rejects an output length of zero.
                    Assert.Equal(expected, HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, length, salt ?? Array.Empty<byte>(), info ?? Array.Empty<byte>()));
                }
                run++;
            }
            Assert.Equal(SeededRandom.Iterations, run);
        }

        [Fact]
        public void Expand_ShorterLength_IsPrefixOfLonger()
        {
            var random = new SeededRandom(_output, nameof(HkdfSha256Tests) + "." + nameof(Expand_ShorterLength_IsPrefixOfLonger));
            for (int i = 0; i < 100; i++)
            {
                byte[] prk = random.Bytes(HkdfSha256.PrkSize + random.Next(40));
                byte[] info = random.Bytes(random.Next(40));
                int longer = random.Next(HkdfSha256.MaxOutputSize + 1);
                int shorter = random.Next(longer + 1);
                byte[] full = HkdfSha256.Expand(prk, info, longer);
                Assert.Equal(full.AsSpan(0, shorter).ToArray(), HkdfSha256.Expand(prk, info, shorter));
            }
        }

        [Fact]
        public void Arguments_Misused_Throw()
        {
            byte[] prk = new byte[HkdfSha256.PrkSize];
            Assert.Throws<ArgumentNullException>("ikm", () => HkdfSha256.Extract(null, null));
            Assert.Throws<ArgumentNullException>("ikm", () => HkdfSha256.DeriveKey(null, null, null, 1));
            Assert.Throws<ArgumentNullException>("prk", () => HkdfSha256.Expand(null, null, 1));
            Assert.Throws<ArgumentException>("prk", () => HkdfSha256.Expand(new byte[HkdfSha256.PrkSize - 1], null, 1));
            Assert.Throws<ArgumentException>("length", () => HkdfSha256.Expand(prk, null, -1));
            Assert.Throws<ArgumentException>("length", () => HkdfSha256.Expand(prk, null, HkdfSha256.MaxOutputSize + 1));
            Assert.Throws<ArgumentException>("length", () => HkdfSha256.DeriveKey(prk, null, null, -1));
            Assert.Throws<ArgumentException>("length", () => HkdfSha256.DeriveKey(prk, null, null, HkdfSha256.MaxOutputSize + 1));
        }
    }
}
