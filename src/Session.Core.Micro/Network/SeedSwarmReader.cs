// Reads a seed's get_n_service_nodes answer (docs/protocol.md §3.6, §3.8) as it arrives, and keeps
// only the members of the swarms it was asked about: {"result": {"service_node_states": [{"public_ip",
// "storage_port", "pubkey_ed25519", "pubkey_x25519", "swarm_id", ...}, ...]}}. Mainnet's whole list
// (about 2,000 nodes, some 500 KB) does not fit the device's heap; this reader holds one JSON token of
// at most TokenCapacity bytes (JsonTokenStream checks the JSON as it passes), the fields of the entry
// being read, and per account a SwarmChoice (the members of at most two swarms). A ServiceNode is
// made only for an entry that a choice keeps, and its keys are decoded only then.
// Anything else in the answer (other fields, "height", unknown entry fields) is read past. An entry
// missing a field, or with an unusable address, port or key, gives no member (as NodeParser skips it
// in the pool) but its swarm id still counts; one in no swarm (swarm_id 2^64 - 1, or none) does not
// count at all. Not thread-safe; one reader per answer.
using Session.Core.Micro.Encoding;

namespace Session.Core.Micro.Network
{
    internal sealed class SeedSwarmReader : IResponseSink, IJsonTokenHandler
    {
        /// <summary>The longest token kept: a 64-digit hex key.</summary>
        internal const int TokenCapacity = 64;

        // What a container is, by where it sits.
        private const byte RoleOther = 0;
        private const byte RoleRoot = 1;
        private const byte RoleResult = 2;
        private const byte RoleStates = 3;
        private const byte RoleEntry = 4;

        // The object names that matter (0: any other).
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

        // The names compared with tokens, as bytes: comparing a token with a string would index the
        // string, which nanoCLR walks from its start each time (docs/portable-csharp.md §5).
        private static readonly byte[] s_result = Utf8.Encode("result");
        private static readonly byte[] s_error = Utf8.Encode("error");
        private static readonly byte[] s_states = Utf8.Encode("service_node_states");
        private static readonly byte[] s_ip = Utf8.Encode("public_ip");
        private static readonly byte[] s_port = Utf8.Encode("storage_port");
        private static readonly byte[] s_ed25519 = Utf8.Encode("pubkey_ed25519");
        private static readonly byte[] s_x25519 = Utf8.Encode("pubkey_x25519");
        private static readonly byte[] s_swarm = Utf8.Encode("swarm_id");
        private static readonly byte[] s_largest = Utf8.Encode("18446744073709551615");

        private readonly JsonTokenStream _json;
        private readonly SwarmChoice[] _choices;
        // Per open container: its role, and the name read last in it (for an object).
        private readonly byte[] _roles = new byte[JsonTokenStream.MaxDepth];
        private readonly byte[] _keys = new byte[JsonTokenStream.MaxDepth];
        private int _depth;
        private string _problem;
        private bool _sawStates;
        private bool _sawError;
        private int _entries;
        private int _entriesWithSwarm;

        // The entry being read. The keys stay hex until the entry turns out to be wanted: most are not.
        private readonly byte[] _ip = new byte[MaxIpLength];
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
            _json = new JsonTokenStream(this, TokenCapacity);
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
            get { return _problem != null ? _problem : _json.Problem; }
        }

        /// <summary>Checks that the whole answer came and held a node list with swarm ids; false (and Problem) when not.</summary>
        internal bool Finish()
        {
            if (Problem != null)
            {
                return false;
            }
            if (!_json.IsComplete)
            {
                _problem = "the answer ended inside its JSON";
            }
            else if (!_sawStates)
            {
                _problem = _sawError ? "the seed answered with an error" : "the answer has no result.service_node_states";
            }
            else if (_entriesWithSwarm == 0)
            {
                _problem = _entries == 0 ? "the node list is empty" : "the node list has no swarm_id";
            }
            return _problem == null;
        }

        /// <inheritdoc/>
        public bool Write(byte[] buffer, int offset, int count)
        {
            return _json.Write(buffer, offset, count);
        }

        /// <inheritdoc/>
        public void Open(bool isObject)
        {
            byte role = RoleOther;
            if (_depth == 0)
            {
                role = isObject ? RoleRoot : RoleOther;
            }
            else
            {
                byte parent = _roles[_depth - 1];
                byte key = _keys[_depth - 1];
                if (parent == RoleRoot && key == KeyResult && isObject)
                {
                    role = RoleResult;
                }
                else if (parent == RoleResult && key == KeyStates && !isObject)
                {
                    role = RoleStates;
                }
                else if (parent == RoleStates && isObject)
                {
                    role = RoleEntry;
                    _fields = 0;
                }
                _sawError |= parent == RoleRoot && key == KeyError;
            }
            _roles[_depth] = role;
            _keys[_depth] = KeyNone;
            _depth++;
        }

