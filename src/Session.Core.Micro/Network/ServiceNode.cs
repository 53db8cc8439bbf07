// A service node as a client knows it (docs/protocol.md §3.4, §3.8): its public IPv4 address, HTTPS
// storage port, Ed25519 key (its identity, named in onion routing JSON and in store receipts) and
// X25519 key (the onion layer is encrypted to it). Immutable; compared by Ed25519 key.
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Encoding;

namespace Session.Core.Micro.Network
{
    /// <summary>One service node: address, port and both public keys.</summary>
    public sealed class ServiceNode
    {
        /// <summary>Bytes of each public key.</summary>
        public const int KeySize = 32;

        private readonly string _ip;
        private readonly int _port;
        private readonly byte[] _ed25519;
        private readonly byte[] _x25519;
        private readonly string _ed25519Hex;

        /// <summary>Creates a node record; the keys are copied.</summary>
        /// <exception cref="System.ArgumentNullException">An argument is null.</exception>
        /// <exception cref="System.ArgumentException">ip is not a dotted IPv4 address other than 0.0.0.0, port is outside 1..65535, or a key is not 32 bytes.</exception>
        public ServiceNode(string ip, int port, byte[] ed25519PublicKey, byte[] x25519PublicKey)
        {
            if (ip == null)
            {
                throw Errors.Null("ip");
            }
            if (!IsUsableIPv4(ip))
            {
                throw Errors.NodeAddress(ip);
            }
            if (port < 1 || port > 65535)
            {
                throw Errors.Range("port");
            }
            Arguments.Size(ed25519PublicKey, KeySize, "ed25519PublicKey");
            Arguments.Size(x25519PublicKey, KeySize, "x25519PublicKey");
            _ip = ip;
            _port = port;
            _ed25519 = (byte[])ed25519PublicKey.Clone();
            _x25519 = (byte[])x25519PublicKey.Clone();
            _ed25519Hex = Hex.Encode(_ed25519);
        }

        /// <summary>The dotted IPv4 address.</summary>
        public string Ip
        {
            get { return _ip; }
        }

        /// <summary>The HTTPS storage port.</summary>
        public int Port
        {
            get { return _port; }
        }

        /// <summary>The Ed25519 public key in lowercase hex (64 digits): the node's name on the wire.</summary>
        public string Ed25519Hex
        {
            get { return _ed25519Hex; }
        }

        /// <summary>A copy of the Ed25519 public key.</summary>
        public byte[] Ed25519PublicKey
        {
            get { return (byte[])_ed25519.Clone(); }
        }

        /// <summary>A copy of the X25519 public key.</summary>
        public byte[] X25519PublicKey
        {
            get { return (byte[])_x25519.Clone(); }
        }

        /// <summary>The first three octets ("a.b.c"): nodes sharing it are in one /24 subnet.</summary>
        public string Subnet24
        {
            get { return _ip.Substring(0, _ip.LastIndexOf('.')); }
        }

        /// <summary>The base URL, https://ip:port.</summary>
        public string BaseUrl
        {
            get { return "https://" + _ip + ":" + _port.ToString(); }
        }

        /// <summary>True when <paramref name="other"/> has the same Ed25519 key.</summary>
        public bool SameNode(ServiceNode other)
        {
            return other != null && other._ed25519Hex == _ed25519Hex;
        }

        internal byte[] Ed25519Raw
        {
            get { return _ed25519; }
        }

        internal byte[] X25519Raw
        {
            get { return _x25519; }
        }

        /// <summary>True for a dotted-quad IPv4 address with octets 0..255 that is not 0.0.0.0.</summary>
        public static bool IsUsableIPv4(string ip)
        {
            // Indexing the text costs little on nanoCLR only because it is at most 15 characters.
            if (ip == null || ip.Length < 7 || ip.Length > 15 || ip == "0.0.0.0")
            {
                return false;
            }
            int parts = 0;
            int value = 0;
            int digits = 0;
            for (int i = 0; i <= ip.Length; i++)
            {
                if (i == ip.Length || ip[i] == '.')
                {
                    if (digits == 0 || value > 255 || (digits > 1 && ip[i - digits] == '0'))
                    {
                        return false;
                    }
                    parts++;
                    value = 0;
                    digits = 0;
                    continue;
                }
                char c = ip[i];
                if (c < '0' || c > '9')
                {
                    return false;
                }
                value = value * 10 + (c - '0');
                digits++;
            }
            return parts == 4;
        }
    }
}
