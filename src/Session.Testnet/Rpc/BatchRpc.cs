// batch and sequence (docs/protocol.md §3.4): 1 to 20 subrequests, each with its own parameters and
// signature; sequence stops after the first one that does not succeed.
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace Session.Testnet
{
    /// <summary>The batch and sequence methods.</summary>
    public static class BatchRpc
    {
        public const int MaxRequests = 20;

        public static async Task<RpcResult> HandleAsync(StorageNode node, JsonObject parameters, RpcTrace trace, bool stopOnFailure)
        {
            if (!parameters.TryGetPropertyValue("requests", out JsonNode requestsNode) || requestsNode is not JsonArray requests)
            {
                throw RpcParams.Bad("'requests' must be an array");
            }
            if (requests.Count == 0 || requests.Count > MaxRequests)
            {
                throw RpcParams.Bad("a batch holds 1 to " + MaxRequests + " requests, not " + requests.Count);
            }
            var results = new JsonArray();
            foreach (JsonNode request in requests)
            {
                RpcResult result = await RpcDispatcher.DispatchAsync(node, request as JsonObject, trace, nested: true);
                JsonNode body = result.Json != null ? RpcDispatcher.Stamp(node, result.Json) : JsonValue.Create(result.Text);
                results.Add(new JsonObject { ["code"] = result.Status, ["body"] = body });
                if (stopOnFailure && (result.Status < 200 || result.Status > 299))
                {
                    break;
                }
            }
            return RpcResult.Ok(new JsonObject { ["results"] = results });
        }
    }
}
