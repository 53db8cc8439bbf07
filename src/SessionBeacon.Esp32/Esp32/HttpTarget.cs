// The parts of an http(s):// URL that TlsHttpTransport needs (nanoFramework only): scheme, host,
// port and path. Service nodes are addressed as https://<IPv4>:<port>/<path> and seeds by name;
// IPv6 literals and user info are not used by the protocol and are rejected.
namespace SessionBeacon.Esp32
{
    /// <summary>A parsed http:// or https:// URL.</summary>
    internal sealed class HttpTarget
    {
        private const int HttpsPort = 443;
        private const int HttpPort = 80;
        private const int MaxPort = 65535;

        private HttpTarget(bool secure, string host, int port, string path)
        {
            Secure = secure;
            Host = host;
            Port = port;
            Path = path;
        }

        /// <summary>True for https.</summary>
        public bool Secure { get; }

        /// <summary>The host name or IPv4 literal.</summary>
        public string Host { get; }

        /// <summary>The TCP port.</summary>
        public int Port { get; }

        /// <summary>The path and query, starting with '/'.</summary>
        public string Path { get; }

        /// <summary>scheme://host:port, for messages (the path may be long and says nothing new).</summary>
        public string Origin
        {
            get { return (Secure ? "https://" : "http://") + Host + ":" + Port.ToString(); }
        }

        /// <summary>The Host header's value.</summary>
        public string HostHeader
        {
            get { return Port == (Secure ? HttpsPort : HttpPort) ? Host : Host + ":" + Port.ToString(); }
        }

        /// <summary>Parses <paramref name="url"/>, or returns null when it is not an http(s) URL this transport can reach.</summary>
        public static HttpTarget TryParse(string url)
        {
            bool secure;
            int at;
            if (url.StartsWith("https://"))
            {
                secure = true;
                at = 8;
            }
            else if (url.StartsWith("http://"))
            {
                secure = false;
                at = 7;
            }
            else
            {
                return null;
            }
            int slash = url.IndexOf('/', at);
            string authority = slash < 0 ? url.Substring(at) : url.Substring(at, slash - at);
            string path = slash < 0 ? "/" : url.Substring(slash);
            if (authority.Length == 0 || authority.IndexOf('@') >= 0 || authority.IndexOf('[') >= 0)
            {
                return null;
            }
            int colon = authority.IndexOf(':');
            string host = colon < 0 ? authority : authority.Substring(0, colon);
            int port = secure ? HttpsPort : HttpPort;
            if (colon >= 0)
            {
                int parsed;
                if (!int.TryParse(authority.Substring(colon + 1), out parsed) || parsed < 1 || parsed > MaxPort)
                {
                    return null;
                }
                port = parsed;
            }
            if (host.Length == 0)
            {
                return null;
            }
            return new HttpTarget(secure, host, port, path);
        }
    }
}
