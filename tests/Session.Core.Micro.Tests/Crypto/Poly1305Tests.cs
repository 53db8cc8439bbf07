using System;
using System.Text.Json;
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Tests.Support;
using Xunit;
using Xunit.Abstractions;
using BcPoly1305 = Org.BouncyCastle.Crypto.Macs.Poly1305;
using KeyParameter = Org.BouncyCastle.Crypto.Parameters.KeyParameter;

namespace Session.Core.Micro.Tests.Crypto
{
    public class Poly1305Tests
    {
        private readonly ITestOutputHelper _output;

        public Poly1305Tests(ITestOutputHelper output)
        {
            _output = output;
        }

        // RFC 8439 §2.5.2 and A.3 #1-#11 (the A.3 edge cases exercise the final reduction).
        [Fact]
        public void Compute_Rfc8439Vectors_Match()
        {
            int ran = 0;
            foreach (JsonElement test in TestVectors.Json("rfc/rfc8439_chacha20_poly1305.json").GetProperty("poly1305").EnumerateArray())
            {
                CheckVector(test.Bytes("key"), test.Bytes("msg"), test.Bytes("tag"));
                ran++;
            }
            Assert.Equal(12, ran);
        }

        // libsodium onetimeauth: one call, and the same tag fed as 100, 0 and 31 bytes (as onetimeauth.c does).
        [Fact]
        public void Compute_LibsodiumVectors_Match()
        {
            int ran = 0;
            foreach (JsonElement test in TestVectors.Json("libsodium/poly1305.json").GetProperty("tests").EnumerateArray())
            {
                Assert.True(test.GetProperty("valid").GetBoolean());
                byte[] key = test.Bytes("key");
                byte[] message = test.Bytes("msg");
                byte[] expected = test.Bytes("tag");
                CheckVector(key, message, expected);

                var mac = new Poly1305(key);
                mac.Update(message, 0, 100);
                mac.Update(message, 100, 0);
                mac.Update(message, 100, 31);
                byte[] tag = new byte[Poly1305.TagSize];
                mac.Final(tag, 0);
                Assert.Equal(expected, tag);
                ran++;
            }
            Assert.Equal(1, ran);
        }

        [Fact]
        public void Compute_RandomInputs_MatchesBouncyCastle()
        {
            var random = new SeededRandom(_output, nameof(Compute_RandomInputs_MatchesBouncyCastle));
            for (int i = 0; i < SeededRandom.Iterations; i++)
            {
                byte[] key = random.Bytes(Poly1305.KeySize);
                if (i % 10 == 1)
                {
                    // Keys whose clamped r is all ones and whose s is all ones push every carry and the final addition.
                    key.AsSpan().Fill(0xff);
                }
                byte[] message = random.Bytes(random.LengthFor(i));
                if (i % 10 == 2)
                {
                    message.AsSpan().Fill(0xff);
                }
                var reference = new BcPoly1305();
                reference.Init(new KeyParameter(key));
                reference.BlockUpdate(message, 0, message.Length);
                byte[] expected = new byte[Poly1305.TagSize];
                reference.DoFinal(expected, 0);

                byte[] tag = new byte[Poly1305.TagSize];
                Poly1305.Compute(tag, key, message);
                Assert.Equal(expected, tag);
                Assert.True(Poly1305.Verify(expected, key, message));
            }
        }

        [Fact]
        public void Update_RandomPieces_EqualOneCall()
        {
            var random = new SeededRandom(_output, nameof(Update_RandomPieces_EqualOneCall));
            for (int i = 0; i < 300; i++)
            {
                byte[] key = random.Bytes(Poly1305.KeySize);
                byte[] message = random.Bytes(random.LengthFor(i));
                byte[] whole = new byte[Poly1305.TagSize];
                Poly1305.Compute(whole, key, message);

                var mac = new Poly1305(key);
                int done = 0;
                while (done < message.Length)
                {
                    int n = Math.Min(message.Length - done, random.Next(40));
                    mac.Update(message, done, n);
                    done += n;
                }
                byte[] pieces = new byte[Poly1305.TagSize + 2];
                mac.Final(pieces, 2);
                Assert.Equal(whole, pieces.AsSpan(2).ToArray());
            }
        }

        // Every bit of key, tag and message for a short message; a random sample of bit positions for a long one.
        [Theory]
        [InlineData(20)]
        [InlineData(1000)]
        public void Verify_FlippedBit_ReturnsFalse(int length)
        {
            var random = new SeededRandom(_output, nameof(Verify_FlippedBit_ReturnsFalse));
            byte[] key = random.Bytes(Poly1305.KeySize);
            byte[] message = random.Bytes(length);
            byte[] tag = new byte[Poly1305.TagSize];
            Poly1305.Compute(tag, key, message);
            Assert.True(Poly1305.Verify(tag, key, message));
            foreach (int bit in Bits.Positions(key.Length, random))
            {
                // The clamped bits of r do not enter the tag: libsodium and RFC 8439 ignore them too.
                if (!IsClampedBit(bit))
                {
                    Assert.False(Poly1305.Verify(tag, Bits.Flip(key, bit), message));
                }
            }
            foreach (int bit in Bits.Positions(tag.Length, random))
            {
                Assert.False(Poly1305.Verify(Bits.Flip(tag, bit), key, message));
            }
            foreach (int bit in Bits.Positions(message.Length, random))
            {
                Assert.False(Poly1305.Verify(tag, key, Bits.Flip(message, bit)));
            }
        }

        [Fact]
        public void Final_Twice_Throws()
        {
            var mac = new Poly1305(new byte[Poly1305.KeySize]);
            byte[] tag = new byte[Poly1305.TagSize];
            mac.Final(tag, 0);
            Assert.Throws<InvalidOperationException>(() => mac.Final(tag, 0));
            Assert.Throws<InvalidOperationException>(() => mac.Update(tag, 0, 1));
        }

        [Fact]
        public void Compute_BadArguments_Throw()
        {
            Assert.Throws<ArgumentException>(() => new Poly1305(new byte[31]));
            Assert.Throws<ArgumentNullException>(() => new Poly1305((byte[])null));
            Assert.Throws<ArgumentException>(() => Poly1305.Compute(new byte[15], new byte[32], new byte[1]));
            Assert.Throws<ArgumentException>(() => Poly1305.Verify(new byte[15], new byte[32], new byte[1]));
            Assert.Throws<ArgumentNullException>(() => Poly1305.Compute(new byte[16], new byte[32], null));
            var mac = new Poly1305(new byte[Poly1305.KeySize]);
            Assert.Throws<ArgumentException>(() => mac.Update(new byte[4], 2, 3));
            Assert.Throws<ArgumentException>(() => mac.Final(new byte[16], 1));
        }

        private static void CheckVector(byte[] key, byte[] message, byte[] expected)
        {
            byte[] tag = new byte[Poly1305.TagSize];
            Poly1305.Compute(tag, key, message);
            Assert.Equal(expected, tag);
            Assert.True(Poly1305.Verify(expected, key, message));
        }

        // r's clamp clears bits 28-31 of bytes 3, 7, 11, 15 and bits 0-1 of bytes 4, 8, 12 (RFC 8439 §2.5).
        private static bool IsClampedBit(int bit)
        {
            int index = bit >> 3;
            int position = bit & 7;
            bool top = (index == 3 || index == 7 || index == 11 || index == 15) && position >= 4;
            bool bottom = (index == 4 || index == 8 || index == 12) && position <= 1;
            return top || bottom;
        }
    }
}
