using System;
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Session.Core.Micro.Tests.Crypto
{
    // The decryptor opens an onion reply as it arrives, in whatever pieces the transport and the base64
    // decoder hand over: it must give what the one-shot AEAD gives for every split, across the edges of
    // the 64-byte keystream blocks, and its tag must refuse a changed byte.
    public sealed class XChaCha20Poly1305DecryptorTests
    {
        private readonly ITestOutputHelper _output;

        public XChaCha20Poly1305DecryptorTests(ITestOutputHelper output)
        {
            _output = output;
        }

        [Theory]
        [InlineData(1)]
        [InlineData(63)]
        [InlineData(64)]
        [InlineData(65)]
        [InlineData(192)]
        [InlineData(1, 63, 2, 64, 130)]
        public void Decrypt_InPiecesOfFixedSizes_GivesThePlaintext_AndVerifies(params int[] pieces)
        {
            byte[] key = Filled(XChaCha20Poly1305.KeySize, 1);
            byte[] nonce = Filled(XChaCha20Poly1305.NonceSize, 2);
            byte[] plaintext = Filled(1000, 3);

            byte[] opened = OpenInPieces(key, nonce, Sealed(key, nonce, plaintext), pieces, out bool verified);

            Assert.Equal(plaintext, opened);
            Assert.True(verified);
        }

        [Fact]
        public void Decrypt_InRandomPieces_MatchesTheOneShotDecrypt()
        {
            var random = new SeededRandom(_output, nameof(Decrypt_InRandomPieces_MatchesTheOneShotDecrypt));
            for (int i = 0; i < SeededRandom.Iterations; i++)
            {
                byte[] key = random.Bytes(XChaCha20Poly1305.KeySize);
                byte[] nonce = random.Bytes(XChaCha20Poly1305.NonceSize);
                byte[] plaintext = random.Bytes(random.LengthFor(i));
                int[] pieces = { 1 + random.Next(200), 1 + random.Next(200), 1 + random.Next(200) };
                byte[] sealedText = Sealed(key, nonce, plaintext);
                byte[] expected = new byte[plaintext.Length];
                Assert.True(XChaCha20Poly1305.Decrypt(expected, key, nonce, null, sealedText));

                byte[] opened = OpenInPieces(key, nonce, sealedText, pieces, out bool verified);

                Assert.Equal(expected, opened);
                Assert.True(verified);
            }
        }

        [Theory]
        [InlineData(0)]
        [InlineData(500)]
        [InlineData(999)]
        public void Verify_AfterAChangedByte_IsFalse(int changed)
        {
            byte[] key = Filled(XChaCha20Poly1305.KeySize, 1);
            byte[] nonce = Filled(XChaCha20Poly1305.NonceSize, 2);
            byte[] sealedText = Sealed(key, nonce, Filled(1000, 3));
            sealedText[changed] ^= 1;

            OpenInPieces(key, nonce, sealedText, new[] { 100 }, out bool verified);

            Assert.False(verified);
        }

        private static byte[] Sealed(byte[] key, byte[] nonce, byte[] plaintext)
        {
            byte[] sealedText = new byte[plaintext.Length + XChaCha20Poly1305.TagSize];
            XChaCha20Poly1305.Encrypt(sealedText, key, nonce, null, plaintext);
            return sealedText;
        }

        // Decrypts ciphertext || tag in place, in pieces of the given sizes taken in turn, then checks the tag.
        private static byte[] OpenInPieces(byte[] key, byte[] nonce, byte[] sealedText, int[] pieces, out bool verified)
        {
            byte[] text = (byte[])sealedText.Clone();
            int length = text.Length - XChaCha20Poly1305.TagSize;
            var decryptor = new XChaCha20Poly1305Decryptor(key, nonce);
            for (int at = 0, turn = 0; at < length; turn++)
            {
                int count = Math.Min(pieces[turn % pieces.Length], length - at);
                decryptor.Decrypt(text, at, count);
                at += count;
            }
            verified = decryptor.Verify(text, length);
            return text.AsSpan(0, length).ToArray();
        }

        private static byte[] Filled(int length, int seed)
        {
            var bytes = new byte[length];
            new Random(seed).NextBytes(bytes);
            return bytes;
        }
    }
}
