using System;
using System.Text.Json;
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Session.Core.Micro.Tests.Crypto
{
    public class SecretBoxTests
    {
        private readonly ITestOutputHelper _output;

        public SecretBoxTests(ITestOutputHelper output)
        {
            _output = output;
        }

        // libsodium secretbox/secretbox2/secretbox_easy: 4 valid boxes and 3 tampered or truncated ones.
        [Fact]
        public void SealOpen_LibsodiumVectors_Match()
        {
            int valid = 0;
            int invalid = 0;
            foreach (JsonElement test in TestVectors.Json("libsodium/secretbox_xsalsa20poly1305.json").GetProperty("tests").EnumerateArray())
            {
                byte[] key = test.Bytes("key");
                byte[] nonce = test.Bytes("nonce");
                byte[] boxed = test.Bytes("ct");
                if (test.GetProperty("valid").GetBoolean())
                {
                    byte[] message = test.Bytes("msg");
                    byte[] output = new byte[message.Length + SecretBox.MacSize];
                    SecretBox.Seal(output, key, nonce, message);
                    Assert.Equal(boxed, output);
                    byte[] opened = new byte[message.Length];
                    Assert.True(SecretBox.Open(opened, key, nonce, boxed));
                    Assert.Equal(message, opened);
                    valid++;
                }
                else
                {
                    byte[] opened = new byte[Math.Max(0, boxed.Length - SecretBox.MacSize)];
                    Assert.False(SecretBox.Open(opened, key, nonce, boxed));
                    Assert.Equal(new byte[opened.Length], opened);
                    invalid++;
                }
            }
            Assert.Equal(4, valid);
            Assert.Equal(3, invalid);
        }

        [Fact]
        public void SealOpen_RandomInputs_MatchLibsodium()
        {
            var random = new SeededRandom(_output, nameof(SealOpen_RandomInputs_MatchLibsodium));
            for (int i = 0; i < SeededRandom.Iterations; i++)
            {
                byte[] key = random.Bytes(SecretBox.KeySize);
                byte[] nonce = random.Bytes(SecretBox.NonceSize);
                byte[] message = random.Bytes(random.LengthFor(i));
                byte[] expected = Sodium.SecretBox.Create(message, nonce, key);
                byte[] output = new byte[message.Length + SecretBox.MacSize];
                SecretBox.Seal(output, key, nonce, message);
                Assert.Equal(expected, output);
                Assert.Equal(message, Sodium.SecretBox.Open(output, nonce, key));
                byte[] opened = new byte[message.Length];
                Assert.True(SecretBox.Open(opened, key, nonce, expected));
                Assert.Equal(message, opened);
            }
        }

        // In place: the ciphertext overwrites the message, with the MAC in the 16 bytes before it.
        [Fact]
        public void SealOpen_InPlaceSlices_EqualArrays()
        {
            var random = new SeededRandom(_output, nameof(SealOpen_InPlaceSlices_EqualArrays));
            foreach (int length in SeededRandom.EdgeLengths)
            {
                byte[] key = random.Bytes(SecretBox.KeySize);
                byte[] nonce = random.Bytes(SecretBox.NonceSize);
                byte[] message = random.Bytes(length);
                byte[] expected = new byte[length + SecretBox.MacSize];
                SecretBox.Seal(expected, key, nonce, message);

                const int offset = 32;
                byte[] buffer = new byte[offset + SecretBox.MacSize + length];
                Array.Copy(message, 0, buffer, offset + SecretBox.MacSize, length);
                SecretBox.Seal(buffer, offset, key, nonce, buffer, offset + SecretBox.MacSize, length);
                Assert.Equal(expected, buffer.AsSpan(offset).ToArray());

                Assert.True(SecretBox.Open(buffer, offset + SecretBox.MacSize, key, nonce, buffer, offset, length + SecretBox.MacSize));
                Assert.Equal(message, buffer.AsSpan(offset + SecretBox.MacSize).ToArray());
            }
        }

        // Every bit of key, nonce, MAC and ciphertext for a short message; random positions for a long one.
        [Theory]
        [InlineData(5)]
        [InlineData(1000)]
        public void Open_FlippedBit_ReturnsFalse(int length)
        {
            var random = new SeededRandom(_output, nameof(Open_FlippedBit_ReturnsFalse));
            byte[] key = random.Bytes(SecretBox.KeySize);
            byte[] nonce = random.Bytes(SecretBox.NonceSize);
            byte[] message = random.Bytes(length);
            byte[] boxed = new byte[length + SecretBox.MacSize];
            SecretBox.Seal(boxed, key, nonce, message);
            int tried = 0;
            foreach (int bit in Bits.Positions(key.Length, random))
            {
                ExpectRejected(Bits.Flip(key, bit), nonce, boxed);
                tried++;
            }
            foreach (int bit in Bits.Positions(nonce.Length, random))
            {
                ExpectRejected(key, Bits.Flip(nonce, bit), boxed);
                tried++;
            }
            // MAC first, then ciphertext.
            foreach (int bit in Bits.Positions(SecretBox.MacSize, random))
            {
                ExpectRejected(key, nonce, Bits.Flip(boxed, bit));
                tried++;
            }
            foreach (int bit in Bits.Positions(length, random))
            {
                ExpectRejected(key, nonce, Bits.Flip(boxed, SecretBox.MacSize * 8 + bit));
                tried++;
            }
            Assert.True(tried >= 4 * 128);
        }

        [Fact]
        public void Open_ShorterThanMac_ReturnsFalse()
        {
            Assert.False(SecretBox.Open(new byte[0], new byte[SecretBox.KeySize], new byte[SecretBox.NonceSize], new byte[SecretBox.MacSize - 1]));
        }

        [Fact]
        public void SealOpen_BadArguments_Throw()
        {
            byte[] key = new byte[SecretBox.KeySize];
            byte[] nonce = new byte[SecretBox.NonceSize];
            Assert.Throws<ArgumentException>(() => SecretBox.Seal(new byte[20], key, new byte[12], new byte[4]));
            Assert.Throws<ArgumentException>(() => SecretBox.Seal(new byte[21], key, nonce, new byte[4]));
            Assert.Throws<ArgumentException>(() => SecretBox.Open(new byte[4], new byte[16], nonce, new byte[20]));
            Assert.Throws<ArgumentException>(() => SecretBox.Open(new byte[5], key, nonce, new byte[20]));
            Assert.Throws<ArgumentNullException>(() => SecretBox.Seal(new byte[20], key, nonce, null));
            Assert.Throws<ArgumentNullException>(() => SecretBox.Open(new byte[4], key, nonce, null));
        }

        private static void ExpectRejected(byte[] key, byte[] nonce, byte[] boxed)
        {
            byte[] opened = new byte[boxed.Length - SecretBox.MacSize];
            Assert.False(SecretBox.Open(opened, key, nonce, boxed));
            Assert.Equal(new byte[opened.Length], opened);
        }
    }
}
