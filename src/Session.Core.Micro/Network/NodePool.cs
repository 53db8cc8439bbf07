// The client's list of service nodes (docs/protocol.md §3.8, §4.6): bootstrapped from a seed's
// get_n_service_nodes (pinned TLS), refreshed from the nodes themselves with oxend_request
// get_service_nodes (accepted only when the sampled answers share enough nodes), persisted in an
// IKeyValueStore as JSON, and pruned by failure counting (3 strikes and a node is dropped).
// Memory: about 150 bytes per node; a mainnet pool is ~2,000 nodes, so the device keeps a sample.
using System.Collections;
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Encoding;

namespace Session.Core.Micro.Network
{
    /// <summary>The known service nodes and their failure counts.</summary>
    public sealed class NodePool
    {
        /// <summary>Failures after which a node is dropped.</summary>
        public const int FailureThreshold = 3;

        /// <summary>The key under which the pool is persisted.</summary>
        public const string StoreKey = "snode_pool";

        /// <summary>Below this many nodes the pool is bootstrapped again (Session desktop's minSnodePoolCount).</summary>
        public const int MinimumCount = 8;

        /// <summary>How many nodes are asked when refreshing.</summary>
        public const int RefreshSampleSize = 3;

        /// <summary>Timeout of a seed or direct node request, ms.</summary>
        public const int DirectTimeout = 15000;

        private readonly NetworkProfile _profile;
        private readonly IHttpTransport _transport;
        private readonly IKeyValueStore _store;
        private readonly IRandomSource _random;
        private readonly ArrayList _nodes = new ArrayList();
        private readonly ArrayList _failures = new ArrayList();

        private int _seedLimit;

        /// <summary>Creates an empty pool; call Load, Bootstrap or EnsureReady.</summary>
        /// <exception cref="System.ArgumentNullException">An argument is null.</exception>
        public NodePool(NetworkProfile profile, IHttpTransport transport, IKeyValueStore store, IRandomSource random)
        {
            if (profile == null)
            {
                throw Errors.Null("profile");
            }
            if (transport == null)
            {
                throw Errors.Null("transport");
            }
            if (store == null)
            {
                throw Errors.Null("store");
            }
            if (random == null)
            {
                throw Errors.Null("random");
            }
            _profile = profile;
            _transport = transport;
            _store = store;
            _random = random;
        }

        /// <summary>The network whose seeds the pool comes from.</summary>
        internal NetworkProfile Profile
        {
            get { return _profile; }
        }

        /// <summary>Nodes in the pool.</summary>
        public int Count
        {
            get { return _nodes.Count; }
        }

        /// <summary>A copy of the nodes.</summary>
        public ServiceNode[] Nodes
        {
            get
            {
                ServiceNode[] nodes = new ServiceNode[_nodes.Count];
                for (int i = 0; i < nodes.Length; i++)
                {
                    nodes[i] = (ServiceNode)_nodes[i];
                }
                return nodes;
            }
        }

        /// <summary>
        /// How many nodes to ask a seed for: a random subset of the network (the seed's "limit"), or 0 for
        /// all of them. A device sets it, because the whole mainnet list is larger than it can receive.
        /// </summary>
        /// <exception cref="System.ArgumentException">Set below 0, or above 0 and below MinimumCount.</exception>
        public int SeedLimit
        {
            get { return _seedLimit; }
            set
            {
                if (value < 0 || (value > 0 && value < MinimumCount))
                {
                    throw Errors.Range("SeedLimit");
                }
                _seedLimit = value;
            }
        }

        /// <summary>Loads the persisted pool; false when nothing usable was stored.</summary>
        public bool Load()
        {
            byte[] saved = _store.Get(StoreKey);
            if (saved == null)
            {
                return false;
            }
            try
            {
                Replace(NodeParser.Parse(JsonReader.Parse(saved), "ip", "port", "ed25519", "x25519"), false);
            }
            catch (MalformedDataException)
            {
                return false;
            }
            return _nodes.Count > 0;
        }

