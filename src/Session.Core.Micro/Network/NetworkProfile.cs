// Which Session network a client talks to (docs/protocol.md §3.8): mainnet, bootstrapped from the
// three public seeds with their certificate pins, or a testnet given by one seed URL and the pin
// from its configuration (a local testnet makes its certificate at start). The transport asks the
// profile which pin, if any, a URL must present; service nodes have none (self-signed, unchecked).
namespace Session.Core.Micro.Network
{
    /// <summary>A network's seeds and pool rules.</summary>
    public sealed class NetworkProfile
    {
        /// <summary>On mainnet a refreshed pool is accepted only with this many nodes common to every sampled answer (Session desktop's rule).</summary>
        public const int MainnetMinimumCommonNodes = 24;

        private readonly string _name;
        private readonly SeedEndpoint[] _seeds;
        private readonly int _minimumCommonNodes;

        private NetworkProfile(string name, SeedEndpoint[] seeds, int minimumCommonNodes)
        {
            _name = name;
            _seeds = seeds;
            _minimumCommonNodes = minimumCommonNodes;
        }

        /// <summary>The Session mainnet: seed1..3.getsession.org:4443, pinned.</summary>
        public static NetworkProfile Mainnet()
        {
            SeedEndpoint[] seeds =
            {
                new SeedEndpoint("https://seed1.getsession.org:4443", "mlYTXvkmIEYcpswANTpnBwlz9Cswi0py/RQKkbdQOZQ="),
                new SeedEndpoint("https://seed2.getsession.org:4443", "ZuUxe4wopBR83Yy5fePPNX0c00BnkQCu/49oapFpB0k="),
                new SeedEndpoint("https://seed3.getsession.org:4443", "4xe+8k1NjxerVTjUsWlZJNKt3PA7Y31pUls2tHYippA="),
            };
            return new NetworkProfile("mainnet", seeds, MainnetMinimumCommonNodes);
        }

        /// <summary>A test network with one seed.</summary>
        /// <param name="seedUrl">The seed's https://host:port (a trailing /json_rpc is accepted).</param>
        /// <param name="pin">Its certificate pin (base64 SHA-256 of the SubjectPublicKeyInfo); null only for an http:// seed.</param>
        /// <param name="minimumCommonNodes">Nodes that every sampled refresh answer must share (small testnets use fewer than mainnet's 24).</param>
        /// <exception cref="System.ArgumentNullException">seedUrl is null.</exception>
        /// <exception cref="System.ArgumentException">The seed URL or pin is invalid, or minimumCommonNodes is below 1.</exception>
        public static NetworkProfile Testnet(string seedUrl, string pin, int minimumCommonNodes)
        {
            if (minimumCommonNodes < 1)
            {
                throw Errors.Range("minimumCommonNodes");
            }
            return new NetworkProfile("testnet", new SeedEndpoint[] { new SeedEndpoint(seedUrl, pin) }, minimumCommonNodes);
        }

        /// <summary>"mainnet" or "testnet".</summary>
        public string Name
        {
            get { return _name; }
        }

        /// <summary>The seeds, in their configured order.</summary>
        public SeedEndpoint[] Seeds
        {
            get { return (SeedEndpoint[])_seeds.Clone(); }
        }

        /// <summary>Nodes every sampled refresh answer must share for the refresh to be accepted.</summary>
        public int MinimumCommonNodes
        {
            get { return _minimumCommonNodes; }
        }

        /// <summary>
        /// The pin <paramref name="url"/> must present: a seed's pin when the URL is on that seed's
        /// scheme, host and port; null for any other URL (a service node).
        /// </summary>
        /// <exception cref="System.ArgumentNullException">url is null.</exception>
        public string PinFor(string url)
        {
            if (url == null)
            {
                throw Errors.Null("url");
            }
            for (int i = 0; i < _seeds.Length; i++)
            {
                string origin = _seeds[i].BaseUrl;
                if (url == origin || url.StartsWith(origin + "/"))
                {
                    return _seeds[i].Pin;
                }
            }
            return null;
        }

        /// <summary>True when <paramref name="url"/> belongs to one of the seeds.</summary>
        /// <exception cref="System.ArgumentNullException">url is null.</exception>
        public bool IsSeed(string url)
        {
            if (url == null)
            {
                throw Errors.Null("url");
            }
            for (int i = 0; i < _seeds.Length; i++)
            {
                string origin = _seeds[i].BaseUrl;
                if (url == origin || url.StartsWith(origin + "/"))
                {
                    return true;
                }
            }
            return false;
        }
    }
}
