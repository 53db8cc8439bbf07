// Building and keeping onion paths (docs/protocol.md §4.6): PathCount paths of HopCount relays. A guard
// is a pool node that answers a direct get_swarm (up to MaxGuardTries candidates, each failure
// counted against the node); the other relays are random pool nodes in /24 subnets not yet on the
// path, so one path never has two nodes in one /24. A request's destination is never on its path:
// Select skips paths containing it and builds one without it when needed. A path is dropped after
// FailureThreshold failures, or at once when a hop reports one of its nodes missing. A retry after
// a path failure asks SelectAvoiding for a path without any node of the paths that just failed
// (the client cannot tell which hop broke): an existing one, or a new one built around them (or
// around those in the most failed paths, when the pool has too few nodes left outside them all).
using System.Collections;
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Encoding;

namespace Session.Core.Micro.Network
{
    /// <summary>The client's onion paths.</summary>
    public sealed class OnionPaths
    {
        /// <summary>Relays per path: the guard and two more.</summary>
        public const int HopCount = 3;

        /// <summary>Failures after which a path is dropped.</summary>
        public const int FailureThreshold = 3;

        /// <summary>Guard candidates tried per path.</summary>
        public const int MaxGuardTries = 6;

        /// <summary>Timeout of the guard test, ms.</summary>
        public const int GuardTestTimeout = 10000;

        private readonly NodePool _pool;
        private readonly IHttpTransport _transport;
        private readonly IRandomSource _random;
        private readonly string _ownSessionId;
        private readonly int _pathCount;
        private readonly ArrayList _paths = new ArrayList();
        private int _guardTestTimeout = GuardTestTimeout;

        /// <summary>Creates an empty set of paths over <paramref name="pool"/>.</summary>
        /// <param name="pool">Where relays come from.</param>
        /// <param name="transport">For the direct guard test.</param>
        /// <param name="random">For choosing relays.</param>
        /// <param name="ownSessionId">The Session ID whose swarm the guard test asks for.</param>
        /// <param name="pathCount">Paths to keep (Session desktop keeps 2).</param>
        /// <exception cref="System.ArgumentNullException">An argument is null.</exception>
        /// <exception cref="System.ArgumentException">pathCount is below 1.</exception>
        public OnionPaths(NodePool pool, IHttpTransport transport, IRandomSource random, string ownSessionId, int pathCount)
        {
            if (pool == null)
            {
                throw Errors.Null("pool");
            }
            if (transport == null)
            {
                throw Errors.Null("transport");
            }
            if (random == null)
            {
                throw Errors.Null("random");
            }
            if (ownSessionId == null)
            {
                throw Errors.Null("ownSessionId");
            }
            if (pathCount < 1)
            {
                throw Errors.Range("pathCount");
            }
            _pool = pool;
            _transport = transport;
            _random = random;
            _ownSessionId = ownSessionId;
            _pathCount = pathCount;
        }

        /// <summary>Timeout of the direct guard test in ms (default GuardTestTimeout).</summary>
        /// <exception cref="System.ArgumentException">The value is below 1.</exception>
        public int GuardTestTimeoutMilliseconds
        {
            get { return _guardTestTimeout; }
            set
            {
                if (value < 1)
                {
                    throw Errors.Range("value");
                }
                _guardTestTimeout = value;
            }
        }

        /// <summary>Paths currently built.</summary>
        public int Count
        {
            get { return _paths.Count; }
        }

        /// <summary>The path at <paramref name="index"/>.</summary>
        public OnionPath Path(int index)
        {
            if (index < 0 || index >= _paths.Count)
            {
                throw Errors.Range("index");
            }
            return (OnionPath)_paths[index];
        }

        /// <summary>A random path that does not contain <paramref name="destination"/>, building paths as needed.</summary>
        /// <exception cref="System.ArgumentNullException">destination is null.</exception>
        /// <exception cref="ServiceNodeException">The pool cannot supply a tested guard and relays in distinct /24 subnets.</exception>
        public OnionPath Select(ServiceNode destination)
        {
            return Select(destination, null);
        }

