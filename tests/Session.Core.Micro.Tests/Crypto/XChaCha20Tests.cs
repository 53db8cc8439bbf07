using System;
using System.Text.Json;
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Session.Core.Micro.Tests.Crypto
{
    public sealed class XChaCha20Tests : StreamCipherContractTests
    {
        private const string Libsodium = "libsodium/xchacha20_hchacha20.json";
        private static readonly StreamUnderTest s_stream = new StreamUnderTest
        {
            KeySize = XChaCha20.KeySize,
            NonceSize = XChaCha20.NonceSize,
            HighStart = 0xfffffffdUL,
            LastBlock = ulong.MaxValue,
            Xor = XChaCha20.Xor,
        };

        public XChaCha20Tests(ITestOutputHelper output)
            : base(output, s_stream)
        {
        }

        // draft-irtf-cfrg-xchacha-03 A.3.2: the IETF layout with a 32-bit counter from 1; equal to the
        // 64-bit-counter layout while the counter stays below 2^32.
        [Fact]
        public void Xor_DraftVector_Matches()
        {
            int ran = 0;
            foreach (JsonElement test in TestVectors.Json("rfc/draft-irtf-cfrg-xchacha-03.json").GetProperty("xchacha20").EnumerateArray())
            {
                byte[] key = test.Bytes("key");
                byte[] nonce = test.Bytes("nonce");
                ulong counter = test.GetProperty("initialCounter").GetUInt64();
                byte[] plaintext = test.Bytes("plaintext");
                byte[] ciphertext = new byte[plaintext.Length];
                XChaCha20.Xor(ciphertext, 0, key, nonce, counter, plaintext, 0, plaintext.Length);
                Assert.Equal(test.Bytes("ciphertext"), ciphertext);
                byte[] keystream = new byte[plaintext.Length];
                XChaCha20.Xor(keystream, 0, key, nonce, counter, new byte[plaintext.Length], 0, plaintext.Length);
                Assert.Equal(test.Bytes("keystream"), keystream);
                ran++;
            }
            Assert.Equal(1, ran);
        }

        // libsodium crypto_stream_xchacha20_xor_ic, including a counter that crosses 2^32.
        [Fact]
        public void Xor_LibsodiumVectors_Match()
        {
            int ran = 0;
            foreach (JsonElement test in TestVectors.Json(Libsodium).GetProperty("xchacha20_xor").EnumerateArray())
            {
                byte[] plaintext = test.Bytes("plaintext");
                byte[] output = new byte[plaintext.Length];
                XChaCha20.Xor(output, 0, test.Bytes("key"), test.Bytes("nonce"), test.GetProperty("initialCounter").GetUInt64(), plaintext, 0, plaintext.Length);
                Assert.Equal(test.Bytes("ciphertext"), output);
                ran++;
            }
            Assert.Equal(11, ran);
        }

        // libsodium crypto_secretbox_xchacha20poly1305_easy is not one of our APIs, but it is a few lines over
        // XChaCha20 and Poly1305 (NaCl layout: Poly1305 key = keystream bytes 0-31, text from byte 32), so the
        // test composes it here and checks both directions.
        [Fact]
        public void SecretBoxComposition_LibsodiumVectors_Match()
        {
            int ran = 0;
            foreach (JsonElement test in TestVectors.Json(Libsodium).GetProperty("secretbox_xchacha20poly1305").EnumerateArray())
            {
                byte[] key = test.Bytes("key");
                byte[] nonce = test.Bytes("nonce");
                byte[] message = test.Bytes("msg");
                byte[] expected = test.Bytes("ct");

                byte[] padded = new byte[32 + message.Length];
                message.CopyTo(padded, 32);
                XChaCha20.Xor(padded, 0, key, nonce, 0, padded, 0, padded.Length);
                byte[] macKey = padded.AsSpan(0, 32).ToArray();
                byte[] body = padded.AsSpan(32).ToArray();
                byte[] mac = new byte[Poly1305.TagSize];
                Poly1305.Compute(mac, macKey, body);
                Assert.Equal(expected, AeadChecks.Concat(mac, body));

                Assert.True(Poly1305.Verify(expected.AsSpan(0, 16).ToArray(), macKey, expected.AsSpan(16).ToArray()));
                byte[] opened = new byte[32 + message.Length];
                Array.Copy(expected, 16, opened, 32, message.Length);
                XChaCha20.Xor(opened, 0, key, nonce, 0, opened, 0, opened.Length);
                Assert.Equal(message, opened.AsSpan(32).ToArray());
                ran++;
            }
            Assert.Equal(10, ran);
        }

        // boxSeedKeypairs (1 case, crypto_box_curve25519xchacha20poly1305_seed_keypair) is SHA-512 and X25519,
        // not a stream cipher: it is covered by the curve helper's tests, listed here so the file's cases add up.
        [Fact]
        public void LibsodiumFile_AllArrays_Accounted()
        {
            JsonElement root = TestVectors.Json(Libsodium);
            int hchacha = root.GetProperty("hchacha20").GetArrayLength();
            int stream = root.GetProperty("xchacha20_xor").GetArrayLength();
            int box = root.GetProperty("secretbox_xchacha20poly1305").GetArrayLength();
            int coveredElsewhere = root.GetProperty("boxSeedKeypairs").GetArrayLength();
            Assert.Equal(33, hchacha + stream + box + coveredElsewhere);
            Assert.Equal(1, coveredElsewhere);
        }

        [Fact]
        public void Xor_RandomInputs_MatchesLibsodium()
        {
            var random = new SeededRandom(Output, nameof(Xor_RandomInputs_MatchesLibsodium));
            for (int i = 0; i < SeededRandom.Iterations; i++)
            {
                byte[] key = random.Bytes(XChaCha20.KeySize);
                byte[] nonce = random.Bytes(XChaCha20.NonceSize);
                byte[] input = random.Bytes(random.LengthFor(i));
                byte[] expected = Sodium.StreamEncryption.EncryptXChaCha20(input, nonce, key);
                byte[] actual = new byte[input.Length];
                XChaCha20.Xor(actual, 0, key, nonce, 0, input, 0, input.Length);
                Assert.Equal(expected, actual);
            }
        }
    }
}
