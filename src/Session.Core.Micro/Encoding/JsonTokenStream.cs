// A JSON tokenizer fed in pieces (RFC 8259), for answers too large to hold (a seed's whole node
// list, docs/protocol.md §3.6): it keeps one token of at most the given capacity, a byte per open
// container (up to MaxDepth), and its place, and tells an IJsonTokenHandler what it reads. It checks
// structure, strings (escapes, no raw control characters) and literals; a number's text is handed
// over as read (the handler checks the digits it needs). Strings with escapes are checked but handed
// over as unusable: nothing read this way needs them, except a string the handler takes in pieces
// (an onion reply's body, which holds a JSON document in a string, or a message's base64 data): it
// is handed over unescaped, a \u escape as the UTF-8 of its code unit (a surrogate pair as two
// 3-byte sequences; nothing read in pieces is text for people). A string's plain run is a tight loop over
// locals, since most of such an answer is long strings. Not thread-safe; one stream per document.
namespace Session.Core.Micro.Encoding
{
    internal sealed class JsonTokenStream
    {
        /// <summary>The deepest nesting accepted.</summary>
        internal const int MaxDepth = 16;

        // Where the tokenizer is.
        private const int ExpectValue = 0;
        private const int ExpectValueOrEnd = 1;
        private const int ExpectNameOrEnd = 2;
        private const int ExpectName = 3;
        private const int ExpectColon = 4;
        private const int InString = 5;
        private const int InEscape = 6;
        private const int InNumber = 7;
        private const int InLiteral = 8;
        private const int AfterValue = 9;
        private const int Done = 10;
        private const int Failed = 11;

        private const int LiteralCapacity = 5;

        private static readonly byte[] s_true = Utf8.Encode("true");
        private static readonly byte[] s_false = Utf8.Encode("false");
        private static readonly byte[] s_null = Utf8.Encode("null");

        private readonly IJsonTokenHandler _handler;
        private readonly byte[] _objects = new byte[MaxDepth];
        private readonly byte[] _token;
        private int _depth;
        private int _state = ExpectValue;
        private int _tokenLength;
        private bool _tokenUsable;
        private bool _capturing;
        private bool _isName;
        private bool _pieces;
        private int _unicode;
        private readonly byte[] _unescaped = new byte[3];
        private int _escapeLeft;
        private long _offset;
        private long _pieceStart;
        private string _problem;

