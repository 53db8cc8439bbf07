using System;
using Session.Core.Micro.Crypto;

namespace Session.Core.Micro.Tests.Support
{
    /// <summary>An endless deterministic <see cref="IRandomSource"/> from a seed, for schedules that must replay exactly.</summary>
    public sealed class SeededRandomSource : IRandomSource
    {
        private readonly Random _random;

        public SeededRandomSource(long seed)
        {
            _random = new Random(unchecked((int)seed ^ (int)(seed >> 32)));
        }

        public void Fill(byte[] buffer, int offset, int count)
        {
            var bytes = new byte[count];
            _random.NextBytes(bytes);
            Array.Copy(bytes, 0, buffer, offset, count);
        }
    }
}
