// Protobuf (proto2) wire format writer, https://protobuf.dev/programming-guides/encoding/, for the
// Session schemas in docs/protocol.md §2.4. It appends fields to a ByteBuffer in the order they are
// written; the caller writes fields in field-number order as the reference encoders do.
// Nested messages are written in place: BeginMessage writes the tag and reserves one length byte,
// EndMessage writes the length there, moving the body up only when the body is 128 bytes or more
// (a longer varint). So nesting allocates nothing but the buffer's own growth, and a message
// nests at most MaxDepth deep (Session's schemas nest 4 deep at most).
// Limits: field numbers 1 to 2^29 - 1; negative enum values take 10 bytes, as in protobuf.
using System;

namespace Session.Core.Micro.Encoding
{
    /// <summary>Writes protobuf fields into a <see cref="ByteBuffer"/>.</summary>
    public sealed class ProtobufWriter
    {
        /// <summary>The largest field number protobuf allows, 2^29 - 1.</summary>
        public const int MaxFieldNumber = 536870911;

        /// <summary>How deep <see cref="BeginMessage"/> calls may nest.</summary>
        public const int MaxDepth = 16;

        private readonly ByteBuffer _output;
        private readonly int[] _open = new int[MaxDepth];
        private int _depth;

        /// <summary>Creates a writer that appends to <paramref name="output"/>.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="output"/> is null.</exception>
        public ProtobufWriter(ByteBuffer output)
        {
            if (output == null)
            {
                throw Errors.Null("output");
            }
            _output = output;
        }

        /// <summary>The buffer the fields are written to.</summary>
        public ByteBuffer Output
        {
            get { return _output; }
        }

        /// <summary>Writes a varint field (wire type 0) with <paramref name="value"/> as it is.</summary>
        /// <exception cref="ArgumentException"><paramref name="field"/> is not 1 to <see cref="MaxFieldNumber"/>.</exception>
        public void WriteVarint(int field, ulong value)
        {
            WriteTag(field, ProtobufWireType.Varint);
            WriteRawVarint(value);
        }

        /// <summary>Writes a uint32 field.</summary>
        /// <exception cref="ArgumentException"><paramref name="field"/> is not 1 to <see cref="MaxFieldNumber"/>.</exception>
        public void WriteUInt32(int field, uint value)
        {
            WriteVarint(field, value);
        }

        /// <summary>Writes a uint64 field.</summary>
        /// <exception cref="ArgumentException"><paramref name="field"/> is not 1 to <see cref="MaxFieldNumber"/>.</exception>
        public void WriteUInt64(int field, ulong value)
        {
            WriteVarint(field, value);
        }

        /// <summary>Writes an enum field; a negative value is sign-extended to 64 bits (10 bytes), as protobuf does.</summary>
        /// <exception cref="ArgumentException"><paramref name="field"/> is not 1 to <see cref="MaxFieldNumber"/>.</exception>
        public void WriteEnum(int field, int value)
        {
            WriteVarint(field, (ulong)(long)value);
        }

        /// <summary>Writes a bool field as the varint 0 or 1.</summary>
        /// <exception cref="ArgumentException"><paramref name="field"/> is not 1 to <see cref="MaxFieldNumber"/>.</exception>
        public void WriteBool(int field, bool value)
        {
            WriteVarint(field, value ? 1UL : 0UL);
        }

        /// <summary>Writes a fixed64 field: 8 bytes, little-endian.</summary>
        /// <exception cref="ArgumentException"><paramref name="field"/> is not 1 to <see cref="MaxFieldNumber"/>.</exception>
        public void WriteFixed64(int field, ulong value)
        {
            WriteTag(field, ProtobufWireType.Fixed64);
            int at = _output.Reserve(8);
            byte[] storage = _output.Storage;
            for (int i = 0; i < 8; i++)
            {
                storage[at + i] = (byte)(value >> (8 * i));
            }
        }

        /// <summary>Writes a fixed32 field: 4 bytes, little-endian.</summary>
        /// <exception cref="ArgumentException"><paramref name="field"/> is not 1 to <see cref="MaxFieldNumber"/>.</exception>
        public void WriteFixed32(int field, uint value)
        {
            WriteTag(field, ProtobufWireType.Fixed32);
            int at = _output.Reserve(4);
            byte[] storage = _output.Storage;
            storage[at] = (byte)value;
            storage[at + 1] = (byte)(value >> 8);
            storage[at + 2] = (byte)(value >> 16);
            storage[at + 3] = (byte)(value >> 24);
        }

        /// <summary>Writes a bytes field holding all of <paramref name="data"/>.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
        /// <exception cref="ArgumentException"><paramref name="field"/> is not 1 to <see cref="MaxFieldNumber"/>.</exception>
        public void WriteBytes(int field, byte[] data)
        {
            if (data == null)
            {
                throw Errors.Null("data");
            }
            WriteBytes(field, data, 0, data.Length);
        }

