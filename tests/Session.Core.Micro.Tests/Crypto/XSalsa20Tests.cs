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
    public class XSalsa20Tests
    {
        private const string Libsodium = "libsodium/salsa20_xsalsa20.json";
        private readonly ITestOutputHelper _output;

        public XSalsa20Tests(ITestOutputHelper output)
        {
            _output = output;
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
            int ran = 0;
            foreach (JsonElement test in TestVectors.Json(Libsodium).GetProperty("keystream_sha256").EnumerateArray().Where(t => t.Text("cipher") == "XSalsa20"))
            {
                byte[] key = test.Bytes("key");
                byte[] nonce = test.Bytes("nonce");
                byte[] digest = KeystreamDigest.Sha256(test.GetProperty("length").GetInt64(),
                    (chunk, counter, zeros, n) => XSalsa20.Xor(chunk, 0, key, nonce, counter, zeros, 0, n));
                Assert.Equal(test.Bytes("sha256"), digest);
                ran++;
            }
            Assert.Equal(1, ran);
            Assert.Equal(2, TestVectors.Json(Libsodium).GetProperty("keystream_sha256").GetArrayLength()); // the other is in Salsa20Tests
        }

        [Fact]
        public void Xor_RandomInputs_MatchesBouncyCastleAndLibsodium()
        {
            var random = new SeededRandom(_output, nameof(Xor_RandomInputs_MatchesBouncyCastleAndLibsodium));
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

        [Theory]
        [InlineData(0UL)]
        [InlineData(0xfffffffdUL)]
        public void Xor_PiecesWithCountersAndInPlace_EqualOneCall(ulong start)
        {
            var random = new SeededRandom(_output, nameof(Xor_PiecesWithCountersAndInPlace_EqualOneCall));
            for (int i = 0; i < 100; i++)
            {
                byte[] key = random.Bytes(XSalsa20.KeySize);
                byte[] nonce = random.Bytes(XSalsa20.NonceSize);
                byte[] input = random.Bytes(random.LengthFor(i));
                byte[] whole = new byte[input.Length];
                XSalsa20.Xor(whole, 0, key, nonce, start, input, 0, input.Length);
                byte[] pieces = new byte[input.Length];
                for (int done = 0; done < input.Length; done += 128)
                {
                    int n = Math.Min(128, input.Length - done);
                    XSalsa20.Xor(pieces, done, key, nonce, start + (ulong)(done / 64), input, done, n);
                }
                Assert.Equal(whole, pieces);
                XSalsa20.Xor(input, 0, key, nonce, start, input, 0, input.Length);
                Assert.Equal(whole, input);
            }
        }

        [Fact]
        public void Xor_BadArguments_Throw()
        {
            byte[] key = new byte[XSalsa20.KeySize];
            byte[] data = new byte[10];
            Assert.Throws<ArgumentException>(() => XSalsa20.Xor(data, 0, key, new byte[8], 0, data, 0, 10));
            Assert.Throws<ArgumentException>(() => XSalsa20.Xor(data, 0, new byte[31], new byte[24], 0, data, 0, 10));
            Assert.Throws<ArgumentException>(() => XSalsa20.Xor(data, 0, key, new byte[24], ulong.MaxValue, data, 0, 65));
            Assert.Throws<ArgumentNullException>(() => XSalsa20.Xor(data, 0, key, null, 0, data, 0, 10));
        }
    }
}
