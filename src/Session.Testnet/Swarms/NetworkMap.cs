// Who is in the network and which swarm each node belongs to. Every node holds the same map (real
// nodes learn it from oxend); the controller writes it to network.json so node processes read it.
using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Session.Testnet
{
    /// <summary>The nodes of a test network and their swarms.</summary>
    public sealed class NetworkMap
    {
        private readonly Dictionary<string, NodeEntry> _byEd25519 = new Dictionary<string, NodeEntry>(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<string> _addresses = new HashSet<string>(StringComparer.Ordinal);

        public NetworkMap(NodeEntry[] nodes)
        {
            Nodes = nodes;
            var ids = new SortedSet<ulong>();
            foreach (NodeEntry node in nodes)
            {
                _byEd25519[node.Ed25519Hex] = node;
                _addresses.Add(node.Ip);
                ids.Add(node.SwarmId);
            }
            SwarmIds = new ulong[ids.Count];
            ids.CopyTo(SwarmIds);
        }

        public NodeEntry[] Nodes { get; }

        /// <summary>The distinct swarm ids, ascending.</summary>
        public ulong[] SwarmIds { get; }

        /// <summary>The swarm of node <paramref name="index"/> when <paramref name="swarmCount"/> swarms share the id space evenly.</summary>
        public static ulong SwarmIdFor(int index, int swarmCount)
        {
            ulong step = ulong.MaxValue / (ulong)swarmCount;
            // Start half a step in so no swarm sits on the all-zero id; swarms are spread over the circle.
            return step / 2 + (ulong)(index % swarmCount) * step;
        }

        /// <summary>The node with this Ed25519 key (hex), or null.</summary>
        public NodeEntry FindByEd25519(string ed25519Hex)
        {
            return ed25519Hex != null && _byEd25519.TryGetValue(ed25519Hex, out NodeEntry node) ? node : null;
        }

        /// <summary>True when <paramref name="ip"/> is the address of a node of this network.</summary>
        public bool IsNodeAddress(string ip)
        {
            return ip != null && _addresses.Contains(ip);
        }

        /// <summary>The swarm that stores messages for a 33-byte prefixed pubkey.</summary>
        public ulong SwarmOf(byte[] prefixedPubkey)
        {
            return SwarmSpace.Select(SwarmIds, SwarmSpace.Position(prefixedPubkey));
        }

        /// <summary>The members of a swarm, in index order (none for an unknown id).</summary>
        public List<NodeEntry> Members(ulong swarmId)
        {
            var members = new List<NodeEntry>();
            foreach (NodeEntry node in Nodes)
            {
                if (node.SwarmId == swarmId)
                {
                    members.Add(node);
                }
            }
            return members;
        }

        /// <summary>The map as JSON: {"nodes":[{index, ip, port, ed25519, x25519, swarm}]}.</summary>
        public string ToJson()
        {
            var nodes = new JsonArray();
            foreach (NodeEntry node in Nodes)
            {
                nodes.Add(new JsonObject
                {
                    ["index"] = node.Index,
                    ["ip"] = node.Ip,
                    ["port"] = node.Port,
                    ["ed25519"] = node.Ed25519Hex,
                    ["x25519"] = node.X25519Hex,
                    ["swarm"] = node.SwarmHex,
                });
            }
            return new JsonObject { ["nodes"] = nodes }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        }

        /// <summary>Reads a map written by <see cref="ToJson"/>.</summary>
        /// <exception cref="InvalidDataException">The file is not such a map; the message names the problem.</exception>
        public static NetworkMap FromJson(string json, string source)
        {
            try
            {
                JsonArray array = JsonNode.Parse(json)["nodes"].AsArray();
                var nodes = new NodeEntry[array.Count];
                for (int i = 0; i < nodes.Length; i++)
                {
                    JsonNode node = array[i];
                    nodes[i] = new NodeEntry((int)node["index"], (string)node["ip"], (int)node["port"], (string)node["ed25519"],
                        (string)node["x25519"], Convert.ToUInt64((string)node["swarm"], 16));
                }
                return new NetworkMap(nodes);
            }
            catch (Exception error) when (error is JsonException || error is NullReferenceException || error is InvalidOperationException
                || error is FormatException)
            {
                throw new InvalidDataException(source + " is not a testnet network map: " + error.Message);
            }
        }
    }
}
