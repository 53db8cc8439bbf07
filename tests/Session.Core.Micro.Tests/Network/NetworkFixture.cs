using System;
using Session.Core.Micro.Network;
using Session.Core.Micro.Tests.Support;
using Xunit.Abstractions;

namespace Session.Core.Micro.Tests.Network
{
    /// <summary>A client wired to a FakeNetwork, with a fake clock and an in-memory store.</summary>
    internal sealed class NetworkFixture
    {
        public NetworkFixture(ITestOutputHelper output, string name, int nodes, long localClockError = 0, Func<int, string> ipOf = null)
        {
            Random = new SeededRandom(output, name);
            Network = new FakeNetwork(Random, nodes, ipOf);
            Clock = new FakeClock(Network.ServerTime + localClockError);
            Store = new MemoryStore();
            Rng = new FixedRandom(Random.Bytes(1 << 20));
            byte[] seed = Random.Bytes(32);
            var keys = Sodium.PublicKeyAuth.GenerateKeyPair(seed);
            OwnSecretKey = keys.PrivateKey;
            OwnSessionId = "05" + Convert.ToHexStringLower(Sodium.PublicKeyAuth.ConvertEd25519PublicKeyToCurve25519PublicKey(keys.PublicKey));
            Pool = new NodePool(Network.Profile, Network, Store, Rng);
            Paths = new OnionPaths(Pool, Network, Rng, OwnSessionId, 2);
            Swarms = new SwarmCache();
            NetworkClock = new NetworkClock(Clock);
            Client = new ServiceNodeClient(Pool, Paths, Swarms, NetworkClock, Network, Store, Rng);
        }

        public SeededRandom Random { get; }
        public FakeNetwork Network { get; }
        public FakeClock Clock { get; }
        public MemoryStore Store { get; }
        public FixedRandom Rng { get; }
        public byte[] OwnSecretKey { get; }
        public string OwnSessionId { get; }
        public NodePool Pool { get; }
        public OnionPaths Paths { get; }
        public SwarmCache Swarms { get; }
        public NetworkClock NetworkClock { get; }
        public ServiceNodeClient Client { get; }

        public string NewSessionId() => "05" + Convert.ToHexStringLower(Random.Bytes(32));
    }
}
