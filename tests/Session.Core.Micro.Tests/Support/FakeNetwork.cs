using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Session.Core.Micro.Network;

namespace Session.Core.Micro.Tests.Support
{
    /// <summary>
    /// A scripted stand-in for the Session network, for unit tests of the client's logic (the real
    /// network is the testnet's job). It answers seeds' get_n_service_nodes (with each node's swarm_id
    /// when asked), direct get_swarm and oxend_request, and onion requests: it peels every layer with
    /// libsodium like a node would, returns "Next node not found" for unknown or down relays, runs
    /// get_swarm / info / store / retrieve at the destination (checking swarm membership by the rule of
    /// docs/protocol.md §3.6 over the nodes' swarm ids, timestamps and retrieve signatures), and seals
    /// the reply under the destination's layer key. Faults are scripted per test; an impostor claims
    /// every account's swarm (get_swarm and 421 name it alone, and it signs store receipts without storing).
    /// </summary>
    public sealed class FakeNetwork : IHttpTransport
    {
        public const string SeedUrl = "https://127.0.0.250:4443";
        public const string SeedPin = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

        private readonly Dictionary<string, List<(string Hash, long Timestamp, byte[] Data)>> _stored = new();

        public FakeNetwork(SeededRandom random, int count, Func<int, string> ipOf = null)
        {
            Random = random;
            Nodes = Enumerable.Range(0, count).Select(i => new OnionTestNode(random.Bytes(32), ipOf == null ? "10.0." + i + ".1" : ipOf(i), 22021 + i)).ToList();
            // Every node its own swarm until a test groups some.
            foreach (OnionTestNode node in Nodes)
            {
                SwarmIds[node.Hex] = NewSwarmId();
            }
        }

        public SeededRandom Random { get; }
        public List<OnionTestNode> Nodes { get; }
        public HashSet<string> Down { get; } = new();

        /// <summary>Each node's swarm id, by Ed25519 hex.</summary>
        public Dictionary<string, ulong> SwarmIds { get; } = new();

        /// <summary>Members (Ed25519 hex) that, as the node a store reaches, keep it and sign, but do not pass it on: the others' entries say failed.</summary>
        public HashSet<string> Unreplicated { get; } = new();

        /// <summary>Nodes (Ed25519 hex) that claim to be the swarm of every account.</summary>
        public HashSet<string> Impostors { get; } = new();
        public long ServerTime { get; set; } = 1_700_000_000_000;

        /// <summary>Nodes (Ed25519 hex) whose clock is off ServerTime by this many ms: in what they report and in their checks.</summary>
        public Dictionary<string, long> ClockSkews { get; } = new();

        private long TimeOf(OnionTestNode node) => ServerTime + (ClockSkews.TryGetValue(node.Hex, out long skew) ? skew : 0);
        public bool SeedDown { get; set; }

        /// <summary>The seed leaves swarm_id out even when asked (as an old seed would).</summary>
        public bool SeedWithoutSwarmIds { get; set; }

        /// <summary>Seed requests that asked for swarm ids.</summary>
        public int SwarmLookups { get; private set; }
        public string ExtraSeedEntries { get; set; } = "";

        /// <summary>Plaintext answers the guard gives to the next onion requests instead of forwarding them.</summary>
        public Queue<(int Status, string Body)> GuardFaults { get; } = new();

        /// <summary>RPC answers the destination gives to the next onion requests instead of running them.</summary>
        public Queue<(int Status, string Body)> DestinationFaults { get; } = new();

        /// <summary>Every onion request that reached its destination: path (guard first) and destination.</summary>
        public List<(OnionTestNode[] Path, OnionTestNode Destination, string Method)> Delivered { get; } = new();

        /// <summary>Called with the method of each onion request as it reaches its destination, while the client waits for the answer.</summary>
        public Action<string> WhileAnswering { get; set; }

        public List<string> Posts { get; } = new();