        /// <summary>
        /// As Select(destination), but prefers a path other than <paramref name="justFailed"/> when
        /// another one avoids the destination: a retry should not take the path that just failed.
        /// </summary>
        /// <exception cref="System.ArgumentNullException">destination is null.</exception>
        /// <exception cref="ServiceNodeException">The pool cannot supply a tested guard and relays in distinct /24 subnets.</exception>
        public OnionPath Select(ServiceNode destination, OnionPath justFailed)
        {
            if (destination == null)
            {
                throw Errors.Null("destination");
            }
            while (_paths.Count < _pathCount)
            {
                _paths.Add(Build(destination));
            }
            ArrayList usable = new ArrayList();
            for (int i = 0; i < _paths.Count; i++)
            {
                if (!((OnionPath)_paths[i]).Contains(destination) && _paths[i] != justFailed)
                {
                    usable.Add(_paths[i]);
                }
            }
            if (usable.Count == 0 && justFailed != null && _paths.Contains(justFailed) && !justFailed.Contains(destination))
            {
                usable.Add(justFailed);
            }
            if (usable.Count > 0)
            {
                return (OnionPath)usable[RandomChoice.Below(_random, usable.Count)];
            }
            // Every path runs through the destination: replace one with a path that avoids it.
            OnionPath replacement = Build(destination);
            _paths.RemoveAt(0);
            _paths.Add(replacement);
            return replacement;
        }

        /// <summary>
        /// A random path that contains neither <paramref name="destination"/> nor any of
        /// <paramref name="suspects"/> (the nodes of paths that failed this request, once per failed path,
        /// so a node may occur several times). When no built path qualifies, one is built around them,
        /// replacing a path through a suspect; when the pool has too few nodes outside them, around the
        /// ones that occur most often; failing that, this falls back to Select(destination).
        /// </summary>
        /// <exception cref="System.ArgumentNullException">destination is null.</exception>
        /// <exception cref="ServiceNodeException">The pool cannot supply a tested guard and relays in distinct /24 subnets.</exception>
        public OnionPath SelectAvoiding(ServiceNode destination, ServiceNode[] suspects)
        {
            if (destination == null)
            {
                throw Errors.Null("destination");
            }
            if (suspects == null || suspects.Length == 0)
            {
                return Select(destination, null);
            }
            while (_paths.Count < _pathCount)
            {
                _paths.Add(Build(destination));
            }
            ArrayList usable = new ArrayList();
            for (int i = 0; i < _paths.Count; i++)
            {
                OnionPath candidate = (OnionPath)_paths[i];
                if (!candidate.Contains(destination) && !ContainsAny(candidate, suspects))
                {
                    usable.Add(candidate);
                }
            }
            if (usable.Count > 0)
            {
                return (OnionPath)usable[RandomChoice.Below(_random, usable.Count)];
            }
            // Build around every suspect; when too few nodes are left outside them, around those seen
            // in at least 2 failed paths, then 3...: a node that broke every path is avoided longest,
            // and a fresh path is likelier to work than one that failed.
            OnionPath fresh = null;
            for (int seen = 1; fresh == null; seen++)
            {
                ServiceNode[] avoided = SeenAtLeast(suspects, seen);
                try
                {
                    fresh = Build(destination, avoided);
                }
                catch (ServiceNodeException)
                {
                    if (avoided.Length == 0)
                    {
                        return Select(destination, null);
                    }
                }
            }
            int replaced = 0;
            for (int i = 0; i < _paths.Count; i++)
            {
                if (ContainsAny((OnionPath)_paths[i], suspects))
                {
                    replaced = i;
                    break;
                }
            }
            if (_paths.Count >= _pathCount)
            {
                _paths.RemoveAt(replaced);
            }
            _paths.Add(fresh);
            return fresh;
        }

        /// <summary>Counts a failure of <paramref name="path"/>; at FailureThreshold the path is dropped and its guard counted as failing.</summary>
        /// <returns>True when the path was dropped.</returns>
        public bool RecordFailure(OnionPath path)
        {
            if (path == null)
            {
                throw Errors.Null("path");
            }
            if (path.Fail() < FailureThreshold)
            {
                return false;
            }
            _paths.Remove(path);
            _pool.RecordFailure(path.Guard);
            return true;
        }

        /// <summary>Drops <paramref name="path"/> at once (its guard gave no answer at all: unreachable, or the path too slow).</summary>
        public void Drop(OnionPath path)
        {
            _paths.Remove(path);
        }

        /// <summary>Clears the failure count of <paramref name="path"/>.</summary>
        public void RecordSuccess(OnionPath path)
        {
            if (path != null)
            {
                path.Succeed();
            }
        }

