using System;
using System.Linq;
using System.Text.Json;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Session.Core.Micro.Tests.Crypto
{
    public class Salsa20Tests
    {
        private const string Libsodium = "libsodium/salsa20_xsalsa20.json";
        private readonly ITestOutputHelper _output;

        public Salsa20Tests(ITestOutputHelper output)
        {
            _output = output;
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
            int ran = 0;
            foreach (JsonElement test in TestVectors.Json(Libsodium).GetProperty("keystream_sha256").EnumerateArray().Where(t => t.Text("cipher") == "Salsa20"))
            {
                byte[] key = test.Bytes("key");
                byte[] nonce = test.Bytes("nonce");
                byte[] digest = KeystreamDigest.Sha256(test.GetProperty("length").GetInt64(),
                    (chunk, counter, zeros, n) => Salsa20.Xor(chunk, 0, key, nonce, counter, zeros, 0, n));
                Assert.Equal(test.Bytes("sha256"), digest);
                ran++;
            }
            Assert.Equal(1, ran);
        }

        [Fact]
        public void Xor_RandomInputs_MatchesBouncyCastle()
        {
            var random = new SeededRandom(_output, nameof(Xor_RandomInputs_MatchesBouncyCastle));
            for (int i = 0; i < SeededRandom.Iterations; i++)
            {
                byte[] key = random.Bytes(Salsa20.KeySize);
                byte[] nonce = random.Bytes(Salsa20.NonceSize);
                byte[] input = random.Bytes(random.LengthFor(i));
                // BouncyCastle starts at block 0; reach a later counter by running it over skipped blocks.
                ulong counter = (ulong)random.Next(4);
                var engine = new Salsa20Engine();
                engine.Init(true, new ParametersWithIV(new KeyParameter(key), nonce));
                byte[] skipped = new byte[(int)counter * Salsa20.BlockSize];
                engine.ProcessBytes(skipped, 0, skipped.Length, skipped, 0);
                byte[] expected = new byte[input.Length];
                engine.ProcessBytes(input, 0, input.Length, expected, 0);

                byte[] actual = new byte[input.Length + 1];
                Salsa20.Xor(actual, 1, key, nonce, counter, input, 0, input.Length);
                Assert.Equal(expected, actual.AsSpan(1).ToArray());
            }
        }

        // Pieces started at their own counters equal one call, also when the 64-bit counter carries past 2^32.
        [Theory]
        [InlineData(0UL)]
        [InlineData(0xfffffffaUL)]
        public void Xor_PiecesWithCounters_EqualOneCall(ulong start)
        {
            var random = new SeededRandom(_output, nameof(Xor_PiecesWithCounters_EqualOneCall));
            for (int i = 0; i < 100; i++)
            {
                byte[] key = random.Bytes(Salsa20.KeySize);
                byte[] nonce = random.Bytes(Salsa20.NonceSize);
                byte[] input = random.Bytes(random.LengthFor(i));
                byte[] whole = new byte[input.Length];
                Salsa20.Xor(whole, 0, key, nonce, start, input, 0, input.Length);
                byte[] pieces = new byte[input.Length];
                int done = 0;
                while (done < input.Length)
                {
                    int n = Math.Min(input.Length - done, Salsa20.BlockSize * (1 + random.Next(3)));
                    Salsa20.Xor(pieces, done, key, nonce, start + (ulong)(done / Salsa20.BlockSize), input, done, n);
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
                byte[] key = random.Bytes(Salsa20.KeySize);
                byte[] nonce = random.Bytes(Salsa20.NonceSize);
                byte[] buffer = random.Bytes(length + 2);
                byte[] expected = new byte[length];
                Salsa20.Xor(expected, 0, key, nonce, 3, buffer, 2, length);
                Salsa20.Xor(buffer, 2, key, nonce, 3, buffer, 2, length);
                Assert.Equal(expected, buffer.AsSpan(2).ToArray());
            }
        }

        [Fact]
        public void Xor_CounterWouldWrap_Throws()
        {
            byte[] key = new byte[Salsa20.KeySize];
            byte[] nonce = new byte[Salsa20.NonceSize];
            byte[] data = new byte[Salsa20.BlockSize + 1];
            Salsa20.Xor(data, 0, key, nonce, ulong.MaxValue, data, 0, Salsa20.BlockSize);
            Assert.Throws<ArgumentException>(() => Salsa20.Xor(data, 0, key, nonce, ulong.MaxValue, data, 0, Salsa20.BlockSize + 1));
        }

        [Fact]
        public void Xor_BadArguments_Throw()
        {
            byte[] key = new byte[Salsa20.KeySize];
            byte[] nonce = new byte[Salsa20.NonceSize];
            byte[] data = new byte[10];
            Assert.Throws<ArgumentException>(() => Salsa20.Xor(data, 0, new byte[16], nonce, 0, data, 0, 10));
            Assert.Throws<ArgumentException>(() => Salsa20.Xor(data, 0, key, new byte[12], 0, data, 0, 10));
            Assert.Throws<ArgumentException>(() => Salsa20.Xor(data, 0, key, nonce, 0, data, 1, 10));
            Assert.Throws<ArgumentNullException>(() => Salsa20.Xor(data, 0, key, nonce, 0, null, 0, 0));
        }
    }
}
