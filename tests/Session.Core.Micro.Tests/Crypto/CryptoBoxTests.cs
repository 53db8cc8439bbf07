using System;
using System.Security.Cryptography;
using System.Text.Json;
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Session.Core.Micro.Tests.Crypto
{
    public class CryptoBoxTests
    {
        private const string VectorFile = "libsodium/box_curve25519xsalsa20poly1305.json";
        private readonly ITestOutputHelper _output;

        public CryptoBoxTests(ITestOutputHelper output)
        {
            _output = output;
        }

        [Fact]
        public void SealOpen_LibsodiumVectors_Match()
        {
            int count = 0;
            foreach (JsonElement test in TestVectors.Json(VectorFile).GetProperty("tests").EnumerateArray())
            {
                Assert.True(test.GetProperty("valid").GetBoolean());
                byte[] message = test.Bytes("msg");
                byte[] boxed = test.Bytes("ct");
                byte[] output = new byte[message.Length + CryptoBox.MacSize];
                CryptoBox.Seal(output, test.Bytes("recipientPk"), test.Bytes("senderSk"), test.Bytes("nonce"), message);
                Assert.Equal(boxed, output);
                byte[] opened = new byte[message.Length];
                Assert.True(CryptoBox.Open(opened, test.Bytes("senderPk"), test.Bytes("recipientSk"), test.Bytes("nonce"), boxed));
                Assert.Equal(message, opened);
                count++;
            }
            Assert.Equal(3, count);
        }

        [Fact]
        public void BeforeNm_RfcKeys_MatchesLibsodium()
        {
            JsonElement keys = TestVectors.Json(VectorFile).GetProperty("keys");
            byte[] fromAlice = new byte[CryptoBox.KeySize];
            byte[] fromBob = new byte[CryptoBox.KeySize];
            Assert.True(CryptoBox.BeforeNm(fromAlice, keys.Bytes("bobPk"), keys.Bytes("aliceSk")));
            Assert.True(CryptoBox.BeforeNm(fromBob, keys.Bytes("alicePk"), keys.Bytes("bobSk")));
            Assert.Equal(keys.Bytes("beforenm"), fromAlice);
            Assert.Equal(keys.Bytes("beforenm"), fromBob);
        }

        [Fact]
        public void SmallOrderKey_Rejected()
        {
            int count = 0;
            foreach (JsonElement reject in TestVectors.Json(VectorFile).GetProperty("rejects").EnumerateArray())
            {
                byte[] boxKey = new byte[CryptoBox.KeySize];
                Assert.False(CryptoBox.BeforeNm(boxKey, reject.Bytes("pk"), reject.Bytes("sk")));
                Assert.Equal(new byte[CryptoBox.KeySize], boxKey);
                var error = Assert.Throws<ArgumentException>(() =>
                    CryptoBox.Seal(new byte[17], reject.Bytes("pk"), reject.Bytes("sk"), new byte[CryptoBox.NonceSize], new byte[1]));
                Assert.StartsWith("publicKey is a small-order point", error.Message);
                Assert.False(CryptoBox.Open(new byte[1], reject.Bytes("pk"), reject.Bytes("sk"), new byte[CryptoBox.NonceSize], new byte[17]));
                count++;
            }
            Assert.Equal(1, count);
        }

        [Fact]
        public void KeyPairFromSeed_LibsodiumVectors_Match()
        {
            int count = 0;
            foreach (string file in new[] { VectorFile, "libsodium/xchacha20_hchacha20.json" })
            {
                JsonElement root = TestVectors.Json(file);
                string array = root.TryGetProperty("seedKeypairs", out _) ? "seedKeypairs" : "boxSeedKeypairs";
                foreach (JsonElement pair in root.GetProperty(array).EnumerateArray())
                {
                    byte[] publicKey = new byte[CryptoBox.KeySize];
                    byte[] secretKey = new byte[CryptoBox.KeySize];
                    CryptoBox.KeyPairFromSeed(publicKey, secretKey, pair.Bytes("seed"));
                    Assert.Equal(pair.Bytes("pk"), publicKey);
                    Assert.Equal(pair.Bytes("sk"), secretKey);
                    count++;
                }
            }
            Assert.Equal(2, count);
        }

        [Fact]
        public void SealOpen_RandomInputs_AgreeWithLibsodium()
        {
            var random = new SeededRandom(_output, nameof(CryptoBoxTests));
            for (int i = 0; i < SeededRandom.Iterations; i++)
            {
                var sender = Sodium.PublicKeyBox.GenerateKeyPair(random.Bytes(32));
                var recipient = Sodium.PublicKeyBox.GenerateKeyPair(random.Bytes(32));
                byte[] nonce = random.Bytes(CryptoBox.NonceSize);
                byte[] message = random.Bytes(random.LengthFor(i));

                byte[] ours = new byte[message.Length + CryptoBox.MacSize];
                CryptoBox.Seal(ours, recipient.PublicKey, sender.PrivateKey, nonce, message);
                Assert.Equal(Sodium.PublicKeyBox.Create(message, nonce, sender.PrivateKey, recipient.PublicKey), ours);

                byte[] opened = new byte[message.Length];
                Assert.True(CryptoBox.Open(opened, sender.PublicKey, recipient.PrivateKey, nonce, ours));
                Assert.Equal(message, opened);
            }
        }

        [Fact]
        public void Open_FlippedBit_Rejected()
        {
            var random = new SeededRandom(_output, nameof(Open_FlippedBit_Rejected));
            var sender = Sodium.PublicKeyBox.GenerateKeyPair(random.Bytes(32));
            var recipient = Sodium.PublicKeyBox.GenerateKeyPair(random.Bytes(32));
            byte[] nonce = random.Bytes(CryptoBox.NonceSize);
            byte[] message = random.Bytes(40);
            byte[] boxed = Sodium.PublicKeyBox.Create(message, nonce, sender.PrivateKey, recipient.PublicKey);
            byte[] output = new byte[message.Length];
            foreach (int bit in Bits.Positions(boxed.Length, random))
            {
                Assert.False(CryptoBox.Open(output, sender.PublicKey, recipient.PrivateKey, nonce, Bits.Flip(boxed, bit)));
            }
            foreach (int bit in Bits.Positions(nonce.Length, random))
            {
                Assert.False(CryptoBox.Open(output, sender.PublicKey, recipient.PrivateKey, Bits.Flip(nonce, bit), boxed));
            }
            // Bit 255 of an X25519 public key is ignored by design (RFC 7748 §5), so it is left out.
            for (int bit = 0; bit < 255; bit++)
            {
                Assert.False(CryptoBox.Open(output, Bits.Flip(sender.PublicKey, bit), recipient.PrivateKey, nonce, boxed));
            }
            // Bits 0-2 and 255 of a secret key are cleared by clamping and bit 254 is set, so they cannot matter.
            for (int bit = 3; bit < 254; bit++)
            {
                Assert.False(CryptoBox.Open(output, sender.PublicKey, Bits.Flip(recipient.PrivateKey, bit), nonce, boxed));
            }
            Assert.Equal(new byte[message.Length], output);
        }

        [Fact]
        public void Seal_WrongSizes_Throw()
        {
            byte[] key = RandomNumberGenerator.GetBytes(32);
            Assert.Throws<ArgumentException>(() => CryptoBox.Seal(new byte[17], key, key, new byte[23], new byte[1]));
            Assert.Throws<ArgumentException>(() => CryptoBox.Seal(new byte[16], key, key, new byte[24], new byte[1]));
            Assert.Throws<ArgumentException>(() => CryptoBox.Seal(new byte[17], new byte[31], key, new byte[24], new byte[1]));
            Assert.Throws<ArgumentNullException>(() => CryptoBox.Seal(new byte[17], key, key, new byte[24], null));
        }
    }
}
