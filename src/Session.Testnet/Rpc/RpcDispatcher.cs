// The storage RPC entry (docs/protocol.md §3.1): {"method": name, "params": {...}} to one handler
// per method. Handlers end bad requests with RpcException; nothing else may escape as a 500 without
// a reason. Every JSON answer gets the node's time "t" and hard fork "hf".
using System;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace Session.Testnet
{
    /// <summary>Parses a request body and runs its method.</summary>
    public static class RpcDispatcher
    {
        public static readonly int[] HardFork = { 19, 3 };

        /// <summary>Handles the UTF-8 JSON body of a storage RPC.</summary>
        public static async Task<RpcResult> HandleAsync(StorageNode node, byte[] body, RpcTrace trace)
        {
            // System.Text.Json checks UTF-8 inside strings only when a string is read: check it all at the door.
            if (!System.Text.Unicode.Utf8.IsValid(body))
            {
                return RpcResult.Error(400, "invalid request: the body is not UTF-8");
            }
            JsonNode request;
            try
            {
                request = JsonNode.Parse(body);
            }
            catch (JsonException error)
            {
                return RpcResult.Error(400, "invalid request: the body is not JSON: " + error.Message);
            }
            catch (ArgumentException error)
            {
                return RpcResult.Error(400, "invalid request: the body is not UTF-8: " + error.Message);
            }
            return await DispatchAsync(node, request as JsonObject, trace, nested: false);
        }

        /// <summary>Runs one {"method","params"} object.</summary>
        public static async Task<RpcResult> DispatchAsync(StorageNode node, JsonObject request, RpcTrace trace, bool nested)
        {
            try
            {
                if (request == null)
                {
                    throw RpcParams.Bad("the body must be a JSON object");
                }
                string method = RpcParams.OptionalString(request, "method") ?? throw RpcParams.Bad("missing 'method'");
                JsonObject parameters = request["params"] as JsonObject;
                if (parameters == null)
                {
                    throw RpcParams.Bad("'params' must be an object");
                }
                trace.Method(method);
                RpcResult result = method switch
                {
                    "store" => await StoreRpc.HandleAsync(node, parameters, trace),
                    "retrieve" => await RetrieveRpc.HandleAsync(node, parameters, trace),
                    "get_swarm" or "get_snodes_for_pubkey" => await GetSwarmRpc.HandleAsync(node, parameters, trace),
                    "info" => await InfoRpc.HandleAsync(node, parameters, trace),
                    "oxend_request" => await OxendRequestRpc.HandleAsync(node, parameters, trace),
                    "batch" when !nested => await BatchRpc.HandleAsync(node, parameters, trace, stopOnFailure: false),
                    "sequence" when !nested => await BatchRpc.HandleAsync(node, parameters, trace, stopOnFailure: true),
                    "batch" or "sequence" => throw RpcParams.Bad("a batch cannot contain another batch"),
                    _ => throw new RpcException(400, "no method " + method),
                };
                if (result.Json != null && !nested)
                {
                    Stamp(node, result.Json);
                }
                return result;
            }
            catch (MisdirectedException misdirected)
            {
                return RpcResult.WithJson(421, nested ? misdirected.Swarm : Stamp(node, misdirected.Swarm));
            }
            catch (RpcException error)
            {
                return RpcResult.Error(error.Status, error.Message);
            }
        }

        /// <summary>Adds "t" (the time the node reports) and "hf" to an answer.</summary>
        public static JsonObject Stamp(StorageNode node, JsonObject answer)
        {
            answer["t"] = node.ReportedNow;
            answer["hf"] = new JsonArray(HardFork[0], HardFork[1]);
            return answer;
        }
    }
}
