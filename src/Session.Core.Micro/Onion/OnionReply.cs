// Reading what a guard answers to an onion request (docs/protocol.md §4.4, §4.6).
// HTTP 200: the body is base64 text (or legacy {"result":"<base64>"}) of nonce || ct || tag under
// the destination layer's key, with ASCII white space around it ignored; inside is
// {"status": <int> (or "status_code"), "body": <string>}. The base64 is decoded from the HTTP
// body's bytes: replies run to tens of KB, and a string copy of them would cost the device three
// times their size in heap and, walked by index, quadratic time (docs/portable-csharp.md §5). A
// reply too large to hold at all (a retrieve within a reply limit) is opened as it arrives by
// Network/OnionReplyReader.cs, which hands its outcome here (Opened, Undecryptable).
// Any other HTTP status is a plaintext error from some hop and is never decrypted: 502 with
// "Next node not found: <ed25519 hex>" names a node that is gone; 406/425 is a clock problem;
// 400/401/403/404/413 refuse the request; everything else (including no answer, status 0) is the
// path's fault. Body text is kept short in errors: nodes are not trusted to send small bodies.
using Session.Core.Micro.Encoding;

namespace Session.Core.Micro.Onion
{
    /// <summary>The classified reply to one onion request.</summary>
    public sealed class OnionReply
    {
        /// <summary>Marker that some hop puts before the Ed25519 key of a node it could not reach.</summary>
        public const string NextNodeNotFoundPrefix = "Next node not found: ";

        /// <summary>The most characters of a hop's or destination's text kept for errors.</summary>
        internal const int MaxQuotedText = 200;

        private readonly OnionReplyKind _kind;
        private readonly int _httpStatus;
        private readonly int _status;
        private readonly string _body;
        private readonly string _missingNode;

        private OnionReply(OnionReplyKind kind, int httpStatus, int status, string body, string missingNode)
        {
            _kind = kind;
            _httpStatus = httpStatus;
            _status = status;
            _body = body;
            _missingNode = missingNode;
        }

        /// <summary>How the request ended.</summary>
        public OnionReplyKind Kind
        {
            get { return _kind; }
        }

        /// <summary>The guard's HTTP status (0 when nothing answered).</summary>
        public int HttpStatus
        {
            get { return _httpStatus; }
        }

        /// <summary>The destination's status when Delivered; otherwise the HTTP status.</summary>
        public int Status
        {
            get { return _status; }
        }

        /// <summary>The destination's body when Delivered (usually JSON text); otherwise the start of the hop's error text.</summary>
        public string Body
        {
            get { return _body; }
        }

        /// <summary>The Ed25519 hex key of the unreachable node for NextNodeNotFound, else null.</summary>
        public string MissingNode
        {
            get { return _missingNode; }
        }

        /// <summary>Classifies the guard's answer and, for HTTP 200, opens it with the destination's layer key.</summary>
        /// <param name="keys">The keys the request was built with.</param>
        /// <param name="httpStatus">The HTTP status, or 0 when there was no answer.</param>
        /// <param name="body">The HTTP body; null is treated as empty.</param>
        /// <exception cref="System.ArgumentNullException">keys is null.</exception>
        /// <exception cref="System.InvalidOperationException">The keys were wiped.</exception>
        public static OnionReply Read(OnionKeys keys, int httpStatus, byte[] body)
        {
            if (keys == null)
            {
                throw Errors.Null("keys");
            }
            if (keys.IsWiped)
            {
                throw Errors.KeysWiped();
            }
            if (body == null)
            {
                body = new byte[0];
            }
            if (httpStatus != 200)
            {
                return Classify(httpStatus, body);
            }
            byte[] sealedReply = DecodeBase64Body(body);
            if (sealedReply == null)
            {
                return Undecryptable("reply is not base64");
            }
            byte[] plain = HopEncryption.Open(keys.LayerKey(keys.LayerCount - 1), sealedReply, 0, sealedReply.Length);
            if (plain == null)
            {
                return Undecryptable("reply failed authentication under the destination's key");
            }
            try
            {
                JsonValue json = JsonReader.Parse(plain);
                JsonValue status = json.Get("status_code");
                if (status == null)
                {
                    status = json.Require("status");
                }
                JsonValue inner = json.Get("body");
                string text = "";
                if (inner != null && inner.Kind == JsonKind.String)
                {
                    text = inner.AsString();
                }
                else if (inner != null && inner.Kind != JsonKind.Null)
                {
                    // "json": true embeds the body; re-serialising is not needed by this client.
                    text = Utf8.Decode(plain, inner.Offset, plain.Length - inner.Offset);
                }
                return new OnionReply(OnionReplyKind.Delivered, httpStatus, status.AsInt32(), text, null);
            }
            catch (MalformedDataException e)
            {
                return Undecryptable("decrypted reply is not {status, body}: " + e.Message);
            }
        }