        /// <summary>True when the token handed over, <paramref name="length"/> bytes of <paramref name="token"/>, is <paramref name="name"/>.</summary>
        internal static bool TokenIs(byte[] token, int length, byte[] name)
        {
            if (length != name.Length)
            {
                return false;
            }
            for (int i = 0; i < length; i++)
            {
                if (token[i] != name[i])
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>A stream handing its tokens to <paramref name="handler"/>, keeping at most <paramref name="tokenCapacity"/> bytes of one.</summary>
        internal JsonTokenStream(IJsonTokenHandler handler, int tokenCapacity)
        {
            _handler = handler;
            _token = new byte[tokenCapacity < LiteralCapacity ? LiteralCapacity : tokenCapacity];
        }

        /// <summary>True once one whole JSON value has been read (only white space may follow).</summary>
        internal bool IsComplete
        {
            get { return _state == Done; }
        }

        /// <summary>What was wrong and at which byte, or null.</summary>
        internal string Problem
        {
            get { return _problem; }
        }

        /// <summary>Reads <paramref name="count"/> more bytes of the document; false (and Problem) once it is not JSON.</summary>
        internal bool Write(byte[] buffer, int offset, int count)
        {
            int end = offset + count;
            int i = offset;
            // Byte offsets in problems are counted from here, not per byte (the string runs are the hot loop).
            _pieceStart = _offset - offset;
            while (i < end && _problem == null)
            {
                if (_state == InString)
                {
                    i = ReadString(buffer, i, end);
                    continue;
                }
                _offset = _pieceStart + i;
                if (!Step(buffer[i]))
                {
                    return false;
                }
                i++;
            }
            _offset = _pieceStart + end;
            return _problem == null;
        }

        // String bytes until the closing quote or an escape; returns where to go on.
        private int ReadString(byte[] buffer, int i, int end)
        {
            if (_capturing)
            {
                byte[] token = _token;
                int length = _tokenLength;
                while (i < end)
                {
                    byte b = buffer[i];
                    if (b == '"' || b == '\\' || b < 0x20)
                    {
                        break;
                    }
                    if (length < token.Length)
                    {
                        token[length++] = b;
                    }
                    else
                    {
                        _tokenUsable = false;
                    }
                    i++;
                }
                _tokenLength = length;
            }
            else
            {
                int start = i;
                while (i < end)
                {
                    byte b = buffer[i];
                    if (b == '"' || b == '\\' || b < 0x20)
                    {
                        break;
                    }
                    i++;
                }
                if (_pieces && i > start)
                {
                    _handler.Piece(buffer, start, i - start);
                }
            }
            if (i == end)
            {
                return i;
            }
            _offset = _pieceStart + i;
            byte stop = buffer[i];
            if (stop < 0x20)
            {
                Fail("a control character inside a string");
                return end;
            }
            if (stop == '\\')
            {
                _tokenUsable = false;
                _state = InEscape;
                _escapeLeft = 1;
                return i + 1;
            }
            EndString();
            return i + 1;
        }

        // One byte outside a string's plain run.
        private bool Step(byte b)
        {
            switch (_state)
            {
                case ExpectValue:
                case ExpectValueOrEnd:
                    if (IsSpace(b))
                    {
                        return true;
                    }
                    if (b == ']' && _state == ExpectValueOrEnd)
                    {
                        return Close(false);
                    }
                    return BeginValue(b);
                case ExpectNameOrEnd:
                case ExpectName:
                    if (IsSpace(b))
                    {
                        return true;
                    }
                    if (b == '}' && _state == ExpectNameOrEnd)
                    {
                        return Close(true);
                    }
                    if (b != '"')
                    {
                        return Fail("an object key must be a string");
                    }
                    BeginToken(true, _handler.Keeps(true));
                    _state = InString;
                    return true;
                case ExpectColon:
                    if (IsSpace(b))
                    {
                        return true;
                    }
                    if (b != ':')
                    {
                        return Fail("':' missing after an object key");
                    }
                    _state = ExpectValue;
                    return true;
                case InEscape:
                    return Escape(b);
                case InNumber:
                case InLiteral:
                    if ((b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || b == '-' || b == '+' || b == '.' || b == 'E')
                    {
                        Capture(b);
                        return true;
                    }
                    // The byte after a number or literal is what follows the value: read it as such.
                    return EndScalar(_state == InNumber) && Step(b);
                case AfterValue:
                    if (IsSpace(b))
                    {
                        return true;
                    }
                    if (b == ',')
                    {
                        _state = _objects[_depth - 1] != 0 ? ExpectName : ExpectValue;
                        return true;
                    }
                    if (b == '}' || b == ']')
                    {
                        return Close(b == '}');
                    }
                    return Fail("',' or a closing bracket expected");
                case Done:
                    return IsSpace(b) || Fail("text after the JSON value");
                default:
                    return false;
            }
        }

        private bool BeginValue(byte b)
        {
            if (b == '{' || b == '[')
            {
                if (_depth == MaxDepth)
                {
                    return Fail("nested deeper than " + MaxDepth.ToString());
                }
                _objects[_depth++] = b == '{' ? (byte)1 : (byte)0;
                _handler.Open(b == '{');
                _state = b == '{' ? ExpectNameOrEnd : ExpectValueOrEnd;
                return true;
            }
            if (b == '"')
            {
                bool pieces = _handler.Pieces();
                BeginToken(false, !pieces && _handler.Keeps(false));
                _pieces = pieces;
                _state = InString;
                return true;
            }
            if ((b >= '0' && b <= '9') || b == '-')
            {
                BeginToken(false, _handler.Keeps(false));
                Capture(b);
                _state = InNumber;
                return true;
            }
            if (b == 't' || b == 'f' || b == 'n')
            {
                // Literals are kept to be checked, whatever the handler keeps.
                BeginToken(false, true);
                Capture(b);
                _state = InLiteral;
                return true;
            }
            return Fail("a JSON value expected");
        }

        private bool Close(bool isObject)
        {
            if (_depth == 0 || (_objects[_depth - 1] != 0) != isObject)
            {
                return Fail("a closing bracket that does not match");
            }
            _depth--;
            _handler.Close(isObject);
            EndValue();
            return true;
        }

        private bool Escape(byte b)
        {
            if (_escapeLeft > 1)
            {
                int digit = Hex.DigitValue((char)b);
                if (digit < 0)
                {
                    return Fail("a bad \\u escape");
                }
                _unicode = (_unicode << 4) | digit;
                _escapeLeft--;
                if (_escapeLeft == 1)
                {
                    _state = InString;
                    PieceOfCodeUnit(_unicode);
                }
                return true;
            }
            if (b == 'u')
            {
                // Four hex digits follow; the count runs 5..2 so that 1 means "back in the string".
                _escapeLeft = 5;
                _unicode = 0;
                return true;
            }
            byte unescaped;
            switch (b)
            {
                case (byte)'"':
                case (byte)'\\':
                case (byte)'/':
                    unescaped = b;
                    break;
                case (byte)'b':
                    unescaped = 0x08;
                    break;
                case (byte)'f':
                    unescaped = 0x0C;
                    break;
                case (byte)'n':
                    unescaped = 0x0A;
                    break;
                case (byte)'r':
                    unescaped = 0x0D;
                    break;
                case (byte)'t':
                    unescaped = 0x09;
                    break;
                default:
                    return Fail("a bad escape");
            }
            _state = InString;
            if (_pieces)
            {
                _unescaped[0] = unescaped;
                _handler.Piece(_unescaped, 0, 1);
            }
            return true;
        }

        // A \u escape of a string taken in pieces, as the UTF-8 of its 16-bit code unit.
        private void PieceOfCodeUnit(int unit)
        {
            if (!_pieces)
            {
                return;
            }
            int count;
            if (unit < 0x80)
            {
                _unescaped[0] = (byte)unit;
                count = 1;
            }
            else if (unit < 0x800)
            {
                _unescaped[0] = (byte)(0xC0 | (unit >> 6));
                _unescaped[1] = (byte)(0x80 | (unit & 0x3F));
                count = 2;
            }
            else
            {
                _unescaped[0] = (byte)(0xE0 | (unit >> 12));
                _unescaped[1] = (byte)(0x80 | ((unit >> 6) & 0x3F));
                _unescaped[2] = (byte)(0x80 | (unit & 0x3F));
                count = 3;
            }
            _handler.Piece(_unescaped, 0, count);
        }

        private void BeginToken(bool isName, bool capture)
        {
            _isName = isName;
            _pieces = false;
            _capturing = capture;
            _tokenLength = 0;
            _tokenUsable = true;
        }

        private void Capture(byte b)
        {
            if (!_capturing)
            {
                return;
            }
            if (_tokenLength < _token.Length)
            {
                _token[_tokenLength++] = b;
            }
            else
            {
                _tokenUsable = false;
            }
        }

        private void EndString()
        {
            if (_isName)
            {
                if (_capturing)
                {
                    _handler.Name(_token, _tokenLength, _tokenUsable);
                }
                _state = ExpectColon;
                return;
            }
            if (_pieces)
            {
                _handler.Value(false, null, 0, true);
            }
            else if (_capturing)
            {
                _handler.Value(false, _token, _tokenLength, _tokenUsable);
            }
            EndValue();
        }

        private bool EndScalar(bool number)
        {
            if (!number)
            {
                if (Is(s_true) || Is(s_false))
                {
                    _handler.Boolean(Is(s_true));
                }
                else if (!Is(s_null))
                {
                    return Fail("a bad literal");
                }
            }
            else if (_capturing)
            {
                _handler.Value(true, _token, _tokenLength, _tokenUsable);
            }
            EndValue();
            return true;
        }

        private void EndValue()
        {
            _state = _depth == 0 ? Done : AfterValue;
        }

        private bool Is(byte[] literal)
        {
            if (_tokenLength != literal.Length)
            {
                return false;
            }
            for (int i = 0; i < _tokenLength; i++)
            {
                if (_token[i] != literal[i])
                {
                    return false;
                }
            }
            return true;
        }

        private bool Fail(string problem)
        {
            if (_problem == null)
            {
                _problem = problem + " (byte " + _offset.ToString() + ")";
            }
            _state = Failed;
            return false;
        }

        private static bool IsSpace(byte b)
        {
            return b == ' ' || b == '\t' || b == '\n' || b == '\r';
        }
    }
}
