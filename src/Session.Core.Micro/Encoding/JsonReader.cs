// A strict JSON parser (RFC 8259) for service-node replies, which the device cannot parse with a
// library. Input is UTF-8 bytes; output is a JsonValue tree. Whitespace is the four JSON
// characters only; no comments, trailing commas, NaN or leading zeros. Strings: escapes \" \\ \/
// \b \f \n \r \t and \uXXXX (a surrogate pair must be complete); raw control characters and
// invalid UTF-8 are rejected. Numbers: integers are kept exactly when they fit in 64 bits
// (-2^63 .. 2^64-1) and rejected otherwise; numbers with a fraction or exponent are kept as text.
// Limits against hostile input: nesting depth (MaxDepth, or the caller's), input size (MaxSize),
// and the recursion is bounded by the depth, so a deep nest cannot overflow the stack.
// Every error is a MalformedDataException naming the problem and the byte offset in the caller's array.
using System.Collections;

namespace Session.Core.Micro.Encoding
{
    /// <summary>Parses JSON text (UTF-8 bytes) into a <see cref="JsonValue"/> tree.</summary>
    public static class JsonReader
    {
        /// <summary>The default limit on nested arrays and objects.</summary>
        public const int MaxDepth = 32;

        /// <summary>The largest input accepted, in bytes (8 MiB: a full service-node list is under 1 MiB).</summary>
        public const int MaxSize = 8 * 1024 * 1024;

        /// <summary>Parses the whole of <paramref name="data"/>.</summary>
        /// <exception cref="System.ArgumentNullException">data is null.</exception>
        /// <exception cref="MalformedDataException">The bytes are not one JSON value, are nested deeper than MaxDepth or are larger than MaxSize.</exception>
        public static JsonValue Parse(byte[] data)
        {
            if (data == null)
            {
                throw Errors.Null("data");
            }
            return Parse(data, 0, data.Length, MaxDepth);
        }

        /// <summary>Parses data[offset .. offset + count) as one JSON value with surrounding whitespace.</summary>
        /// <param name="data">The UTF-8 text.</param>
        /// <param name="offset">Where the text starts.</param>
        /// <param name="count">How many bytes it has.</param>
        /// <param name="maxDepth">The deepest nesting of arrays and objects allowed (1 = no nesting inside the top value).</param>
        /// <exception cref="System.ArgumentNullException">data is null.</exception>
        /// <exception cref="System.ArgumentException">offset and count lie outside data, or maxDepth is below 1.</exception>
        /// <exception cref="MalformedDataException">The bytes are not one JSON value, are nested deeper than maxDepth or are larger than MaxSize.</exception>
        public static JsonValue Parse(byte[] data, int offset, int count, int maxDepth)
        {
            if (data == null)
            {
                throw Errors.Null("data");
            }
            if (offset < 0 || count < 0 || offset > data.Length || data.Length - offset < count)
            {
                throw Errors.Slice("data");
            }
            if (maxDepth < 1)
            {
                throw Errors.Range("maxDepth");
            }
            if (count > MaxSize)
            {
                throw Errors.Json(offset, "input of " + count.ToString() + " bytes is larger than the limit of " + MaxSize.ToString());
            }
            Parser parser = new Parser(data, offset + count, maxDepth);
            parser.Position = offset;
            parser.SkipWhitespace();
            JsonValue value = parser.ReadValue(0);
            parser.SkipWhitespace();
            if (parser.Position != offset + count)
            {
                throw Errors.Json(parser.Position, "unexpected data after the value");
            }
            return value;
        }

        /// <summary>Parses the UTF-8 encoding of <paramref name="text"/>.</summary>
        /// <exception cref="System.ArgumentNullException">text is null.</exception>
        /// <exception cref="System.ArgumentException">text has a lone surrogate.</exception>
        /// <exception cref="MalformedDataException">The text is not one JSON value; offsets count UTF-8 bytes.</exception>
        public static JsonValue Parse(string text)
        {
            if (text == null)
            {
                throw Errors.Null("text");
            }
            return Parse(Utf8.Encode(text));
        }

        private sealed class Parser
        {
            private readonly byte[] _data;
            private readonly int _end;
            private readonly int _maxDepth;

            public int Position;

