// Filling an inbox with junk, as any stranger can (docs/threat-model.md): namespace 0 takes stores
// without a signature, so whoever knows a Session ID can store up to 14 days' worth of messages
// for it. The junk goes in as a client's would: unauthenticated store RPCs over HTTPS to a member
// of the pubkey's swarm (batches of BatchRpc.MaxRequests), which stores and replicates them.
// Envelope junk is laid out as docs/protocol.md §2.1 lays out a real message, with random bytes
// where the sealed content would be, so a receiver has to try to open each one.
using System;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace Session.Testnet
{
    /// <summary>Stores junk messages for a pubkey through the public store RPC.</summary>
    public static class InboxJunk
    {
        /// <summary>The most messages one call stores.</summary>
        public const int MaxCount = 10_000;

        /// <summary>
        /// Stores <paramref name="count"/> junk messages of <paramref name="size"/> bytes of content for
        /// <paramref name="pubkeyHex"/> through <paramref name="node"/>, a member of its swarm; returns how many were stored.
        /// </summary>
        /// <exception cref="HttpRequestException">The node could not be reached.</exception>
        public static async Task<int> StoreAsync(NodeEntry node, string pubkeyHex, int count, JunkKind kind, int size)
        {
            using var http = new HttpClient(new SocketsHttpHandler
            {
                SslOptions = { RemoteCertificateValidationCallback = (sender, certificate, chain, errors) => true },
            });
            int stored = 0;
            for (int first = 0; first < count; first += BatchRpc.MaxRequests)
            {
                var requests = new JsonArray();
                for (int i = first; i < Math.Min(count, first + BatchRpc.MaxRequests); i++)
                {
                    long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                    requests.Add(new JsonObject
                    {
                        ["method"] = "store",
                        ["params"] = new JsonObject
                        {
                            ["pubkey"] = pubkeyHex,
                            ["namespace"] = 0,
                            ["timestamp"] = now,
                            ["ttl"] = StoreRpc.TtlMaximumMs,
                            ["data"] = Convert.ToBase64String(kind == JunkKind.Envelope ? Envelope(now, size) : RandomNumberGenerator.GetBytes(size)),
                        },
                    });
                }
                string body = new JsonObject { ["method"] = "batch", ["params"] = new JsonObject { ["requests"] = requests } }.ToJsonString();
                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                using HttpResponseMessage response = await http.PostAsync(node.BaseUrl + "/storage_rpc/v1", content);
                if (!response.IsSuccessStatusCode)
                {
                    throw new HttpRequestException("node " + node.Index + " refused the junk: " + (int)response.StatusCode + " "
                        + await response.Content.ReadAsStringAsync());
                }
                foreach (JsonNode result in JsonNode.Parse(await response.Content.ReadAsStringAsync())["results"].AsArray())
                {
                    stored += (int)result["code"] == 200 ? 1 : 0;
                }
            }
            return stored;
        }

        // WebSocketMessage{type 1, request{verb "", path "", body Envelope{type 6, timestamp, sourceDevice 1, content, proSig}, requestId 0}}.
        private static byte[] Envelope(long timestamp, int size)
        {
            byte[] envelope = Concat(new byte[] { 0x08, 0x06, 0x28 }, Varint((ulong)timestamp), new byte[] { 0x38, 0x01, 0x42 }, Varint((ulong)size),
                RandomNumberGenerator.GetBytes(size), new byte[] { 0x5a, 0x40 }, RandomNumberGenerator.GetBytes(64));
            byte[] request = Concat(new byte[] { 0x0a, 0x00, 0x12, 0x00, 0x1a }, Varint((ulong)envelope.Length), envelope, new byte[] { 0x20, 0x00 });
            return Concat(new byte[] { 0x08, 0x01, 0x12 }, Varint((ulong)request.Length), request);
        }

        private static byte[] Varint(ulong value)
        {
            var bytes = new System.Collections.Generic.List<byte>();
            do
            {
                byte low = (byte)(value & 0x7f);
                value >>= 7;
                bytes.Add(value != 0 ? (byte)(low | 0x80) : low);
            }
            while (value != 0);
            return bytes.ToArray();
        }

        private static byte[] Concat(params byte[][] parts)
        {
            int length = 0;
            foreach (byte[] part in parts)
            {
                length += part.Length;
            }
            var whole = new byte[length];
            int at = 0;
            foreach (byte[] part in parts)
            {
                part.CopyTo(whole, at);
                at += part.Length;
            }
            return whole;
        }
    }
}
