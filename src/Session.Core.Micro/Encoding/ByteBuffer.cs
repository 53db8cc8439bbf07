// A growable byte array for building messages (protobuf, JSON, onion layers) on a device without
// MemoryStream's cost. The array doubles when full, starting from the capacity given to the
// constructor, so n writes cost O(n) copies in all. Size a buffer for its usual message to avoid
// growing at all: every doubling allocates a new array and leaves the old one to the collector,
// which matters with ~80 KB of heap (docs/portable-csharp.md §5).
// Limits: up to int.MaxValue bytes in principle; in practice the device heap.
using System;

namespace Session.Core.Micro.Encoding
{
    /// <summary>A growable byte buffer that doubles its capacity when full.</summary>
    public sealed class ByteBuffer
    {
        private byte[] _data;
        private int _length;

        /// <summary>
        /// Creates an empty buffer with room for <paramref name="capacity"/> bytes before it grows; it
        /// then doubles (from 16 when <paramref name="capacity"/> is 0).
        /// </summary>
        /// <exception cref="ArgumentException"><paramref name="capacity"/> is negative.</exception>
        public ByteBuffer(int capacity)
        {
            if (capacity < 0)
            {
                throw Errors.Negative("capacity");
            }
            _data = new byte[capacity];
        }

        /// <summary>The number of bytes written since creation or the last <see cref="Clear"/>.</summary>
        public int Length
        {
            get { return _length; }
        }

        /// <summary>The number of bytes the buffer holds before it has to grow.</summary>
        public int Capacity
        {
            get { return _data.Length; }
        }

        /// <summary>Appends one byte.</summary>
        public void Write(byte value)
        {
            if (_length == _data.Length)
            {
                Grow(1);
            }
            _data[_length++] = value;
        }

        /// <summary>Appends <paramref name="count"/> bytes of <paramref name="data"/> from <paramref name="offset"/>.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
        /// <exception cref="ArgumentException"><paramref name="offset"/> and <paramref name="count"/> do not lie within <paramref name="data"/>.</exception>
        public void Write(byte[] data, int offset, int count)
        {
            if (data == null)
            {
                throw Errors.Null("data");
            }
            if (offset < 0 || count < 0 || offset > data.Length || data.Length - offset < count)
            {
                throw Errors.Slice("data");
            }
            int at = Reserve(count);
            Array.Copy(data, offset, _data, at, count);
        }

        /// <summary>A new array holding the <see cref="Length"/> bytes written.</summary>
        public byte[] ToArray()
        {
            byte[] copy = new byte[_length];
            Array.Copy(_data, 0, copy, 0, _length);
            return copy;
        }

        /// <summary>
        /// Copies the bytes written into <paramref name="destination"/> at <paramref name="offset"/>, with no
        /// array in between, and returns how many were copied (<see cref="Length"/>).
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="destination"/> is null.</exception>
        /// <exception cref="ArgumentException"><paramref name="destination"/> has fewer than <see cref="Length"/> bytes from <paramref name="offset"/>.</exception>
        public int CopyTo(byte[] destination, int offset)
        {
            if (destination == null)
            {
                throw Errors.Null("destination");
            }
            if (offset < 0 || offset > destination.Length || destination.Length - offset < _length)
            {
                throw Errors.Slice("destination");
            }
            Array.Copy(_data, 0, destination, offset, _length);
            return _length;
        }

        /// <summary>Forgets the bytes written and keeps the capacity, so the buffer can be reused without allocating.</summary>
        public void Clear()
        {
            _length = 0;
        }

        // The array behind the buffer, for writers in this assembly that fill reserved space in place.
        internal byte[] Storage
        {
            get { return _data; }
        }

        // Makes room for count more bytes, counts them as written and returns where they start.
        // The caller fills them in Storage (no intermediate array).
        internal int Reserve(int count)
        {
            if (_data.Length - _length < count)
            {
                Grow(count);
            }
            int at = _length;
            _length += count;
            return at;
        }

        private void Grow(int extra)
        {
            int needed = _length + extra;
            if (needed < 0)
            {
                throw Errors.BufferFull();
            }
            int capacity = _data.Length == 0 ? 16 : _data.Length;
            while (capacity < needed)
            {
                capacity = capacity > int.MaxValue / 2 ? int.MaxValue : capacity * 2;
            }
            byte[] larger = new byte[capacity];
            Array.Copy(_data, 0, larger, 0, _length);
            _data = larger;
        }
    }
}
