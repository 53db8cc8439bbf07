using System;
using Session.Core.Micro.Crypto;

namespace Session.Core.Micro.Tests.Support
{
    /// <summary>A deterministic <see cref="IRandomSource"/>: hands out the given bytes in order, then fails loudly.</summary>
    public sealed class FixedRandom : IRandomSource
    {
        private readonly byte[] _bytes;
        private int _used;

        public FixedRandom(byte[] bytes)
        {
            _bytes = bytes;
        }

        public void Fill(byte[] buffer, int offset, int count)
        {
            if (_used + count > _bytes.Length)
            {
                throw new InvalidOperationException("FixedRandom ran out: " + count + " bytes asked, " + (_bytes.Length - _used) + " left");
            }
            Array.Copy(_bytes, _used, buffer, offset, count);
            _used += count;
        }
    }
}
