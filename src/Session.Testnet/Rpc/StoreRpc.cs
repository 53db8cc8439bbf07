// store (protocol.md §3.2, §3.7). Checks in the order storage-server makes them: swarm (421), TTL
// (403), clock (406), signature (401/406), size (413). The entry node stores, replicates to the other
// members of its swarm, and returns every member's signed receipt (or why it failed).
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

            if (!node.Owns(pubkey))
            {
                throw GetSwarmRpc.Misdirected(node, pubkey);
            }
            long maximum = ns % 10 == 0 ? TtlMaximumMs : TtlMaximumPrivateMs;
            long expiry = ttl.HasValue ? timestamp + ttl.Value : expiryParam.Value;
            long effectiveTtl = ttl ?? expiry - now;
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
                if (member.Index != node.Self.Index)
                {
                    others.Add(member);
                    replicas.Add(node.ReplicateAsync(member, message));
                }
            }
            JsonObject own = node.Accept(message);
            own["t"] = now;
            swarm[node.Self.Ed25519Hex] = own;
            JsonObject[] answers = await Task.WhenAll(replicas);
            for (int i = 0; i < others.Count; i++)
            {
                swarm[others[i].Ed25519Hex] = answers[i];
            }
            return RpcResult.Ok(new JsonObject { ["swarm"] = swarm, ["hash"] = hash });
        }
    }

    /// <summary>The Ed25519 request signatures of store and retrieve: "method" || NS || timestamp.</summary>
    public static class Signatures
    {
        /// <summary>Checks the request's signature, or ends it with 401 (missing, malformed or wrong) or 406 (stale).</summary>
        public static void Require(StorageNode node, JsonObject parameters, byte[] pubkey, string method, int ns, long timestamp)
        {
            string signatureText = RpcParams.OptionalString(parameters, "signature");
            if (signatureText == null)
            {
                throw new RpcException(401, method + ": request signature required");
            }
            if (Math.Abs(timestamp - node.Now) > StoreRpc.SignatureToleranceMs)
            {
                throw new RpcException(406, method + " timestamp too far from current time");
            }
            byte[] signature = RpcParams.DecodeBase64(signatureText);
            if (signature == null || signature.Length != 64)
            {
                throw new RpcException(401, method + ": signature must be 64 bytes of base64");
            }
            byte[] verifier = VerifyingKey(parameters, pubkey);
            string ns0 = ns == 0 ? "" : ns.ToString(CultureInfo.InvariantCulture);
            byte[] signed = Encoding.ASCII.GetBytes(method + ns0 + timestamp.ToString(CultureInfo.InvariantCulture));
            bool valid;
            try
            {
                valid = PublicKeyAuth.VerifyDetached(signature, signed, verifier);
            }
            catch (Exception error) when (error is Sodium.Exceptions.SignatureOutOfRangeException || error is Sodium.Exceptions.KeyOutOfRangeException)
            {
                valid = false;
            }
            if (!valid)
            {
                throw new RpcException(401, method + " signature verification failed");
            }
        }

        // For a 05 Session ID the 32 bytes are an X25519 key, so the client names its Ed25519 key, which must map to it.
        private static byte[] VerifyingKey(JsonObject parameters, byte[] pubkey)
        {
            byte[] key = pubkey.AsSpan(1).ToArray();
            if (pubkey[0] != 0x05)
            {
                return key;
            }
            string edHex = RpcParams.OptionalString(parameters, "pubkey_ed25519");
            if (edHex == null)
            {
                throw new RpcException(401, "pubkey_ed25519 is required to check a signature for a 05 Session ID");
            }
            byte[] ed;
            try
            {
                ed = Convert.FromHexString(edHex);
            }
            catch (FormatException)
            {
                throw new RpcException(401, "pubkey_ed25519 is not hex");
            }
            if (ed.Length != 32)
            {
                throw new RpcException(401, "pubkey_ed25519 must be 32 bytes");
            }
            byte[] x;
            try
            {
                x = PublicKeyAuth.ConvertEd25519PublicKeyToCurve25519PublicKey(ed);
            }
            catch (Exception)
            {
                throw new RpcException(401, "pubkey_ed25519 is not a valid Ed25519 key");
            }
            if (!x.AsSpan().SequenceEqual(key))
            {
                throw new RpcException(401, "pubkey_ed25519 does not belong to pubkey");
            }
            return ed;
        }
    }
}
