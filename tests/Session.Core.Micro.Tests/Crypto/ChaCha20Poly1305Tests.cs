using System;
using System.Text.Json;
using Org.BouncyCastle.Crypto.Parameters;
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Tests.Support;
using Xunit;
using Xunit.Abstractions;
using BcChaCha20Poly1305 = Org.BouncyCastle.Crypto.Modes.ChaCha20Poly1305;
using DotNetChaCha20Poly1305 = System.Security.Cryptography.ChaCha20Poly1305;

namespace Session.Core.Micro.Tests.Crypto
{
    public class ChaCha20Poly1305Tests
    {
        private static readonly AeadUnderTest s_aead = new AeadUnderTest
        {
            KeySize = ChaCha20Poly1305.KeySize,
            NonceSize = ChaCha20Poly1305.NonceSize,
            TagSize = ChaCha20Poly1305.TagSize,
            Encrypt = ChaCha20Poly1305.Encrypt,
            Decrypt = ChaCha20Poly1305.Decrypt,
            EncryptSlice = ChaCha20Poly1305.Encrypt,
            DecryptSlice = ChaCha20Poly1305.Decrypt,
        };

        private readonly ITestOutputHelper _output;

        public ChaCha20Poly1305Tests(ITestOutputHelper output)
        {
            _output = output;
        }

        // RFC 8439 §2.8.2 and A.5.
        [Fact]
        public void EncryptDecrypt_Rfc8439Vectors_Match()
        {
            int ran = 0;
            foreach (JsonElement test in TestVectors.Json("rfc/rfc8439_chacha20_poly1305.json").GetProperty("aead").EnumerateArray())
            {
                Assert.True(test.GetProperty("valid").GetBoolean());
                byte[] key = test.Bytes("key");
                byte[] nonce = test.Bytes("nonce");
                byte[] ad = test.Bytes("aad");
                byte[] plaintext = test.Bytes("plaintext");
                byte[] expected = AeadChecks.Concat(test.Bytes("ciphertext"), test.Bytes("tag"));
                byte[] output = new byte[expected.Length];
                ChaCha20Poly1305.Encrypt(output, key, nonce, ad, plaintext);
                Assert.Equal(expected, output);
                byte[] opened = new byte[plaintext.Length];
                Assert.True(ChaCha20Poly1305.Decrypt(opened, key, nonce, ad, expected));
                Assert.Equal(plaintext, opened);
                ran++;
            }
            Assert.Equal(2, ran);
        }

        // All 325 cases: valid ones seal to ct || tag and open, ModifiedTag ones fail, other nonce sizes throw.
        [Fact]
        public void EncryptDecrypt_WycheproofVectors_Match()
        {
            Assert.Equal(325, AeadChecks.RunWycheproof(s_aead, "wycheproof/chacha20_poly1305_test.json"));
        }

        [Fact]
        public void Encrypt_RandomInputs_MatchesBouncyCastleAndDotNet()
        {
            var random = new SeededRandom(_output, nameof(Encrypt_RandomInputs_MatchesBouncyCastleAndDotNet));
            _output.WriteLine("System.Security.Cryptography.ChaCha20Poly1305.IsSupported = " + DotNetChaCha20Poly1305.IsSupported);
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

        [Fact]
        public void Encrypt_NullAssociatedData_EqualsEmpty()
        {
            var random = new SeededRandom(_output, nameof(Encrypt_NullAssociatedData_EqualsEmpty));
            byte[] key = random.Bytes(ChaCha20Poly1305.KeySize);
            byte[] nonce = random.Bytes(ChaCha20Poly1305.NonceSize);
            byte[] plaintext = random.Bytes(50);
            byte[] withNull = new byte[66];
            byte[] withEmpty = new byte[66];
            ChaCha20Poly1305.Encrypt(withNull, key, nonce, null, plaintext);
            ChaCha20Poly1305.Encrypt(withEmpty, key, nonce, Array.Empty<byte>(), plaintext);
            Assert.Equal(withEmpty, withNull);
            Assert.True(ChaCha20Poly1305.Decrypt(new byte[50], key, nonce, Array.Empty<byte>(), withNull));
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
            byte[] key = new byte[ChaCha20Poly1305.KeySize];
            byte[] nonce = new byte[ChaCha20Poly1305.NonceSize];
            Assert.False(ChaCha20Poly1305.Decrypt(new byte[0], key, nonce, null, new byte[ChaCha20Poly1305.TagSize - 1]));
        }

        [Fact]
        public void EncryptDecrypt_BadArguments_Throw()
        {
            byte[] key = new byte[ChaCha20Poly1305.KeySize];
            byte[] nonce = new byte[ChaCha20Poly1305.NonceSize];
            Assert.Throws<ArgumentException>(() => ChaCha20Poly1305.Encrypt(new byte[20], new byte[16], nonce, null, new byte[4]));
            Assert.Throws<ArgumentException>(() => ChaCha20Poly1305.Encrypt(new byte[19], key, nonce, null, new byte[4]));
            Assert.Throws<ArgumentException>(() => ChaCha20Poly1305.Decrypt(new byte[5], key, nonce, null, new byte[20]));
            Assert.Throws<ArgumentException>(() => ChaCha20Poly1305.Decrypt(new byte[4], new byte[33], nonce, null, new byte[20]));
            Assert.Throws<ArgumentNullException>(() => ChaCha20Poly1305.Encrypt(new byte[20], key, nonce, null, null));
            Assert.Throws<ArgumentNullException>(() => ChaCha20Poly1305.Decrypt(new byte[4], key, null, null, new byte[20]));
        }
    }
}
