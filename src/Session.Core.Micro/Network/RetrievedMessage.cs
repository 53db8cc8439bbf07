// One message from a retrieve reply (docs/protocol.md §3.3):
// {"hash", "timestamp", "expiration", "data" (base64)}.
namespace Session.Core.Micro.Network
{
    /// <summary>A stored message read from a swarm.</summary>
    public sealed class RetrievedMessage
    {
        internal RetrievedMessage(string hash, long timestamp, long expiration, byte[] data)
        {
            Hash = hash;
            Timestamp = timestamp;
            Expiration = expiration;
            Data = data;
        }

        /// <summary>The swarm's message hash (the next last_hash cursor).</summary>
        public string Hash { get; }

        /// <summary>The store timestamp, Unix ms.</summary>
        public long Timestamp { get; }

        /// <summary>When the swarm deletes it, Unix ms.</summary>
        public long Expiration { get; }

        /// <summary>The raw message bytes (base64-decoded).</summary>
        public byte[] Data { get; }
    }
}
