// retrieve (docs/protocol.md §3.3), signed per attempt: the signature covers the timestamp, and the
// last_hash cursor is the one kept for the chosen swarm member. Given the largest reply the
// transport reads, it asks for a page that fits (Budget): anyone may store in namespace 0, and
// without a budget a node answers up to 1.56 MB, which a device cannot read. Within a budget the
// answer is read as it arrives (RetrieveReplyReader), so a single message larger than the budget,
// which a node returns all the same, is measured and skipped instead of making the reply unreadable.
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
        private readonly int _maxSize;

        /// <summary>Messages per page at most: each costs the device a decryption attempt, whoever stored it.</summary>
        internal const int MaxCount = 25;

        /// <summary>
        /// What a reply holds besides the messages that max_size counts: the sealed reply's nonce and tag, the
        /// {"status","body"} around the answer, the answer's "messages", "more", "t" and "hf", with room to spare.
        /// </summary>
        internal const int ReplyOverhead = 1024;

        /// <summary>The smallest reply limit a budget can be made for (a page then holds at least one ordinary message).</summary>
        internal const int MinReplyBytes = 4096;

        /// <param name="maxReplyBytes">The largest HTTP body the transport reads; 0 sends no budget (the node's default).</param>
        internal RetrieveRequest(IKeyValueStore store, string sessionId, byte[] secretKey, int messageNamespace, int maxReplyBytes)
        {
            _store = store;
            _sessionId = sessionId;
            _secretKey = secretKey;
            _namespace = messageNamespace;
            _maxSize = maxReplyBytes == 0 ? 0 : Budget(maxReplyBytes);
        }

        /// <summary>
        /// The max_size whose reply fits <paramref name="maxReplyBytes"/>. The reply is base64 (4/3) of the sealed JSON; the
        /// node counts each message as 100 + its hash + 4/3 of its data, more than the message takes in the JSON (about 130
        /// + its base64), so the JSON stays within max_size plus the fixed ReplyOverhead. Only a single message larger
        /// than the budget (the node always returns the first) can still overflow it.
        /// </summary>
        internal static int Budget(int maxReplyBytes)
        {
            return maxReplyBytes / 4 * 3 - ReplyOverhead;
        }

        internal ServiceNode LastDestination;

        /// <summary>The reader of the last attempt's answer when it is read as it arrives, else null.</summary>
        internal RetrieveReplyReader LastReply;

        // The message data a page within max_size holds: the node counts 4/3 of each message's data against it.
        internal override IResponseSink NewReplyReader()
        {
            LastReply = _maxSize == 0 ? null : new RetrieveReplyReader(_maxSize / 4 * 3);
            return LastReply;
        }

        internal override bool ReplyRead
        {
            get { return LastReply != null && LastReply.IsComplete; }
        }

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
            return Requests.Retrieve(_sessionId, _namespace, now, signature, Hex.Encode(publicKey), lastHash, _maxSize, _maxSize == 0 ? 0 : MaxCount);
        }
    }
}
