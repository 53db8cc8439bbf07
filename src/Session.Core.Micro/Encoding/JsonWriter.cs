// A compact JSON writer (RFC 8259) for service-node requests: no spaces, members in the order
// written, strings as UTF-8 with '"', '\' and control characters escaped (\n, \r, \t, \b, \f,
// else \u00XX); other characters are written raw. Integers up to 64 bits, signed or unsigned.
// It writes into a ByteBuffer, so a request is built with one growing array. Misuse (a value
// where a member name is due, closing what is not open, nesting past MaxDepth) throws
// InvalidOperationException: a request that would come out malformed is never sent.
using System;

namespace Session.Core.Micro.Encoding
{
    /// <summary>Writes compact JSON as UTF-8 bytes.</summary>
    public sealed class JsonWriter
    {
        /// <summary>The deepest nesting of arrays and objects the writer accepts.</summary>
        public const int MaxDepth = 32;

        private readonly ByteBuffer _buffer;
        // Per open container: 0 = empty array, 1 = array with items, 2 = object expecting a name
        // (no members yet), 3 = object expecting a name after members, 4 = object expecting a value.
        private readonly byte[] _states = new byte[MaxDepth + 1];
        private int _depth;
        private bool _done;

        /// <summary>Creates a writer whose buffer starts with room for <paramref name="capacity"/> bytes.</summary>
        /// <exception cref="ArgumentException">capacity is negative.</exception>
        public JsonWriter(int capacity)
        {
            _buffer = new ByteBuffer(capacity);
        }

        /// <summary>The bytes written so far.</summary>
        public int Length
        {
            get { return _buffer.Length; }
        }

        /// <summary>How many objects and arrays are open.</summary>
        public int Depth
        {
            get { return _depth; }
        }

        /// <summary>Opens an object: {.</summary>
        /// <exception cref="InvalidOperationException">A value is not allowed here, or nesting is too deep.</exception>
        public void BeginObject()
        {
            BeforeValue();
            Open(2, (byte)'{');
        }

        /// <summary>Closes the innermost object: }.</summary>
        /// <exception cref="InvalidOperationException">The innermost open container is not an object, or a member's value is missing.</exception>
        public void EndObject()
        {
            if (_depth == 0 || (_states[_depth] != 2 && _states[_depth] != 3))
            {
                throw Errors.JsonWriterState("EndObject without an open object whose members are complete");
            }
            Close((byte)'}');
        }

        /// <summary>Opens an array: [.</summary>
        /// <exception cref="InvalidOperationException">A value is not allowed here, or nesting is too deep.</exception>
        public void BeginArray()
        {
            BeforeValue();
            Open(0, (byte)'[');
        }

        /// <summary>Closes the innermost array: ].</summary>
        /// <exception cref="InvalidOperationException">The innermost open container is not an array.</exception>
        public void EndArray()
        {
            if (_depth == 0 || _states[_depth] > 1)
            {
                throw Errors.JsonWriterState("EndArray without an open array");
            }
            Close((byte)']');
        }

        /// <summary>Writes a member name; the next call must write its value.</summary>
        /// <exception cref="ArgumentNullException">name is null.</exception>
        /// <exception cref="ArgumentException">name has a lone surrogate.</exception>
        /// <exception cref="InvalidOperationException">No object is open, or its last member has no value yet.</exception>
        public void WriteName(string name)
        {
            if (name == null)
            {
                throw Errors.Null("name");
            }
            if (_depth == 0 || (_states[_depth] != 2 && _states[_depth] != 3))
            {
                throw Errors.JsonWriterState("a member name outside an object or before the last member's value");
            }
            if (_states[_depth] == 3)
            {
                _buffer.Write((byte)',');
            }
            WriteQuoted(name);
            _buffer.Write((byte)':');
            _states[_depth] = 4;
        }

        /// <summary>Writes a string value.</summary>
        /// <exception cref="ArgumentNullException">value is null.</exception>
        /// <exception cref="ArgumentException">value has a lone surrogate.</exception>
        /// <exception cref="InvalidOperationException">A value is not allowed here.</exception>
        public void WriteString(string value)
        {
            if (value == null)
            {
                throw Errors.Null("value");
            }
            BeforeValue();
            WriteQuoted(value);
        }

        /// <summary>
        /// Writes <paramref name="data"/> as a padded base64 string value, encoded straight into the
        /// writer's buffer (no string in between).
        /// </summary>
        /// <exception cref="ArgumentNullException">data is null.</exception>
        /// <exception cref="InvalidOperationException">A value is not allowed here.</exception>
        public void WriteBase64(byte[] data)
        {
            if (data == null)
            {
                throw Errors.Null("data");
            }
            BeforeValue();
            _buffer.Write((byte)'"');
            int at = _buffer.Reserve(Base64.EncodedLength(data.Length));
            Base64.EncodeTo(_buffer.Storage, at, data);
            _buffer.Write((byte)'"');
        }

