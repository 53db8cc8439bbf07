// Reads a seed's get_n_service_nodes answer (docs/protocol.md §3.6, §3.8) as it arrives, and keeps
// only the members of the swarms it was asked about: {"result": {"service_node_states": [{"public_ip",
// "storage_port", "pubkey_ed25519", "pubkey_x25519", "swarm_id", ...}, ...]}}. Mainnet's whole list
// (about 2,000 nodes, some 450 KB) does not fit the device's heap; this reader holds one JSON token of
// at most TokenCapacity bytes, the fields of the entry being read, and per account a SwarmChoice (the
// members of at most two swarms). A ServiceNode is made only for an entry that a choice keeps.
// The JSON is checked as it passes (structure, strings, literals, nesting up to MaxDepth; a number is
// only read as digits where a field needs one); anything else in the
// answer (other fields, "height", unknown entry fields) is read past. An entry missing a field, or with
// an unusable address, port or key, gives no member (as NodeParser skips it in the pool) but its swarm
// id still counts; one in no swarm (swarm_id 2^64 - 1, or none) does not count at all. A string with
// escapes is never one of the fields read (they are hex and addresses).
// Not thread-safe; one reader per answer.
using Session.Core.Micro.Encoding;

namespace Session.Core.Micro.Network
{
    internal sealed class SeedSwarmReader : IResponseSink
    {
        /// <summary>The longest token kept: a 64-digit hex key.</summary>
        internal const int TokenCapacity = 64;

        /// <summary>The deepest nesting accepted (the answer nests 4 deep).</summary>
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

        // What a container is, by where it sits.
        private const byte RoleOther = 0;
        private const byte RoleRoot = 1;
        private const byte RoleResult = 2;
        private const byte RoleStates = 3;
        private const byte RoleEntry = 4;
        private const byte ArrayFlag = 0x80;

        // The object keys that matter (0: any other).
        private const byte KeyNone = 0;
        private const byte KeyResult = 1;
        private const byte KeyError = 2;
        private const byte KeyStates = 3;
        private const byte KeyIp = 4;
        private const byte KeyPort = 5;
        private const byte KeyEd25519 = 6;
        private const byte KeyX25519 = 7;
        private const byte KeySwarm = 8;

        private const int MaxIpLength = 15;
        private const int HexKeyLength = 2 * ServiceNode.KeySize;

        // The names and literals compared with tokens, as bytes: comparing a token with a string would
        // index the string, which nanoCLR walks from its start each time (docs/portable-csharp.md §5).
        private static readonly byte[] s_result = Utf8.Encode("result");
        private static readonly byte[] s_error = Utf8.Encode("error");
        private static readonly byte[] s_states = Utf8.Encode("service_node_states");
        private static readonly byte[] s_ip = Utf8.Encode("public_ip");
        private static readonly byte[] s_port = Utf8.Encode("storage_port");
        private static readonly byte[] s_ed25519 = Utf8.Encode("pubkey_ed25519");
        private static readonly byte[] s_x25519 = Utf8.Encode("pubkey_x25519");
        private static readonly byte[] s_swarm = Utf8.Encode("swarm_id");
        private static readonly byte[] s_true = Utf8.Encode("true");
        private static readonly byte[] s_false = Utf8.Encode("false");
        private static readonly byte[] s_null = Utf8.Encode("null");
        private static readonly byte[] s_largest = Utf8.Encode("18446744073709551615");

        private readonly SwarmChoice[] _choices;
        private readonly byte[] _roles = new byte[MaxDepth];
        private readonly byte[] _keys = new byte[MaxDepth];
        private readonly byte[] _token = new byte[TokenCapacity];
        private int _depth;
        private int _state = ExpectValue;
        private int _tokenLength;
        private bool _tokenUsable;
        private bool _capturing;
        private bool _isName;
        private int _escapeLeft;
        private long _offset;
        private string _problem;
        private bool _sawStates;
        private bool _sawError;
        private int _entries;
        private int _entriesWithSwarm;

