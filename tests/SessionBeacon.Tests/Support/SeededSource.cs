using System;
using Session.Core.Micro.Crypto;

namespace SessionBeacon.Tests.Support
{
    /// <summary>A deterministic IRandomSource: the same seed gives the same bytes, so payloads can be rebuilt byte for byte.</summary>
    internal sealed class SeededSource : IRandomSource
    {
        private readonly Random _random;

        public SeededSource(int seed)
        {
            _random = new Random(seed);
        }

        public void Fill(byte[] buffer, int offset, int count)
        {
            _random.NextBytes(new Span<byte>(buffer, offset, count));
        }
    }
}
