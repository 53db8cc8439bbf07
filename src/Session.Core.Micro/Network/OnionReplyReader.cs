// A guard's answer to an onion request read as it arrives (docs/protocol.md §4.4), for replies too
// large to hold: base64 text of nonce || ciphertext || tag under the destination's layer key,
// white space around it ignored, inside {"status": <int> (or "status_code"), "body": "<text>"}.
// The base64 is decoded piece by piece, the ciphertext opened by XChaCha20Poly1305Decryptor with
// the last 16 bytes held back as the tag, and the body string handed, unescaped, to the reader
// behind (a RetrieveReplyReader), which keeps only what fits. Nothing is authentic until Finish has
// checked the tag: the caller acts on the reader behind only after Finish said Delivered.
// An answer that is not HTTP 200 is a hop's plain text: its first OnionReply.MaxQuotedText bytes
// are kept for OnionReply.Read. The legacy {"result": "<base64>"} wrapping is not read this way.
// Memory: a few hundred bytes of buffers, whatever the size of the answer. Time: the transport's body
// cap does not apply to an answer read this way, so the reader refuses one longer than any node gives
// (MaxReplyBytes), which a hop that streams on would otherwise make the device read (base64, cipher,
// JSON) for the whole request timeout. Such an answer, when it read as a sealed answer up to there,
// is treated as one over the transport's cap (a swarm member must not make the beacon drop the paths
// its alerts use); when it did not, it is Undecryptable, as garbage of any length.
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Encoding;
using Session.Core.Micro.Onion;

namespace Session.Core.Micro.Network
{
    internal sealed class OnionReplyReader : IResponseSink, IJsonTokenHandler
    {
        /// <summary>
        /// The longest answer read, in bytes on the wire. A node's longest is one message of the largest size it
        /// stores (76,800 bytes of data): about 137 KB once base64, in its JSON, sealed and base64 again. A hop that
        /// streams on past this is not a node answering, and is not read for the rest of the request's timeout.
        /// </summary>
        internal const int MaxReplyBytes = 160 * 1024;

        // Base64 characters decoded at a time: 192 bytes, held in _tail after the 16 held back.
        private const int Chunk = 256;
        private const int TagSize = XChaCha20Poly1305.TagSize;

        private const int KeyNone = 0;
        private const int KeyStatus = 1;
        private const int KeyBody = 2;

        private static readonly byte[] s_status = Utf8.Encode("status");
        private static readonly byte[] s_statusCode = Utf8.Encode("status_code");
        private static readonly byte[] s_body = Utf8.Encode("body");

        private readonly OnionKeys _keys;
        private readonly IResponseSink _body;
        private readonly byte[] _head = new byte[OnionReply.MaxQuotedText];
        private int _length;
        private bool _refused;
        private bool _oversized;
        private int _headLength;
        private bool _started;
        private string _problem;
        private readonly Base64Decoder _base64 = new Base64Decoder(true);
        private readonly byte[] _nonce = new byte[XChaCha20Poly1305.NonceSize];
        private int _nonceLength;
        private XChaCha20Poly1305Decryptor _decryptor;
        private readonly byte[] _decoded = new byte[Chunk / 4 * 3];
        private readonly byte[] _tail = new byte[TagSize + Chunk / 4 * 3];
        private int _tailLength;
        // The envelope {"status", "body"}.
        private readonly JsonTokenStream _envelope;
        private int _depth;
        private int _key;
        private int _status = -1;
        private bool _sawBody;
        private bool _bodyRefused;
        private readonly byte[] _bodyHead = new byte[OnionReply.MaxQuotedText];
        private int _bodyHeadLength;

        /// <param name="keys">The keys the request was built with (read while the answer arrives, before they are wiped).</param>
        /// <param name="body">Takes the envelope's body text.</param>
        internal OnionReplyReader(OnionKeys keys, IResponseSink body)
        {
            _keys = keys;
            _body = body;
            _envelope = new JsonTokenStream(this, s_statusCode.Length);
        }

        /// <inheritdoc/>
        /// <remarks>
        /// Refuses only an answer longer than <see cref="MaxReplyBytes"/>: one that is not a sealed reply may be a hop's
        /// error, whose status comes at the end.
        /// </remarks>
        public bool Write(byte[] buffer, int offset, int count)
        {
            _length += count;
            if (_length > MaxReplyBytes)
            {
                _refused = true;
                if (_problem == null)
                {
                    _oversized = true;
                    _problem = "reply is longer than any node sends (over " + MaxReplyBytes.ToString() + " bytes)";
                }
                return false;
            }
            int end = offset + count;
            for (int i = offset; i < end && _headLength < _head.Length; i++)
            {
                _head[_headLength++] = buffer[i];
            }
            while (!_started && offset < end && (buffer[offset] == ' ' || (buffer[offset] >= 0x09 && buffer[offset] <= 0x0D)))
            {
                offset++;
            }
            if (offset < end)
            {
                _started = true;
            }
            for (int at = offset; at < end && _problem == null; at += Chunk)
            {
                int n = end - at < Chunk ? end - at : Chunk;
                int written = _base64.Write(buffer, at, n, _decoded, 0);
                if (written < 0)
                {
                    _problem = "reply is not base64";
                    break;
                }
                Take(_decoded, written);
            }
            return true;
        }