        // The entry being read.
        private readonly byte[] _ip = new byte[MaxIpLength];
        // The keys as hex until the entry turns out to be wanted: most entries are not, and are never decoded.
        private readonly byte[] _ed25519Hex = new byte[HexKeyLength];
        private readonly byte[] _x25519Hex = new byte[HexKeyLength];
        private readonly byte[] _ed25519 = new byte[ServiceNode.KeySize];
        private readonly byte[] _x25519 = new byte[ServiceNode.KeySize];
        private int _ipLength;
        private int _port;
        private ulong _swarm;
        private int _fields;

        private const int HasIp = 1;
        private const int HasPort = 2;
        private const int HasEd25519 = 4;
        private const int HasX25519 = 8;
        private const int HasSwarm = 16;
        private const int HasAll = 31;

        /// <summary>A reader choosing the swarm of each position in <paramref name="positions"/> (SwarmSpace.Position).</summary>
        internal SeedSwarmReader(ulong[] positions)
        {
            _choices = new SwarmChoice[positions.Length];
            for (int i = 0; i < positions.Length; i++)
            {
                _choices[i] = new SwarmChoice(positions[i]);
            }
        }

        /// <summary>The choice for the i-th position.</summary>
        internal SwarmChoice Choice(int index)
        {
            return _choices[index];
        }

        /// <summary>Entries of the list read so far.</summary>
        internal int Entries
        {
            get { return _entries; }
        }

        /// <summary>Why the answer was refused, or null.</summary>
        internal string Problem
        {
            get { return _problem; }
        }

        /// <summary>Checks that the whole answer came and held a node list with swarm ids; false (and Problem) when not.</summary>
        internal bool Finish()
        {
            if (_problem != null)
            {
                return false;
            }
            if (_state != Done)
            {
                return Fail("the answer ended inside its JSON");
            }
            if (!_sawStates)
            {
                return Fail(_sawError ? "the seed answered with an error" : "the answer has no result.service_node_states");
            }
            if (_entriesWithSwarm == 0)
            {
                return Fail(_entries == 0 ? "the node list is empty" : "the node list has no swarm_id");
            }
            return true;
        }

        /// <inheritdoc/>
        public bool Write(byte[] buffer, int offset, int count)
        {
            int end = offset + count;
            int i = offset;
            // Byte offsets in problems are counted from here, not per byte (the string runs are the hot loop).
            _pieceStart = _offset - offset;
            while (i < end)
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

        private long _pieceStart;

        // String bytes until the closing quote or an escape, in a tight loop over locals: most of the
        // answer is hex keys inside strings. Returns where to go on.
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
                    if (length < TokenCapacity)
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
                while (i < end)
                {
                    byte b = buffer[i];
                    if (b == '"' || b == '\\' || b < 0x20)
                    {
                        break;
                    }
                    i++;
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
                // No field read here has escapes: the string is kept only as unusable.
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
                    BeginToken(true, NamesMatter());
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
                        _state = IsObject() ? ExpectName : ExpectValue;
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
                byte role = RoleOf(b == '{');
                _roles[_depth] = b == '[' ? (byte)(role | ArrayFlag) : role;
                _keys[_depth] = KeyNone;
                _depth++;
                if (role == RoleEntry)
                {
                    _fields = 0;
                }
                _state = b == '{' ? ExpectNameOrEnd : ExpectValueOrEnd;
                return true;
            }
            bool wanted = CurrentRole() == RoleEntry && _keys[_depth - 1] != KeyNone;
            if (b == '"')
            {
                BeginToken(false, wanted);
                _state = InString;
                return true;
            }
            if ((b >= '0' && b <= '9') || b == '-')
            {
                BeginToken(false, wanted);
                Capture(b);
                _state = InNumber;
                return true;
            }
            if (b == 't' || b == 'f' || b == 'n')
            {
                BeginToken(false, true);
                Capture(b);
                _state = InLiteral;
                return true;
            }
            return Fail("a JSON value expected");
        }

