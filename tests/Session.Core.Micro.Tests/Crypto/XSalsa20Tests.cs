using System.Text.Json;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Session.Core.Micro.Tests.Crypto
{
    public sealed class XSalsa20Tests : StreamCipherContractTests
    {
        private const string Libsodium = "libsodium/salsa20_xsalsa20.json";
        private static readonly StreamUnderTest s_stream = new StreamUnderTest
        {
            KeySize = XSalsa20.KeySize,
            NonceSize = XSalsa20.NonceSize,
            HighStart = 0xfffffffdUL,
            LastBlock = ulong.MaxValue,
            Xor = XSalsa20.Xor,
        };

        public XSalsa20Tests(ITestOutputHelper output)
            : base(output, s_stream)
        {
        }

        // libsodium stream3/stream4 and the 17 cases whose 64-bit counter crosses 2^32.
        [Fact]
        public void Xor_LibsodiumVectors_Match()
        {
            int ran = 0;
            int crossing = 0;
            foreach (JsonElement test in TestVectors.Json(Libsodium).GetProperty("xsalsa20_xor").EnumerateArray())
            {
                byte[] plaintext = test.Bytes("plaintext");
                ulong counter = test.GetProperty("initialCounter").GetUInt64();
                byte[] output = new byte[plaintext.Length];
                XSalsa20.Xor(output, 0, test.Bytes("key"), test.Bytes("nonce"), counter, plaintext, 0, plaintext.Length);
                Assert.Equal(test.Bytes("ciphertext"), output);
                if (counter < 0x100000000UL && counter + (ulong)(plaintext.Length / 64) > 0x100000000UL)
                {
                    crossing++;
                }
                ran++;
            }
            Assert.Equal(19, ran);
            Assert.Equal(17, crossing);
        }

        // libsodium stream: SHA-256 of 4 MiB of XSalsa20 keystream from counter 0.
        [Fact]
        public void Xor_LibsodiumKeystreamDigest_Matches()
        {
            Assert.Equal(1, StreamChecks.KeystreamDigestsMatch(s_stream, Libsodium, "XSalsa20"));
            Assert.Equal(2, TestVectors.Json(Libsodium).GetProperty("keystream_sha256").GetArrayLength()); // the other is in Salsa20Tests
        }

        [Fact]
        public void Xor_RandomInputs_MatchesBouncyCastleAndLibsodium()
        {
            var random = new SeededRandom(Output, nameof(Xor_RandomInputs_MatchesBouncyCastleAndLibsodium));
            for (int i = 0; i < SeededRandom.Iterations; i++)
            {
                byte[] key = random.Bytes(XSalsa20.KeySize);
                byte[] nonce = random.Bytes(XSalsa20.NonceSize);
                byte[] input = random.Bytes(random.LengthFor(i));
                var engine = new XSalsa20Engine();
                engine.Init(true, new ParametersWithIV(new KeyParameter(key), nonce));
                byte[] expected = new byte[input.Length];
                engine.ProcessBytes(input, 0, input.Length, expected, 0);

                byte[] actual = new byte[input.Length];
                XSalsa20.Xor(actual, 0, key, nonce, 0, input, 0, input.Length);
                Assert.Equal(expected, actual);
                Assert.Equal(Sodium.StreamEncryption.Encrypt(input, nonce, key), actual);
            }
        }
    }
}
