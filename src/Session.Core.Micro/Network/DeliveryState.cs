// What one request remembers across its attempts (ServiceNodeClient's recovery, see its header):
// avoided destinations (they failed it, disowned the pubkey or disagree with the network's clock),
// suspects (every node of a path that failed, and its destination), whether the clock was
// resynchronised, the pool and the swarm fetched again, and the last failure for the final error message.
using System.Collections;

namespace Session.Core.Micro.Network
{
    internal sealed class DeliveryState
    {
        private readonly ArrayList _avoided;
        private readonly ArrayList _suspects = new ArrayList();

        internal DeliveryState(ArrayList avoided)
        {
            _avoided = avoided;
        }

        internal bool ClockRetried;
        internal bool PoolRefetched;
        internal bool SwarmRefetched;
        internal string Last = "no attempt made";
        internal int LastStatus;

        /// <summary>Never ask <paramref name="node"/> again in this request.</summary>
        internal void Avoid(ServiceNode node)
        {
            AddOnce(_avoided, node);
        }

        /// <summary>Every node of a failed path, and its destination, stay off the next attempts' paths.</summary>
        internal void Suspect(OnionPath path, ServiceNode destination)
        {
            // Once per failed path: a node in several failed paths is the likeliest culprit.
            ServiceNode[] nodes = path.Raw;
            for (int i = 0; i < nodes.Length; i++)
            {
                _suspects.Add(nodes[i]);
            }
            if (!path.Contains(destination))
            {
                _suspects.Add(destination);
            }
        }

        /// <summary>The avoided destinations.</summary>
        internal ServiceNode[] Avoided()
        {
            return ToArray(_avoided);
        }

        /// <summary>The suspects.</summary>
        internal ServiceNode[] Suspects()
        {
            return ToArray(_suspects);
        }

        /// <summary>Avoided destinations and suspects together, each once.</summary>
        internal ServiceNode[] AvoidedAndSuspects()
        {
            ArrayList all = (ArrayList)_avoided.Clone();
            for (int i = 0; i < _suspects.Count; i++)
            {
                AddOnce(all, (ServiceNode)_suspects[i]);
            }
            return ToArray(all);
        }

        private static void AddOnce(ArrayList nodes, ServiceNode node)
        {
            for (int i = 0; i < nodes.Count; i++)
            {
                if (((ServiceNode)nodes[i]).SameNode(node))
                {
                    return;
                }
            }
            nodes.Add(node);
        }

        private static ServiceNode[] ToArray(ArrayList nodes)
        {
            return (ServiceNode[])nodes.ToArray(typeof(ServiceNode));
        }
    }
}
