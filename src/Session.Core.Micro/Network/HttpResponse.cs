// What IHttpTransport.Post returns: an HTTP status and body, or status 0 and the reason nothing
// usable came back. Bodies are raw bytes (onion replies are base64 text, seed replies JSON). An
// answer larger than the transport reads is its own case (TooLarge): the path carried it, so it is
// not the path's failure (docs/protocol.md §4.6).
namespace Session.Core.Micro.Network
{
    /// <summary>An HTTP status and body, or status 0 with an error.</summary>
    public sealed class HttpResponse
    {
        private readonly int _status;
        private readonly byte[] _body;
        private readonly string _error;
        private readonly bool _tooLarge;

        /// <summary>An answer from the server.</summary>
        /// <exception cref="System.ArgumentException">status is outside 100..599.</exception>
        public HttpResponse(int status, byte[] body)
        {
            if (status < 100 || status > 599)
            {
                throw Errors.Range("status");
            }
            _status = status;
            _body = body == null ? new byte[0] : body;
        }

        private HttpResponse(string error, bool tooLarge)
        {
            _status = 0;
            _body = new byte[0];
            _error = error == null ? "no response" : error;
            _tooLarge = tooLarge;
        }

        /// <summary>No usable answer (connection refused, timeout, TLS or pin failure); <paramref name="error"/> says which.</summary>
        public static HttpResponse Failed(string error)
        {
            return new HttpResponse(error, false);
        }

        /// <summary>An answer came, but larger than the transport reads; <paramref name="error"/> says how large it may be.</summary>
        public static HttpResponse TooLarge(string error)
        {
            return new HttpResponse(error, true);
        }

        /// <summary>True when an answer came but was larger than the transport reads (Status is 0, the body empty).</summary>
        public bool IsTooLarge
        {
            get { return _tooLarge; }
        }

        /// <summary>The HTTP status, or 0 when nothing usable came back.</summary>
        public int Status
        {
            get { return _status; }
        }

        /// <summary>The body bytes (empty when status is 0).</summary>
        public byte[] Body
        {
            get { return _body; }
        }

        /// <summary>Why nothing came back, when Status is 0; else null.</summary>
        public string Error
        {
            get { return _error; }
        }
    }
}