            public Parser(byte[] data, int end, int maxDepth)
            {
                _data = data;
                _end = end;
                _maxDepth = maxDepth;
            }

            public void SkipWhitespace()
            {
                while (Position < _end)
                {
                    byte b = _data[Position];
                    if (b != 0x20 && b != 0x09 && b != 0x0A && b != 0x0D)
                    {
                        return;
                    }
                    Position++;
                }
            }

            public JsonValue ReadValue(int depth)
            {
                if (Position >= _end)
                {
                    throw Errors.Json(Position, "expected a value, found the end of the data");
                }
                int start = Position;
                byte b = _data[Position];
                switch (b)
                {
                    case (byte)'{':
                        return ReadObject(depth + 1);
                    case (byte)'[':
                        return ReadArray(depth + 1);
                    case (byte)'"':
                        return JsonValue.String(start, ReadString());
                    case (byte)'t':
                        ExpectLiteral("true");
                        return JsonValue.Boolean(start, true);
                    case (byte)'f':
                        ExpectLiteral("false");
                        return JsonValue.Boolean(start, false);
                    case (byte)'n':
                        ExpectLiteral("null");
                        return JsonValue.Null(start);
                    default:
                        if (b == (byte)'-' || (b >= (byte)'0' && b <= (byte)'9'))
                        {
                            return ReadNumber();
                        }
                        throw Errors.Json(start, "unexpected character " + Describe(b));
                }
            }

            private JsonValue ReadObject(int depth)
            {
                int start = Position;
                if (depth > _maxDepth)
                {
                    throw Errors.Json(start, "nesting deeper than " + _maxDepth.ToString() + " levels");
                }
                Position++;
                ArrayList names = new ArrayList();
                ArrayList values = new ArrayList();
                SkipWhitespace();
                if (Position < _end && _data[Position] == (byte)'}')
                {
                    Position++;
                    return JsonValue.Object(start, new string[0], new JsonValue[0]);
                }
                while (true)
                {
                    SkipWhitespace();
                    if (Position >= _end || _data[Position] != (byte)'"')
                    {
                        throw Errors.Json(Position, Position >= _end ? "object not closed before the end of the data" : "expected a member name in quotes");
                    }
                    names.Add(ReadString());
                    SkipWhitespace();
                    Expect((byte)':', "expected ':' after a member name");
                    SkipWhitespace();
                    values.Add(ReadValue(depth));
                    SkipWhitespace();
                    if (Position >= _end)
                    {
                        throw Errors.Json(Position, "object not closed before the end of the data");
                    }
                    byte b = _data[Position++];
                    if (b == (byte)'}')
                    {
                        break;
                    }
                    if (b != (byte)',')
                    {
                        throw Errors.Json(Position - 1, "expected ',' or '}' in an object, found " + Describe(b));
                    }
                }
                string[] nameArray = new string[names.Count];
                JsonValue[] valueArray = new JsonValue[values.Count];
                for (int i = 0; i < nameArray.Length; i++)
                {
                    nameArray[i] = (string)names[i];
                    valueArray[i] = (JsonValue)values[i];
                }
                return JsonValue.Object(start, nameArray, valueArray);
            }

            private JsonValue ReadArray(int depth)
            {
                int start = Position;
                if (depth > _maxDepth)
                {
                    throw Errors.Json(start, "nesting deeper than " + _maxDepth.ToString() + " levels");
                }
                Position++;
                ArrayList items = new ArrayList();
                SkipWhitespace();
                if (Position < _end && _data[Position] == (byte)']')
                {
                    Position++;
                    return JsonValue.Array(start, new JsonValue[0]);
                }
                while (true)
                {
                    SkipWhitespace();
                    items.Add(ReadValue(depth));
                    SkipWhitespace();
                    if (Position >= _end)
                    {
                        throw Errors.Json(Position, "array not closed before the end of the data");
                    }
                    byte b = _data[Position++];
                    if (b == (byte)']')
                    {
                        break;
                    }
                    if (b != (byte)',')
                    {
                        throw Errors.Json(Position - 1, "expected ',' or ']' in an array, found " + Describe(b));
                    }
                }
                JsonValue[] array = new JsonValue[items.Count];
                for (int i = 0; i < array.Length; i++)
                {
                    array[i] = (JsonValue)items[i];
                }
                return JsonValue.Array(start, array);
            }

