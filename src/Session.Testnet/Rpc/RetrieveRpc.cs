// retrieve (docs/protocol.md §3.3): signed for every namespace but the no-auth ones, timestamp
// within ±60 s, a per-node cursor (last_hash), and count/size budgets with "more", as the storage
// server's process_retrieve sets them: 0 means unset; with neither set, max_size is -5; a negative
// max_size -k is 1/k of RetrieveMaxSize, and no budget exceeds it; a negative max_count (an int
// the server turns into a huge size_t) limits nothing. MessageStore.Retrieve counts the size.
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace Session.Testnet
{
    /// <summary>The retrieve method.</summary>
    public static class RetrieveRpc
    {
        public const long RetrieveMaxSize = 7_800_000;

        public static Task<RpcResult> HandleAsync(StorageNode node, JsonObject parameters, RpcTrace trace)
        {
            byte[] pubkey = RpcParams.Pubkey(parameters, out string hex);
            trace.Pubkey(hex);
            int ns = RpcParams.Namespace(parameters);
            if (!node.Owns(pubkey) && !StoreRpc.Swallows(node, pubkey))
            {
                throw GetSwarmRpc.Misdirected(node, pubkey);
            }
            if (NeedsAuthentication(ns))
            {
                long? timestamp = RpcParams.OptionalInteger(parameters, "timestamp");
                if (RpcParams.OptionalString(parameters, "signature") == null)
                {
                    throw new RpcException(401, "retrieve: request signature required");
                }
                if (timestamp == null)
                {
                    throw RpcParams.Bad("missing 'timestamp'");
                }
                Signatures.Require(node, parameters, pubkey, "retrieve", ns, timestamp.Value);
            }
            string lastHash = RpcParams.OptionalString(parameters, "last_hash") ?? RpcParams.OptionalString(parameters, "lastHash");
            int maxCount = Budget(parameters, "max_count");
            long maxSize = Budget(parameters, "max_size");
            if (maxSize == 0 && maxCount == 0)
            {
                maxSize = -5;
            }
            if (maxSize < 0)
            {
                maxSize = RetrieveMaxSize / -maxSize;
            }
            else if (maxSize == 0 || maxSize > RetrieveMaxSize)
            {
                maxSize = RetrieveMaxSize;
            }
            var messages = new JsonArray();
            var found = node.Store.Retrieve(hex, ns, lastHash, node.Now, maxCount < 0 ? 0 : maxCount, maxSize, out bool more);
            foreach (StoredMessage message in found)
            {
                messages.Add(new JsonObject
                {
                    ["hash"] = message.Hash,
                    ["timestamp"] = message.Timestamp,
                    ["expiration"] = message.Expiry,
                    ["data"] = System.Convert.ToBase64String(message.Data),
                });
            }
            return Task.FromResult(RpcResult.Ok(new JsonObject { ["messages"] = messages, ["more"] = more }));
        }

        // A budget is an int on the storage server; 0 (or absent) means unset.
        private static int Budget(JsonObject parameters, string name)
        {
            long value = RpcParams.OptionalInteger(parameters, name) ?? 0;
            return value >= int.MinValue && value <= int.MaxValue ? (int)value : throw RpcParams.Bad(name + " must fit a 32-bit integer");
        }

        /// <summary>Every namespace needs a signature except legacy closed groups (-10) and public outboxes (-1, -21, -41...).</summary>
        public static bool NeedsAuthentication(int ns)
        {
            return ns != -10 && !(ns < 0 && (-ns - 1) % 20 == 0);
        }
    }
}
