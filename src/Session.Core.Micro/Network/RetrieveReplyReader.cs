// The answer to a retrieve within a reply limit (docs/protocol.md §3.3), read as it arrives from an
// onion reply's body (OnionReplyReader) instead of held: {"messages": [{"hash", "timestamp",
// "expiration", "data"}…], "more", …}. Anyone may store in namespace 0, and a node returns the first
// message after the cursor whatever the budget, so one message larger than the device reads would
// otherwise stop the inbox at that member until it expires. Each message's data is decoded into one
// buffer of Capacity bytes (the data a page within the budget can hold); a first message larger
// than that is measured, not kept, and comes back skipped, so that the cursor moves past it. A later
// message that does not fit ends the page there (More): the next page starts with it. Memory: the
// buffer, one token of TokenCapacity bytes, and the kept messages' copies once read.
// Nothing here may be acted on before the onion layer's tag verified (OnionReplyReader.Finish).
using System.Collections;
using Session.Core.Micro.Encoding;

namespace Session.Core.Micro.Network
{
    internal sealed class RetrieveReplyReader : IResponseSink, IJsonTokenHandler
    {
        /// <summary>The longest name, hash or number kept (a hash is 43 characters).</summary>
        internal const int TokenCapacity = 64;

        private const int KeyNone = 0;
        private const int KeyMessages = 1;
        private const int KeyMore = 2;
        private const int KeyHash = 3;
        private const int KeyTimestamp = 4;
        private const int KeyExpiration = 5;
        private const int KeyData = 6;

        // The names of the keys above, from KeyMessages on.
        private static readonly byte[][] s_names =
        {
            Utf8.Encode("messages"), Utf8.Encode("more"), Utf8.Encode("hash"), Utf8.Encode("timestamp"), Utf8.Encode("expiration"), Utf8.Encode("data"),
        };

        private readonly JsonTokenStream _json;
        private readonly Base64Decoder _data = new Base64Decoder(false);
        private byte[] _buffer;
        private int _used;
        private readonly ArrayList _messages = new ArrayList();
        private int _depth;
        private int _rootKey;
        private int _messageKey;
        private bool _inMessages;
        private bool _sawMessages;
        private bool _more;
        private bool _full;
        private bool _broken;
        // The message being read.
        private string _hash;
        private long _timestamp;
        private long _expiration;
        private bool _sawData;
        private bool _dataKept;
        private int _dataAt;

        /// <param name="capacity">Bytes of message data one page may keep.</param>
        internal RetrieveReplyReader(int capacity)
        {
            _buffer = new byte[capacity];
            _json = new JsonTokenStream(this, TokenCapacity);
        }

        /// <summary>True once the whole answer was read and has the shape above.</summary>
        internal bool IsComplete
        {
            get { return !_broken && _json.IsComplete && _sawMessages; }
        }

        /// <summary>True when the member has more after these: it said so, or a message did not fit this page.</summary>
        internal bool More
        {
            get { return _more || _full; }
        }

        /// <summary>The messages read, oldest first; the data buffer is let go.</summary>
        internal RetrievedMessage[] Messages()
        {
            RetrievedMessage[] messages = new RetrievedMessage[_messages.Count];
            for (int i = 0; i < messages.Length; i++)
            {
                Kept kept = (Kept)_messages[i];
                if (kept.Length < 0)
                {
                    messages[i] = new RetrievedMessage(kept.Hash, kept.Timestamp, kept.Expiration, (int)-(kept.Length + 1));
                    continue;
                }
                byte[] data = new byte[kept.Length];
                System.Array.Copy(_buffer, kept.At, data, 0, kept.Length);
                messages[i] = new RetrievedMessage(kept.Hash, kept.Timestamp, kept.Expiration, data);
            }
            _buffer = null;
            return messages;
        }

        /// <inheritdoc/>
        public bool Write(byte[] buffer, int offset, int count)
        {
            if (!_broken && !_json.Write(buffer, offset, count))
            {
                _broken = true;
            }
            return !_broken;
        }

        /// <inheritdoc/>
        public void Open(bool isObject)
        {
            _depth++;
            if (_depth == 1 && !isObject)
            {
                _broken = true;
            }
            else if (_depth == 2 && _rootKey == KeyMessages)
            {
                _inMessages = !isObject;
                _sawMessages = _inMessages;
            }
            else if (_depth == 3 && _inMessages)
            {
                _hash = null;
                _timestamp = 0;
                _expiration = 0;
                _sawData = false;
                _messageKey = KeyNone;
            }
        }

