// The swarms of accounts, computed by the client from a pinned seed's node list (docs/protocol.md
// §3.6, §3.8): the seed's get_n_service_nodes with each node's swarm_id, the whole list (no "limit"),
// read as it arrives by SeedSwarmReader, which keeps only the members of each account's owning swarm.
// No service node's word is taken for a swarm: a node that names itself as a swarm (in a get_swarm
// answer or a 421 body) is never believed, so it cannot make the client count its own receipt.
// The trust is the seed's, which the client already places in it for the node pool. One answer
// serves every account asked about at once, so the client asks for all the accounts it knows
// (SwarmCache.Owners) whenever it needs one. Seeds are tried in random order until one answers.
// Cost: mainnet's list is some 500 KB on the wire for about 2,000 nodes; the reader allocates about
// 15 KB per account while reading and keeps only the swarms (docs/performance.md).
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Identity;

namespace Session.Core.Micro.Network
{
    internal sealed class SwarmLookup
    {
        /// <summary>Timeout of a seed's whole node list, ms: it is about 500 KB on mainnet, read by the device at its own pace.</summary>
        internal const int SeedTimeout = 60000;

        private readonly NetworkProfile _profile;
        private readonly IHttpTransport _transport;
        private readonly IRandomSource _random;

        internal SwarmLookup(NetworkProfile profile, IHttpTransport transport, IRandomSource random)
        {
            _profile = profile;
            _transport = transport;
            _random = random;
        }

        /// <summary>
        /// Fetches a seed's list and puts the swarm of each of <paramref name="owners"/> (Session IDs) into
        /// <paramref name="cache"/>, stamped <paramref name="now"/>.
        /// </summary>
        /// <exception cref="ServiceNodeException">No seed gave a usable list.</exception>
        internal void Resolve(string[] owners, SwarmCache cache, long now)
        {
            ulong[] positions = new ulong[owners.Length];
            for (int i = 0; i < owners.Length; i++)
            {
                positions[i] = SwarmSpace.Position(SessionId.TryParse(owners[i]));
            }
            SeedEndpoint[] seeds = _profile.Seeds;
            int start = RandomChoice.Below(_random, seeds.Length);
            string failures = "";
            for (int s = 0; s < seeds.Length; s++)
            {
                SeedEndpoint seed = seeds[(start + s) % seeds.Length];
                SeedSwarmReader reader = new SeedSwarmReader(positions);
                HttpResponse response = _transport.Post(seed.JsonRpcUrl, Requests.GetNServiceNodes(0, true), SeedTimeout, reader);
                string problem = response.Status == 0 ? response.Error
                    : response.Status != 200 ? "HTTP " + response.Status.ToString()
                    : !reader.Finish() ? reader.Problem
                    : null;
                if (problem == null)
                {
                    for (int i = 0; i < owners.Length; i++)
                    {
                        SwarmChoice choice = reader.Choice(i);
                        cache.Set(owners[i], choice.SwarmId, choice.Members(), now);
                    }
                    return;
                }
                // A sink that refused a piece says why better than the transport can.
                failures += (failures.Length == 0 ? "" : "; ") + seed.BaseUrl + ": " + (reader.Problem != null ? reader.Problem : problem);
            }
            throw new ServiceNodeException("no seed gave the swarms (" + failures + ")", 0);
        }
    }
}