        /// <summary>
        /// True when the answer went on past <see cref="MaxReplyBytes"/> and was refused there, while what came up to
        /// then read as a destination's sealed answer. One that did not (garbage) is Undecryptable, as a short one.
        /// </summary>
        internal bool IsTooLong
        {
            get { return _oversized; }
        }

        /// <summary>What came back: a hop's error for any HTTP status but 200 (as OnionReply.Read classifies it), else the opened reply or why it does not open.</summary>
        internal OnionReply Finish(int httpStatus)
        {
            if (httpStatus != 200 && !_refused)
            {
                byte[] head = new byte[_headLength];
                System.Array.Copy(_head, head, _headLength);
                return OnionReply.Read(_keys, httpStatus, head);
            }
            if (_problem == null)
            {
                int written = _base64.Finish(_decoded, 0);
                if (written < 0)
                {
                    _problem = "reply is not base64";
                }
                else
                {
                    Take(_decoded, written);
                }
            }
            if (_problem == null && (_decryptor == null || _tailLength < TagSize))
            {
                _problem = "reply is too short";
            }
            if (_problem != null)
            {
                if (_decryptor != null)
                {
                    _decryptor.Wipe();
                }
                return OnionReply.Undecryptable(_problem);
            }
            if (!_decryptor.Verify(_tail, 0))
            {
                return OnionReply.Undecryptable("reply failed authentication under the destination's key");
            }
            if (!_envelope.IsComplete || _status < 0 || !_sawBody)
            {
                return OnionReply.Undecryptable("decrypted reply is not {status, body}" + (_envelope.Problem != null ? ": " + _envelope.Problem : ""));
            }
            return OnionReply.Opened(_status, Utf8.Decode(_bodyHead, 0, _bodyHeadLength));
        }

        // Decoded bytes: the nonce first, then ciphertext, of which the last TagSize bytes are held back.
        private void Take(byte[] decoded, int count)
        {
            int i = 0;
            while (_nonceLength < _nonce.Length && i < count)
            {
                _nonce[_nonceLength++] = decoded[i++];
                if (_nonceLength == _nonce.Length)
                {
                    _decryptor = new XChaCha20Poly1305Decryptor(_keys.LayerKey(_keys.LayerCount - 1), _nonce);
                }
            }
            System.Array.Copy(decoded, i, _tail, _tailLength, count - i);
            _tailLength += count - i;
            int release = _tailLength - TagSize;
            if (release <= 0)
            {
                return;
            }
            _decryptor.Decrypt(_tail, 0, release);
            if (!_envelope.Write(_tail, 0, release) && _problem == null)
            {
                _problem = "decrypted reply is not {status, body}: " + _envelope.Problem;
            }
            // Forward, so that overlapping places are read before they are written.
            for (int k = 0; k < TagSize; k++)
            {
                _tail[k] = _tail[release + k];
            }
            _tailLength = TagSize;
        }

        /// <inheritdoc/>
        public void Open(bool isObject)
        {
            _depth++;
            if (_depth == 1 && !isObject && _problem == null)
            {
                _problem = "decrypted reply is not {status, body}";
            }
        }

        /// <inheritdoc/>
        public void Close(bool isObject)
        {
            _depth--;
        }

        /// <inheritdoc/>
        public bool Keeps(bool isName)
        {
            return _depth == 1 && (isName || _key == KeyStatus);
        }

        /// <inheritdoc/>
        public bool Pieces()
        {
            if (_depth != 1 || _key != KeyBody)
            {
                return false;
            }
            _sawBody = true;
            return true;
        }

        /// <inheritdoc/>
        public void Piece(byte[] buffer, int offset, int count)
        {
            for (int i = offset; i < offset + count && _bodyHeadLength < _bodyHead.Length; i++)
            {
                _bodyHead[_bodyHeadLength++] = buffer[i];
            }
            if (!_bodyRefused)
            {
                _bodyRefused = !_body.Write(buffer, offset, count);
            }
        }

        /// <inheritdoc/>
        public void Name(byte[] token, int length, bool usable)
        {
            _key = !usable ? KeyNone
                : JsonTokenStream.TokenIs(token, length, s_status) || JsonTokenStream.TokenIs(token, length, s_statusCode) ? KeyStatus
                : JsonTokenStream.TokenIs(token, length, s_body) ? KeyBody : KeyNone;
        }

        /// <inheritdoc/>
        public void Value(bool isNumber, byte[] token, int length, bool usable)
        {
            if (token == null || !isNumber || !usable || _key != KeyStatus)
            {
                return;
            }
            int status = 0;
            for (int i = 0; i < length && status >= 0; i++)
            {
                int digit = token[i] - '0';
                status = digit < 0 || digit > 9 || i >= 3 ? -1 : status * 10 + digit;
            }
            _status = status;
        }

        /// <inheritdoc/>
        public void Boolean(bool value)
        {
        }
    }
}