        /// <summary>Every store a swarm member accepted past its clock check: owner, timestamp, ttl and data.</summary>
        public List<(string Owner, long Timestamp, long Ttl, byte[] Data)> Stores { get; } = new();

        /// <summary>How many "Next node not found" answers were given.</summary>
        public int NextNodeNotFoundCount { get; private set; }

        public NetworkProfile Profile => NetworkProfile.Testnet(SeedUrl, SeedPin, 1);

        /// <summary>The largest onion reply body handed back whole (0: any); a larger one comes back as the device's reader reports it, HttpResponse.TooLarge. Read into a sink, any size comes back.</summary>
        public int MaxReplyBytes { get; set; }

        private static readonly System.Text.Json.JsonSerializerOptions s_wire = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        /// <summary>How many onion replies were over MaxReplyBytes.</summary>
        public int TooLargeCount { get; private set; }

        /// <summary>The params of every retrieve that reached a destination, in order.</summary>
        public List<JsonNode> RetrieveParams { get; } = new();

        /// <summary>Stores a message for <paramref name="owner"/> as any stranger can (namespace 0, no signature).</summary>
        public void Deposit(string owner, byte[] data)
        {
            byte[] input = new byte[] { 5 }.Concat(Convert.FromHexString(owner.Substring(2))).Concat(data).ToArray();
            string hash = Convert.ToBase64String(Sodium.GenericHash.Hash(input, (byte[])null, 32)).TrimEnd('=');
            var list = _stored.TryGetValue(owner, out var l) ? l : (_stored[owner] = new());
            list.Add((hash, ServerTime, data));
        }

        /// <summary>
        /// Makes <paramref name="members"/> the swarm of <paramref name="sessionId"/>: they take the swarm id equal to its
        /// position (so it owns the account), and nodes that had that id before move to swarms of their own.
        /// </summary>
        public void SetSwarm(string sessionId, params int[] members)
        {
            ulong id = SwarmRule.Position(sessionId);
            foreach (OnionTestNode node in Nodes.Where(n => SwarmIds[n.Hex] == id).ToList())
            {
                SwarmIds[node.Hex] = NewSwarmId();
            }
            foreach (int i in members)
            {
                SwarmIds[Nodes[i].Hex] = id;
            }
        }

        /// <summary>The members of the swarm that owns <paramref name="sessionId"/>, by the rule over every node's swarm id.</summary>
        public List<OnionTestNode> SwarmOf(string sessionId)
        {
            ulong owner = SwarmRule.Owner(SwarmIds.Values.ToArray(), SwarmRule.Position(sessionId));
            return Nodes.Where(n => SwarmIds[n.Hex] == owner).ToList();
        }

        /// <summary>The messages a member of the real swarm holds for <paramref name="sessionId"/> (impostors store nothing).</summary>
        public int StoredCount(string sessionId) => _stored.TryGetValue(sessionId, out var list) ? list.Count : 0;

        private ulong NewSwarmId() => BitConverter.ToUInt64(Random.Bytes(8)) >> 1;

        public OnionTestNode ByHex(string hex) => Nodes.FirstOrDefault(n => n.Hex == hex);

