using System;
using System.Text.Json;
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Session.Core.Micro.Tests.Crypto
{
    public class XChaCha20Poly1305Tests
    {
        private static readonly AeadUnderTest s_aead = new AeadUnderTest
        {
            KeySize = XChaCha20Poly1305.KeySize,
            NonceSize = XChaCha20Poly1305.NonceSize,
            TagSize = XChaCha20Poly1305.TagSize,
            Encrypt = XChaCha20Poly1305.Encrypt,
            Decrypt = XChaCha20Poly1305.Decrypt,
            EncryptSlice = XChaCha20Poly1305.Encrypt,
            DecryptSlice = XChaCha20Poly1305.Decrypt,
        };

        private readonly ITestOutputHelper _output;

        public XChaCha20Poly1305Tests(ITestOutputHelper output)
        {
            _output = output;
        }

        // draft-irtf-cfrg-xchacha-03 A.3.1.
        [Fact]
        public void EncryptDecrypt_DraftVector_Matches()
        {
            int ran = 0;
            foreach (JsonElement test in TestVectors.Json("rfc/draft-irtf-cfrg-xchacha-03.json").GetProperty("aead").EnumerateArray())
            {
                Assert.True(test.GetProperty("valid").GetBoolean());
                byte[] key = test.Bytes("key");
                byte[] nonce = test.Bytes("nonce");
                byte[] ad = test.Bytes("aad");
                byte[] plaintext = test.Bytes("plaintext");
                byte[] expected = AeadChecks.Concat(test.Bytes("ciphertext"), test.Bytes("tag"));
                byte[] output = new byte[expected.Length];
                XChaCha20Poly1305.Encrypt(output, key, nonce, ad, plaintext);
                Assert.Equal(expected, output);
                byte[] opened = new byte[plaintext.Length];
                Assert.True(XChaCha20Poly1305.Decrypt(opened, key, nonce, ad, expected));
                Assert.Equal(plaintext, opened);
                ran++;
            }
            Assert.Equal(1, ran);
        }

        // All 315 cases: valid ones seal to ct || tag and open, ModifiedTag ones fail, other nonce sizes throw.
        [Fact]
        public void EncryptDecrypt_WycheproofVectors_Match()
        {
            Assert.Equal(315, AeadChecks.RunWycheproof(s_aead, "wycheproof/xchacha20_poly1305_test.json"));
        }

        [Fact]
        public void EncryptDecrypt_RandomInputs_MatchLibsodium()
        {
            var random = new SeededRandom(_output, nameof(EncryptDecrypt_RandomInputs_MatchLibsodium));
            for (int i = 0; i < SeededRandom.Iterations; i++)
            {
                byte[] key = random.Bytes(XChaCha20Poly1305.KeySize);
                byte[] nonce = random.Bytes(XChaCha20Poly1305.NonceSize);
                byte[] ad = random.Bytes(i % 3 == 0 ? 0 : random.Next(100));
                byte[] plaintext = random.Bytes(random.LengthFor(i));
                byte[] expected = Sodium.SecretAeadXChaCha20Poly1305.Encrypt(plaintext, nonce, key, ad);

                byte[] output = new byte[plaintext.Length + XChaCha20Poly1305.TagSize];
                XChaCha20Poly1305.Encrypt(output, key, nonce, ad, plaintext);
                Assert.Equal(expected, output);

                byte[] opened = new byte[plaintext.Length];
                Assert.True(XChaCha20Poly1305.Decrypt(opened, key, nonce, ad, expected));
                Assert.Equal(plaintext, opened);
                Assert.Equal(plaintext, Sodium.SecretAeadXChaCha20Poly1305.Decrypt(output, nonce, key, ad));
            }
        }

        [Fact]
        public void Encrypt_NullAssociatedData_EqualsEmpty()
        {
            var random = new SeededRandom(_output, nameof(Encrypt_NullAssociatedData_EqualsEmpty));
            byte[] key = random.Bytes(XChaCha20Poly1305.KeySize);
            byte[] nonce = random.Bytes(XChaCha20Poly1305.NonceSize);
            byte[] plaintext = random.Bytes(50);
            byte[] withNull = new byte[66];
            byte[] withEmpty = new byte[66];
            XChaCha20Poly1305.Encrypt(withNull, key, nonce, null, plaintext);
            XChaCha20Poly1305.Encrypt(withEmpty, key, nonce, Array.Empty<byte>(), plaintext);
            Assert.Equal(withEmpty, withNull);
            Assert.True(XChaCha20Poly1305.Decrypt(new byte[50], key, nonce, Array.Empty<byte>(), withNull));
        }

        [Fact]
        public void EncryptDecrypt_InPlace_EqualsOutOfPlace()
        {
            var random = new SeededRandom(_output, nameof(EncryptDecrypt_InPlace_EqualsOutOfPlace));
            foreach (int length in SeededRandom.EdgeLengths)
            {
                AeadChecks.InPlaceEqualsOutOfPlace(s_aead, random, length);
            }
        }

        [Theory]
        [InlineData(5, 3)]
        [InlineData(1000, 40)]
        public void Decrypt_FlippedBit_ReturnsFalse(int length, int adLength)
        {
            var random = new SeededRandom(_output, nameof(Decrypt_FlippedBit_ReturnsFalse));
            Assert.True(AeadChecks.FlippedBitsAreRejected(s_aead, random, length, adLength) > 0);
        }

        [Fact]
        public void Decrypt_ShorterThanTag_ReturnsFalse()
        {
            byte[] key = new byte[XChaCha20Poly1305.KeySize];
            byte[] nonce = new byte[XChaCha20Poly1305.NonceSize];
            Assert.False(XChaCha20Poly1305.Decrypt(new byte[0], key, nonce, null, new byte[XChaCha20Poly1305.TagSize - 1]));
        }

        [Fact]
        public void EncryptDecrypt_BadArguments_Throw()
        {
            byte[] key = new byte[XChaCha20Poly1305.KeySize];
            byte[] nonce = new byte[XChaCha20Poly1305.NonceSize];
            Assert.Throws<ArgumentException>(() => XChaCha20Poly1305.Encrypt(new byte[20], key, new byte[12], null, new byte[4]));
            Assert.Throws<ArgumentException>(() => XChaCha20Poly1305.Encrypt(new byte[21], key, nonce, null, new byte[4]));
            Assert.Throws<ArgumentException>(() => XChaCha20Poly1305.Decrypt(new byte[4], key, new byte[12], null, new byte[20]));
            Assert.Throws<ArgumentException>(() => XChaCha20Poly1305.Decrypt(new byte[3], key, nonce, null, new byte[20]));
            Assert.Throws<ArgumentNullException>(() => XChaCha20Poly1305.Encrypt(null, key, nonce, null, new byte[4]));
        }
    }
}
