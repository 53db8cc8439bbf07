// What IHttpTransport.Post returns: an HTTP status and body, or status 0 and the reason nothing
// usable came back. Bodies are raw bytes (onion replies are base64 text, seed replies JSON).
namespace Session.Core.Micro.Network
{
    /// <summary>An HTTP status and body, or status 0 with an error.</summary>
    public sealed class HttpResponse
    {
        private readonly int _status;
        private readonly byte[] _body;
        private readonly string _error;

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

        private HttpResponse(string error)
        {
            _status = 0;
            _body = new byte[0];
            _error = error == null ? "no response" : error;
        }

        /// <summary>No usable answer (connection refused, timeout, TLS or pin failure); <paramref name="error"/> says which.</summary>
        public static HttpResponse Failed(string error)
        {
            return new HttpResponse(error);
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