        public HttpResponse Post(string url, byte[] body, int timeoutMilliseconds)
        {
            Posts.Add(url);
            if (url.StartsWith(SeedUrl + "/"))
            {
                if (SeedDown)
                {
                    return HttpResponse.Failed("seed down");
                }
                bool swarmIds = JsonNode.Parse(body)["params"]?["fields"]?["swarm_id"]?.GetValue<bool>() == true;
                SwarmLookups += swarmIds ? 1 : 0;
                swarmIds &= !SeedWithoutSwarmIds;
                string entries = string.Join(",", Nodes.Select(n => "{\"public_ip\":\"" + n.Node.Ip + "\",\"storage_port\":" + n.Node.Port
                    + ",\"pubkey_ed25519\":\"" + n.Hex + "\",\"pubkey_x25519\":\"" + Convert.ToHexStringLower(n.X25519Public) + "\",\"requested_unlock_height\":0"
                    + (swarmIds ? ",\"swarm_id\":" + SwarmIds[n.Hex] : "") + "}"));
                return Ok("{\"result\":{\"service_node_states\":[" + entries + ExtraSeedEntries + "],\"height\":1}}");
            }
            OnionTestNode node = Nodes.FirstOrDefault(n => url.StartsWith(n.Node.BaseUrl + "/"));
            if (node == null || Down.Contains(node.Hex))
            {
                return HttpResponse.Failed("connection refused: " + url);
            }
            string path = url.Substring(node.Node.BaseUrl.Length);
            if (path == "/storage_rpc/v1")
            {
                var (status, text) = Rpc(node, JsonNode.Parse(body));
                return new HttpResponse(status, System.Text.Encoding.UTF8.GetBytes(text));
            }
            if (path == "/onion_req/v2")
            {
                return Onion(node, body);
            }
            return new HttpResponse(404, System.Text.Encoding.UTF8.GetBytes("not found"));
        }

        // Read into a sink, an answer has no size limit, as on the device.
        public HttpResponse Post(string url, byte[] body, int timeoutMilliseconds, IResponseSink sink)
        {
            _streaming = true;
            try
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                HttpResponse response = Post(url, body, timeoutMilliseconds);
                ServerAllocated += GC.GetAllocatedBytesForCurrentThread() - before;
                if (TamperReplies && response.Status == 200)
                {
                    // The tag is the last 16 bytes of the sealed reply: flip a bit of its last byte.
                    byte[] sealedReply = Convert.FromBase64String(System.Text.Encoding.ASCII.GetString(response.Body));
                    sealedReply[^1] ^= 1;
                    response = new HttpResponse(200, System.Text.Encoding.ASCII.GetBytes(Convert.ToBase64String(sealedReply)));
                }
                return ResponseSinks.Feed(response, sink);
            }
            finally
            {
                _streaming = false;
            }
        }

        private bool _streaming;

        /// <summary>Bytes this network allocated answering requests read into a sink (the nodes' work, not the client's).</summary>
        public long ServerAllocated { get; private set; }

        /// <summary>When set, every onion reply read into a sink comes back with a bit of its tag flipped.</summary>
        public bool TamperReplies { get; set; }

        private static HttpResponse Ok(string text) => new HttpResponse(200, System.Text.Encoding.UTF8.GetBytes(text));

        private HttpResponse Onion(OnionTestNode guard, byte[] wire)
        {
            if (GuardFaults.Count > 0)
            {
                var (status, text) = GuardFaults.Dequeue();
                return new HttpResponse(status, System.Text.Encoding.UTF8.GetBytes(text));
            }
            var path = new List<OnionTestNode>();
            OnionTestNode current = guard;
            var (blob, json) = OnionTestNode.Split(wire);
            while (true)
            {
                byte[] ephemeral = Convert.FromHexString(json.GetProperty("ephemeral_key").GetString());
                byte[] plain = current.Open(blob, ephemeral);
                (blob, json) = OnionTestNode.Split(plain);
                if (json.TryGetProperty("headers", out _))
                {
                    var (status, text) = DestinationFaults.Count > 0 ? DestinationFaults.Dequeue() : Rpc(current, JsonNode.Parse(blob));
                    Delivered.Add((path.ToArray(), current, JsonNode.Parse(blob)["method"].GetValue<string>()));
                    WhileAnswering?.Invoke(Delivered[^1].Method);
                    // Escaped as the storage server escapes (only what JSON requires), so retrieve budgets hold as on the real network.
                    string reply = new JsonObject { ["status"] = status, ["body"] = text }.ToJsonString(s_wire);
                    byte[] sealedReply = current.SealReply(System.Text.Encoding.UTF8.GetBytes(reply), ephemeral, Random.Bytes(24));
                    string encoded = Convert.ToBase64String(sealedReply);
                    if (MaxReplyBytes > 0 && encoded.Length > MaxReplyBytes && !_streaming)
                    {
                        TooLargeCount++;
                        return HttpResponse.TooLarge("POST " + guard.Node.BaseUrl + ": the answer is larger than " + MaxReplyBytes + " bytes");
                    }
                    return Ok(encoded);
                }
                path.Add(current);
                string next = json.GetProperty("destination").GetString();
                OnionTestNode nextNode = ByHex(next);
                if (nextNode == null || Down.Contains(next))
                {
                    NextNodeNotFoundCount++;
                    return new HttpResponse(502, System.Text.Encoding.UTF8.GetBytes("Next node not found: " + next));
                }
                current = nextNode;
            }
        }

