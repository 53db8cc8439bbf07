using System;
using Org.BouncyCastle.Crypto.Parameters;
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Tests.Support;
using Xunit;
using Xunit.Abstractions;
using BcChaCha20Poly1305 = Org.BouncyCastle.Crypto.Modes.ChaCha20Poly1305;
using DotNetChaCha20Poly1305 = System.Security.Cryptography.ChaCha20Poly1305;

namespace Session.Core.Micro.Tests.Crypto
{
    public sealed class ChaCha20Poly1305Tests : AeadContractTests
    {
        private static readonly AeadUnderTest s_aead = new AeadUnderTest
        {
            SpecVectorFile = "rfc/rfc8439_chacha20_poly1305.json",
            SpecVectorCount = 2,
            WycheproofFile = "wycheproof/chacha20_poly1305_test.json",
            WycheproofCount = 325,
            KeySize = ChaCha20Poly1305.KeySize,
            NonceSize = ChaCha20Poly1305.NonceSize,
            TagSize = ChaCha20Poly1305.TagSize,
            Encrypt = ChaCha20Poly1305.Encrypt,
            Decrypt = ChaCha20Poly1305.Decrypt,
            EncryptSlice = ChaCha20Poly1305.Encrypt,
            DecryptSlice = ChaCha20Poly1305.Decrypt,
        };

        public ChaCha20Poly1305Tests(ITestOutputHelper output)
            : base(output, s_aead)
        {
        }

        [Fact]
        public void Encrypt_RandomInputs_MatchesBouncyCastleAndDotNet()
        {
            var random = new SeededRandom(Output, nameof(Encrypt_RandomInputs_MatchesBouncyCastleAndDotNet));
            Output.WriteLine("System.Security.Cryptography.ChaCha20Poly1305.IsSupported = " + DotNetChaCha20Poly1305.IsSupported);
            for (int i = 0; i < SeededRandom.Iterations; i++)
            {
                byte[] key = random.Bytes(ChaCha20Poly1305.KeySize);
                byte[] nonce = random.Bytes(ChaCha20Poly1305.NonceSize);
                byte[] ad = random.Bytes(i % 3 == 0 ? 0 : random.Next(100));
                byte[] plaintext = random.Bytes(random.LengthFor(i));

                var reference = new BcChaCha20Poly1305();
                reference.Init(true, new AeadParameters(new KeyParameter(key), 128, nonce, ad));
                byte[] expected = new byte[reference.GetOutputSize(plaintext.Length)];
                int written = reference.ProcessBytes(plaintext, 0, plaintext.Length, expected, 0);
                reference.DoFinal(expected, written);

                byte[] output = new byte[plaintext.Length + ChaCha20Poly1305.TagSize];
                ChaCha20Poly1305.Encrypt(output, key, nonce, ad, plaintext);
                Assert.Equal(expected, output);

                if (DotNetChaCha20Poly1305.IsSupported)
                {
                    using var dotnet = new DotNetChaCha20Poly1305(key);
                    byte[] ciphertext = new byte[plaintext.Length];
                    byte[] tag = new byte[ChaCha20Poly1305.TagSize];
                    dotnet.Encrypt(nonce, plaintext, ciphertext, tag, ad);
                    Assert.Equal(expected, AeadChecks.Concat(ciphertext, tag));
                }

                byte[] opened = new byte[plaintext.Length];
                Assert.True(ChaCha20Poly1305.Decrypt(opened, key, nonce, ad, output));
                Assert.Equal(plaintext, opened);
            }
        }
    }
}
