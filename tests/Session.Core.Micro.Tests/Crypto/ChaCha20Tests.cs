using System;
using System.Text.Json;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Session.Core.Micro.Tests.Crypto
{
    public class ChaCha20Tests
    {
        private const string Rfc8439 = "rfc/rfc8439_chacha20_poly1305.json";
        private readonly ITestOutputHelper _output;

        public ChaCha20Tests(ITestOutputHelper output)
        {
            _output = output;
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
            var random = new SeededRandom(_output, nameof(Xor_RandomInputs_MatchesBouncyCastle));
            for (int i = 0; i < SeededRandom.Iterations; i++)
            {
                byte[] key = random.Bytes(ChaCha20.KeySize);
                byte[] nonce = random.Bytes(ChaCha20.NonceSize);
                byte[] input = random.Bytes(random.LengthFor(i));
                // BouncyCastle's engine starts at block 0; reach a later counter by running it over skipped blocks.
                uint counter = (uint)random.Next(4);
                var engine = new ChaCha7539Engine();
                engine.Init(true, new ParametersWithIV(new KeyParameter(key), nonce));
                byte[] skipped = new byte[counter * ChaCha20.BlockSize];
                engine.ProcessBytes(skipped, 0, skipped.Length, skipped, 0);
                byte[] expected = new byte[input.Length];
                engine.ProcessBytes(input, 0, input.Length, expected, 0);

                byte[] actual = new byte[input.Length + 3];
                ChaCha20.Xor(actual, 3, key, nonce, counter, input, 0, input.Length);
                Assert.Equal(expected, actual.AsSpan(3).ToArray());
            }
        }

        [Fact]
        public void Xor_PiecesWithCounters_EqualOneCall()
        {
            var random = new SeededRandom(_output, nameof(Xor_PiecesWithCounters_EqualOneCall));
            for (int i = 0; i < 200; i++)
            {
                byte[] key = random.Bytes(ChaCha20.KeySize);
                byte[] nonce = random.Bytes(ChaCha20.NonceSize);
                byte[] input = random.Bytes(random.LengthFor(i));
                uint counter = (uint)random.Next(1000);
                byte[] whole = new byte[input.Length];
                ChaCha20.Xor(whole, 0, key, nonce, counter, input, 0, input.Length);

                // Pieces of whole blocks, each started at its own counter.
                byte[] pieces = new byte[input.Length];
                int done = 0;
                while (done < input.Length)
                {
                    int n = Math.Min(input.Length - done, ChaCha20.BlockSize * (1 + random.Next(3)));
                    ChaCha20.Xor(pieces, done, key, nonce, counter + (uint)(done / ChaCha20.BlockSize), input, done, n);
                    done += n;
                }
                Assert.Equal(whole, pieces);
            }
        }

        [Fact]
        public void Xor_InPlace_EqualsOutOfPlace()
        {
            var random = new SeededRandom(_output, nameof(Xor_InPlace_EqualsOutOfPlace));
            foreach (int length in SeededRandom.EdgeLengths)
            {
                byte[] key = random.Bytes(ChaCha20.KeySize);
                byte[] nonce = random.Bytes(ChaCha20.NonceSize);
                byte[] buffer = random.Bytes(length + 5);
                byte[] expected = new byte[length];
                ChaCha20.Xor(expected, 0, key, nonce, 7, buffer, 5, length);
                ChaCha20.Xor(buffer, 5, key, nonce, 7, buffer, 5, length);
                Assert.Equal(expected, buffer.AsSpan(5).ToArray());
            }
        }

        [Fact]
        public void Xor_CounterWouldWrap_Throws()
        {
            byte[] key = new byte[ChaCha20.KeySize];
            byte[] nonce = new byte[ChaCha20.NonceSize];
            byte[] data = new byte[ChaCha20.BlockSize + 1];
            // The last block (2^32 - 1) may be used; one byte more needs block 2^32.
            ChaCha20.Xor(data, 0, key, nonce, uint.MaxValue, data, 0, ChaCha20.BlockSize);
            Assert.Throws<ArgumentException>(() => ChaCha20.Xor(data, 0, key, nonce, uint.MaxValue, data, 0, ChaCha20.BlockSize + 1));
        }

        [Fact]
        public void Xor_BadArguments_Throw()
        {
            byte[] key = new byte[ChaCha20.KeySize];
            byte[] nonce = new byte[ChaCha20.NonceSize];
            byte[] data = new byte[10];
            Assert.Throws<ArgumentException>(() => ChaCha20.Xor(data, 0, new byte[31], nonce, 0, data, 0, 10));
            Assert.Throws<ArgumentException>(() => ChaCha20.Xor(data, 0, key, new byte[8], 0, data, 0, 10));
            Assert.Throws<ArgumentException>(() => ChaCha20.Xor(data, 1, key, nonce, 0, data, 0, 10));
            Assert.Throws<ArgumentException>(() => ChaCha20.Xor(data, 0, key, nonce, 0, data, -1, 5));
            Assert.Throws<ArgumentException>(() => ChaCha20.Xor(data, 0, key, nonce, 0, data, 0, -1));
            Assert.Throws<ArgumentNullException>(() => ChaCha20.Xor(null, 0, key, nonce, 0, data, 0, 0));
            Assert.Throws<ArgumentNullException>(() => ChaCha20.Xor(data, 0, null, nonce, 0, data, 0, 0));
        }
    }
}
