using System;
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Identity;
using Session.Core.Micro.Network;

namespace SessionBeacon.Harness.Network
{
    /// <summary>
    /// The core's service-node client wired for a local testnet: the node pool bootstrapped from the
    /// testnet's seed with its certificate pinned, the real HttpClientTransport, the given store,
    /// the machine's clock and CSPRNG, two onion paths.
    /// </summary>
    public sealed class TestnetClient
    {
        /// <summary>Onion request timeout, ms: short, as every node is on this machine.</summary>
        public const int RequestTimeout = 2000;

        /// <summary>Guard test timeout, ms.</summary>
        public const int GuardTestTimeout = 3000;

        /// <summary>A client for <paramref name="own"/> against the testnet whose seed is <paramref name="seedUrl"/>, pinned to <paramref name="seedPin"/>.</summary>
        /// <param name="transport">The HTTP transport, or null for a new HttpClientTransport.</param>
        /// <exception cref="ServiceNodeException">The seed could not be reached or named too few nodes.</exception>
        public TestnetClient(string seedUrl, string seedPin, IdentityKeys own, IKeyValueStore store, IClock clock, IHttpTransport transport = null)
            : this(NetworkProfile.Testnet(seedUrl, seedPin, 1), own, store, clock, transport)
        {
        }

        /// <summary>A client for <paramref name="own"/> on the network of <paramref name="profile"/> (a testnet, or NetworkProfile.Mainnet()).</summary>
        /// <param name="progress">Where every request is reported (Network/ProgressTransport.cs); null for nowhere.</param>
        /// <exception cref="ServiceNodeException">No seed could be reached, or the seeds named too few nodes.</exception>
        public TestnetClient(NetworkProfile profile, IdentityKeys own, IKeyValueStore store, IClock clock, IHttpTransport transport = null, Progress progress = null)
        {
            ArgumentNullException.ThrowIfNull(profile);
            ArgumentNullException.ThrowIfNull(own);
            ArgumentNullException.ThrowIfNull(store);
            ArgumentNullException.ThrowIfNull(clock);
            Keys = own;
            Profile = profile;
            Progress = progress ?? new Progress("", System.IO.TextWriter.Null);
            Transport = transport ?? new HttpClientTransport(Profile);
            if (progress != null)
            {
                Transport = new ProgressTransport(Transport, Profile, progress);
            }
            Store = store;
            Random = new SystemRandom();
            NetworkClock = new NetworkClock(clock);
            Pool = new NodePool(Profile, Transport, Store, Random);
            Pool.Bootstrap();
            Paths = new OnionPaths(Pool, Transport, Random, own.SessionId, 2) { GuardTestTimeoutMilliseconds = GuardTestTimeout };
            Swarms = new SwarmCache();
            Client = new ServiceNodeClient(Pool, Paths, Swarms, NetworkClock, Transport, Store, Random) { RequestTimeout = RequestTimeout };
        }

        /// <summary>
        /// Before a request to the swarm of <paramref name="swarmOwner"/>: sets the clock and fetches the swarm
        /// when that is still to do, each as a progress step of its own, then begins <paramref name="step"/>,
        /// so that the attempts its lines count are the request's own. The core would do the same first
        /// (ServiceNodeClient); doing it here only names the steps.
        /// </summary>
        /// <exception cref="ServiceNodeException">The clock or the swarm could not be had.</exception>
        public void Prepare(string swarmOwner, string step)
        {
            if (!NetworkClock.IsSynchronised)
            {
                Progress.Begin("asking " + ServiceNodeClient.MinimumClockSamples + " to " + 2 * ServiceNodeClient.ResyncSamples + " nodes for the network's time", oneRequest: false);
                Client.SyncClock();
            }
            if (Swarms.Get(swarmOwner) == null || !Swarms.IsFresh(swarmOwner, NetworkClock.Local.UnixMilliseconds))
            {
                Progress.Begin("finding the swarm of " + Progress.Short(swarmOwner), oneRequest: false);
                Client.GetSwarm(swarmOwner);
            }
            Progress.Begin(step, oneRequest: true);
        }

        public IdentityKeys Keys { get; }
        public Progress Progress { get; }
        public NetworkProfile Profile { get; }
        public IHttpTransport Transport { get; }
        public IKeyValueStore Store { get; }
        public IRandomSource Random { get; }
        public NetworkClock NetworkClock { get; }
        public NodePool Pool { get; }
        public OnionPaths Paths { get; }
        public SwarmCache Swarms { get; }
        public ServiceNodeClient Client { get; }
    }
}
