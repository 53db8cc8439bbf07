// The swarm of one account chosen while node records stream past (docs/protocol.md §3.6, SwarmSpace):
// only the nearest swarm id on each side of the account's position is kept, with the nodes seen in
// it, so the whole network never has to be held at once. A node of the owning swarm is never
// missed: that swarm is the nearest on its side from the first of its nodes on, so each of them is
// kept when it passes. Memory: two ids and the members of at most two swarms.
using System.Collections;

namespace Session.Core.Micro.Network
{
    internal sealed class SwarmChoice
    {
        private readonly ulong _position;
        private bool _any;
        // The nearest id at or above the position (wrapping), and at or below it (wrapping).
        private ulong _above;
        private ulong _below;
        private ArrayList _aboveMembers = new ArrayList();
        private ArrayList _belowMembers = new ArrayList();

        internal SwarmChoice(ulong position)
        {
            _position = position;
        }

        /// <summary>True when a node of swarm <paramref name="swarmId"/> would be kept: its swarm is, so far, a nearest one.</summary>
        internal bool Wants(ulong swarmId)
        {
            if (swarmId == SwarmSpace.InvalidSwarmId)
            {
                return false;
            }
            // Unsigned subtraction wraps modulo 2^64: it is the distance along the circle.
            return !_any || swarmId == _above || swarmId == _below
                || swarmId - _position < _above - _position || _position - swarmId < _position - _below;
        }

        /// <summary>Takes a node of swarm <paramref name="swarmId"/> (null to offer the id alone); ignored unless wanted.</summary>
        internal void Offer(ulong swarmId, ServiceNode node)
        {
            if (!Wants(swarmId))
            {
                return;
            }
            if (!_any)
            {
                _any = true;
                _above = swarmId;
                _below = swarmId;
            }
            if (swarmId != _above && swarmId - _position < _above - _position)
            {
                _above = swarmId;
                _aboveMembers = new ArrayList();
            }
            if (swarmId != _below && _position - swarmId < _position - _below)
            {
                _below = swarmId;
                _belowMembers = new ArrayList();
            }
            if (node != null)
            {
                if (swarmId == _above)
                {
                    AddOnce(_aboveMembers, node);
                }
                if (swarmId == _below)
                {
                    AddOnce(_belowMembers, node);
                }
            }
        }

        /// <summary>The owning swarm of what was offered; InvalidSwarmId when nothing was.</summary>
        internal ulong SwarmId
        {
            get { return !_any ? SwarmSpace.InvalidSwarmId : (OwnerIsAbove() ? _above : _below); }
        }

        /// <summary>The nodes offered in the owning swarm, each once.</summary>
        internal ServiceNode[] Members()
        {
            ArrayList members = OwnerIsAbove() ? _aboveMembers : _belowMembers;
            return (ServiceNode[])members.ToArray(typeof(ServiceNode));
        }

        // The nearer side owns; a tie goes below (the storage server's rule).
        private bool OwnerIsAbove()
        {
            return _above - _position < _position - _below;
        }

        private static void AddOnce(ArrayList members, ServiceNode node)
        {
            for (int i = 0; i < members.Count; i++)
            {
                if (((ServiceNode)members[i]).SameNode(node))
                {
                    return;
                }
            }
            members.Add(node);
        }
    }
}
