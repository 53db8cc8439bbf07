// The JSON bodies of the storage-server and seed RPCs the client sends (protocol.md §3.1-3.4, §3.8),
// written compactly with JsonWriter. Signing is done by the caller; these only lay out fields.
using Session.Core.Micro.Encoding;

namespace Session.Core.Micro.Network
{
    internal static class Requests
    {
        private static void Fields(JsonWriter w)
        {
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
            w.EndObject();
        }

        /// <summary>Seed: {"jsonrpc":"2.0","method":"get_n_service_nodes","params":{"active_only":true,"fields":{...}}}.</summary>
        internal static byte[] GetNServiceNodes()
        {
            JsonWriter w = new JsonWriter(256);
            w.BeginObject();
            w.WriteName("jsonrpc");
            w.WriteString("2.0");
            w.WriteName("method");
            w.WriteString("get_n_service_nodes");
            w.WriteName("params");
            w.BeginObject();
            w.WriteName("active_only");
            w.WriteBoolean(true);
            Fields(w);
            w.EndObject();
            w.EndObject();
            return w.ToArray();
        }

        /// <summary>Node: oxend_request get_service_nodes with the same fields.</summary>
        internal static byte[] OxendGetServiceNodes()
        {
            JsonWriter w = new JsonWriter(256);
            w.BeginObject();
            w.WriteName("method");
            w.WriteString("oxend_request");
            w.WriteName("params");
            w.BeginObject();
            w.WriteName("endpoint");
            w.WriteString("get_service_nodes");
            w.WriteName("params");
            w.BeginObject();
            w.WriteName("active_only");
            w.WriteBoolean(true);
            Fields(w);
            w.EndObject();
            w.EndObject();
            w.EndObject();
            return w.ToArray();
        }

        /// <summary>{"method":"get_swarm","params":{"pubkey":"05..."}}.</summary>
        internal static byte[] GetSwarm(string sessionId)
        {
            JsonWriter w = new JsonWriter(128);
            w.BeginObject();
            w.WriteName("method");
            w.WriteString("get_swarm");
            w.WriteName("params");
            w.BeginObject();
            w.WriteName("pubkey");
            w.WriteString(sessionId);
            w.EndObject();
            w.EndObject();
            return w.ToArray();
        }

        /// <summary>{"method":"info","params":{}}.</summary>
        internal static byte[] Info()
        {
            JsonWriter w = new JsonWriter(40);
            w.BeginObject();
            w.WriteName("method");
            w.WriteString("info");
            w.WriteName("params");
            w.BeginObject();
            w.EndObject();
            w.EndObject();
            return w.ToArray();
        }

        /// <summary>store to a public-inbox namespace (no signature): pubkey, timestamp, ttl, data (base64), namespace.</summary>
        internal static byte[] Store(string sessionId, long timestamp, long ttl, byte[] data, int messageNamespace)
        {
            string encoded = Base64.Encode(data);
            JsonWriter w = new JsonWriter(encoded.Length + 192);
            w.BeginObject();
            w.WriteName("method");
            w.WriteString("store");
            w.WriteName("params");
            w.BeginObject();
            w.WriteName("pubkey");
            w.WriteString(sessionId);
            w.WriteName("timestamp");
            w.WriteInt64(timestamp);
            w.WriteName("ttl");
            w.WriteInt64(ttl);
            w.WriteName("data");
            w.WriteString(encoded);
            w.WriteName("namespace");
            w.WriteInt64(messageNamespace);
            w.EndObject();
            w.EndObject();
            return w.ToArray();
        }

        /// <summary>retrieve with its signature: pubkey, namespace, timestamp, signature, pubkey_ed25519, last_hash.</summary>
        internal static byte[] Retrieve(string sessionId, int messageNamespace, long timestamp, byte[] signature, string ed25519Hex, string lastHash)
        {
            JsonWriter w = new JsonWriter(384);
            w.BeginObject();
            w.WriteName("method");
            w.WriteString("retrieve");
            w.WriteName("params");
            w.BeginObject();
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
            w.EndObject();
            w.EndObject();
            return w.ToArray();
        }
    }
}
