using System;
using System.Linq;
using System.Text.Json;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Xunit;

namespace Session.Core.Micro.Tests.Support
{
    /// <summary>One stream cipher as the shared checks (and Crypto/StreamCipherContractTests) see it: sizes, counters, its Xor.</summary>
    public sealed class StreamUnderTest
    {
        public int KeySize { get; init; }
        public int NonceSize { get; init; }

        /// <summary>The highest block number the counter reaches: 2^32 - 1 (ChaCha20) or 2^64 - 1.</summary>
        public ulong LastBlock { get; init; }

        /// <summary>A start counter near a carry (past 2^32 for a 64-bit counter) from which 4 KiB still fit.</summary>
        public ulong HighStart { get; init; }

        /// <summary>(output, outputOffset, key, nonce, counter, input, inputOffset, count)</summary>
        public Action<byte[], int, byte[], byte[], ulong, byte[], int, int> Xor { get; init; }
    }

    /// <summary>Checks two stream ciphers share besides the contract: a BouncyCastle engine as reference, libsodium's keystream digests.</summary>
    public static class StreamChecks
    {
        /// <summary>
        /// Random keys, nonces, inputs and small start counters against a BouncyCastle engine, which starts at block 0
        /// and so reaches a later counter by running over the skipped blocks; our output lands at outputOffset.
        /// </summary>
        public static void MatchesBouncyCastle(StreamUnderTest stream, SeededRandom random, Func<IStreamCipher> engineFactory, int outputOffset)
        {
            for (int i = 0; i < SeededRandom.Iterations; i++)
            {
                byte[] key = random.Bytes(stream.KeySize);
                byte[] nonce = random.Bytes(stream.NonceSize);
                byte[] input = random.Bytes(random.LengthFor(i));
                int counter = random.Next(4);
                IStreamCipher engine = engineFactory();
                engine.Init(true, new ParametersWithIV(new KeyParameter(key), nonce));
                byte[] skipped = new byte[counter * 64];
                engine.ProcessBytes(skipped, 0, skipped.Length, skipped, 0);
                byte[] expected = new byte[input.Length];
                engine.ProcessBytes(input, 0, input.Length, expected, 0);

                byte[] actual = new byte[input.Length + outputOffset];
                stream.Xor(actual, outputOffset, key, nonce, (ulong)counter, input, 0, input.Length);
                Assert.Equal(expected, actual.AsSpan(outputOffset).ToArray());
            }
        }

        /// <summary>
        /// SHA-256 of a long keystream (counter from 0) for each case of libsodium's keystream_sha256 array in
        /// <paramref name="file"/> whose cipher is <paramref name="cipher"/>; returns the number of cases.
        /// </summary>
        public static int KeystreamDigestsMatch(StreamUnderTest stream, string file, string cipher)
        {
            int ran = 0;
            foreach (JsonElement test in TestVectors.Json(file).GetProperty("keystream_sha256").EnumerateArray().Where(t => t.Text("cipher") == cipher))
            {
                byte[] key = test.Bytes("key");
                byte[] nonce = test.Bytes("nonce");
                byte[] digest = KeystreamDigest.Sha256(test.GetProperty("length").GetInt64(),
                    (chunk, counter, zeros, n) => stream.Xor(chunk, 0, key, nonce, counter, zeros, 0, n));
                Assert.Equal(test.Bytes("sha256"), digest);
                ran++;
            }
            return ran;
        }
    }
}
