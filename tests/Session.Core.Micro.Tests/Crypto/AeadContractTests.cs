using System;
using System.Text.Json;
using Session.Core.Micro.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Session.Core.Micro.Tests.Crypto
{
    /// <summary>
    /// The tests every ChaCha20-Poly1305 AEAD passes (specification and Wycheproof vectors, null associated data,
    /// in place, bit flips, short input, misuse), run once per AEAD by ChaCha20Poly1305Tests and
    /// XChaCha20Poly1305Tests, so each result carries the AEAD's class name. The differential tests against
    /// other implementations stay in those classes, as each AEAD has its own references.
    /// </summary>
    public abstract class AeadContractTests
    {
        private readonly AeadUnderTest _aead;

        protected AeadContractTests(ITestOutputHelper output, AeadUnderTest aead)
        {
            Output = output;
            _aead = aead;
        }

        protected ITestOutputHelper Output { get; }

        // RFC 8439 §2.8.2 and A.5; draft-irtf-cfrg-xchacha-03 A.3.1.
        [Fact]
        public void EncryptDecrypt_SpecVectors_Match()
        {
            int ran = 0;
            foreach (JsonElement test in TestVectors.Json(_aead.SpecVectorFile).GetProperty("aead").EnumerateArray())
            {
                Assert.True(test.GetProperty("valid").GetBoolean());
                byte[] key = test.Bytes("key");
                byte[] nonce = test.Bytes("nonce");
                byte[] ad = test.Bytes("aad");
                byte[] plaintext = test.Bytes("plaintext");
                byte[] expected = AeadChecks.Concat(test.Bytes("ciphertext"), test.Bytes("tag"));
                byte[] output = new byte[expected.Length];
                _aead.Encrypt(output, key, nonce, ad, plaintext);
                Assert.Equal(expected, output);
                byte[] opened = new byte[plaintext.Length];
                Assert.True(_aead.Decrypt(opened, key, nonce, ad, expected));
                Assert.Equal(plaintext, opened);
                ran++;
            }
            Assert.Equal(_aead.SpecVectorCount, ran);
        }

        // Every case: valid ones seal to ct || tag and open, ModifiedTag ones fail, other nonce sizes throw.
        [Fact]
        public void EncryptDecrypt_WycheproofVectors_Match()
        {
            Assert.Equal(_aead.WycheproofCount, AeadChecks.RunWycheproof(_aead, _aead.WycheproofFile));
        }

        [Fact]
        public void Encrypt_NullAssociatedData_EqualsEmpty()
        {
            var random = new SeededRandom(Output, nameof(Encrypt_NullAssociatedData_EqualsEmpty));
            byte[] key = random.Bytes(_aead.KeySize);
            byte[] nonce = random.Bytes(_aead.NonceSize);
            byte[] plaintext = random.Bytes(50);
            byte[] withNull = new byte[50 + _aead.TagSize];
            byte[] withEmpty = new byte[50 + _aead.TagSize];
            _aead.Encrypt(withNull, key, nonce, null, plaintext);
            _aead.Encrypt(withEmpty, key, nonce, Array.Empty<byte>(), plaintext);
            Assert.Equal(withEmpty, withNull);
            Assert.True(_aead.Decrypt(new byte[50], key, nonce, Array.Empty<byte>(), withNull));
        }

        [Fact]
        public void EncryptDecrypt_InPlace_EqualsOutOfPlace()
        {
            var random = new SeededRandom(Output, nameof(EncryptDecrypt_InPlace_EqualsOutOfPlace));
            foreach (int length in SeededRandom.EdgeLengths)
            {
                AeadChecks.InPlaceEqualsOutOfPlace(_aead, random, length);
            }
        }

        [Theory]
        [InlineData(5, 3)]
        [InlineData(1000, 40)]
        public void Decrypt_FlippedBit_ReturnsFalse(int length, int adLength)
        {
            var random = new SeededRandom(Output, nameof(Decrypt_FlippedBit_ReturnsFalse));
            Assert.True(AeadChecks.FlippedBitsAreRejected(_aead, random, length, adLength) > 0);
        }

        [Fact]
        public void Decrypt_ShorterThanTag_ReturnsFalse()
        {
            byte[] key = new byte[_aead.KeySize];
            byte[] nonce = new byte[_aead.NonceSize];
            Assert.False(_aead.Decrypt(new byte[0], key, nonce, null, new byte[_aead.TagSize - 1]));
        }

        [Fact]
        public void EncryptDecrypt_BadArguments_Throw()
        {
            byte[] key = new byte[_aead.KeySize];
            byte[] nonce = new byte[_aead.NonceSize];
            // The other nonce size of the family (12 or 24 bytes), which the shared code also handles.
            byte[] otherNonce = new byte[_aead.NonceSize == 12 ? 24 : 12];
            Assert.Throws<ArgumentException>(() => _aead.Encrypt(new byte[20], new byte[16], nonce, null, new byte[4]));
            Assert.Throws<ArgumentException>(() => _aead.Encrypt(new byte[20], key, otherNonce, null, new byte[4]));
            Assert.Throws<ArgumentException>(() => _aead.Encrypt(new byte[19], key, nonce, null, new byte[4]));
            Assert.Throws<ArgumentException>(() => _aead.Encrypt(new byte[21], key, nonce, null, new byte[4]));
            Assert.Throws<ArgumentException>(() => _aead.Decrypt(new byte[4], new byte[33], nonce, null, new byte[20]));
            Assert.Throws<ArgumentException>(() => _aead.Decrypt(new byte[4], key, otherNonce, null, new byte[20]));
            Assert.Throws<ArgumentException>(() => _aead.Decrypt(new byte[3], key, nonce, null, new byte[20]));
            Assert.Throws<ArgumentException>(() => _aead.Decrypt(new byte[5], key, nonce, null, new byte[20]));
            Assert.Throws<ArgumentNullException>(() => _aead.Encrypt(null, key, nonce, null, new byte[4]));
            Assert.Throws<ArgumentNullException>(() => _aead.Encrypt(new byte[20], key, nonce, null, null));
            Assert.Throws<ArgumentNullException>(() => _aead.Decrypt(new byte[4], key, null, null, new byte[20]));
        }
    }
}
