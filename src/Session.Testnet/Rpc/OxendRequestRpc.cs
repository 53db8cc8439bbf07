// oxend_request (docs/protocol.md §3.4): a node passes a few read-only oxend calls through. The
// testnet answers get_service_nodes from its own map, which is how clients refresh their node pool.
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace Session.Testnet
{
    /// <summary>The oxend_request method (get_service_nodes only).</summary>
    public static class OxendRequestRpc
    {
        public static Task<RpcResult> HandleAsync(StorageNode node, JsonObject parameters, RpcTrace trace)
        {
            string endpoint = RpcParams.OptionalString(parameters, "endpoint") ?? throw RpcParams.Bad("missing 'endpoint'");
            if (endpoint != "get_service_nodes")
            {
                throw new RpcException(400, "oxend_request: the testnet answers only get_service_nodes, not '" + endpoint + "'");
            }
            var states = new JsonArray();
            foreach (NodeEntry entry in node.Map.Nodes)
            {
                states.Add(new JsonObject
                {
                    ["public_ip"] = entry.Ip,
                    ["storage_port"] = entry.Port,
                    ["storage_lmq_port"] = entry.Port,
                    ["pubkey_ed25519"] = entry.Ed25519Hex,
                    ["pubkey_x25519"] = entry.X25519Hex,
                    ["swarm_id"] = entry.SwarmId,
                    ["swarm"] = entry.SwarmHex,
                    ["requested_unlock_height"] = 0,
                    ["active"] = true,
                });
            }
            var result = new JsonObject { ["service_node_states"] = states, ["height"] = 1, ["target_height"] = 1, ["hardfork"] = 19 };
            return Task.FromResult(RpcResult.Ok(new JsonObject { ["result"] = result }));
        }
    }
}
