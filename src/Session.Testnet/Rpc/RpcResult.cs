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

        /// <summary>The body as sent: compact JSON or the text.</summary>
        public string BodyText => Json != null ? Json.ToJsonString() : Text;
    }
}
