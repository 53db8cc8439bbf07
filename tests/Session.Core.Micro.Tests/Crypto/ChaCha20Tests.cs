using System;
using System.Text.Json;
using Org.BouncyCastle.Crypto.Engines;
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Session.Core.Micro.Tests.Crypto
{
    public sealed class ChaCha20Tests : StreamCipherContractTests
    {
        private const string Rfc8439 = "rfc/rfc8439_chacha20_poly1305.json";
        private static readonly StreamUnderTest s_stream = new StreamUnderTest
        {
            KeySize = ChaCha20.KeySize,
            NonceSize = ChaCha20.NonceSize,
            HighStart = uint.MaxValue - 100,
            LastBlock = uint.MaxValue,
            Xor = (output, outputOffset, key, nonce, counter, input, inputOffset, count) =>
                ChaCha20.Xor(output, outputOffset, key, nonce, checked((uint)counter), input, inputOffset, count),
        };

        public ChaCha20Tests(ITestOutputHelper output)
            : base(output, s_stream)
        {
        }

        // RFC 8439 §2.1.1: the quarter-round on four words.
        [Fact]
        public void QuarterRound_Rfc8439Vectors_Match()
        {
            int ran = 0;
            foreach (JsonElement test in TestVectors.Json(Rfc8439).GetProperty("quarterRound").EnumerateArray())
            {
                uint[] x = new uint[16];
                for (int i = 0; i < 4; i++)
                {
                    x[i] = Bits.ParseWord(test.GetProperty("input")[i].GetString());
                }
                ChaCha20.QuarterRound(x, 0, 1, 2, 3);
                for (int i = 0; i < 4; i++)
                {
                    Assert.Equal(Bits.ParseWord(test.GetProperty("output")[i].GetString()), x[i]);
                }
                ran++;
            }
            Assert.Equal(1, ran);
        }

        // RFC 8439 §2.2.1: the quarter-round on chosen indices of a full state.
        [Fact]
        public void QuarterRound_Rfc8439OnState_Matches()
        {
            int ran = 0;
            foreach (JsonElement test in TestVectors.Json(Rfc8439).GetProperty("quarterRoundOnState").EnumerateArray())
            {
                uint[] x = new uint[16];
                for (int i = 0; i < 16; i++)
                {
                    x[i] = Bits.ParseWord(test.GetProperty("state")[i].GetString());
                }
                JsonElement indices = test.GetProperty("indices");
                ChaCha20.QuarterRound(x, indices[0].GetInt32(), indices[1].GetInt32(), indices[2].GetInt32(), indices[3].GetInt32());
                for (int i = 0; i < 16; i++)
                {
                    Assert.Equal(Bits.ParseWord(test.GetProperty("output")[i].GetString()), x[i]);
                }
                ran++;
            }
            Assert.Equal(1, ran);
        }

        // RFC 8439 §2.3.2 and A.1: one serialised block = Xor of 64 zero bytes.
        [Fact]
        public void Xor_Rfc8439BlockVectors_GiveKeystream()
        {
            int ran = 0;
            foreach (JsonElement test in TestVectors.Json(Rfc8439).GetProperty("chacha20Block").EnumerateArray())
            {
                byte[] expected = test.Bytes("keystream");
                byte[] actual = new byte[expected.Length];
                ChaCha20.Xor(actual, 0, test.Bytes("key"), test.Bytes("nonce"), test.GetProperty("counter").GetUInt32(), new byte[expected.Length], 0, expected.Length);
                Assert.Equal(expected, actual);
                ran++;
            }
            Assert.Equal(6, ran);
        }

        // RFC 8439 §2.4.2 and A.2.
        [Fact]
        public void Xor_Rfc8439EncryptVectors_Match()
        {
            int ran = 0;
            foreach (JsonElement test in TestVectors.Json(Rfc8439).GetProperty("chacha20Encrypt").EnumerateArray())
            {
                byte[] plaintext = test.Bytes("plaintext");
                byte[] expected = test.Bytes("ciphertext");
                byte[] actual = new byte[plaintext.Length];
                uint counter = test.GetProperty("counter").GetUInt32();
                ChaCha20.Xor(actual, 0, test.Bytes("key"), test.Bytes("nonce"), counter, plaintext, 0, plaintext.Length);
                Assert.Equal(expected, actual);
                byte[] back = new byte[plaintext.Length];
                ChaCha20.Xor(back, 0, test.Bytes("key"), test.Bytes("nonce"), counter, actual, 0, actual.Length);
                Assert.Equal(plaintext, back);
                ran++;
            }
            Assert.Equal(4, ran);
        }

        // RFC 8439 §2.6.2 and A.4: the Poly1305 one-time key is the first 32 bytes of block 0.
        [Fact]
        public void Xor_Rfc8439Poly1305KeyGen_GivesOneTimeKey()
        {
            int ran = 0;
            foreach (JsonElement test in TestVectors.Json(Rfc8439).GetProperty("poly1305KeyGen").EnumerateArray())
            {
                byte[] otk = new byte[Poly1305.KeySize];
                ChaCha20.Xor(otk, 0, test.Bytes("key"), test.Bytes("nonce"), 0, new byte[otk.Length], 0, otk.Length);
                Assert.Equal(test.Bytes("otk"), otk);
                ran++;
            }
            Assert.Equal(4, ran);
        }

        [Fact]
        public void Xor_RandomInputs_MatchesBouncyCastle()
        {
            var random = new SeededRandom(Output, nameof(Xor_RandomInputs_MatchesBouncyCastle));
            StreamChecks.MatchesBouncyCastle(s_stream, random, () => new ChaCha7539Engine(), 3);
        }
    }
}
