using System;
using System.Text.Json;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Parameters;
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Session.Core.Micro.Tests.Crypto
{
    public sealed class HmacSha512Tests
    {
        private readonly ITestOutputHelper _output;

        public HmacSha512Tests(ITestOutputHelper output)
        {
            _output = output;
        }

        [Fact]
        public void Compute_WycheproofVectors_MatchValidAndRejectInvalid()
        {
            JsonElement file = TestVectors.Json("wycheproof/hmac_sha512_test.json");
            int valid = 0;
            int invalid = 0;
            foreach (JsonElement group in file.GetProperty("testGroups").EnumerateArray())
            {
                // Truncated tags: the leftmost tagSize/8 bytes of the full tag.
                int tagBytes = group.GetProperty("tagSize").GetInt32() / 8;
                Assert.InRange(tagBytes, 1, HmacSha512.TagSize);
                foreach (JsonElement test in group.GetProperty("tests").EnumerateArray())
                {
                    byte[] tag = test.Bytes("tag");
                    byte[] computed = HmacSha512.Compute(test.Bytes("key"), test.Bytes("msg"));
                    bool matches = tag.Length == tagBytes && CryptoBytes.ConstantTimeEquals(computed, 0, tag, 0, tagBytes);
                    string result = test.Text("result");
                    int id = test.GetProperty("tcId").GetInt32();
                    if (result == "valid")
                    {
                        Assert.True(matches, "tcId " + id + " must match");
                        valid++;
                    }
                    else
                    {
                        Assert.Equal("invalid", result);
                        Assert.False(matches, "tcId " + id + " must not match");
                        invalid++;
                    }
                }
            }
            Assert.Equal(file.GetProperty("numberOfTests").GetInt32(), valid + invalid);
            Assert.Equal(174, valid + invalid);
            Assert.Equal(66, valid);
        }

        [Fact]
        public void Compute_Rfc4231Vectors_MatchTag()
        {
            JsonElement file = TestVectors.Json("rfc/rfc4231_hmac_sha256_sha512.json");
            int run = 0;
            foreach (JsonElement test in file.GetProperty("tests").EnumerateArray())
            {
                byte[] expected = test.Bytes("hmacSha512");
                // Test Case 5 publishes only the leftmost 128 bits.
                int compared = test.Has("truncateBits") ? test.GetProperty("truncateBits").GetInt32() / 8 : HmacSha512.TagSize;
                Assert.Equal(compared, expected.Length);
                byte[] computed = HmacSha512.Compute(test.Bytes("key"), test.Bytes("data"));
                Assert.Equal(expected, computed.AsSpan(0, compared).ToArray());
                run++;
            }
            Assert.Equal(7, run);
        }

        [Fact]
        public void Compute_RandomKeysAndMessages_MatchesBouncyCastleAndDotNet()
        {
            var random = new SeededRandom(_output, nameof(HmacSha512Tests) + "." + nameof(Compute_RandomKeysAndMessages_MatchesBouncyCastleAndDotNet));
            var reference = new HMac(new Sha512Digest());
            var expected = new byte[HmacSha512.TagSize];
            int run = 0;
            for (int i = 0; i < SeededRandom.Iterations; i++)
            {
                // Keys cover empty, shorter than, equal to and longer than the block (hashed first).
                int keyLength = i < SeededRandom.EdgeLengths.Length ? SeededRandom.EdgeLengths[i] % (3 * Sha512.BlockSize) : random.Next(3 * Sha512.BlockSize);
                byte[] key = random.Bytes(keyLength);
                byte[] data = random.Bytes(random.LengthFor(i));
                reference.Init(new KeyParameter(key));
                reference.BlockUpdate(data, 0, data.Length);
                reference.DoFinal(expected, 0);

                Assert.Equal(expected, HmacSha512.Compute(key, data));
                Assert.Equal(expected, System.Security.Cryptography.HMACSHA512.HashData(key, data));
                run++;
            }
            Assert.Equal(SeededRandom.Iterations, run);
        }

        [Fact]
        public void Update_RandomPiecesAndReuse_EqualsOneCall()
        {
            var random = new SeededRandom(_output, nameof(HmacSha512Tests) + "." + nameof(Update_RandomPiecesAndReuse_EqualsOneCall));
            var tag = new byte[HmacSha512.TagSize + 3];
            for (int i = 0; i < SeededRandom.Iterations / 10; i++)
            {
                byte[] key = random.Bytes(random.Next(2 * Sha512.BlockSize));
                var mac = new HmacSha512(key);
                // The same instance, reset by Final, for three messages in a row.
                for (int message = 0; message < 3; message++)
                {
                    byte[] data = random.Bytes(random.LengthFor(i));
                    int position = 0;
                    while (position < data.Length)
                    {
                        int piece = Math.Min(random.Next(2 * Sha512.BlockSize), data.Length - position);
                        mac.Update(data, position, piece);
                        position += piece;
                    }
                    mac.Final(tag, 3);
                    Assert.Equal(HmacSha512.Compute(key, data), tag.AsSpan(3).ToArray());
                }
            }
        }

        [Fact]
        public void Compute_FlippedBitInKeyOrMessage_GivesDifferentTag()
        {
            var random = new SeededRandom(_output, nameof(HmacSha512Tests) + "." + nameof(Compute_FlippedBitInKeyOrMessage_GivesDifferentTag));
            int run = 0;
            for (int i = 0; i < SeededRandom.Iterations; i++)
            {
                byte[] key = random.Bytes(1 + random.Next(2 * Sha512.BlockSize));
                byte[] data = random.Bytes(1 + random.LengthFor(i));
                byte[] tag = HmacSha512.Compute(key, data);

                int keyBit = random.Next(8 * key.Length);
                key[keyBit / 8] ^= (byte)(1 << (keyBit % 8));
                Assert.False(CryptoBytes.ConstantTimeEquals(tag, HmacSha512.Compute(key, data)), "key bit " + keyBit);
                key[keyBit / 8] ^= (byte)(1 << (keyBit % 8));

                int dataBit = random.Next(8 * data.Length);
                data[dataBit / 8] ^= (byte)(1 << (dataBit % 8));
                Assert.False(CryptoBytes.ConstantTimeEquals(tag, HmacSha512.Compute(key, data)), "message bit " + dataBit);
                data[dataBit / 8] ^= (byte)(1 << (dataBit % 8));

                Assert.True(CryptoBytes.ConstantTimeEquals(tag, HmacSha512.Compute(key, data)));
                run++;
            }
            Assert.Equal(SeededRandom.Iterations, run);
        }

        [Fact]
        public void UpdateFinal_AfterConstruction_AllocateNothing()
        {
            var mac = new HmacSha512(new byte[200]);
            byte[] data = new byte[3 * Sha512.BlockSize + 5];
            byte[] tag = new byte[HmacSha512.TagSize];
            mac.Update(data, 0, data.Length);
            mac.Final(tag, 0);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10; i++)
            {
                mac.Update(data, 0, 7);
                mac.Update(data, 7, data.Length - 7);
                mac.Final(tag, 0);
            }
            Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        }

        [Fact]
        public void Arguments_Misused_Throw()
        {
            var mac = new HmacSha512(new byte[16]);
            Assert.Throws<ArgumentNullException>("key", () => new HmacSha512(null));
            Assert.Throws<ArgumentNullException>("key", () => HmacSha512.Compute(null, new byte[1]));
            Assert.Throws<ArgumentNullException>("data", () => HmacSha512.Compute(new byte[1], null));
            Assert.Throws<ArgumentNullException>("data", () => mac.Update(null, 0, 0));
            Assert.Throws<ArgumentException>("data", () => mac.Update(new byte[4], 3, 2));
            Assert.Throws<ArgumentNullException>("output", () => mac.Final(null, 0));
            Assert.Throws<ArgumentException>("output", () => mac.Final(new byte[HmacSha512.TagSize], 1));
        }
    }
}
