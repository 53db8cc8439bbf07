// A seed node a client bootstraps its pool from (docs/protocol.md §3.8): its base URL and the pin
// of its TLS certificate, base64 of SHA-256 over the certificate's SubjectPublicKeyInfo (what
// Session desktop pins). The JSON-RPC endpoint is the base URL + "/json_rpc".
namespace Session.Core.Micro.Network
{
    /// <summary>A seed node's URL and certificate pin.</summary>
    public sealed class SeedEndpoint
    {
        private readonly string _baseUrl;
        private readonly string _pin;

        /// <summary>Creates a seed entry; a trailing "/" or "/json_rpc" on the URL is dropped.</summary>
        /// <param name="url">https://host:port (or http://host:port for a plain-HTTP test seed).</param>
        /// <param name="pin">Base64 SHA-256 of the certificate's SubjectPublicKeyInfo; required for https, must be null for http.</param>
        /// <exception cref="System.ArgumentNullException">url is null.</exception>
        /// <exception cref="System.ArgumentException">url is not http(s)://host:port, an https seed has no pin, or an http seed has one.</exception>
        public SeedEndpoint(string url, string pin)
        {
            if (url == null)
            {
                throw Errors.Null("url");
            }
            string trimmed = url;
            if (trimmed.EndsWith("/json_rpc"))
            {
                trimmed = trimmed.Substring(0, trimmed.Length - "/json_rpc".Length);
            }
            while (trimmed.EndsWith("/"))
            {
                trimmed = trimmed.Substring(0, trimmed.Length - 1);
            }
            bool https = trimmed.StartsWith("https://");
            if (!https && !trimmed.StartsWith("http://"))
            {
                throw Errors.SeedUrl(url);
            }
            int hostStart = https ? 8 : 7;
            if (trimmed.Length == hostStart || trimmed.IndexOf('/', hostStart) >= 0)
            {
                throw Errors.SeedUrl(url);
            }
            if (https && (pin == null || pin.Length != 44))
            {
                throw Errors.SeedPin(url);
            }
            if (!https && pin != null)
            {
                throw Errors.SeedPin(url);
            }
            _baseUrl = trimmed;
            _pin = pin;
        }

        /// <summary>scheme://host:port, without a trailing slash.</summary>
        public string BaseUrl
        {
            get { return _baseUrl; }
        }

        /// <summary>The URL of get_n_service_nodes: BaseUrl + "/json_rpc".</summary>
        public string JsonRpcUrl
        {
            get { return _baseUrl + "/json_rpc"; }
        }

        /// <summary>The certificate pin, or null for a plain-HTTP seed.</summary>
        public string Pin
        {
            get { return _pin; }
        }
    }
}