        /// <summary>Drops every path through the node with this Ed25519 hex key.</summary>
        public void DropNode(string ed25519Hex)
        {
            for (int i = _paths.Count - 1; i >= 0; i--)
            {
                if (((OnionPath)_paths[i]).Contains(ed25519Hex))
                {
                    _paths.RemoveAt(i);
                }
            }
        }

        // The distinct nodes that occur at least <paramref name="count"/> times in <paramref name="nodes"/>.
        private static ServiceNode[] SeenAtLeast(ServiceNode[] nodes, int count)
        {
            ArrayList kept = new ArrayList();
            for (int i = 0; i < nodes.Length; i++)
            {
                int occurrences = 0;
                bool earlier = false;
                for (int j = 0; j < nodes.Length; j++)
                {
                    if (nodes[j].SameNode(nodes[i]))
                    {
                        occurrences++;
                        earlier = earlier || j < i;
                    }
                }
                if (!earlier && occurrences >= count)
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

        private static bool ContainsAny(OnionPath path, ServiceNode[] nodes)
        {
            for (int i = 0; i < nodes.Length; i++)
            {
                if (path.Contains(nodes[i]))
                {
                    return true;
                }
            }
            return false;
        }

        private OnionPath Build(ServiceNode destination)
        {
            return Build(destination, new ServiceNode[0]);
        }

        private OnionPath Build(ServiceNode destination, ServiceNode[] avoided)
        {
            if (Subnets(NodePool.Without(NodePool.Without(_pool.Nodes, new ServiceNode[] { destination }), avoided)) < HopCount)
            {
                throw TooFewSubnets();
            }
            ServiceNode[] path = new ServiceNode[HopCount];
            path[0] = FindGuard(destination, avoided);
            ArrayList subnets = new ArrayList();
            subnets.Add(path[0].Subnet24);
            ServiceNode[] candidates = NodePool.Without(NodePool.Without(_pool.Nodes, new ServiceNode[] { path[0], destination }), avoided);
            RandomChoice.Shuffle(_random, candidates);
            int filled = 1;
            for (int i = 0; i < candidates.Length && filled < HopCount; i++)
            {
                if (!subnets.Contains(candidates[i].Subnet24))
                {
                    subnets.Add(candidates[i].Subnet24);
                    path[filled++] = candidates[i];
                }
            }
            if (filled < HopCount)
            {
                throw TooFewSubnets();
            }
            return new OnionPath(path);
        }

        private ServiceNodeException TooFewSubnets()
        {
            return new ServiceNodeException("the node pool has too few nodes in distinct /24 subnets for a " + HopCount.ToString() + "-hop path (" + _pool.Count.ToString() + " nodes)", 0);
        }

        private static int Subnets(ServiceNode[] nodes)
        {
            ArrayList subnets = new ArrayList();
            for (int i = 0; i < nodes.Length; i++)
            {
                if (!subnets.Contains(nodes[i].Subnet24))
                {
                    subnets.Add(nodes[i].Subnet24);
                }
            }
            return subnets.Count;
        }

        private ServiceNode FindGuard(ServiceNode destination, ServiceNode[] avoided)
        {
            ServiceNode[] excluded = new ServiceNode[_paths.Count + 1];
            for (int i = 0; i < _paths.Count; i++)
            {
                excluded[i] = ((OnionPath)_paths[i]).Guard;
            }
            excluded[_paths.Count] = destination;
            ServiceNode[] candidates = NodePool.Without(NodePool.Without(_pool.Nodes, excluded), avoided);
            RandomChoice.Shuffle(_random, candidates);
            int tries = candidates.Length < MaxGuardTries ? candidates.Length : MaxGuardTries;
            for (int i = 0; i < tries; i++)
            {
                if (GuardAnswers(candidates[i]))
                {
                    _pool.RecordSuccess(candidates[i]);
                    return candidates[i];
                }
                _pool.RecordFailure(candidates[i]);
            }
            throw new ServiceNodeException("no guard answered a direct get_swarm (" + tries.ToString() + " tried)", 0);
        }

        private bool GuardAnswers(ServiceNode candidate)
        {
            HttpResponse response = _transport.Post(candidate.BaseUrl + "/storage_rpc/v1", Requests.GetSwarm(_ownSessionId), _guardTestTimeout);
            if (response.Status != 200)
            {
                return false;
            }
            try
            {
                JsonValue snodes = JsonReader.Parse(response.Body).Require("snodes");
                return snodes.Kind == JsonKind.Array;
            }
            catch (MalformedDataException)
            {
                return false;
            }
        }
    }
}