        // The role of a container opened now, from its parent's role and the key it is the value of.
        private byte RoleOf(bool isObject)
        {
            if (_depth == 0)
            {
                return isObject ? RoleRoot : RoleOther;
            }
            byte parent = _roles[_depth - 1];
            byte key = _keys[_depth - 1];
            if (parent == RoleRoot && key == KeyResult && isObject)
            {
                return RoleResult;
            }
            if (parent == RoleRoot && key == KeyError)
            {
                _sawError = true;
            }
            if (parent == RoleResult && key == KeyStates && !isObject)
            {
                return RoleStates;
            }
            if (parent == (RoleStates | ArrayFlag) && isObject)
            {
                return RoleEntry;
            }
            return RoleOther;
        }

        private bool Close(bool isObject)
        {
            if (_depth == 0 || IsObject() != isObject)
            {
                return Fail("a closing bracket that does not match");
            }
            _depth--;
            byte role = (byte)(_roles[_depth] & ~ArrayFlag);
            if (role == RoleEntry)
            {
                EndEntry();
            }
            else if (role == RoleStates)
            {
                _sawStates = true;
            }
            EndValue();
            return true;
        }

        private bool Escape(byte b)
        {
            if (_escapeLeft > 1)
            {
                if (Hex.DigitValue((char)b) < 0)
                {
                    return Fail("a bad \\u escape");
                }
                _escapeLeft--;
                if (_escapeLeft == 1)
                {
                    _state = InString;
                }
                return true;
            }
            if (b == 'u')
            {
                // Four hex digits follow; the count runs 5..2 so that 1 means "back in the string".
                _escapeLeft = 5;
                return true;
            }
            if (b != '"' && b != '\\' && b != '/' && b != 'b' && b != 'f' && b != 'n' && b != 'r' && b != 't')
            {
                return Fail("a bad escape");
            }
            _state = InString;
            return true;
        }

        private void BeginToken(bool isName, bool capture)
        {
            _isName = isName;
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
            if (_tokenLength < TokenCapacity)
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
                _keys[_depth - 1] = _capturing && _tokenUsable ? KeyOf() : KeyNone;
                _state = ExpectColon;
                return;
            }
            if (_capturing && _tokenUsable)
            {
                Field(false);
            }
            EndValue();
        }

        private bool EndScalar(bool number)
        {
            if (!number)
            {
                if (!(Is(s_true) || Is(s_false) || Is(s_null)))
                {
                    return Fail("a bad literal");
                }
            }
            else if (_capturing && _tokenUsable && CurrentRole() == RoleEntry)
            {
                Field(true);
            }
            EndValue();
            return true;
        }

        private void EndValue()
        {
            _state = _depth == 0 ? Done : AfterValue;
        }

        // A scalar value of the entry being read, for the key it belongs to.
        private void Field(bool number)
        {
            switch (_keys[_depth - 1])
            {
                case KeyIp:
                    if (!number && _tokenLength <= MaxIpLength)
                    {
                        System.Array.Copy(_token, _ip, _tokenLength);
                        _ipLength = _tokenLength;
                        _fields |= HasIp;
                    }
                    break;
                case KeyPort:
                    ulong port;
                    if (Decimal(out port) && port >= 1 && port <= 65535)
                    {
                        _port = (int)port;
                        _fields |= HasPort;
                    }
                    break;
                case KeyEd25519:
                    if (!number && _tokenLength == HexKeyLength)
                    {
                        System.Array.Copy(_token, _ed25519Hex, HexKeyLength);
                        _fields |= HasEd25519;
                    }
                    break;
                case KeyX25519:
                    if (!number && _tokenLength == HexKeyLength)
                    {
                        System.Array.Copy(_token, _x25519Hex, HexKeyLength);
                        _fields |= HasX25519;
                    }
                    break;
                case KeySwarm:
                    // All 64 bits: oxend writes the id as a JSON number; 2^64 - 1 is "in no swarm" and stays out.
                    ulong swarm;
                    if (number && Decimal(out swarm) && swarm != SwarmSpace.InvalidSwarmId)
                    {
                        _swarm = swarm;
                        _fields |= HasSwarm;
                    }
                    break;
            }
        }