        private JsonArray SnodesOf(IEnumerable<OnionTestNode> members) => new JsonArray(members.Select(n => (JsonNode)new JsonObject
        {
            ["ip"] = n.Node.Ip,
            ["port_https"] = n.Node.Port,
            ["pubkey_ed25519"] = n.Hex,
            ["pubkey_x25519"] = Convert.ToHexStringLower(n.X25519Public),
        }).ToArray());

        private (int, string) Rpc(OnionTestNode node, JsonNode request)
        {
            string method = request["method"].GetValue<string>();
            JsonNode p = request["params"];
            switch (method)
            {
                case "info":
                    return (200, "{\"version\":[2,11,0],\"timestamp\":" + TimeOf(node) + ",\"t\":" + TimeOf(node) + "}");
                case "get_swarm":
                {
                    string owner = p["pubkey"].GetValue<string>();
                    var members = Impostors.Contains(node.Hex) ? new List<OnionTestNode> { node } : SwarmOf(owner);
                    return (200, new JsonObject { ["snodes"] = SnodesOf(members), ["swarm"] = "0000000000000001", ["t"] = ServerTime }.ToJsonString());
                }
                case "oxend_request":
                {
                    var states = new JsonArray(Nodes.Select(n => (JsonNode)new JsonObject
                    {
                        ["public_ip"] = n.Node.Ip,
                        ["storage_port"] = n.Node.Port,
                        ["pubkey_ed25519"] = n.Hex,
                        ["pubkey_x25519"] = Convert.ToHexStringLower(n.X25519Public),
                    }).ToArray());
                    return (200, new JsonObject { ["result"] = new JsonObject { ["service_node_states"] = states }, ["t"] = ServerTime }.ToJsonString());
                }
                case "store":
                    return Store(node, p);
                case "retrieve":
                    return Retrieve(node, p);
                default:
                    return (400, "no method " + method);
            }
        }

        private (int, string) Misdirected(string owner) =>
            (421, new JsonObject { ["snodes"] = SnodesOf(SwarmOf(owner)), ["t"] = ServerTime }.ToJsonString());

        private (int, string) Store(OnionTestNode node, JsonNode p)
        {
            string owner = p["pubkey"].GetValue<string>();
            var members = Impostors.Contains(node.Hex) ? new List<OnionTestNode> { node } : SwarmOf(owner);
            if (!members.Contains(node))
            {
                return Misdirected(owner);
            }
            long timestamp = p["timestamp"].GetValue<long>();
            if (timestamp > TimeOf(node) + 10_000 || timestamp + p["ttl"].GetValue<long>() < TimeOf(node) - 10_000)
            {
                return (406, "Timestamp error: check your clock");
            }
            byte[] data = Convert.FromBase64String(p["data"].GetValue<string>());
            Stores.Add((owner, timestamp, p["ttl"].GetValue<long>(), data));
            byte[] input = new byte[] { 5 }.Concat(Convert.FromHexString(owner.Substring(2))).Concat(data).ToArray();
            string hash = Convert.ToBase64String(Sodium.GenericHash.Hash(input, (byte[])null, 32)).TrimEnd('=');
            // An impostor signs its receipt and keeps nothing.
            var list = Impostors.Contains(node.Hex) ? new() : _stored.TryGetValue(owner, out var l) ? l : (_stored[owner] = new());
            bool already = list.Any(m => m.Hash == hash);
            if (!already)
            {
                list.Add((hash, timestamp, data));
            }
            var swarm = new JsonObject();
            foreach (OnionTestNode member in members)
            {
                if (member != node && Unreplicated.Contains(node.Hex))
                {
                    swarm[member.Hex] = new JsonObject { ["failed"] = true, ["timeout"] = true };
                    continue;
                }
                var entry = new JsonObject
                {
                    ["hash"] = hash,
                    ["signature"] = Convert.ToBase64String(Sodium.PublicKeyAuth.SignDetached(System.Text.Encoding.ASCII.GetBytes(hash), member.Ed25519Secret)),
                    ["expiry"] = timestamp + p["ttl"].GetValue<long>(),
                };
                if (already)
                {
                    entry["already"] = true;
                }
                swarm[member.Hex] = entry;
            }
            return (200, new JsonObject { ["swarm"] = swarm, ["hash"] = hash, ["t"] = ServerTime }.ToJsonString());
        }

