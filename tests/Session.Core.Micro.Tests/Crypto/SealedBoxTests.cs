using System;
using System.Text.Json;
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Session.Core.Micro.Tests.Crypto
{
    public class SealedBoxTests
    {
        private readonly ITestOutputHelper _output;

        public SealedBoxTests(ITestOutputHelper output)
        {
            _output = output;
        }

        // golang/crypto TestSealedBox (2), boxes generated with libsodium (6), derived negatives (5).
        [Fact]
        public void SealOpen_Vectors_Match()
        {
            int sealedExactly = 0;
            int opened = 0;
            int refused = 0;
            foreach (JsonElement test in TestVectors.Json("libsodium/box_seal.json").GetProperty("tests").EnumerateArray())
            {
                byte[] recipientPk = test.Bytes("recipientPk");
                byte[] recipientSk = test.Bytes("recipientSk");
                byte[] sealedBox = test.Bytes("sealed");
                byte[] message = test.Bytes("msg");
                if (!test.GetProperty("valid").GetBoolean())
                {
                    byte[] output = new byte[Math.Max(0, sealedBox.Length - SealedBox.Overhead)];
                    Assert.False(SealedBox.Open(output, recipientPk, recipientSk, sealedBox));
                    refused++;
                    continue;
                }
                if (test.Has("ephemeralSk"))
                {
                    byte[] ours = new byte[message.Length + SealedBox.Overhead];
                    SealedBox.Seal(ours, recipientPk, message, new FixedRandom(test.Bytes("ephemeralSk")));
                    Assert.Equal(sealedBox, ours);
                    sealedExactly++;
                }
                byte[] plain = new byte[message.Length];
                Assert.True(SealedBox.Open(plain, recipientPk, recipientSk, sealedBox));
                Assert.Equal(message, plain);
                opened++;
            }
            // go_TestSealedBox_open has no ephemeral secret (it was random), so it is only opened.
            Assert.Equal(7, sealedExactly);
            Assert.Equal(8, opened);
            Assert.Equal(5, refused);
        }

        [Fact]
        public void Seal_RandomInputs_LibsodiumOpensIt_AndWeOpenLibsodiums()
        {
            var random = new SeededRandom(_output, nameof(SealedBoxTests));
            for (int i = 0; i < SeededRandom.Iterations; i++)
            {
                var recipient = Sodium.PublicKeyBox.GenerateKeyPair(random.Bytes(32));
                byte[] message = random.Bytes(random.LengthFor(i));

                byte[] ours = new byte[message.Length + SealedBox.Overhead];
                SealedBox.Seal(ours, recipient.PublicKey, message, new FixedRandom(random.Bytes(32)));
                Assert.Equal(message, Sodium.SealedPublicKeyBox.Open(ours, recipient.PrivateKey, recipient.PublicKey));

                byte[] theirs = Sodium.SealedPublicKeyBox.Create(message, recipient.PublicKey);
                byte[] opened = new byte[message.Length];
                Assert.True(SealedBox.Open(opened, recipient.PublicKey, recipient.PrivateKey, theirs));
                Assert.Equal(message, opened);
            }
        }

        [Fact]
        public void Open_FlippedBit_Rejected()
        {
            var random = new SeededRandom(_output, nameof(Open_FlippedBit_Rejected));
            var recipient = Sodium.PublicKeyBox.GenerateKeyPair(random.Bytes(32));
            byte[] message = random.Bytes(30);
            byte[] sealedBox = Sodium.SealedPublicKeyBox.Create(message, recipient.PublicKey);
            byte[] output = new byte[message.Length];
            foreach (int bit in Bits.Positions(sealedBox.Length, random))
            {
                // Bit 255 of the ephemeral key is ignored by X25519 but is hashed into the nonce, so it too must fail.
                Assert.False(SealedBox.Open(output, recipient.PublicKey, recipient.PrivateKey, Bits.Flip(sealedBox, bit)));
            }
            for (int bit = 0; bit < 256; bit++)
            {
                Assert.False(SealedBox.Open(output, Bits.Flip(recipient.PublicKey, bit), recipient.PrivateKey, sealedBox));
            }
            for (int bit = 3; bit < 254; bit++)
            {
                Assert.False(SealedBox.Open(output, recipient.PublicKey, Bits.Flip(recipient.PrivateKey, bit), sealedBox));
            }
            Assert.Equal(new byte[message.Length], output);
        }

        [Fact]
        public void Open_TooShort_False()
        {
            var recipient = Sodium.PublicKeyBox.GenerateKeyPair();
            for (int length = 0; length < SealedBox.Overhead; length++)
            {
                Assert.False(SealedBox.Open(new byte[0], recipient.PublicKey, recipient.PrivateKey, new byte[length]));
            }
        }

        [Fact]
        public void Seal_SmallOrderRecipient_Throws()
        {
            byte[] smallOrder = TestVectors.Json("libsodium/box_curve25519xsalsa20poly1305.json").GetProperty("keys").Bytes("smallOrderPk");
            var error = Assert.Throws<ArgumentException>(() => SealedBox.Seal(new byte[SealedBox.Overhead], smallOrder, new byte[0], new FixedRandom(new byte[32])));
            Assert.StartsWith("recipientPublicKey is a small-order point", error.Message);
        }

        [Fact]
        public void Seal_Misuse_Throws()
        {
            byte[] key = new byte[32];
            key[0] = 9;
            Assert.Throws<ArgumentNullException>(() => SealedBox.Seal(new byte[49], key, new byte[1], (IRandomSource)null));
            Assert.Throws<ArgumentException>(() => SealedBox.Seal(new byte[48], key, new byte[1], new FixedRandom(new byte[32])));
            Assert.Throws<ArgumentException>(() => SealedBox.Seal(new byte[49], new byte[31], new byte[1], new FixedRandom(new byte[32])));
        }
    }
}
