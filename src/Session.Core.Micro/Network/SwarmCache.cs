// Swarms by Session ID (docs/protocol.md §3.6, §4.6): for each account the client sends to or reads
// from, the swarm id and members that SwarmLookup computed from a pinned seed's node list, and when.
// Those members are the authenticated swarm: a store receipt counts only their signatures, and the
// number of signatures it needs follows their number (ServiceNodeClient.RequiredSignaturesFor).
// A node that fails or is reported missing is set aside from every swarm for picking destinations
// (Get, PickMember), never for receipts. An entry is used for at most Lifetime after its fetch; the
// client then fetches it again before its next request there (keeping the old one while no seed
// answers: it came from the seed too), as it does when a 421 is confirmed by the seed or every
// member was set aside. Every fetch computes the swarms of all the accounts cached
// or tracked (Track: a beacon's recipients and its own), so one read of the seed's list serves them all.
using System.Collections;
using Session.Core.Micro.Crypto;

namespace Session.Core.Micro.Network
{
    /// <summary>Authenticated swarm members per Session ID.</summary>
    public sealed class SwarmCache
    {
        /// <summary>How long a fetched swarm is used, ms: 1 hour. A swarm that changed sooner shows it with a 421, which the seed then confirms.</summary>
        public const long Lifetime = 3600000;

        private readonly ArrayList _owners = new ArrayList();
        private readonly ArrayList _entries = new ArrayList();
        private readonly ArrayList _tracked = new ArrayList();

        private sealed class Entry
        {
            internal ulong SwarmId;
            internal ServiceNode[] Members;
            internal ServiceNode[] Usable;
            internal long FetchedAt;
        }

        /// <summary>Swarms cached.</summary>
        public int Count
        {
            get { return _owners.Count; }
        }

        /// <summary>The Session IDs with a cached swarm, and those tracked (lower case, each once).</summary>
        public string[] Owners()
        {
            ArrayList all = (ArrayList)_owners.Clone();
            for (int i = 0; i < _tracked.Count; i++)
            {
                if (!all.Contains(_tracked[i]))
                {
                    all.Add(_tracked[i]);
                }
            }
            return (string[])all.ToArray(typeof(string));
        }

        /// <summary>Has every fetch compute the swarm of <paramref name="sessionId"/> too, so that the accounts one will need share one read of the seed's list.</summary>
        /// <exception cref="System.ArgumentNullException">sessionId is null.</exception>
        public void Track(string sessionId)
        {
            if (sessionId == null)
            {
                throw Errors.Null("sessionId");
            }
            string key = sessionId.ToLower();
            if (!_tracked.Contains(key))
            {
                _tracked.Add(key);
            }
        }

        /// <summary>A copy of the members of <paramref name="sessionId"/>'s swarm not set aside; null when none is cached or all are set aside.</summary>
        public ServiceNode[] Get(string sessionId)
        {
            Entry entry = Find(sessionId);
            return entry == null || entry.Usable.Length == 0 ? null : (ServiceNode[])entry.Usable.Clone();
        }

        /// <summary>A copy of every member of <paramref name="sessionId"/>'s swarm as fetched (those set aside too); null when none is cached.</summary>
        public ServiceNode[] Members(string sessionId)
        {
            Entry entry = Find(sessionId);
            return entry == null ? null : (ServiceNode[])entry.Members.Clone();
        }

        /// <summary>The swarm id of <paramref name="sessionId"/>; SwarmSpace.InvalidSwarmId when none is cached.</summary>
        public ulong SwarmId(string sessionId)
        {
            Entry entry = Find(sessionId);
            return entry == null ? SwarmSpace.InvalidSwarmId : entry.SwarmId;
        }

        /// <summary>True when <paramref name="sessionId"/>'s swarm was fetched less than Lifetime before <paramref name="now"/> (local Unix ms; a clock that went back makes it stale).</summary>
        public bool IsFresh(string sessionId, long now)
        {
            return Age(sessionId, now) < Lifetime;
        }

        /// <summary>Ms since <paramref name="sessionId"/>'s swarm was fetched; long.MaxValue when none is cached or the clock went back.</summary>
        public long Age(string sessionId, long now)
        {
            Entry entry = Find(sessionId);
            return entry == null || now < entry.FetchedAt ? long.MaxValue : now - entry.FetchedAt;
        }

        /// <summary>Replaces the swarm of <paramref name="sessionId"/> with <paramref name="members"/> of swarm <paramref name="swarmId"/>, fetched at <paramref name="fetchedAt"/> (local Unix ms); an empty list removes it.</summary>
        /// <exception cref="System.ArgumentNullException">sessionId or members is null.</exception>
        public void Set(string sessionId, ulong swarmId, ServiceNode[] members, long fetchedAt)
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
                    _entries.RemoveAt(index);
                }
                return;
            }
            Entry entry = new Entry();
            entry.SwarmId = swarmId;
            entry.Members = (ServiceNode[])members.Clone();
            entry.Usable = (ServiceNode[])members.Clone();
            entry.FetchedAt = fetchedAt;
            if (index >= 0)
            {
                _entries[index] = entry;
            }
            else
            {
                _owners.Add(sessionId.ToLower());
                _entries.Add(entry);
            }
        }

        /// <summary>Sets the node with this Ed25519 hex key aside in every swarm: no longer picked as a destination.</summary>
        public void RemoveNode(string ed25519Hex)
        {
            for (int i = 0; i < _entries.Count; i++)
            {
                Entry entry = (Entry)_entries[i];
                ArrayList kept = new ArrayList();
                for (int j = 0; j < entry.Usable.Length; j++)
                {
                    if (entry.Usable[j].Ed25519Hex != ed25519Hex)
                    {
                        kept.Add(entry.Usable[j]);
                    }
                }
                if (kept.Count != entry.Usable.Length)
                {
                    entry.Usable = (ServiceNode[])kept.ToArray(typeof(ServiceNode));
                }
            }
        }

        /// <summary>A random member of the cached swarm, not set aside and not in <paramref name="excluded"/>, or null.</summary>
        /// <exception cref="System.ArgumentNullException">random is null.</exception>
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

        private Entry Find(string sessionId)
        {
            int index = IndexOf(sessionId);
            return index < 0 ? null : (Entry)_entries[index];
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