        private static OnionReply Classify(int httpStatus, byte[] body)
        {
            string text = Quote(body);
            int marker = text.IndexOf(NextNodeNotFoundPrefix);
            if (marker >= 0)
            {
                // The quote is at most MaxQuotedText characters; walk it once as an array.
                char[] chars = text.ToCharArray();
                int start = marker + NextNodeNotFoundPrefix.Length;
                int end = start;
                while (end < chars.Length && IsHexDigit(chars[end]))
                {
                    end++;
                }
                if (end - start == 64)
                {
                    return new OnionReply(OnionReplyKind.NextNodeNotFound, httpStatus, httpStatus, text, new string(chars, start, 64).ToLower());
                }
            }
            OnionReplyKind kind;
            switch (httpStatus)
            {
                case 406:
                case 425:
                    kind = OnionReplyKind.ClockOutOfSync;
                    break;
                case 400:
                case 401:
                case 403:
                case 404:
                case 413:
                    kind = OnionReplyKind.Rejected;
                    break;
                default:
                    kind = OnionReplyKind.PathFailure;
                    break;
            }
            return new OnionReply(kind, httpStatus, httpStatus, text, null);
        }

        /// <summary>A reply opened under the destination's key elsewhere (OnionReplyReader, read as it arrived): the destination's status and the start of its body.</summary>
        internal static OnionReply Opened(int status, string body)
        {
            return new OnionReply(OnionReplyKind.Delivered, 200, status, body, null);
        }

        /// <summary>An HTTP 200 that does not open: <paramref name="why"/> says how.</summary>
        internal static OnionReply Undecryptable(string why)
        {
            return new OnionReply(OnionReplyKind.Undecryptable, 200, 200, why, null);
        }

        // The body is base64 text, possibly wrapped as {"result": "<base64>"} by older nodes.
        private static byte[] DecodeBase64Body(byte[] body)
        {
            int start = 0;
            int end = body.Length;
            while (start < end && IsWhiteSpace(body[start]))
            {
                start++;
            }
            while (end > start && IsWhiteSpace(body[end - 1]))
            {
                end--;
            }
            if (start == end || body[start] != (byte)'{')
            {
                return Base64.TryDecode(body, start, end - start);
            }
            try
            {
                JsonValue result = JsonReader.Parse(body).Get("result");
                return result == null || result.Kind != JsonKind.String ? null : Base64.TryDecode(result.AsString());
            }
            catch (MalformedDataException)
            {
                return null;
            }
        }

        // Space, tab, line feed, vertical tab, form feed and carriage return: ASCII's white space.
        private static bool IsWhiteSpace(byte b)
        {
            return b == 0x20 || (b >= 0x09 && b <= 0x0D);
        }

        private static string Quote(byte[] body)
        {
            int count = body.Length > MaxQuotedText ? MaxQuotedText : body.Length;
            char[] chars = new char[count];
            for (int i = 0; i < count; i++)
            {
                byte b = body[i];
                chars[i] = b >= 0x20 && b < 0x7F ? (char)b : (b == 0x0A ? '\n' : '?');
            }
            return new string(chars);
        }

        private static bool IsHexDigit(char c)
        {
            return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        }
    }
}