        /// <summary>Loads the pool, and bootstraps from a seed when fewer than MinimumCount nodes are known.</summary>
        /// <exception cref="ServiceNodeException">No seed answered with a usable list.</exception>
        public void EnsureReady()
        {
            if (_nodes.Count >= MinimumCount || (Load() && _nodes.Count >= MinimumCount))
            {
                return;
            }
            Bootstrap();
        }

        /// <summary>Replaces the pool with a seed's list, trying the seeds in random order.</summary>
        /// <exception cref="ServiceNodeException">No seed answered with a usable list.</exception>
        public void Bootstrap()
        {
            SeedEndpoint[] seeds = _profile.Seeds;
            int start = RandomChoice.Below(_random, seeds.Length);
            string failures = "";
            for (int i = 0; i < seeds.Length; i++)
            {
                SeedEndpoint seed = seeds[(start + i) % seeds.Length];
                HttpResponse response = _transport.Post(seed.JsonRpcUrl, Requests.GetNServiceNodes(_seedLimit, false), DirectTimeout);
                string problem;
                ServiceNode[] nodes = ReadStates(response, out problem);
                if (nodes != null && nodes.Length > 0)
                {
                    Replace(nodes, true);
                    return;
                }
                failures += (failures.Length == 0 ? "" : "; ") + seed.BaseUrl + ": " + (problem == null ? "no usable nodes" : problem);
            }
            throw new ServiceNodeException("no seed gave a node list (" + failures + ")", 0);
        }

        /// <summary>
        /// Asks RefreshSampleSize random nodes for the service-node list directly; replaces the pool
        /// with the nodes common to all answers when there are at least the profile's MinimumCommonNodes.
        /// </summary>
        /// <returns>True when the pool was replaced.</returns>
        public bool Refresh()
        {
            if (_nodes.Count < RefreshSampleSize)
            {
                return false;
            }
            ServiceNode[] sample = Nodes;
            RandomChoice.Shuffle(_random, sample);
            ServiceNode[] common = null;
            for (int i = 0; i < RefreshSampleSize; i++)
            {
                HttpResponse response = _transport.Post(sample[i].BaseUrl + "/storage_rpc/v1", Requests.OxendGetServiceNodes(), DirectTimeout);
                string problem;
                ServiceNode[] nodes = ReadStates(response, out problem);
                if (nodes == null)
                {
                    RecordFailure(sample[i]);
                    return false;
                }
                common = common == null ? nodes : Intersect(common, nodes);
            }
            if (common.Length < _profile.MinimumCommonNodes)
            {
                return false;
            }
            Replace(common, true);
            return true;
        }

        /// <summary>The node with this Ed25519 hex key, or null.</summary>
        public ServiceNode Find(string ed25519Hex)
        {
            int index = IndexOf(ed25519Hex);
            return index < 0 ? null : (ServiceNode)_nodes[index];
        }

        /// <summary>Counts a failure of <paramref name="node"/>; at FailureThreshold it is dropped.</summary>
        /// <returns>True when the node was dropped.</returns>
        public bool RecordFailure(ServiceNode node)
        {
            if (node == null)
            {
                throw Errors.Null("node");
            }
            int index = IndexOf(node.Ed25519Hex);
            if (index < 0)
            {
                return false;
            }
            int failures = (int)_failures[index] + 1;
            if (failures >= FailureThreshold)
            {
                Remove(node.Ed25519Hex);
                return true;
            }
            _failures[index] = failures;
            return false;
        }

        /// <summary>Clears the failure count of <paramref name="node"/>.</summary>
        public void RecordSuccess(ServiceNode node)
        {
            int index = node == null ? -1 : IndexOf(node.Ed25519Hex);
            if (index >= 0)
            {
                _failures[index] = 0;
            }
        }

