// store (docs/protocol.md §3.2, §3.7). Checks in the order storage-server makes them: swarm (421),
// TTL (403), clock (406), signature (401/406), size (413). The entry node stores, replicates to the
// other members of its swarm, and returns every member's signed receipt (or why it failed). The
// sign_without_storing fault signs, stores nothing and replicates nothing; with claim_swarm it does
// so for pubkeys outside its swarm as well (a fake swarm that swallows messages).
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Sodium;

namespace Session.Testnet
{
    /// <summary>The store method.</summary>
    public static class StoreRpc
    {
        public const long TtlMinimumMs = 10_000;
        public const long TtlMaximumMs = 14L * 24 * 3600 * 1000;
        public const long TtlMaximumPrivateMs = 30L * 24 * 3600 * 1000;
        public const long StoreToleranceMs = 10_000;
        public const long SignatureToleranceMs = 60_000;
        public const int DataMaximum = 76_800;

        public static async Task<RpcResult> HandleAsync(StorageNode node, JsonObject parameters, RpcTrace trace)
        {
            byte[] pubkey = RpcParams.Pubkey(parameters, out string hex);
            trace.Pubkey(hex);
            long now = node.Now;
            long timestamp = RpcParams.RequiredInteger(parameters, "timestamp");
            long? ttl = RpcParams.OptionalInteger(parameters, "ttl");
            long? expiryParam = RpcParams.OptionalInteger(parameters, "expiry");
            if (ttl.HasValue == expiryParam.HasValue)
            {
                throw RpcParams.Bad("give exactly one of 'ttl' and 'expiry'");
            }
            byte[] data = RpcParams.OptionalBase64(parameters, "data") ?? throw RpcParams.Bad("missing 'data'");
            int ns = RpcParams.Namespace(parameters);

            if (!node.Owns(pubkey) && !Swallows(node, pubkey))
            {
                throw GetSwarmRpc.Misdirected(node, pubkey);
            }
            long maximum = ns % 10 == 0 ? TtlMaximumMs : TtlMaximumPrivateMs;
            long expiry = ttl.HasValue ? timestamp + ttl.Value : expiryParam.Value;
            // With "expiry" the TTL is measured from the message's timestamp, as with "ttl".
            long effectiveTtl = expiry - timestamp;
            if (effectiveTtl < TtlMinimumMs || effectiveTtl > maximum)
            {
                throw new RpcException(403, "Provided expiry/TTL is not valid.");
            }
            if (timestamp > now + StoreToleranceMs || expiry < now - StoreToleranceMs)
            {
                throw new RpcException(406, "Timestamp error: check your clock");
            }
            if (ns % 10 != 0)
            {
                long sigTimestamp = RpcParams.OptionalInteger(parameters, "sig_timestamp") ?? timestamp;
                Signatures.Require(node, parameters, pubkey, "store", ns, sigTimestamp);
            }
            if (data.Length > DataMaximum)
            {
                throw new RpcException(413, "Message too large: " + data.Length + " bytes, the limit is " + DataMaximum);
            }

            string hash = MessageHash.Compute(pubkey, ns, data);
            var message = new StoredMessage(hash, hex, ns, timestamp, expiry, data);
            var swarm = new JsonObject();
            var replicas = new List<Task<JsonObject>>();
            var others = new List<NodeEntry>();
            foreach (NodeEntry member in node.Map.Members(node.Self.SwarmId))
            {
                // sign_without_storing keeps the message from the rest of the swarm too: its receipt is the only one.
                if (member.Index != node.Self.Index && !node.Faults.SignWithoutStoring)
                {
                    others.Add(member);
                    replicas.Add(node.ReplicateAsync(member, message));
                }
            }
            JsonObject own = node.Accept(message);
            own["t"] = node.ReportedNow;
            swarm[node.Self.Ed25519Hex] = own;
            JsonObject[] answers = await Task.WhenAll(replicas);
            for (int i = 0; i < others.Count; i++)
            {
                swarm[others[i].Ed25519Hex] = answers[i];
            }
            return RpcResult.Ok(new JsonObject { ["swarm"] = swarm, ["hash"] = hash });
        }

        /// <summary>True when claim_swarm with sign_without_storing makes the node take (and drop) a pubkey outside its swarm.</summary>
        public static bool Swallows(StorageNode node, byte[] pubkey)
        {
            return node.Claims(pubkey) && node.Faults.SignWithoutStoring;
        }
    }
}