        /// <inheritdoc/>
        public void Close(bool isObject)
        {
            if (_depth == 3 && _inMessages && isObject)
            {
                EndMessage();
            }
            else if (_depth == 2)
            {
                _inMessages = false;
            }
            _depth--;
        }

        /// <inheritdoc/>
        public bool Keeps(bool isName)
        {
            if (isName)
            {
                return _depth == 1 || (_depth == 3 && _inMessages);
            }
            return _depth == 3 && _inMessages && (_messageKey == KeyHash || _messageKey == KeyTimestamp || _messageKey == KeyExpiration);
        }

        /// <inheritdoc/>
        public bool Pieces()
        {
            if (_depth != 3 || !_inMessages || _messageKey != KeyData)
            {
                return false;
            }
            _sawData = true;
            _data.Reset();
            _dataAt = _used;
            _dataKept = !_full;
            return true;
        }

        /// <inheritdoc/>
        public void Piece(byte[] buffer, int offset, int count)
        {
            if (_dataKept && _used + _data.Room(count) > _buffer.Length)
            {
                // Larger than the page can keep: from here on only measured.
                _dataKept = false;
                _used = _dataAt;
            }
            int written = _data.Write(buffer, offset, count, _dataKept ? _buffer : null, _used);
            if (written < 0)
            {
                _broken = true;
            }
            else if (_dataKept)
            {
                _used += written;
            }
        }

        /// <inheritdoc/>
        public void Name(byte[] token, int length, bool usable)
        {
            int key = usable ? KeyOf(token, length) : KeyNone;
            if (_depth == 1)
            {
                _rootKey = key;
            }
            else
            {
                _messageKey = key;
            }
        }

        /// <inheritdoc/>
        public void Value(bool isNumber, byte[] token, int length, bool usable)
        {
            if (token == null)
            {
                EndData();
                return;
            }
            if (!usable)
            {
                _broken = true;
                return;
            }
            if (_messageKey == KeyHash && !isNumber)
            {
                _hash = Utf8.Decode(token, 0, length);
            }
            else if (_messageKey == KeyTimestamp && isNumber)
            {
                _timestamp = Integer(token, length);
            }
            else if (_messageKey == KeyExpiration && isNumber)
            {
                _expiration = Integer(token, length);
            }
        }

        /// <inheritdoc/>
        public void Boolean(bool value)
        {
            if (_depth == 1 && _rootKey == KeyMore)
            {
                _more = value;
            }
        }

        private void EndData()
        {
            if (_dataKept && _used + _data.Tail > _buffer.Length)
            {
                // The last group's bytes may not fit: measure them instead.
                _dataKept = false;
                _used = _dataAt;
            }
            int written = _data.Finish(_dataKept ? _buffer : null, _used);
            if (written < 0)
            {
                _broken = true;
            }
            else if (_dataKept)
            {
                _used += written;
            }
        }

        private void EndMessage()
        {
            if (_hash == null || !_sawData || _full)
            {
                _broken |= !_full;
                return;
            }
            if (_dataKept)
            {
                _messages.Add(new Kept(_hash, _timestamp, _expiration, _dataAt, _used - _dataAt));
            }
            else if (_messages.Count == 0)
            {
                // Alone larger than any page: it can never be read, only stepped over.
                _messages.Add(new Kept(_hash, _timestamp, _expiration, 0, -(int)_data.Length - 1));
            }
            else
            {
                // It fits a page of its own: this one ends before it.
                _full = true;
            }
        }

        private static int KeyOf(byte[] token, int length)
        {
            for (int key = 0; key < s_names.Length; key++)
            {
                if (JsonTokenStream.TokenIs(token, length, s_names[key]))
                {
                    return key + 1;
                }
            }
            return KeyNone;
        }

        // A JSON integer's digits (a timestamp in ms); anything else is 0.
        private static long Integer(byte[] token, int length)
        {
            long value = 0;
            for (int i = 0; i < length; i++)
            {
                int digit = token[i] - '0';
                if (digit < 0 || digit > 9 || i >= 18)
                {
                    return 0;
                }
                value = value * 10 + digit;
            }
            return value;
        }

        // A message read: its data at At in the buffer, or, with a negative Length, skipped (-Length - 1 bytes).
        private sealed class Kept
        {
            internal readonly string Hash;
            internal readonly long Timestamp;
            internal readonly long Expiration;
            internal readonly int At;
            internal readonly int Length;

            internal Kept(string hash, long timestamp, long expiration, int at, int length)
            {
                Hash = hash;
                Timestamp = timestamp;
                Expiration = expiration;
                At = at;
                Length = length;
            }
        }
    }
}
