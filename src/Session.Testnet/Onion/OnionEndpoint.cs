// The onion side of a storage node (docs/protocol.md §4.2-4.4). POST /onion_req/v2 carries
// LE32 || C || {"ephemeral_key","enc_type","hop_no"?} from a client; /testnet/relay carries the
// next C from the previous node with the same fields as headers. The node opens C with its X25519
// key, then either handles the request (the JSON has "headers") and answers base64 of the reply
// encrypted with the layer key, or relays the inner blob to the node named by "destination".
// Errors on the way are plaintext HTTP statuses that travel back unchanged (§4.4).
using System;
using System.Globalization;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Session.Testnet
{
    public sealed partial class StorageNode
    {
        /// <summary>Most hops an onion request may take (storage-server MAX_ONION_HOPS).</summary>
        public const int MaxOnionHops = 15;

        private const string EphemeralKeyHeader = "X-Testnet-Ephemeral-Key";
        private const string EncTypeHeader = "X-Testnet-Enc-Type";
        private const string HopHeader = "X-Testnet-Hop";

        private async Task OnionRequestAsync(HttpContext context)
        {
            byte[] body = await ReadBodyAsync(context);
            if (body == null)
            {
                await TooLargeAsync(context, "onion_req/v2");
                return;
            }
            OnionLayer outer;
            int hop;
            string ephemeral;
            string encType;
            try
            {
                outer = OnionLayer.Parse(body);
                ephemeral = outer.OptionalString("ephemeral_key") ?? throw new FormatException("missing ephemeral_key");
                encType = outer.OptionalString("enc_type");
                hop = outer.Json.TryGetPropertyValue("hop_no", out JsonNode hopNode) && hopNode != null ? hopNode.GetValue<int>() : 0;
            }
            catch (Exception error) when (error is FormatException || error is InvalidOperationException)
            {
                await PathErrorAsync(context, "onion_req/v2", 400, "Error parsing onion request: " + error.Message);
                return;
            }
            await ProcessLayerAsync(context, "onion_req/v2", outer.Blob, ephemeral, encType, hop);
        }

        private async Task RelayAsync(HttpContext context)
        {
            byte[] body = await ReadBodyAsync(context);
            if (body == null)
            {
                await TooLargeAsync(context, "relay");
                return;
            }
            string ephemeral = context.Request.Headers[EphemeralKeyHeader];
            string encType = context.Request.Headers[EncTypeHeader];
            if (ephemeral == null || !int.TryParse(context.Request.Headers[HopHeader], NumberStyles.None, CultureInfo.InvariantCulture, out int hop))
            {
                await PathErrorAsync(context, "relay", 400, "Error parsing onion request: relay without ephemeral key or hop number");
                return;
            }
            await ProcessLayerAsync(context, "relay", body, ephemeral, encType, hop);
        }

        private async Task ProcessLayerAsync(HttpContext context, string endpoint, byte[] ciphertext, string ephemeralHex, string encTypeName, int hop)
        {
            string encType = HopEncryption.Normalize(encTypeName);
            if (encType == null)
            {
                await PathErrorAsync(context, endpoint, 400, "Error parsing onion request: unknown enc_type '" + encTypeName + "'");
                return;
            }
            if (hop < 0 || hop >= MaxOnionHops)
            {
                await PathErrorAsync(context, endpoint, 400, "Error parsing onion request: hop " + hop + " is past the limit of " + MaxOnionHops + " hops");
                return;
            }
            byte[] ephemeral = ParseKey(ephemeralHex);
            if (ephemeral == null)
            {
                await PathErrorAsync(context, endpoint, 400, "Error parsing onion request: ephemeral_key must be 64 hex digits");
                return;
            }
            byte[] key = HopEncryption.NodeKey(encType, Identity.X25519SecretKey, Identity.X25519PublicKey, ephemeral);
            if (key == null || !HopEncryption.TryDecrypt(encType, key, ciphertext, out byte[] plaintext))
            {
                await PathErrorAsync(context, endpoint, 400, "Invalid ciphertext");
                return;
            }
            try
            {
                OnionLayer inner;
                try
                {
                    inner = OnionLayer.Parse(plaintext);
                }
                catch (FormatException error)
                {
                    await PathErrorAsync(context, endpoint, 400, "Error parsing onion request: " + error.Message);
                    return;
                }
                if (inner.Json.ContainsKey("headers"))
                {
                    await AnswerAsDestinationAsync(context, endpoint, inner, encType, key);
                }
                else if (inner.Json.ContainsKey("host"))
                {
                    await PathErrorAsync(context, endpoint, 400,
                        "Error parsing onion request: the testnet does not proxy to servers outside it (host " + inner.Json["host"]?.ToJsonString() + ")");
                }
                else
                {
                    await RelayOnwardAsync(context, endpoint, inner, hop);
                }
            }
            finally
            {
                Array.Clear(key);
            }
        }

        private async Task AnswerAsDestinationAsync(HttpContext context, string endpoint, OnionLayer inner, string encType, byte[] key)
        {
            var trace = new RpcTrace();
            RpcResult result = await RpcDispatcher.HandleAsync(this, inner.Blob, trace);
            bool embedJson = inner.Json["json"] is JsonValue json && json.TryGetValue(out bool flag) && flag;
            bool base64 = !(inner.Json["base64"] is JsonValue b64 && b64.TryGetValue(out bool b64Flag) && !b64Flag);
            // Written by hand rather than as a JsonObject: a hostile_json answer may nest deeper than System.Text.Json writes.
            string answer = AnswerText(result);
            string reply = "{\"status\":" + result.Status + ",\"body\":"
                + (embedJson && result.Json != null ? answer : System.Text.Json.JsonSerializer.Serialize(answer)) + "}";
            byte[] sealedReply = HopEncryption.Encrypt(encType, key, Encoding.UTF8.GetBytes(reply));
            if (_faults.CorruptReplies)
            {
                sealedReply[sealedReply.Length / 2] ^= 0x01;
            }
            Observe(context, endpoint, null, true, trace, result.Status);
            byte[] body = base64 ? Encoding.ASCII.GetBytes(Convert.ToBase64String(sealedReply)) : sealedReply;
            await WriteAsync(context, 200, base64 ? "text/plain; charset=utf-8" : "application/octet-stream", body, corruptible: false);
        }

        private async Task RelayOnwardAsync(HttpContext context, string endpoint, OnionLayer inner, int hop)
        {
            string destination;
            string nextEphemeral;
            string nextEncType;
            try
            {
                destination = inner.OptionalString("destination") ?? throw new FormatException("missing destination");
                nextEphemeral = inner.OptionalString("ephemeral_key") ?? throw new FormatException("missing ephemeral_key");
                nextEncType = inner.OptionalString("enc_type");
            }
            catch (FormatException error)
            {
                await PathErrorAsync(context, endpoint, 400, "Error parsing onion request: " + error.Message);
                return;
            }
            if (_faults.RefuseRelay)
            {
                await PathErrorAsync(context, endpoint, 503, "Snode not ready: " + Self.Ed25519Hex, destination);
                return;
            }
            NodeEntry next = Map.FindByEd25519(destination);
            if (next == null)
            {
                await PathErrorAsync(context, endpoint, 502, "Next node not found: " + destination, destination);
                return;
            }
            using var request = new HttpRequestMessage(HttpMethod.Post, next.BaseUrl + "/testnet/relay") { Content = new ByteArrayContent(inner.Blob) };
            request.Headers.Add(EphemeralKeyHeader, nextEphemeral);
            request.Headers.Add(EncTypeHeader, nextEncType ?? HopEncryption.AesGcm);
            request.Headers.Add(HopHeader, (hop + 1).ToString(CultureInfo.InvariantCulture));
            int status;
            byte[] answer;
            string contentType;
            try
            {
                using HttpResponseMessage response = await _peers.SendAsync(request, context.RequestAborted);
                status = (int)response.StatusCode;
                answer = await response.Content.ReadAsByteArrayAsync();
                contentType = response.Content.Headers.ContentType?.ToString() ?? "text/plain; charset=utf-8";
            }
            catch (Exception error) when (error is HttpRequestException || error is TaskCanceledException || error is System.IO.IOException)
            {
                await PathErrorAsync(context, endpoint, 504, "Request time out", destination);
                return;
            }
            Observe(context, endpoint, destination, false, null, status);
            await WriteAsync(context, status, contentType, answer, corruptible: true);
        }

        private Task PathErrorAsync(HttpContext context, string endpoint, int status, string message, string nextHop = null)
        {
            Observe(context, endpoint, nextHop, false, null, status);
            return WriteAsync(context, status, "text/plain; charset=utf-8", Encoding.UTF8.GetBytes(message), corruptible: false);
        }

        private static byte[] ParseKey(string hex)
        {
            if (hex == null || hex.Length != 64)
            {
                return null;
            }
            try
            {
                return Convert.FromHexString(hex);
            }
            catch (FormatException)
            {
                return null;
            }
        }
    }
}
