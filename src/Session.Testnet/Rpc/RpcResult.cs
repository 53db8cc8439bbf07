using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Session.Testnet
{
    /// <summary>An RPC answer: an HTTP status and either a JSON object or plain text (errors are text, as on real nodes).</summary>
    public sealed class RpcResult
    {
        private RpcResult(int status, JsonObject json, string text)
        {
            Status = status;
            Json = json;
            Text = text;
        }

        public int Status { get; }

        public JsonObject Json { get; }

        public string Text { get; }

        public static RpcResult Ok(JsonObject json) => new RpcResult(200, json, null);

        public static RpcResult WithJson(int status, JsonObject json) => new RpcResult(status, json, null);

        public static RpcResult Error(int status, string text) => new RpcResult(status, null, text);

        /// <summary>
        /// How answers are written: escaping only what JSON requires, as the storage server's JSON library does. .NET's default
        /// would write '+' of base64 as \u002B, six bytes for one, and a retrieve answer would outgrow the size budget that
        /// clients choose to fit their reply buffers (docs/protocol.md §3.3).
        /// </summary>
        public static readonly JsonSerializerOptions Wire = new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        /// <summary>The body as sent: compact JSON or the text.</summary>
        public string BodyText => Json != null ? Json.ToJsonString(Wire) : Text;
    }
}
