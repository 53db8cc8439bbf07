using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace Session.Testnet
{
    /// <summary>info (docs/protocol.md §3.4): the server version and its clock.</summary>
    public static class InfoRpc
    {
        public static Task<RpcResult> HandleAsync(StorageNode node, JsonObject parameters, RpcTrace trace)
        {
            return Task.FromResult(RpcResult.Ok(new JsonObject
            {
                ["version"] = new JsonArray(2, 10, 0),
                ["timestamp"] = node.ReportedNow,
            }));
        }
    }
}
