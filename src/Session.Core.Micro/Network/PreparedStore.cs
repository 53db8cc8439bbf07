// A store request built ahead of time (pre-arming): the whole onion request for storing
// one payload in the recipient's swarm, with its store timestamp taken from the network clock when
// it was built, fresh onion keys over a live path and a member of the swarm as destination. Sending
// it later needs no X25519, no signature and no encryption: ServiceNodeClient.Store(prepared, k)
// posts the bytes and reads the reply with the kept layer keys.
// Single use: the first Store takes it (sent or not) and the keys and request bytes are wiped
// afterwards; or a newer request of the same recipient takes over its keys unsent
// (ServiceNodeClient.PrepareStore with the one it replaces), and only its bytes are wiped. While unsent it stays valid only as long as its path is live, its destination is
// in the swarm and its expiry (timestamp + TTL) lies ahead: ServiceNodeClient.IsCurrent says so.
// Memory: the request (about the payload's base64 plus 600 bytes of onion framing and JSON) and 64
// bytes of key per layer.
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Onion;

namespace Session.Core.Micro.Network
{
    /// <summary>One store request, fully built, waiting to be sent once.</summary>
    public sealed class PreparedStore
    {
        private readonly string _recipient;
        private readonly byte[] _data;
        private readonly string _hash;
        private readonly long _timestamp;
        private readonly long _ttl;
        private readonly ServiceNode _destination;
        private OnionKeys _keys;
        private readonly byte[] _wire;
        private bool _used;

        internal PreparedStore(string recipient, byte[] data, string hash, long timestamp, long ttl, OnionKeys keys, byte[] wire)
        {
            _recipient = recipient;
            _data = data;
            _hash = hash;
            _timestamp = timestamp;
            _ttl = ttl;
            _keys = keys;
            _destination = keys.Destination;
            _wire = wire;
        }

        /// <summary>The recipient's Session ID (lower case).</summary>
        public string Recipient
        {
            get { return _recipient; }
        }

        /// <summary>The store's timestamp: the network time when it was built, Unix ms.</summary>
        public long Timestamp
        {
            get { return _timestamp; }
        }

        /// <summary>The TTL it stores the message with, ms.</summary>
        public long Ttl
        {
            get { return _ttl; }
        }

        /// <summary>When the stored message leaves the swarm: Timestamp + Ttl, Unix ms.</summary>
        public long Expiry
        {
            get { return _timestamp + _ttl; }
        }

        /// <summary>The message hash the swarm's receipt must sign (docs/protocol.md §3.2).</summary>
        public string Hash
        {
            get { return _hash; }
        }

        /// <summary>The swarm member the request is addressed to.</summary>
        public ServiceNode Destination
        {
            get { return _destination; }
        }

        /// <summary>True once it was handed to Store or wiped: it cannot be sent again.</summary>
        public bool IsUsed
        {
            get { return _used; }
        }

        /// <summary>True when it stores exactly <paramref name="data"/> for <paramref name="recipient"/>.</summary>
        /// <exception cref="System.ArgumentNullException">An argument is null.</exception>
        public bool Carries(string recipient, byte[] data)
        {
            if (recipient == null)
            {
                throw Errors.Null("recipient");
            }
            if (data == null)
            {
                throw Errors.Null("data");
            }
            return recipient.ToLower() == _recipient && data.Length == _data.Length && CryptoBytes.ConstantTimeEquals(data, _data);
        }

        /// <summary>Clears the layer keys and the request bytes and marks it used; for an alert that is dropped unsent.</summary>
        public void Wipe()
        {
            _used = true;
            if (_keys != null)
            {
                _keys.Wipe();
            }
            CryptoBytes.Wipe(_wire);
        }

        /// <summary>Hands its unsent keys over to a request that replaces it: it is used up, its bytes wiped, the keys kept.</summary>
        internal OnionKeys TakeKeys()
        {
            OnionKeys keys = _keys;
            _keys = null;
            _used = true;
            CryptoBytes.Wipe(_wire);
            return keys;
        }

        internal byte[] Data
        {
            get { return _data; }
        }

        internal OnionKeys Keys
        {
            get { return _keys; }
        }

        internal byte[] Wire
        {
            get { return _wire; }
        }

        internal void MarkUsed()
        {
            _used = true;
        }
    }
}
