using System;
using Session.Core.Micro.Crypto;

namespace Session.Core.Micro.Tests.Support
{
    /// <summary>An endless deterministic <see cref="IRandomSource"/> from a 64-bit seed, for schedules that must replay exactly.</summary>
    public sealed class DeterministicRandomSource : IRandomSource
    {
        private readonly Random _random;

        public DeterministicRandomSource(long seed)
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