        /// <inheritdoc/>
        public void Close(bool isObject)
        {
            _depth--;
            if (_roles[_depth] == RoleEntry)
            {
                EndEntry();
            }
            else if (_roles[_depth] == RoleStates)
            {
                _sawStates = true;
            }
        }

        /// <inheritdoc/>
        /// <remarks>Names only where they can matter; values only of the fields read, inside an entry.</remarks>
        public bool Keeps(bool isName)
        {
            byte role = _depth == 0 ? RoleOther : _roles[_depth - 1];
            return isName ? role == RoleRoot || role == RoleResult || role == RoleEntry
                : role == RoleEntry && _keys[_depth - 1] != KeyNone;
        }

        /// <inheritdoc/>
        /// <remarks>No field of an entry is read in pieces: each fits the token buffer or is not needed.</remarks>
        public bool Pieces()
        {
            return false;
        }

        /// <inheritdoc/>
        public void Piece(byte[] buffer, int offset, int count)
        {
        }

        /// <inheritdoc/>
        /// <remarks>No field read is a boolean.</remarks>
        public void Boolean(bool value)
        {
        }

        /// <inheritdoc/>
        public void Name(byte[] token, int length, bool usable)
        {
            _keys[_depth - 1] = usable ? KeyOf(token, length) : KeyNone;
        }

        /// <inheritdoc/>
        public void Value(bool isNumber, byte[] token, int length, bool usable)
        {
            if (usable)
            {
                Field(isNumber, token, length);
            }
        }

        // A scalar value of the entry being read, for the key it belongs to.
        private void Field(bool number, byte[] token, int length)
        {
            switch (_keys[_depth - 1])
            {
                case KeyIp:
                    if (!number && length <= MaxIpLength)
                    {
                        System.Array.Copy(token, _ip, length);
                        _ipLength = length;
                        _fields |= HasIp;
                    }
                    break;
                case KeyPort:
                    ulong port;
                    if (Decimal(token, length, out port) && port >= 1 && port <= 65535)
                    {
                        _port = (int)port;
                        _fields |= HasPort;
                    }
                    break;
                case KeyEd25519:
                    if (!number && length == HexKeyLength)
                    {
                        System.Array.Copy(token, _ed25519Hex, HexKeyLength);
                        _fields |= HasEd25519;
                    }
                    break;
                case KeyX25519:
                    if (!number && length == HexKeyLength)
                    {
                        System.Array.Copy(token, _x25519Hex, HexKeyLength);
                        _fields |= HasX25519;
                    }
                    break;
                case KeySwarm:
                    // All 64 bits: oxend writes the id as a JSON number; 2^64 - 1 is "in no swarm" and stays out.
                    ulong swarm;
                    if (number && Decimal(token, length, out swarm) && swarm != SwarmSpace.InvalidSwarmId)
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
        private static bool Decimal(byte[] token, int length, out ulong value)
        {
            value = 0;
            if (length == 0 || length > s_largest.Length)
            {
                return false;
            }
            for (int i = 0; i < length; i++)
            {
                byte b = token[i];
                if (b < '0' || b > '9')
                {
                    return false;
                }
                value = value * 10 + (ulong)(b - '0');
            }
            return length < s_largest.Length || NotAboveLargest(token);
        }

        // For a token of 20 digits: not above 2^64 - 1 (the sum above wraps silently past it).
        private static bool NotAboveLargest(byte[] token)
        {
            for (int i = 0; i < s_largest.Length; i++)
            {
                if (token[i] != s_largest[i])
                {
                    return token[i] < s_largest[i];
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

        // Which field a just-read name is, for the object it is in. The names read here all differ in length.
        private byte KeyOf(byte[] token, int length)
        {
            switch (_roles[_depth - 1])
            {
                case RoleRoot:
                    return JsonTokenStream.TokenIs(token, length, s_result) ? KeyResult : (JsonTokenStream.TokenIs(token, length, s_error) ? KeyError : KeyNone);
                case RoleResult:
                    return JsonTokenStream.TokenIs(token, length, s_states) ? KeyStates : KeyNone;
                case RoleEntry:
                    return JsonTokenStream.TokenIs(token, length, s_ip) ? KeyIp : JsonTokenStream.TokenIs(token, length, s_port) ? KeyPort : JsonTokenStream.TokenIs(token, length, s_ed25519) ? KeyEd25519
                        : JsonTokenStream.TokenIs(token, length, s_x25519) ? KeyX25519 : JsonTokenStream.TokenIs(token, length, s_swarm) ? KeySwarm : KeyNone;
                default:
                    return KeyNone;
            }
        }
    }
}
