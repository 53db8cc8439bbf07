// One message from a retrieve reply (docs/protocol.md §3.3):
// {"hash", "timestamp", "expiration", "data" (base64)}. A message larger than the device reads
// (RetrieveReplyReader) comes without its data, marked skipped: its hash still moves the cursor past it.
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
            Size = data.Length;
        }

        // A message whose data was too large to keep: only its size is known.
        internal RetrievedMessage(string hash, long timestamp, long expiration, int size)
        {
            Hash = hash;
            Timestamp = timestamp;
            Expiration = expiration;
            Size = size;
            IsSkipped = true;
        }

        /// <summary>The swarm's message hash (the next last_hash cursor).</summary>
        public string Hash { get; }

        /// <summary>The store timestamp, Unix ms.</summary>
        public long Timestamp { get; }

        /// <summary>When the swarm deletes it, Unix ms.</summary>
        public long Expiration { get; }

        /// <summary>The raw message bytes (base64-decoded); null when <see cref="IsSkipped"/>.</summary>
        public byte[] Data { get; }

        /// <summary>The message's size in bytes (for a skipped one, as its base64 tells it).</summary>
        public int Size { get; }

        /// <summary>True when the message was larger than the reply limit allows to keep: it has no Data, only its hash and size.</summary>
        public bool IsSkipped { get; }
    }
}
