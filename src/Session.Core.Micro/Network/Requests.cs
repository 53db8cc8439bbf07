// The JSON bodies of the storage-server and seed RPCs the client sends (docs/protocol.md §3.1-3.4, §3.8),
// written compactly with JsonWriter. Signing is done by the caller; these only lay out fields.
using Session.Core.Micro.Encoding;

namespace Session.Core.Micro.Network
{
    internal static class Requests
    {
        /// <summary>
        /// Seed: {"jsonrpc":"2.0","method":"get_n_service_nodes","params":{"active_only":true,"fields":{...[,"swarm_id":true]}[,"limit":N]}};
        /// no limit when <paramref name="limit"/> is 0; each node's swarm id with <paramref name="swarmIds"/> (docs/protocol.md §3.6).
        /// </summary>
        internal static byte[] GetNServiceNodes(int limit, bool swarmIds)
        {
            JsonWriter w = new JsonWriter(256);
            w.BeginObject();
            w.WriteName("jsonrpc");
            w.WriteString("2.0");
            WriteMethod(w, "get_n_service_nodes");
            w.WriteName("params");
            ServiceNodeQuery(w, swarmIds);
            if (limit > 0)
            {
                // A random subset of that many nodes: a device cannot hold the whole list's reply.
                w.WriteName("limit");
                w.WriteInt64(limit);
            }
            return End(w);
        }

        /// <summary>Node: oxend_request get_service_nodes with the same fields.</summary>
        internal static byte[] OxendGetServiceNodes()
        {
            JsonWriter w = Begin("oxend_request", 256);
            w.WriteName("endpoint");
            w.WriteString("get_service_nodes");
            w.WriteName("params");
            ServiceNodeQuery(w, false);
            return End(w);
        }

        /// <summary>{"method":"get_swarm","params":{"pubkey":"05..."}}.</summary>
        internal static byte[] GetSwarm(string sessionId)
        {
            JsonWriter w = Begin("get_swarm", 128);
            w.WriteName("pubkey");
            w.WriteString(sessionId);
            return End(w);
        }

        /// <summary>{"method":"info","params":{}}.</summary>
        internal static byte[] Info()
        {
            return End(Begin("info", 40));
        }

        // The store body without its variable parts: what Store writes around them.
        private const string StoreFrame = "{\"method\":\"store\",\"params\":{\"pubkey\":\"\",\"timestamp\":,\"ttl\":,\"data\":\"\",\"namespace\":}}";

        /// <summary>
        /// store to a public-inbox namespace (no signature): pubkey, timestamp, ttl, data (base64), namespace.
        /// Sized exactly and base64 written in place, so the request is one array of its final size
        /// (the largest allocation of an alert's press after the onion request itself).
        /// </summary>
        internal static byte[] Store(string sessionId, long timestamp, long ttl, byte[] data, int messageNamespace)
        {
            int size = StoreFrame.Length + sessionId.Length + timestamp.ToString().Length + ttl.ToString().Length
                + Base64.EncodedLength(data.Length) + messageNamespace.ToString().Length;
            JsonWriter w = Begin("store", size);
            w.WriteName("pubkey");
            w.WriteString(sessionId);
            w.WriteName("timestamp");
            w.WriteInt64(timestamp);
            w.WriteName("ttl");
            w.WriteInt64(ttl);
            w.WriteName("data");
            w.WriteBase64(data);
            w.WriteName("namespace");
            w.WriteInt64(messageNamespace);
            return End(w);
        }

        /// <summary>retrieve with its signature: pubkey, namespace, timestamp, signature, pubkey_ed25519, last_hash.</summary>
        // maxSize and maxCount are written only when above 0 (0 means unset to the node).
        internal static byte[] Retrieve(string sessionId, int messageNamespace, long timestamp, byte[] signature, string ed25519Hex, string lastHash,
            int maxSize, int maxCount)
        {
            JsonWriter w = Begin("retrieve", 384);
            w.WriteName("pubkey");
            w.WriteString(sessionId);
            w.WriteName("namespace");
            w.WriteInt64(messageNamespace);
            w.WriteName("timestamp");
            w.WriteInt64(timestamp);
            w.WriteName("signature");
            w.WriteString(Base64.Encode(signature));
            w.WriteName("pubkey_ed25519");
            w.WriteString(ed25519Hex);
            w.WriteName("last_hash");
            w.WriteString(lastHash == null ? "" : lastHash);
            if (maxSize > 0)
            {
                w.WriteName("max_size");
                w.WriteInt64(maxSize);
            }
            if (maxCount > 0)
            {
                w.WriteName("max_count");
                w.WriteInt64(maxCount);
            }
            return End(w);
        }

        // {"method":"<method>","params":{  — the caller writes the parameters, then End closes both objects.
        private static JsonWriter Begin(string method, int capacity)
        {
            JsonWriter w = new JsonWriter(capacity);
            w.BeginObject();
            WriteMethod(w, method);
            w.WriteName("params");
            w.BeginObject();
            return w;
        }

        private static void WriteMethod(JsonWriter w, string method)
        {
            w.WriteName("method");
            w.WriteString(method);
        }

        // Closes every object still open (params and the request; for oxend_request also its inner params).
        private static byte[] End(JsonWriter w)
        {
            while (w.Depth > 0)
            {
                w.EndObject();
            }
            return w.ToArray();
        }

        // Opens {"active_only":true,"fields":{"public_ip":true,...}}: the node fields docs/protocol.md §3.8 asks for.
        private static void ServiceNodeQuery(JsonWriter w, bool swarmIds)
        {
            w.BeginObject();
            w.WriteName("active_only");
            w.WriteBoolean(true);
            w.WriteName("fields");
            w.BeginObject();
            w.WriteName("public_ip");
            w.WriteBoolean(true);
            w.WriteName("storage_port");
            w.WriteBoolean(true);
            w.WriteName("pubkey_x25519");
            w.WriteBoolean(true);
            w.WriteName("pubkey_ed25519");
            w.WriteBoolean(true);
            if (swarmIds)
            {
                w.WriteName("swarm_id");
                w.WriteBoolean(true);
            }
            w.EndObject();
        }
    }
}
