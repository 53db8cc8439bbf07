// get_swarm / get_snodes_for_pubkey (docs/protocol.md §3.4): the members of the swarm that stores a
// pubkey. The same body, with status 421, tells a client it asked the wrong swarm.
using System;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace Session.Testnet
{
    /// <summary>The get_swarm method and the swarm description it returns.</summary>
    public static class GetSwarmRpc
    {
        public static Task<RpcResult> HandleAsync(StorageNode node, JsonObject parameters, RpcTrace trace)
        {
            byte[] pubkey = RpcParams.Pubkey(parameters, out string hex);
            trace.Pubkey(hex);
            ulong swarm = node.Map.SwarmOf(pubkey);
            if (node.Faults.WrongSwarm)
            {
                swarm = AnotherSwarm(node.Map, swarm);
            }
            return Task.FromResult(RpcResult.Ok(Describe(node.Map, swarm)));
        }

        /// <summary>{"snodes": [...], "swarm": "&lt;16 hex&gt;"} for <paramref name="swarmId"/>.</summary>
        public static JsonObject Describe(NetworkMap map, ulong swarmId)
        {
            var snodes = new JsonArray();
            foreach (NodeEntry member in map.Members(swarmId))
            {
                string port = member.Port.ToString(CultureInfo.InvariantCulture);
                snodes.Add(new JsonObject
                {
                    ["address"] = ZBase32.Encode(Convert.FromHexString(member.Ed25519Hex)) + ".snode",
                    ["pubkey_legacy"] = member.Ed25519Hex,
                    ["pubkey_x25519"] = member.X25519Hex,
                    ["pubkey_ed25519"] = member.Ed25519Hex,
                    ["port"] = port,
                    ["port_https"] = member.Port,
                    ["port_omq"] = member.Port,
                    ["port_quic"] = member.Port,
                    ["ip"] = member.Ip,
                });
            }
            return new JsonObject
            {
                ["snodes"] = snodes,
                ["swarm"] = snodes.Count == 0 ? SwarmSpace.InvalidSwarmId.ToString("x16") : swarmId.ToString("x16"),
            };
        }

        /// <summary>The 421 Misdirected Request answer, naming the swarm that does own the pubkey.</summary>
        public static RpcException Misdirected(StorageNode node, byte[] pubkey)
        {
            return new MisdirectedException(Describe(node.Map, node.Map.SwarmOf(pubkey)));
        }

        private static ulong AnotherSwarm(NetworkMap map, ulong swarm)
        {
            int at = Array.IndexOf(map.SwarmIds, swarm);
            return map.SwarmIds.Length > 1 ? map.SwarmIds[(at + 1) % map.SwarmIds.Length] : SwarmSpace.InvalidSwarmId;
        }
    }
}
