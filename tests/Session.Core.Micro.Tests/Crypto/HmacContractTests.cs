using System;
using System.Text.Json;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Session.Core.Micro.Tests.Crypto
{
    /// <summary>
    /// The tests every HMAC passes (Wycheproof and RFC 4231 vectors, references, incremental use and reuse,
    /// misuse), run once per MAC by HmacSha256Tests and HmacSha512Tests, so each result carries the MAC's class name.
    /// </summary>
    public abstract class HmacContractTests
    {
        private readonly ITestOutputHelper _output;
        private readonly MacUnderTest _mac;

        protected HmacContractTests(ITestOutputHelper output, MacUnderTest mac)
        {
            _output = output;
            _mac = mac;
        }

        [Fact]
        public void Compute_WycheproofVectors_MatchValidAndRejectInvalid()
        {
            JsonElement file = TestVectors.Json("wycheproof/" + _mac.Name + "_test.json");
            int valid = 0;
            int invalid = 0;
            foreach (JsonElement group in file.GetProperty("testGroups").EnumerateArray())
            {
                // Truncated tags: the leftmost tagSize/8 bytes of the full tag.
                int tagBytes = group.GetProperty("tagSize").GetInt32() / 8;
                Assert.InRange(tagBytes, 1, _mac.TagSize);
                foreach (JsonElement test in group.GetProperty("tests").EnumerateArray())
                {
                    byte[] tag = test.Bytes("tag");
                    byte[] computed = _mac.Compute(test.Bytes("key"), test.Bytes("msg"));
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
                byte[] expected = test.Bytes(_mac.Rfc4231Property);
                // Test Case 5 publishes only the leftmost 128 bits.
                int compared = test.Has("truncateBits") ? test.GetProperty("truncateBits").GetInt32() / 8 : _mac.TagSize;
                Assert.Equal(compared, expected.Length);
                byte[] computed = _mac.Compute(test.Bytes("key"), test.Bytes("data"));
                Assert.Equal(expected, computed.AsSpan(0, compared).ToArray());
                run++;
            }
            Assert.Equal(7, run);
        }

        [Fact]
        public void Compute_RandomKeysAndMessages_MatchesBouncyCastleAndDotNet()
        {
            var random = new SeededRandom(_output, GetType().Name + "." + nameof(Compute_RandomKeysAndMessages_MatchesBouncyCastleAndDotNet));
            IMac reference = _mac.BouncyCastle();
            var expected = new byte[_mac.TagSize];
            int run = 0;
            for (int i = 0; i < SeededRandom.Iterations; i++)
            {
                // Keys cover empty, shorter than, equal to and longer than the block (hashed first).
                int keyLength = i < SeededRandom.EdgeLengths.Length ? SeededRandom.EdgeLengths[i] % (3 * _mac.BlockSize) : random.Next(3 * _mac.BlockSize);
                byte[] key = random.Bytes(keyLength);
                byte[] data = random.Bytes(random.LengthFor(i));
                reference.Init(new KeyParameter(key));
                reference.BlockUpdate(data, 0, data.Length);
                reference.DoFinal(expected, 0);

                Assert.Equal(expected, _mac.Compute(key, data));
                Assert.Equal(expected, _mac.DotNet(key, data));
                run++;
            }
            Assert.Equal(SeededRandom.Iterations, run);
        }

        [Fact]
        public void Update_RandomPiecesAndReuse_EqualsOneCall()
        {
            var random = new SeededRandom(_output, GetType().Name + "." + nameof(Update_RandomPiecesAndReuse_EqualsOneCall));
            var tag = new byte[_mac.TagSize + 3];
            for (int i = 0; i < SeededRandom.Iterations / 10; i++)
            {
                byte[] key = random.Bytes(random.Next(2 * _mac.BlockSize));
                MacInstance mac = _mac.Create(key);
                // The same instance, reset by Final, for three messages in a row.
                for (int message = 0; message < 3; message++)
                {
                    byte[] data = random.Bytes(random.LengthFor(i));
                    int position = 0;
                    while (position < data.Length)
                    {
                        int piece = Math.Min(random.Next(2 * _mac.BlockSize), data.Length - position);
                        mac.Update(data, position, piece);
                        position += piece;
                    }
                    mac.Final(tag, 3);
                    Assert.Equal(_mac.Compute(key, data), tag.AsSpan(3).ToArray());
                }
            }
        }

        [Fact]
        public void Compute_FlippedBitInKeyOrMessage_GivesDifferentTag()
        {
            var random = new SeededRandom(_output, GetType().Name + "." + nameof(Compute_FlippedBitInKeyOrMessage_GivesDifferentTag));
            int run = 0;
            for (int i = 0; i < SeededRandom.Iterations; i++)
            {
                byte[] key = random.Bytes(1 + random.Next(2 * _mac.BlockSize));
                byte[] data = random.Bytes(1 + random.LengthFor(i));
                byte[] tag = _mac.Compute(key, data);

                int keyBit = random.Next(8 * key.Length);
                key[keyBit / 8] ^= (byte)(1 << (keyBit % 8));
                Assert.False(CryptoBytes.ConstantTimeEquals(tag, _mac.Compute(key, data)), "key bit " + keyBit);
                key[keyBit / 8] ^= (byte)(1 << (keyBit % 8));

                int dataBit = random.Next(8 * data.Length);
                data[dataBit / 8] ^= (byte)(1 << (dataBit % 8));
                Assert.False(CryptoBytes.ConstantTimeEquals(tag, _mac.Compute(key, data)), "message bit " + dataBit);
                data[dataBit / 8] ^= (byte)(1 << (dataBit % 8));

                Assert.True(CryptoBytes.ConstantTimeEquals(tag, _mac.Compute(key, data)));
                run++;
            }
            Assert.Equal(SeededRandom.Iterations, run);
        }

        [Fact]
        public void UpdateFinal_AfterConstruction_AllocateNothing()
        {
            MacInstance mac = _mac.Create(new byte[200]);
            byte[] data = new byte[3 * _mac.BlockSize + 5];
            byte[] tag = new byte[_mac.TagSize];
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
            MacInstance mac = _mac.Create(new byte[16]);
            Assert.Throws<ArgumentNullException>("key", () => _mac.Create(null));
            Assert.Throws<ArgumentNullException>("key", () => _mac.Compute(null, new byte[1]));
            Assert.Throws<ArgumentNullException>("data", () => _mac.Compute(new byte[1], null));
            Assert.Throws<ArgumentNullException>("data", () => mac.Update(null, 0, 0));
            Assert.Throws<ArgumentException>("data", () => mac.Update(new byte[4], 3, 2));
            Assert.Throws<ArgumentNullException>("output", () => mac.Final(null, 0));
            Assert.Throws<ArgumentException>("output", () => mac.Final(new byte[_mac.TagSize], 1));
        }
    }
}
