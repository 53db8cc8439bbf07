// get_swarm / get_snodes_for_pubkey (docs/protocol.md §3.4): the members of the swarm that stores a
// pubkey. The same body, with status 421, tells a client it asked the wrong swarm. A node with the
// claim_swarm fault names itself and its conspirators instead, for every pubkey outside its swarm.
using System;
using System.Collections.Generic;
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
            if (node.Claims(pubkey))
            {
                return Task.FromResult(RpcResult.Ok(Claim(node, swarm)));
            }
            if (node.Faults.WrongSwarm)
            {
                swarm = AnotherSwarm(node.Map, swarm);
            }
            return Task.FromResult(RpcResult.Ok(Describe(node.Map.Members(swarm), swarm)));
        }

        /// <summary>{"snodes": [...], "swarm": "&lt;16 hex&gt;"} for <paramref name="members"/> of <paramref name="swarmId"/>.</summary>
        public static JsonObject Describe(List<NodeEntry> members, ulong swarmId)
        {
            var snodes = new JsonArray();
            foreach (NodeEntry member in members)
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
            ulong swarm = node.Map.SwarmOf(pubkey);
            return new MisdirectedException(node.Claims(pubkey) ? Claim(node, swarm) : Describe(node.Map.Members(swarm), swarm));
        }

        // The claim_swarm lie: this node and its conspirators as the members of the pubkey's true swarm id.
        private static JsonObject Claim(StorageNode node, ulong swarmId)
        {
            var members = new List<NodeEntry> { node.Self };
            foreach (int index in node.Faults.Conspirators)
            {
                if (index < node.Map.Nodes.Length && index != node.Self.Index)
                {
                    members.Add(node.Map.Nodes[index]);
                }
            }
            return Describe(members, swarmId);
        }

        private static ulong AnotherSwarm(NetworkMap map, ulong swarm)
        {
            int at = Array.IndexOf(map.SwarmIds, swarm);
            return map.SwarmIds.Length > 1 ? map.SwarmIds[(at + 1) % map.SwarmIds.Length] : SwarmSpace.InvalidSwarmId;
        }
    }
}
