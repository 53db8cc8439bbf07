using Session.Core.Micro.Crypto;
using Session.Core.Micro.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Session.Core.Micro.Tests.Crypto
{
    public sealed class XChaCha20Poly1305Tests : AeadContractTests
    {
        private static readonly AeadUnderTest s_aead = new AeadUnderTest
        {
            SpecVectorFile = "rfc/draft-irtf-cfrg-xchacha-03.json",
            SpecVectorCount = 1,
            WycheproofFile = "wycheproof/xchacha20_poly1305_test.json",
            WycheproofCount = 315,
            KeySize = XChaCha20Poly1305.KeySize,
            NonceSize = XChaCha20Poly1305.NonceSize,
            TagSize = XChaCha20Poly1305.TagSize,
            Encrypt = XChaCha20Poly1305.Encrypt,
            Decrypt = XChaCha20Poly1305.Decrypt,
            EncryptSlice = XChaCha20Poly1305.Encrypt,
            DecryptSlice = XChaCha20Poly1305.Decrypt,
        };

        public XChaCha20Poly1305Tests(ITestOutputHelper output)
            : base(output, s_aead)
        {
        }

        [Fact]
        public void EncryptDecrypt_RandomInputs_MatchLibsodium()
        {
            var random = new SeededRandom(Output, nameof(EncryptDecrypt_RandomInputs_MatchLibsodium));
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
    }
}