        private (int, string) Retrieve(OnionTestNode node, JsonNode p)
        {
            string owner = p["pubkey"].GetValue<string>();
            if (!Impostors.Contains(node.Hex) && !SwarmOf(owner).Contains(node))
            {
                return Misdirected(owner);
            }
            long timestamp = p["timestamp"].GetValue<long>();
            if (Math.Abs(timestamp - TimeOf(node)) > 60_000)
            {
                return (406, "retrieve timestamp too far from current time");
            }
            int ns = p["namespace"]?.GetValue<int>() ?? 0;
            byte[] edPk = Convert.FromHexString(p["pubkey_ed25519"].GetValue<string>());
            byte[] signature = Convert.FromBase64String(p["signature"].GetValue<string>());
            byte[] message = System.Text.Encoding.ASCII.GetBytes("retrieve" + (ns == 0 ? "" : ns.ToString()) + timestamp);
            bool keyMatches = Convert.ToHexStringLower(Sodium.PublicKeyAuth.ConvertEd25519PublicKeyToCurve25519PublicKey(edPk)) == owner.Substring(2);
            if (!keyMatches || !Sodium.PublicKeyAuth.VerifyDetached(signature, message, edPk))
            {
                return (401, "retrieve signature verification failed");
            }
            RetrieveParams.Add(p.DeepClone());
            var list = !Impostors.Contains(node.Hex) && _stored.TryGetValue(owner, out var l) ? l : new();
            string lastHash = p["last_hash"]?.GetValue<string>() ?? "";
            int start = lastHash == "" ? 0 : list.FindIndex(m => m.Hash == lastHash) + 1;
            // The storage server's budgets (docs/protocol.md §3.3): 0 unset, neither set means -5, each message counting
            // 100 + its hash + 4/3 of its data, and the first message always returned.
            long maxCount = p["max_count"]?.GetValue<long>() ?? 0;
            long maxSize = p["max_size"]?.GetValue<long>() ?? 0;
            maxSize = maxSize == 0 && maxCount == 0 ? 7_800_000 / 5 : maxSize < 0 ? 7_800_000 / -maxSize : maxSize == 0 ? 7_800_000 : Math.Min(maxSize, 7_800_000);
            var messages = new JsonArray();
            long size = 0;
            bool more = false;
            foreach (var m in list.Skip(start))
            {
                size += 100 + m.Hash.Length + m.Data.Length * 4L / 3;
                if (messages.Count > 0 && ((maxCount > 0 && messages.Count >= maxCount) || size > maxSize))
                {
                    more = true;
                    break;
                }
                messages.Add(new JsonObject
                {
                    ["hash"] = m.Hash,
                    ["timestamp"] = m.Timestamp,
                    ["expiration"] = m.Timestamp + 1_209_600_000L,
                    ["data"] = Convert.ToBase64String(m.Data),
                });
            }
            return (200, new JsonObject { ["messages"] = messages, ["more"] = more, ["t"] = ServerTime }.ToJsonString(s_wire));
        }
    }
}
