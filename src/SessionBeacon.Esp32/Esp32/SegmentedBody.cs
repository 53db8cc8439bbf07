// A response body whose length is not known until it has all arrived (chunked, or delimited by the
// server closing the connection), held in 1 KB segments (nanoFramework and .NET). Segments never
// move once written, so the heap holds the body once while it arrives, and twice only for the final
// copy into one array of the exact length, which is what HttpResponse carries. A buffer that doubled
// as it grew would hold up to three times the body at each doubling and again at the end
// (docs/device-build.md, "Why the device has its own HTTP reader").
using System;
using Session.Core.Micro.Network;

namespace SessionBeacon.Esp32
{
    /// <summary>Collects body bytes up to a limit, then gives them as one array.</summary>
    internal sealed class SegmentedBody : IResponseSink
    {
        private const int SegmentSize = 1024;

        private readonly byte[][] _segments;
        private readonly int _limit;
        private int _length;

        /// <summary>A body of at most <paramref name="limit"/> bytes.</summary>
        public SegmentedBody(int limit)
        {
            _limit = limit;
            _segments = new byte[(limit + SegmentSize - 1) / SegmentSize][];
        }

        /// <summary>True once an append was refused for passing the limit.</summary>
        public bool Overflowed { get; private set; }

        /// <summary>Appends <paramref name="count"/> bytes; false, and nothing appended, when they would pass the limit.</summary>
        public bool Append(byte[] source, int offset, int count)
        {
            if (count > _limit - _length)
            {
                Overflowed = true;
                return false;
            }
            while (count > 0)
            {
                int index = _length / SegmentSize;
                int within = _length % SegmentSize;
                if (_segments[index] == null)
                {
                    _segments[index] = new byte[SegmentSize];
                }
                int piece = count < SegmentSize - within ? count : SegmentSize - within;
                Array.Copy(source, offset, _segments[index], within, piece);
                offset += piece;
                count -= piece;
                _length += piece;
            }
            return true;
        }

        /// <summary>Appends, as the reader's sink (ChunkedDecoder writes the chunks' data here).</summary>
        public bool Write(byte[] buffer, int offset, int count)
        {
            return Append(buffer, offset, count);
        }

        /// <summary>The body so far, in one array of its exact length.</summary>
        public byte[] ToArray()
        {
            var whole = new byte[_length];
            for (int at = 0; at < _length; at += SegmentSize)
            {
                int piece = _length - at < SegmentSize ? _length - at : SegmentSize;
                Array.Copy(_segments[at / SegmentSize], 0, whole, at, piece);
            }
            return whole;
        }
    }
}
