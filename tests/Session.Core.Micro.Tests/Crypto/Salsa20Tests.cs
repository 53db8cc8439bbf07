using System.Text.Json;
using Org.BouncyCastle.Crypto.Engines;
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Session.Core.Micro.Tests.Crypto
{
    public sealed class Salsa20Tests : StreamCipherContractTests
    {
        private const string Libsodium = "libsodium/salsa20_xsalsa20.json";
        private static readonly StreamUnderTest s_stream = new StreamUnderTest
        {
            KeySize = Salsa20.KeySize,
            NonceSize = Salsa20.NonceSize,
            HighStart = 0xfffffffaUL,
            LastBlock = ulong.MaxValue,
            Xor = Salsa20.Xor,
        };

        public Salsa20Tests(ITestOutputHelper output)
            : base(output, s_stream)
        {
        }

        // libsodium core4: crypto_core_salsa20 with a 16-byte input (nonce || counter) and the standard constant.
        [Fact]
        public void Core_LibsodiumVector_Matches()
        {
            int ran = 0;
            foreach (JsonElement test in TestVectors.Json(Libsodium).GetProperty("salsa20_core").EnumerateArray())
            {
                byte[] output = new byte[Salsa20.BlockSize];
                Salsa20.Core(output, test.Bytes("input"), test.Bytes("key"), test.Bytes("constant"));
                Assert.Equal(test.Bytes("output"), output);
                ran++;
            }
            Assert.Equal(1, ran);
        }

        // libsodium stream2: SHA-256 of 4 MiB of Salsa20 keystream (8-byte nonce, counter from 0).
        [Fact]
        public void Xor_LibsodiumKeystreamDigest_Matches()
        {
            Assert.Equal(1, StreamChecks.KeystreamDigestsMatch(s_stream, Libsodium, "Salsa20"));
        }

        [Fact]
        public void Xor_RandomInputs_MatchesBouncyCastle()
        {
            var random = new SeededRandom(Output, nameof(Xor_RandomInputs_MatchesBouncyCastle));
            StreamChecks.MatchesBouncyCastle(s_stream, random, () => new Salsa20Engine(), 1);
        }
    }
}
