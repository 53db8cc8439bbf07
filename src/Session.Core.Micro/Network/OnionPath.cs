// One onion path (docs/protocol.md §4.6): a guard and two more relays, distinct nodes in distinct
// /24 subnets, with a failure count (3 strikes and the path is dropped).
namespace Session.Core.Micro.Network
{
    /// <summary>A built path and its failure count.</summary>
    public sealed class OnionPath
    {
        private readonly ServiceNode[] _nodes;
        private int _failures;

        internal OnionPath(ServiceNode[] nodes)
        {
            _nodes = nodes;
        }

        /// <summary>A copy of the relays, guard first.</summary>
        public ServiceNode[] Nodes
        {
            get { return (ServiceNode[])_nodes.Clone(); }
        }

        /// <summary>The entry node.</summary>
        public ServiceNode Guard
        {
            get { return _nodes[0]; }
        }

        /// <summary>Failures since the last success.</summary>
        public int Failures
        {
            get { return _failures; }
        }

        /// <summary>True when <paramref name="node"/> is one of the relays.</summary>
        public bool Contains(ServiceNode node)
        {
            return node != null && Contains(node.Ed25519Hex);
        }

        /// <summary>True when the relay with this Ed25519 hex key is on the path.</summary>
        public bool Contains(string ed25519Hex)
        {
            for (int i = 0; i < _nodes.Length; i++)
            {
                if (_nodes[i].Ed25519Hex == ed25519Hex)
                {
                    return true;
                }
            }
            return false;
        }

        internal ServiceNode[] Raw
        {
            get { return _nodes; }
        }

        internal int Fail()
        {
            return ++_failures;
        }

        internal void Succeed()
        {
            _failures = 0;
        }
    }
}