        /// <summary>Drops the node with this key and persists the pool.</summary>
        public void Remove(string ed25519Hex)
        {
            int index = IndexOf(ed25519Hex);
            if (index >= 0)
            {
                _nodes.RemoveAt(index);
                _failures.RemoveAt(index);
                Save();
            }
        }

        /// <summary>A random node that is not one of <paramref name="excluded"/>, or null when none is left.</summary>
        public ServiceNode PickRandom(ServiceNode[] excluded)
        {
            ServiceNode[] candidates = Without(Nodes, excluded);
            return candidates.Length == 0 ? null : candidates[RandomChoice.Below(_random, candidates.Length)];
        }

        internal static ServiceNode[] Without(ServiceNode[] nodes, ServiceNode[] excluded)
        {
            ArrayList kept = new ArrayList();
            for (int i = 0; i < nodes.Length; i++)
            {
                bool skip = false;
                for (int j = 0; excluded != null && j < excluded.Length && !skip; j++)
                {
                    skip = nodes[i].SameNode(excluded[j]);
                }
                if (!skip)
                {
                    kept.Add(nodes[i]);
                }
            }
            ServiceNode[] result = new ServiceNode[kept.Count];
            for (int i = 0; i < result.Length; i++)
            {
                result[i] = (ServiceNode)kept[i];
            }
            return result;
        }

        private static ServiceNode[] ReadStates(HttpResponse response, out string problem)
        {
            problem = null;
            if (response.Status != 200)
            {
                problem = response.Status == 0 ? response.Error : "HTTP " + response.Status.ToString();
                return null;
            }
            try
            {
                JsonValue json = JsonReader.Parse(response.Body);
                return NodeParser.Parse(json.Require("result").Require("service_node_states"), "public_ip", "storage_port", "pubkey_ed25519", "pubkey_x25519");
            }
            catch (MalformedDataException e)
            {
                problem = e.Message;
                return null;
            }
        }

        private static ServiceNode[] Intersect(ServiceNode[] a, ServiceNode[] b)
        {
            ArrayList kept = new ArrayList();
            for (int i = 0; i < a.Length; i++)
            {
                for (int j = 0; j < b.Length; j++)
                {
                    if (a[i].SameNode(b[j]) && a[i].Ip == b[j].Ip && a[i].Port == b[j].Port)
                    {
                        kept.Add(a[i]);
                        break;
                    }
                }
            }
            ServiceNode[] result = new ServiceNode[kept.Count];
            for (int i = 0; i < result.Length; i++)
            {
                result[i] = (ServiceNode)kept[i];
            }
            return result;
        }

        private void Replace(ServiceNode[] nodes, bool save)
        {
            _nodes.Clear();
            _failures.Clear();
            for (int i = 0; i < nodes.Length; i++)
            {
                _nodes.Add(nodes[i]);
                _failures.Add(0);
            }
            if (save)
            {
                Save();
            }
        }

        private void Save()
        {
            JsonWriter writer = new JsonWriter(64 + _nodes.Count * 180);
            writer.BeginArray();
            for (int i = 0; i < _nodes.Count; i++)
            {
                ServiceNode node = (ServiceNode)_nodes[i];
                writer.BeginObject();
                writer.WriteName("ip");
                writer.WriteString(node.Ip);
                writer.WriteName("port");
                writer.WriteInt64(node.Port);
                writer.WriteName("ed25519");
                writer.WriteString(node.Ed25519Hex);
                writer.WriteName("x25519");
                writer.WriteString(Hex.Encode(node.X25519Raw));
                writer.EndObject();
            }
            writer.EndArray();
            _store.Put(StoreKey, writer.ToArray());
        }

        private int IndexOf(string ed25519Hex)
        {
            if (ed25519Hex == null)
            {
                return -1;
            }
            string key = ed25519Hex.ToLower();
            for (int i = 0; i < _nodes.Count; i++)
            {
                if (((ServiceNode)_nodes[i]).Ed25519Hex == key)
                {
                    return i;
                }
            }
            return -1;
        }
    }
}
