using System;
using Xunit.Abstractions;

namespace Session.Core.Micro.Tests.Support
{
    /// <summary>
    /// Randomness for differential tests that can be replayed: the seed comes from
    /// SESSIONBEACON_TEST_SEED when set, and is always printed to the test output.
    /// SESSIONBEACON_LONG_RUN=1 raises the iteration count (docs/testing.md).
    /// </summary>
    public sealed class SeededRandom
    {
        /// <summary>The lengths every differential test covers, besides random ones.</summary>
        public static readonly int[] EdgeLengths = { 0, 1, 15, 16, 17, 63, 64, 65, 127, 128, 129, 1000, 4096 };

        private readonly Random _random;

        public SeededRandom(ITestOutputHelper output, string name)
        {
            string fromEnvironment = Environment.GetEnvironmentVariable("SESSIONBEACON_TEST_SEED");
            Seed = string.IsNullOrEmpty(fromEnvironment) ? Random.Shared.Next() : int.Parse(fromEnvironment);
            _random = new Random(Seed);
            output.WriteLine(name + ": seed " + Seed + " (replay with SESSIONBEACON_TEST_SEED=" + Seed + ")");
        }

        public int Seed { get; }

        /// <summary>1,000 per primitive in CI; 100,000 with SESSIONBEACON_LONG_RUN=1.</summary>
        public static int Iterations => Environment.GetEnvironmentVariable("SESSIONBEACON_LONG_RUN") == "1" ? 100_000 : 1_000;

        public byte[] Bytes(int length)
        {
            var bytes = new byte[length];
            _random.NextBytes(bytes);
            return bytes;
        }

        public int Next(int maxExclusive) => _random.Next(maxExclusive);

        /// <summary>The i-th message length of a run: the edge lengths first, then random ones up to 4 KiB.</summary>
        public int LengthFor(int iteration) => iteration < EdgeLengths.Length ? EdgeLengths[iteration] : _random.Next(4097);
    }
}
