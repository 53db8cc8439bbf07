// Protobuf (proto2) wire format reader, https://protobuf.dev/programming-guides/encoding/, for the
// Session schemas in docs/protocol.md §2.4. It walks a byte range field by field without copying:
// Next() reads a tag, then the caller reads the value with the Read method for its type or skips
// it. Embedded messages are read with ReadMessage, a reader over the same array.
// Everything that comes from outside is checked, and each problem is a MalformedDataException
// naming it and its offset in the array: a truncated varint or fixed value, a varint over 10 bytes
// or 64 bits, a tag over 32 bits, a length past the end, field number 0, wire types 6 and 7, and
// groups (wire types 3 and 4, deprecated and unused by Session). Reading a field with the wrong
// Read method is malformed data too: the sender used another type than the schema says.
// Limits: one message of up to int.MaxValue bytes; values are not checked against the schema.
using System;

namespace Session.Core.Micro.Encoding
{
    /// <summary>Reads protobuf fields from a byte range, one at a time.</summary>
    public sealed class ProtobufReader
    {
        private const int MaxVarintBytes = 10;

        private readonly byte[] _data;
        private readonly int _end;
        private int _position;
        private int _fieldNumber;
        private ProtobufWireType _wireType;
        private int _tagOffset;
        private bool _valuePending;

        /// <summary>Creates a reader over all of <paramref name="data"/>.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
        public ProtobufReader(byte[] data)
            : this(data, 0, data == null ? 0 : data.Length)
        {
        }

        /// <summary>Creates a reader over <paramref name="count"/> bytes of <paramref name="data"/> from <paramref name="offset"/>.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
        /// <exception cref="ArgumentException"><paramref name="offset"/> and <paramref name="count"/> do not lie within <paramref name="data"/>.</exception>
        public ProtobufReader(byte[] data, int offset, int count)
        {
            if (data == null)
            {
                throw Errors.Null("data");
            }
            if (offset < 0 || count < 0 || offset > data.Length || data.Length - offset < count)
            {
                throw Errors.Slice("data");
            }
            _data = data;
            _position = offset;
            _end = offset + count;
        }

        /// <summary>The array being read; <see cref="ReadLengthDelimited"/> returns offsets into it.</summary>
        public byte[] Data
        {
            get { return _data; }
        }

        /// <summary>Where the next byte will be read, as an index into <see cref="Data"/>.</summary>
        public int Position
        {
            get { return _position; }
        }

        /// <summary>The current field's number, 1 to 2^29 - 1, after <see cref="Next"/> returned true; 0 before.</summary>
        public int FieldNumber
        {
            get { return _fieldNumber; }
        }

        /// <summary>The current field's wire type, after <see cref="Next"/> returned true.</summary>
        public ProtobufWireType WireType
        {
            get { return _wireType; }
        }

        /// <summary>
        /// Moves to the next field and returns true, or returns false at the end of the range. A value
        /// left unread is skipped first.
        /// </summary>
        /// <exception cref="MalformedDataException">
        /// The tag (or the unread value before it) is malformed: truncated, over 32 bits, field number 0,
        /// wire type 6 or 7, or a group (wire type 3 or 4).
        /// </exception>
        public bool Next()
        {
            if (_valuePending)
            {
                SkipField();
            }
            if (_position == _end)
            {
                _fieldNumber = 0;
                return false;
            }
            int start = _position;
            ulong tag = ReadRawVarint();
            if (tag > 0xFFFFFFFFUL)
            {
                throw Errors.TagTooLarge(start);
            }
            int wireType = (int)(tag & 7);
            int field = (int)(tag >> 3);
            if (field == 0)
            {
                throw Errors.FieldZero(start);
            }
            if (wireType == 3 || wireType == 4)
            {
                throw Errors.Group(start, field);
            }
            if (wireType > 5)
            {
                throw Errors.BadWireType(start, wireType);
            }
            _tagOffset = start;
            _fieldNumber = field;
            _wireType = (ProtobufWireType)wireType;
            _valuePending = true;
            return true;
        }

        /// <summary>Reads the current field's value as a varint (wire type 0).</summary>
        /// <exception cref="InvalidOperationException">There is no current field: <see cref="Next"/> was not called, returned false, or its value was read.</exception>
        /// <exception cref="MalformedDataException">The field is not a varint, or the varint is truncated, over 10 bytes or over 64 bits.</exception>
        public ulong ReadVarint()
        {
            Expect(ProtobufWireType.Varint);
            return ReadRawVarint();
        }

        /// <summary>Reads a uint32 field: the varint's low 32 bits, as protobuf parsers do.</summary>
        /// <exception cref="InvalidOperationException">There is no current field.</exception>
        /// <exception cref="MalformedDataException">The field is not a varint, or the varint is malformed.</exception>
        public uint ReadUInt32()
        {
            return (uint)ReadVarint();
        }

        /// <summary>Reads a uint64 field.</summary>
        /// <exception cref="InvalidOperationException">There is no current field.</exception>
        /// <exception cref="MalformedDataException">The field is not a varint, or the varint is malformed.</exception>
        public ulong ReadUInt64()
        {
            return ReadVarint();
        }

        /// <summary>Reads an enum field: the varint's low 32 bits as a signed value.</summary>
        /// <exception cref="InvalidOperationException">There is no current field.</exception>
        /// <exception cref="MalformedDataException">The field is not a varint, or the varint is malformed.</exception>
        public int ReadEnum()
        {
            return (int)ReadVarint();
        }

        /// <summary>Reads a bool field: any non-zero varint is true, as protobuf parsers do.</summary>
        /// <exception cref="InvalidOperationException">There is no current field.</exception>
        /// <exception cref="MalformedDataException">The field is not a varint, or the varint is malformed.</exception>
        public bool ReadBool()
        {
            return ReadVarint() != 0;
        }