        // The entry is complete: its swarm id counts for every choice, and its node, when usable, goes to
        // every choice that keeps it. A swarm counts even when its nodes are unusable, as it does for the
        // storage server: the account then has no member to store to, rather than a wrong swarm.
        private void EndEntry()
        {
            _entries++;
            if ((_fields & HasSwarm) == 0)
            {
                return;
            }
            _entriesWithSwarm++;
            bool wanted = false;
            for (int i = 0; i < _choices.Length && !wanted; i++)
            {
                wanted = _choices[i].Wants(_swarm);
            }
            if (!wanted)
            {
                return;
            }
            ServiceNode node = _fields == HasAll ? Node() : null;
            for (int i = 0; i < _choices.Length; i++)
            {
                _choices[i].Offer(_swarm, node);
            }
        }

        // The entry's node, or null when its address or a key is unusable.
        private ServiceNode Node()
        {
            if (!HexKey(_ed25519, _ed25519Hex) || !HexKey(_x25519, _x25519Hex))
            {
                return null;
            }
            char[] chars = new char[_ipLength];
            for (int i = 0; i < _ipLength; i++)
            {
                chars[i] = (char)_ip[i];
            }
            string ip = new string(chars);
            // ServiceNode copies the keys, so the two buffers serve every entry.
            return ServiceNode.IsUsableIPv4(ip) ? new ServiceNode(ip, _port, _ed25519, _x25519) : null;
        }

        // The token as an unsigned decimal of at most 64 bits (a JSON number or a string of digits); false when it is not one.
        private bool Decimal(out ulong value)
        {
            value = 0;
            if (_tokenLength == 0 || _tokenLength > s_largest.Length)
            {
                return false;
            }
            for (int i = 0; i < _tokenLength; i++)
            {
                byte b = _token[i];
                if (b < '0' || b > '9')
                {
                    return false;
                }
                value = value * 10 + (ulong)(b - '0');
            }
            return _tokenLength < s_largest.Length || NotAboveLargest();
        }

        // For a token of 20 digits: not above 2^64 - 1 (the sum above wraps silently past it).
        private bool NotAboveLargest()
        {
            for (int i = 0; i < s_largest.Length; i++)
            {
                if (_token[i] != s_largest[i])
                {
                    return _token[i] < s_largest[i];
                }
            }
            return true;
        }

        // 64 hex digits into a 32-byte key; false when they are not hex.
        private static bool HexKey(byte[] key, byte[] hex)
        {
            for (int i = 0; i < key.Length; i++)
            {
                int high = Hex.DigitValue((char)hex[2 * i]);
                int low = Hex.DigitValue((char)hex[2 * i + 1]);
                if (high < 0 || low < 0)
                {
                    return false;
                }
                key[i] = (byte)((high << 4) | low);
            }
            return true;
        }

        // Which key a just-read name is, for the object it is in.
        private byte KeyOf()
        {
            switch (CurrentRole())
            {
                case RoleRoot:
                    return Is(s_result) ? KeyResult : (Is(s_error) ? KeyError : KeyNone);
                case RoleResult:
                    return Is(s_states) ? KeyStates : KeyNone;
                case RoleEntry:
                    return Is(s_ip) ? KeyIp : Is(s_port) ? KeyPort : Is(s_ed25519) ? KeyEd25519
                        : Is(s_x25519) ? KeyX25519 : Is(s_swarm) ? KeySwarm : KeyNone;
                default:
                    return KeyNone;
            }
        }

        // Names are read only where they can matter.
        private bool NamesMatter()
        {
            byte role = CurrentRole();
            return role == RoleRoot || role == RoleResult || role == RoleEntry;
        }

        // The token equals the text (compared by length first: the names read here all differ in length).
        private bool Is(byte[] text)
        {
            if (_tokenLength != text.Length)
            {
                return false;
            }
            for (int i = 0; i < _tokenLength; i++)
            {
                if (_token[i] != text[i])
                {
                    return false;
                }
            }
            return true;
        }

        private byte CurrentRole()
        {
            return _depth == 0 ? RoleOther : _roles[_depth - 1];
        }

        private bool IsObject()
        {
            return _depth > 0 && (_roles[_depth - 1] & ArrayFlag) == 0;
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
