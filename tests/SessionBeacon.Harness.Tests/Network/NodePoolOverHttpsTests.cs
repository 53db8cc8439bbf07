using System;
using System.Collections.Generic;
using System.Net;
using System.Security.Cryptography;
using System.Threading.Tasks;
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Network;
using Session.Testnet;
using SessionBeacon.Harness.Network;
using Xunit;

namespace SessionBeacon.Harness.Tests.Network
{
    /// <summary>The core's node pool bootstrapping from a real seed over pinned HTTPS on loopback.</summary>
    public class NodePoolOverHttpsTests
    {
        private sealed class Store : IKeyValueStore
        {
            private readonly Dictionary<string, byte[]> _values = new();

            public byte[] Get(string key) => _values.TryGetValue(key, out byte[] v) ? v : null;

            public void Put(string key, byte[] value) => _values[key] = value;

            public void Remove(string key) => _values.Remove(key);
        }

        private sealed class SystemRandom : IRandomSource
        {
            public void Fill(byte[] buffer, int offset, int count) => RandomNumberGenerator.Fill(buffer.AsSpan(offset, count));
        }

        private static NodeRecord Record(string ip, int port) =>
            new NodeRecord(ip, port, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)), Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)), 1);

        [Fact]
        public async Task Bootstrap_PinnedSeed_LoadsItsNodesAndDropsUnusableOnes()
        {
            NodeRecord[] nodes = { Record("127.0.1.1", 22021), Record("127.0.2.1", 22022), Record("0.0.0.0", 22023), Record("", 22024) };
            await using SeedNode seed = await SeedNode.StartAsync(IPAddress.Loopback, 0, nodes);
            NetworkProfile profile = NetworkProfile.Testnet(seed.Url, SelfSignedCertificate.Pin(seed.Certificate), 1);
            var store = new Store();
            var pool = new NodePool(profile, new HttpClientTransport(profile), store, new SystemRandom());
            pool.Bootstrap();
            Assert.Equal(2, pool.Count);
            Assert.NotNull(pool.Find(nodes[0].PubkeyEd25519));
            Assert.Equal(22022, pool.Find(nodes[1].PubkeyEd25519).Port);
            Assert.NotNull(store.Get(NodePool.StoreKey));
        }

        [Fact]
        public async Task Bootstrap_WrongPin_FailsNamingThePin()
        {
            await using SeedNode seed = await SeedNode.StartAsync(IPAddress.Loopback, 0, new[] { Record("127.0.1.1", 22021) });
            using var impostor = SelfSignedCertificate.Create("127.0.0.1");
            NetworkProfile profile = NetworkProfile.Testnet(seed.Url, SelfSignedCertificate.Pin(impostor), 1);
            var pool = new NodePool(profile, new HttpClientTransport(profile), new Store(), new SystemRandom());
            var error = Assert.Throws<ServiceNodeException>(() => pool.Bootstrap());
            Assert.Contains("does not match the pin", error.Message);
            Assert.Equal(0, pool.Count);
        }
    }
}