        /// <summary>Reads a fixed64 field (wire type 1): 8 bytes, little-endian.</summary>
        /// <exception cref="InvalidOperationException">There is no current field.</exception>
        /// <exception cref="MalformedDataException">The field is not fixed64, or fewer than 8 bytes are left.</exception>
        public ulong ReadFixed64()
        {
            Expect(ProtobufWireType.Fixed64);
            int at = Take(8);
            ulong value = 0;
            for (int i = 7; i >= 0; i--)
            {
                value = value << 8 | _data[at + i];
            }
            return value;
        }

        /// <summary>Reads a fixed32 field (wire type 5): 4 bytes, little-endian.</summary>
        /// <exception cref="InvalidOperationException">There is no current field.</exception>
        /// <exception cref="MalformedDataException">The field is not fixed32, or fewer than 4 bytes are left.</exception>
        public uint ReadFixed32()
        {
            Expect(ProtobufWireType.Fixed32);
            int at = Take(4);
            return (uint)(_data[at] | _data[at + 1] << 8 | _data[at + 2] << 16 | _data[at + 3] << 24);
        }

        /// <summary>Reads a bytes field (wire type 2) into a new array.</summary>
        /// <exception cref="InvalidOperationException">There is no current field.</exception>
        /// <exception cref="MalformedDataException">The field is not length-delimited, its length is malformed or runs past the end.</exception>
        public byte[] ReadBytes()
        {
            int count;
            int offset = ReadLengthDelimited(out count);
            byte[] bytes = new byte[count];
            Array.Copy(_data, offset, bytes, 0, count);
            return bytes;
        }

        /// <summary>
        /// Reads a length-delimited field (wire type 2) without copying: returns where its bytes start
        /// in <see cref="Data"/> and sets <paramref name="count"/> to their number.
        /// </summary>
        /// <exception cref="InvalidOperationException">There is no current field.</exception>
        /// <exception cref="MalformedDataException">The field is not length-delimited, its length is malformed or runs past the end.</exception>
        public int ReadLengthDelimited(out int count)
        {
            Expect(ProtobufWireType.LengthDelimited);
            int lengthOffset = _position;
            ulong length = ReadRawVarint();
            int left = _end - _position;
            if (length > (ulong)left)
            {
                throw Errors.LengthPastEnd(lengthOffset, length, left);
            }
            count = (int)length;
            int offset = _position;
            _position += count;
            return offset;
        }

        /// <summary>Reads a string field: length-delimited, strict UTF-8.</summary>
        /// <exception cref="InvalidOperationException">There is no current field.</exception>
        /// <exception cref="MalformedDataException">
        /// The field is not length-delimited, its length is malformed or runs past the end, or its bytes are not UTF-8.
        /// </exception>
        public string ReadString()
        {
            int count;
            int offset = ReadLengthDelimited(out count);
            return Utf8.Decode(_data, offset, count);
        }

        /// <summary>Reads an embedded message field as a reader over its bytes (no copy).</summary>
        /// <exception cref="InvalidOperationException">There is no current field.</exception>
        /// <exception cref="MalformedDataException">The field is not length-delimited, its length is malformed or runs past the end.</exception>
        public ProtobufReader ReadMessage()
        {
            int count;
            int offset = ReadLengthDelimited(out count);
            return new ProtobufReader(_data, offset, count);
        }

        /// <summary>Skips the current field's value, whatever its wire type: for fields the schema does not know.</summary>
        /// <exception cref="InvalidOperationException">There is no current field.</exception>
        /// <exception cref="MalformedDataException">The value is truncated, or a varint or length in it is malformed.</exception>
        public void SkipField()
        {
            if (!_valuePending)
            {
                throw Errors.NoCurrentField();
            }
            switch (_wireType)
            {
                case ProtobufWireType.Varint:
                    ReadVarint();
                    break;
                case ProtobufWireType.Fixed64:
                    ReadFixed64();
                    break;
                case ProtobufWireType.Fixed32:
                    ReadFixed32();
                    break;
                default:
                    int count;
                    ReadLengthDelimited(out count);
                    break;
            }
        }

        // Checks that a value is pending and has the wire type the caller reads it as, and marks it read.
        private void Expect(ProtobufWireType wireType)
        {
            if (!_valuePending)
            {
                throw Errors.NoCurrentField();
            }
            if (_wireType != wireType)
            {
                throw Errors.WireTypeMismatch(_tagOffset, _fieldNumber, (int)_wireType, (int)wireType);
            }
            _valuePending = false;
        }

        // Consumes size bytes of a fixed value and returns where they start.
        private int Take(int size)
        {
            if (_end - _position < size)
            {
                throw Errors.TruncatedFixed(_position, size);
            }
            int at = _position;
            _position += size;
            return at;
        }

        // Varints are little-endian groups of 7 bits, high bit set on all but the last byte. The tenth
        // byte may only carry bit 63; more is malformed, as is an eleventh byte.
        private ulong ReadRawVarint()
        {
            int start = _position;
            ulong value = 0;
            for (int i = 0; i < MaxVarintBytes; i++)
            {
                if (_position == _end)
                {
                    throw Errors.TruncatedVarint(start);
                }
                int b = _data[_position++];
                if (i == MaxVarintBytes - 1 && (b & 0x7F) > 1)
                {
                    throw (b & 0x80) != 0 ? Errors.VarintTooLong(start) : Errors.VarintOverflow(start);
                }
                value |= (ulong)(b & 0x7F) << (7 * i);
                if ((b & 0x80) == 0)
                {
                    return value;
                }
            }
            throw Errors.VarintTooLong(start);
        }
    }
}