        /// <summary>Writes a bytes field holding <paramref name="count"/> bytes of <paramref name="data"/> from <paramref name="offset"/>.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
        /// <exception cref="ArgumentException">
        /// <paramref name="field"/> is not 1 to <see cref="MaxFieldNumber"/>, or <paramref name="offset"/> and
        /// <paramref name="count"/> do not lie within <paramref name="data"/>.
        /// </exception>
        public void WriteBytes(int field, byte[] data, int offset, int count)
        {
            if (data == null)
            {
                throw Errors.Null("data");
            }
            if (offset < 0 || count < 0 || offset > data.Length || data.Length - offset < count)
            {
                throw Errors.Slice("data");
            }
            WriteTag(field, ProtobufWireType.LengthDelimited);
            WriteRawVarint((uint)count);
            _output.Write(data, offset, count);
        }

        // Writes a bytes field's tag and length and reserves its count bytes without filling them,
        // for writers in this assembly that produce the value straight into Output.Storage (the
        // message layer seals into place). Returns where the bytes start.
        internal int ReserveBytes(int field, int count)
        {
            WriteTag(field, ProtobufWireType.LengthDelimited);
            WriteRawVarint((uint)count);
            return _output.Reserve(count);
        }

        /// <summary>Writes a string field, UTF-8 encoded straight into the buffer.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
        /// <exception cref="ArgumentException">
        /// <paramref name="field"/> is not 1 to <see cref="MaxFieldNumber"/>, or <paramref name="text"/> has a lone surrogate.
        /// </exception>
        public void WriteString(int field, string text)
        {
            if (text == null)
            {
                throw Errors.Null("text");
            }
            // One walk of the string (docs/portable-csharp.md §5), then count and encode the array.
            char[] chars = text.ToCharArray();
            int count = Utf8.ByteCount(chars, 0, chars.Length);
            WriteTag(field, ProtobufWireType.LengthDelimited);
            WriteRawVarint((uint)count);
            int at = _output.Reserve(count);
            Utf8.EncodeCore(_output.Storage, at, chars, 0, chars.Length);
        }

        /// <summary>
        /// Starts an embedded message in field <paramref name="field"/>: write its fields next, then
        /// call <see cref="EndMessage"/> with the token returned here.
        /// </summary>
        /// <exception cref="ArgumentException"><paramref name="field"/> is not 1 to <see cref="MaxFieldNumber"/>.</exception>
        /// <exception cref="InvalidOperationException"><see cref="MaxDepth"/> messages are already open.</exception>
        public int BeginMessage(int field)
        {
            if (_depth == MaxDepth)
            {
                throw Errors.NestingTooDeep(MaxDepth);
            }
            WriteTag(field, ProtobufWireType.LengthDelimited);
            // One byte for the length; EndMessage makes room if the body needs a longer varint.
            int token = _output.Reserve(1);
            _open[_depth++] = token;
            return token;
        }

        /// <summary>Ends the innermost open message, the one whose <see cref="BeginMessage"/> returned <paramref name="token"/>.</summary>
        /// <exception cref="ArgumentException"><paramref name="token"/> is not the innermost open message's.</exception>
        public void EndMessage(int token)
        {
            if (_depth == 0 || _open[_depth - 1] != token || token >= _output.Length)
            {
                throw Errors.MessageToken(token);
            }
            _depth--;
            int bodyStart = token + 1;
            int bodyLength = _output.Length - bodyStart;
            int size = VarintSize((uint)bodyLength);
            if (size > 1)
            {
                _output.Reserve(size - 1);
                // Overlapping Array.Copy is safe: .NET copies as if through a temporary, nanoCLR
                // uses memmove for arrays of primitives.
                Array.Copy(_output.Storage, bodyStart, _output.Storage, token + size, bodyLength);
            }
            WriteVarintAt(_output.Storage, token, (uint)bodyLength);
        }

        /// <summary>The number of bytes the varint encoding of <paramref name="value"/> takes, 1 to 10.</summary>
        public static int VarintSize(ulong value)
        {
            int size = 1;
            while (value >= 0x80)
            {
                value >>= 7;
                size++;
            }
            return size;
        }

        private void WriteTag(int field, ProtobufWireType wireType)
        {
            if (field < 1 || field > MaxFieldNumber)
            {
                throw Errors.FieldNumber(field);
            }
            WriteRawVarint((uint)field << 3 | (uint)wireType);
        }

        private void WriteRawVarint(ulong value)
        {
            int at = _output.Reserve(VarintSize(value));
            WriteVarintAt(_output.Storage, at, value);
        }

        private static void WriteVarintAt(byte[] storage, int at, ulong value)
        {
            while (value >= 0x80)
            {
                storage[at++] = (byte)(value | 0x80);
                value >>= 7;
            }
            storage[at] = (byte)value;
        }
    }
}
