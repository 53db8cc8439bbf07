using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace Session.Testnet.Tests.Support
{
    /// <summary>RPC parameters as a client writes them (docs/protocol.md §3.2-3.3), and picks of nodes from a map.</summary>
    public static class Rpcs
    {
        public static JsonObject Store(SessionUser user, byte[] data, long ttl = 3_600_000, long? timestamp = null)
        {
            return new JsonObject
            {
                ["pubkey"] = user.SessionId,
                ["timestamp"] = timestamp ?? OnionClient.Now,
                ["ttl"] = ttl,
                ["data"] = Convert.ToBase64String(data),
            };
        }

        public static JsonObject Retrieve(SessionUser user, string lastHash = null, long? timestamp = null)
        {
            long ts = timestamp ?? OnionClient.Now;
            var parameters = new JsonObject
            {
                ["pubkey"] = user.SessionId,
                ["timestamp"] = ts,
                ["signature"] = user.Sign("retrieve" + ts),
                ["pubkey_ed25519"] = user.Ed25519Hex,
            };
            if (lastHash != null)
            {
                parameters["last_hash"] = lastHash;
            }
            return parameters;
        }

        /// <summary>The members of the swarm that stores <paramref name="user"/>'s messages.</summary>
        public static List<NodeEntry> SwarmOf(NetworkMap map, SessionUser user)
        {
            return map.Members(map.SwarmOf(user.PubkeyBytes));
        }

        /// <summary>A node outside <paramref name="user"/>'s swarm.</summary>
        public static NodeEntry Outsider(NetworkMap map, SessionUser user)
        {
            ulong swarm = map.SwarmOf(user.PubkeyBytes);
            foreach (NodeEntry node in map.Nodes)
            {
                if (node.SwarmId != swarm)
                {
                    return node;
                }
            }
            throw new InvalidOperationException("every node is in the user's swarm");
        }

        /// <summary>Three distinct path nodes that are not <paramref name="destination"/> (nor any node in <paramref name="avoid"/>).</summary>
        public static NodeEntry[] Path(NetworkMap map, NodeEntry destination, params int[] avoid)
        {
            var path = new List<NodeEntry>();
            foreach (NodeEntry node in map.Nodes)
            {
                if (node.Index != destination.Index && Array.IndexOf(avoid, node.Index) < 0 && path.Count < 3)
                {
                    path.Add(node);
                }
            }
            return path.ToArray();
        }

        public static JsonObject Json(string text) => JsonNode.Parse(text).AsObject();
    }
}
