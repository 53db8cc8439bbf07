// Swarms by Session ID (docs/protocol.md §3.4, §3.6, §4.6): the members a get_swarm (or a 421's body)
// named for that ID. Entries are replaced wholesale on a 421, and a node that fails or is reported
// missing is removed from every swarm. No expiry: a stale swarm corrects itself through 421.
using System.Collections;
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Encoding;

namespace Session.Core.Micro.Network
{
    /// <summary>Cached swarm members per Session ID.</summary>
    public sealed class SwarmCache
    {
        private readonly ArrayList _owners = new ArrayList();
        private readonly ArrayList _members = new ArrayList();

        /// <summary>Swarms cached.</summary>
        public int Count
        {
            get { return _owners.Count; }
        }

        /// <summary>A copy of the members cached for <paramref name="sessionId"/>, or null when none are.</summary>
        public ServiceNode[] Get(string sessionId)
        {
            int index = IndexOf(sessionId);
            return index < 0 ? null : (ServiceNode[])((ServiceNode[])_members[index]).Clone();
        }

        /// <summary>Replaces the swarm of <paramref name="sessionId"/>; an empty list removes it.</summary>
        /// <exception cref="System.ArgumentNullException">An argument is null.</exception>
        public void Set(string sessionId, ServiceNode[] members)
        {
            if (sessionId == null)
            {
                throw Errors.Null("sessionId");
            }
            if (members == null)
            {
                throw Errors.Null("members");
            }
            int index = IndexOf(sessionId);
            if (members.Length == 0)
            {
                if (index >= 0)
                {
                    _owners.RemoveAt(index);
                    _members.RemoveAt(index);
                }
                return;
            }
            ServiceNode[] copy = (ServiceNode[])members.Clone();
            if (index >= 0)
            {
                _members[index] = copy;
            }
            else
            {
                _owners.Add(sessionId.ToLower());
                _members.Add(copy);
            }
        }

        /// <summary>Removes the node with this Ed25519 hex key from every swarm.</summary>
        public void RemoveNode(string ed25519Hex)
        {
            for (int i = _owners.Count - 1; i >= 0; i--)
            {
                ServiceNode[] members = (ServiceNode[])_members[i];
                ArrayList kept = new ArrayList();
                for (int j = 0; j < members.Length; j++)
                {
                    if (members[j].Ed25519Hex != ed25519Hex)
                    {
                        kept.Add(members[j]);
                    }
                }
                if (kept.Count == members.Length)
                {
                    continue;
                }
                ServiceNode[] left = new ServiceNode[kept.Count];
                for (int j = 0; j < left.Length; j++)
                {
                    left[j] = (ServiceNode)kept[j];
                }
                Set((string)_owners[i], left);
            }
        }

        /// <summary>A random member of the cached swarm not in <paramref name="excluded"/>, or null.</summary>
        public ServiceNode PickMember(string sessionId, ServiceNode[] excluded, IRandomSource random)
        {
            if (random == null)
            {
                throw Errors.Null("random");
            }
            ServiceNode[] members = Get(sessionId);
            if (members == null)
            {
                return null;
            }
            ServiceNode[] candidates = NodePool.Without(members, excluded);
            return candidates.Length == 0 ? null : candidates[RandomChoice.Below(random, candidates.Length)];
        }

        /// <summary>The members named in a get_swarm reply or a 421 body ("snodes"), without unusable entries.</summary>
        /// <exception cref="System.ArgumentNullException">reply is null.</exception>
        /// <exception cref="MalformedDataException">The reply has no "snodes" array.</exception>
        public static ServiceNode[] ParseSnodes(JsonValue reply)
        {
            if (reply == null)
            {
                throw Errors.Null("reply");
            }
            return NodeParser.Parse(reply.Require("snodes"), "ip", "port_https", "pubkey_ed25519", "pubkey_x25519");
        }

        private int IndexOf(string sessionId)
        {
            if (sessionId == null)
            {
                return -1;
            }
            string key = sessionId.ToLower();
            for (int i = 0; i < _owners.Count; i++)
            {
                if ((string)_owners[i] == key)
                {
                    return i;
                }
            }
            return -1;
        }
    }
}
