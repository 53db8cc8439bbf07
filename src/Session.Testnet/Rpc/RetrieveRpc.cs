// retrieve (docs/protocol.md §3.3): signed for every namespace but the no-auth ones, timestamp
// within ±60 s, a per-node cursor (last_hash), and count/size budgets with "more".
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
            long maxCount = RpcParams.OptionalInteger(parameters, "max_count") ?? 0;
            long maxSize = RpcParams.OptionalInteger(parameters, "max_size") ?? 0;
            if (maxCount < 0)
            {
                throw RpcParams.Bad("max_count must not be negative");
            }
            if (maxSize == 0 && maxCount == 0)
            {
                maxSize = -5;
            }
            if (maxSize < 0)
            {
                maxSize = RetrieveMaxSize / -maxSize;
            }
            else if (maxSize > RetrieveMaxSize)
            {
                maxSize = RetrieveMaxSize;
            }
            var messages = new JsonArray();
            var found = node.Store.Retrieve(hex, ns, lastHash, node.Now, (int)System.Math.Min(maxCount, int.MaxValue), maxSize, out bool more);
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

        /// <summary>Every namespace needs a signature except legacy closed groups (-10) and public outboxes (-1, -21, -41...).</summary>
        public static bool NeedsAuthentication(int ns)
        {
            return ns != -10 && !(ns < 0 && (-ns - 1) % 20 == 0);
        }
    }
}