        /// <summary>Writes a signed integer.</summary>
        /// <exception cref="InvalidOperationException">A value is not allowed here.</exception>
        public void WriteInt64(long value)
        {
            BeforeValue();
            WriteAscii(value.ToString());
        }

        /// <summary>Writes an unsigned integer.</summary>
        /// <exception cref="InvalidOperationException">A value is not allowed here.</exception>
        public void WriteUInt64(ulong value)
        {
            BeforeValue();
            WriteAscii(value.ToString());
        }

        /// <summary>Writes true or false.</summary>
        /// <exception cref="InvalidOperationException">A value is not allowed here.</exception>
        public void WriteBoolean(bool value)
        {
            BeforeValue();
            WriteAscii(value ? "true" : "false");
        }

        /// <summary>Writes null.</summary>
        /// <exception cref="InvalidOperationException">A value is not allowed here.</exception>
        public void WriteNull()
        {
            BeforeValue();
            WriteAscii("null");
        }

        /// <summary>
        /// The finished JSON text; every container must be closed. When the writer was created with
        /// exactly the capacity it used, this is the buffer's own array (no copy): nothing more can be written.
        /// </summary>
        /// <exception cref="InvalidOperationException">Nothing was written, or a container is still open.</exception>
        public byte[] ToArray()
        {
            if (!_done || _depth != 0)
            {
                throw Errors.JsonWriterState("ToArray before one complete top-level value");
            }
            return _buffer.Length == _buffer.Storage.Length ? _buffer.Storage : _buffer.ToArray();
        }

        private void BeforeValue()
        {
            if (_depth == 0)
            {
                if (_done)
                {
                    throw Errors.JsonWriterState("a second top-level value");
                }
                _done = true;
                return;
            }
            byte state = _states[_depth];
            if (state == 1)
            {
                _buffer.Write((byte)',');
            }
            else if (state == 0)
            {
                _states[_depth] = 1;
            }
            else if (state == 4)
            {
                _states[_depth] = 3;
            }
            else
            {
                throw Errors.JsonWriterState("a value where a member name is due");
            }
        }

        private void Open(byte state, byte bracket)
        {
            if (_depth == MaxDepth)
            {
                throw Errors.JsonWriterState("nesting deeper than " + MaxDepth.ToString() + " levels");
            }
            _depth++;
            _states[_depth] = state;
            _buffer.Write(bracket);
        }

        private void Close(byte bracket)
        {
            _depth--;
            _buffer.Write(bracket);
        }

        // Only for number text and the literals true, false and null (at most 20 characters), so
        // indexing the string costs little on nanoCLR.
        private void WriteAscii(string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                _buffer.Write((byte)text[i]);
            }
        }

        // One ToCharArray, then the array: on nanoCLR a string is UTF-8 inside, and text[i] or
        // text.Length would walk it from its start on every call (docs/portable-csharp.md §5).
        private void WriteQuoted(string text)
        {
            char[] chars = text.ToCharArray();
            _buffer.Write((byte)'"');
            int i = 0;
            while (i < chars.Length)
            {
                char c = chars[i];
                if (c >= 0x80)
                {
                    int start = i;
                    while (i < chars.Length && chars[i] >= 0x80)
                    {
                        i++;
                    }
                    int at = _buffer.Reserve(Utf8.ByteCount(chars, start, i - start));
                    Utf8.EncodeCore(_buffer.Storage, at, chars, start, i - start);
                    continue;
                }
                i++;
                if (c == '"' || c == '\\')
                {
                    _buffer.Write((byte)'\\');
                    _buffer.Write((byte)c);
                }
                else if (c >= 0x20)
                {
                    _buffer.Write((byte)c);
                }
                else
                {
                    WriteControl(c);
                }
            }
            _buffer.Write((byte)'"');
        }

        private void WriteControl(char c)
        {
            _buffer.Write((byte)'\\');
            switch (c)
            {
                case '\n': _buffer.Write((byte)'n'); return;
                case '\r': _buffer.Write((byte)'r'); return;
                case '\t': _buffer.Write((byte)'t'); return;
                case '\b': _buffer.Write((byte)'b'); return;
                case '\f': _buffer.Write((byte)'f'); return;
            }
            _buffer.Write((byte)'u');
            _buffer.Write((byte)'0');
            _buffer.Write((byte)'0');
            _buffer.Write((byte)(c < 0x10 ? '0' : '1'));
            int low = c & 0xF;
            _buffer.Write((byte)(low < 10 ? '0' + low : 'a' + low - 10));
        }
    }
}