            // Called with Position on the opening quote; leaves it after the closing quote.
            private string ReadString()
            {
                int start = Position;
                Position++;
                int runStart = Position;
                char[] chars = null;
                int charCount = 0;
                while (true)
                {
                    if (Position >= _end)
                    {
                        throw Errors.Json(start, "string not closed before the end of the data");
                    }
                    byte b = _data[Position];
                    if (b == (byte)'"')
                    {
                        if (chars == null)
                        {
                            string whole = Utf8.Decode(_data, runStart, Position - runStart);
                            Position++;
                            return whole;
                        }
                        charCount = AppendRun(chars, charCount, runStart, Position);
                        Position++;
                        return new string(chars, 0, charCount);
                    }
                    if (b < 0x20)
                    {
                        throw Errors.Json(Position, "control character " + Describe(b) + " inside a string (must be escaped)");
                    }
                    if (b != (byte)'\\')
                    {
                        Position++;
                        continue;
                    }
                    if (chars == null)
                    {
                        // Every byte becomes at most one UTF-16 unit, so the string's bytes bound its length.
                        chars = new char[StringBytesFrom(runStart)];
                    }
                    charCount = AppendRun(chars, charCount, runStart, Position);
                    charCount = ReadEscape(chars, charCount);
                    runStart = Position;
                }
            }

            private int AppendRun(char[] chars, int charCount, int from, int to)
            {
                return charCount + Utf8.DecodeCore(chars, charCount, _data, from, to - from);
            }

            // The bytes from start to the string's closing quote (or to the end of the data, if it has
            // none: ReadString reports that). An escape's second byte is never the closing quote.
            private int StringBytesFrom(int start)
            {
                int i = start;
                while (i < _end && _data[i] != (byte)'"')
                {
                    i += _data[i] == (byte)'\\' ? 2 : 1;
                }
                return (i < _end ? i : _end) - start;
            }

            // Called with Position on the backslash.
            private int ReadEscape(char[] chars, int charCount)
            {
                int at = Position;
                if (Position + 1 >= _end)
                {
                    throw Errors.Json(at, "escape cut short by the end of the data");
                }
                byte e = _data[Position + 1];
                Position += 2;
                char c;
                switch (e)
                {
                    case (byte)'"': c = '"'; break;
                    case (byte)'\\': c = '\\'; break;
                    case (byte)'/': c = '/'; break;
                    case (byte)'b': c = '\b'; break;
                    case (byte)'f': c = '\f'; break;
                    case (byte)'n': c = '\n'; break;
                    case (byte)'r': c = '\r'; break;
                    case (byte)'t': c = '\t'; break;
                    case (byte)'u':
                        int unit = ReadHex4(at);
                        if (unit >= 0xDC00 && unit <= 0xDFFF)
                        {
                            throw Errors.Json(at, "\\u escape is a low surrogate without a high surrogate before it");
                        }
                        if (unit >= 0xD800 && unit <= 0xDBFF)
                        {
                            int second = Position;
                            if (second + 1 >= _end || _data[second] != (byte)'\\' || _data[second + 1] != (byte)'u')
                            {
                                throw Errors.Json(at, "\\u escape is a high surrogate without a low surrogate after it");
                            }
                            Position += 2;
                            int low = ReadHex4(second);
                            if (low < 0xDC00 || low > 0xDFFF)
                            {
                                throw Errors.Json(second, "\\u escape after a high surrogate is not a low surrogate");
                            }
                            chars[charCount++] = (char)unit;
                            chars[charCount++] = (char)low;
                            return charCount;
                        }
                        c = (char)unit;
                        break;
                    default:
                        throw Errors.Json(at, "unknown escape \\" + Describe(e));
                }
                chars[charCount++] = c;
                return charCount;
            }

