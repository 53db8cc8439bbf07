// store to namespace 0 (docs/protocol.md §3.2), rebuilt per attempt with the network's time. A
// store that continues a prepared one (PreparedStore) keeps the prepared expiry: each attempt sends
// the TTL left until then, so the message leaves the swarm when the prepared one would have.
namespace Session.Core.Micro.Network
{
    internal sealed class StoreRequest : RpcRequest
    {
        private readonly string _recipient;
        private readonly byte[] _data;
        private readonly long _ttl;
        private readonly long _expiry;

        /// <summary>A store with <paramref name="ttl"/> from each attempt's timestamp, or, with <paramref name="expiry"/> above 0, until that time.</summary>
        internal StoreRequest(string recipient, byte[] data, long ttl, long expiry)
        {
            _recipient = recipient;
            _data = data;
            _ttl = ttl;
            _expiry = expiry;
        }

        internal override string Method
        {
            get { return "store"; }
        }

        internal override byte[] Build(long now, ServiceNode destination)
        {
            return Requests.Store(_recipient, now, _expiry > 0 ? _expiry - now : _ttl, _data, 0);
        }
    }
}
