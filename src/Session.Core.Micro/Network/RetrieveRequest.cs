// retrieve (docs/protocol.md §3.3), signed per attempt: the signature covers the timestamp, and the
// last_hash cursor is the one kept for the chosen swarm member.
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Encoding;

namespace Session.Core.Micro.Network
{
    internal sealed class RetrieveRequest : RpcRequest
    {
        private readonly IKeyValueStore _store;
        private readonly string _sessionId;
        private readonly byte[] _secretKey;
        private readonly int _namespace;

        internal RetrieveRequest(IKeyValueStore store, string sessionId, byte[] secretKey, int messageNamespace)
        {
            _store = store;
            _sessionId = sessionId;
            _secretKey = secretKey;
            _namespace = messageNamespace;
        }

        internal ServiceNode LastDestination;

        internal override string Method
        {
            get { return "retrieve"; }
        }

        // Signature: Ed25519 over "retrieve" || NS || timestamp, NS empty for namespace 0 (docs/protocol.md §3.3).
        internal override byte[] Build(long now, ServiceNode destination)
        {
            LastDestination = destination;
            byte[] message = Utf8.Encode("retrieve" + (_namespace == 0 ? "" : _namespace.ToString()) + now.ToString());
            byte[] signature = new byte[Ed25519.SignatureSize];
            Ed25519.Sign(signature, _secretKey, message);
            byte[] publicKey = new byte[Ed25519.PublicKeySize];
            System.Array.Copy(_secretKey, Ed25519.SeedSize, publicKey, 0, Ed25519.PublicKeySize);
            byte[] cursor = _store.Get(ServiceNodeClient.CursorKey(_sessionId, _namespace, destination));
            string lastHash = cursor == null ? "" : Utf8.Decode(cursor, 0, cursor.Length);
            return Requests.Retrieve(_sessionId, _namespace, now, signature, Hex.Encode(publicKey), lastHash);
        }
    }
}