            private int ReadHex4(int escapeStart)
            {
                if (_end - Position < 4)
                {
                    throw Errors.Json(escapeStart, "\\u escape needs 4 hex digits before the end of the data");
                }
                int value = 0;
                for (int i = 0; i < 4; i++)
                {
                    byte b = _data[Position + i];
                    int digit;
                    if (b >= (byte)'0' && b <= (byte)'9')
                    {
                        digit = b - '0';
                    }
                    else if (b >= (byte)'a' && b <= (byte)'f')
                    {
                        digit = b - 'a' + 10;
                    }
                    else if (b >= (byte)'A' && b <= (byte)'F')
                    {
                        digit = b - 'A' + 10;
                    }
                    else
                    {
                        throw Errors.Json(Position + i, "\\u escape needs 4 hex digits, found " + Describe(b));
                    }
                    value = value << 4 | digit;
                }
                Position += 4;
                return value;
            }

            private JsonValue ReadNumber()
            {
                int start = Position;
                bool negative = false;
                if (_data[Position] == (byte)'-')
                {
                    negative = true;
                    Position++;
                }
                if (Position >= _end || !IsDigit(_data[Position]))
                {
                    throw Errors.Json(start, "a number needs a digit after '-'");
                }
                int digitsStart = Position;
                ulong magnitude = 0;
                bool overflow = false;
                if (_data[Position] == (byte)'0')
                {
                    Position++;
                    if (Position < _end && IsDigit(_data[Position]))
                    {
                        throw Errors.Json(start, "numbers must not have leading zeros");
                    }
                }
                else
                {
                    while (Position < _end && IsDigit(_data[Position]))
                    {
                        uint digit = (uint)(_data[Position] - '0');
                        // 2^64 - 1 = 18446744073709551615: past 1844674407370955161 * 10 + 5 it overflows.
                        if (magnitude > 1844674407370955161UL || (magnitude == 1844674407370955161UL && digit > 5))
                        {
                            overflow = true;
                        }
                        magnitude = magnitude * 10 + digit;
                        Position++;
                    }
                }
                bool isInteger = true;
                if (Position < _end && _data[Position] == (byte)'.')
                {
                    isInteger = false;
                    Position++;
                    if (Position >= _end || !IsDigit(_data[Position]))
                    {
                        throw Errors.Json(start, "a number needs a digit after '.'");
                    }
                    while (Position < _end && IsDigit(_data[Position]))
                    {
                        Position++;
                    }
                }
                if (Position < _end && (_data[Position] == (byte)'e' || _data[Position] == (byte)'E'))
                {
                    isInteger = false;
                    Position++;
                    if (Position < _end && (_data[Position] == (byte)'+' || _data[Position] == (byte)'-'))
                    {
                        Position++;
                    }
                    if (Position >= _end || !IsDigit(_data[Position]))
                    {
                        throw Errors.Json(start, "a number needs a digit in its exponent");
                    }
                    while (Position < _end && IsDigit(_data[Position]))
                    {
                        Position++;
                    }
                }
                if (!isInteger)
                {
                    if (Position - start > 64)
                    {
                        throw Errors.Json(start, "number longer than 64 characters");
                    }
                    return JsonValue.Decimal(start, Utf8.Decode(_data, start, Position - start));
                }
                if (overflow || (negative && magnitude > 0x8000000000000000UL))
                {
                    throw Errors.Json(start, "integer " + (Position - digitsStart > 40 ? "with " + (Position - digitsStart).ToString() + " digits" : Utf8.Decode(_data, start, Position - start)) + " does not fit in 64 bits");
                }
                return JsonValue.Integer(start, magnitude, negative);
            }

            // literal is true, false or null: indexing so short a string costs little on nanoCLR.
            private void ExpectLiteral(string literal)
            {
                int start = Position;
                for (int i = 0; i < literal.Length; i++)
                {
                    if (Position >= _end || _data[Position] != (byte)literal[i])
                    {
                        throw Errors.Json(start, "expected the literal " + literal);
                    }
                    Position++;
                }
            }

            private void Expect(byte expected, string message)
            {
                if (Position >= _end || _data[Position] != expected)
                {
                    throw Errors.Json(Position, message);
                }
                Position++;
            }

            private static bool IsDigit(byte b)
            {
                return b >= (byte)'0' && b <= (byte)'9';
            }

            private static string Describe(byte b)
            {
                if (b > 0x20 && b < 0x7F)
                {
                    return "'" + ((char)b).ToString() + "'";
                }
                return "byte 0x" + b.ToString("x2");
            }
        }
    }
}
