// The receiver's memory of the last messages it opened (docs/ratchet.md, "Replays and rollback"):
// each entry is the sender's message counter and the first 8 bytes of the packet's tag, 12 bytes.
// When a packet arrives whose key is already gone, the log tells a duplicate (same counter, same
// tag) from a rolled-back sender (same counter, different tag: the sender reused a message key
// after its stored state went back to an older copy). Counters and tags are public data.
using System;

namespace Session.Core.Micro.Ratchet
{
    internal sealed class ReceivedLog
    {
        internal const int Capacity = 16;
        internal const int TagPrefixSize = 8;
        internal const int EntrySize = 4 + TagPrefixSize;
        internal const int SerializedSize = 1 + Capacity * EntrySize;

        private readonly uint[] _sequences = new uint[Capacity];
        private readonly byte[][] _tags = new byte[Capacity][];
        private int _count;

        internal ReceivedLog()
        {
            for (int i = 0; i < Capacity; i++)
            {
                _tags[i] = new byte[TagPrefixSize];
            }
        }

        /// <summary>The index of <paramref name="sequence"/> in the log, or -1.</summary>
        internal int Find(uint sequence)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_sequences[i] == sequence)
                {
                    return i;
                }
            }
            return -1;
        }

        /// <summary>True when entry <paramref name="index"/> has the tag prefix found at <paramref name="tagOffset"/>.</summary>
        internal bool SameTag(int index, byte[] packet, int tagOffset)
        {
            byte[] tag = _tags[index];
            for (int i = 0; i < TagPrefixSize; i++)
            {
                if (tag[i] != packet[tagOffset + i])
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>Records an opened message, forgetting the oldest entry when full.</summary>
        internal void Add(uint sequence, byte[] packet, int tagOffset)
        {
            if (_count == Capacity)
            {
                byte[] oldest = _tags[0];
                for (int i = 0; i < Capacity - 1; i++)
                {
                    _sequences[i] = _sequences[i + 1];
                    _tags[i] = _tags[i + 1];
                }
                _tags[Capacity - 1] = oldest;
                _count--;
            }
            _sequences[_count] = sequence;
            Array.Copy(packet, tagOffset, _tags[_count], 0, TagPrefixSize);
            _count++;
        }

        internal void CopyTo(ReceivedLog other)
        {
            for (int i = 0; i < Capacity; i++)
            {
                other._sequences[i] = _sequences[i];
                Array.Copy(_tags[i], 0, other._tags[i], 0, TagPrefixSize);
            }
            other._count = _count;
        }

        internal void Write(byte[] buffer, int offset)
        {
            buffer[offset] = (byte)_count;
            int at = offset + 1;
            for (int i = 0; i < Capacity; i++)
            {
                RatchetHeader.WriteUInt32(buffer, at, i < _count ? _sequences[i] : 0);
                if (i < _count)
                {
                    Array.Copy(_tags[i], 0, buffer, at + 4, TagPrefixSize);
                }
                else
                {
                    Array.Clear(buffer, at + 4, TagPrefixSize);
                }
                at += EntrySize;
            }
        }

        /// <summary>Reads what <see cref="Write"/> wrote; false when the count is impossible.</summary>
        internal bool Read(byte[] buffer, int offset)
        {
            int count = buffer[offset];
            if (count > Capacity)
            {
                return false;
            }
            int at = offset + 1;
            for (int i = 0; i < Capacity; i++)
            {
                _sequences[i] = i < count ? RatchetHeader.ReadUInt32(buffer, at) : 0;
                if (i < count)
                {
                    Array.Copy(buffer, at + 4, _tags[i], 0, TagPrefixSize);
                }
                else
                {
                    Array.Clear(_tags[i], 0, TagPrefixSize);
                }
                at += EntrySize;
            }
            _count = count;
            return true;
        }
    }
}
