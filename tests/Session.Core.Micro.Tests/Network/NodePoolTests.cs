using System;
using System.Linq;
using Session.Core.Micro.Network;
using Session.Core.Micro.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Session.Core.Micro.Tests.Network
{
    public class NodePoolTests
    {
        private readonly ITestOutputHelper _output;

        public NodePoolTests(ITestOutputHelper output)
        {
            _output = output;
        }

        [Fact]
        public void Bootstrap_FromSeed_DropsUnusableEntriesAndPersists()
        {
            var f = new NetworkFixture(_output, nameof(Bootstrap_FromSeed_DropsUnusableEntriesAndPersists), 10);
            string key = new string('c', 64);
            f.Network.ExtraSeedEntries =
                ",{\"public_ip\":\"0.0.0.0\",\"storage_port\":1,\"pubkey_ed25519\":\"" + key + "\",\"pubkey_x25519\":\"" + key + "\"}"
                + ",{\"public_ip\":\"\",\"storage_port\":1,\"pubkey_ed25519\":\"" + key + "\",\"pubkey_x25519\":\"" + key + "\"}"
                + ",{\"public_ip\":\"1.2.3.4\",\"storage_port\":0,\"pubkey_ed25519\":\"" + key + "\",\"pubkey_x25519\":\"" + key + "\"}"
                + ",{\"public_ip\":\"1.2.3.4\",\"storage_port\":5,\"pubkey_ed25519\":\"zz\",\"pubkey_x25519\":\"" + key + "\"}"
                + ",{\"storage_port\":5}";
            f.Pool.EnsureReady();
            Assert.Equal(10, f.Pool.Count);
            Assert.Contains(FakeNetwork.SeedUrl + "/json_rpc", f.Network.Posts);
            Assert.True(f.Store.Values.ContainsKey(NodePool.StoreKey));

            var reloaded = new NodePool(f.Network.Profile, f.Network, f.Store, f.Rng);
            Assert.True(reloaded.Load());
            Assert.Equal(f.Pool.Nodes.Select(n => n.Ed25519Hex + n.Ip + n.Port), reloaded.Nodes.Select(n => n.Ed25519Hex + n.Ip + n.Port));
            Assert.Equal(f.Network.Nodes[3].X25519Public, reloaded.Find(f.Network.Nodes[3].Hex).X25519PublicKey);
            int posts = f.Network.Posts.Count;
            reloaded.EnsureReady();
            Assert.Equal(posts, f.Network.Posts.Count);
        }

        private sealed class SeedBodies : IHttpTransport
        {
            public readonly System.Collections.Generic.List<string> Bodies = new System.Collections.Generic.List<string>();
            private readonly IHttpTransport _inner;

            public SeedBodies(IHttpTransport inner) => _inner = inner;

            public HttpResponse Post(string url, byte[] body, int timeoutMilliseconds)
            {
                Bodies.Add(System.Text.Encoding.UTF8.GetString(body));
                return _inner.Post(url, body, timeoutMilliseconds);
            }

            public HttpResponse Post(string url, byte[] body, int timeoutMilliseconds, IResponseSink sink) =>
                ResponseSinks.Feed(Post(url, body, timeoutMilliseconds), sink);
        }

        [Theory]
        [InlineData(0, null)]
        [InlineData(64, 64L)]
        public void Bootstrap_SeedLimit_AsksTheSeedForThatManyOnlyWhenSet(int limit, long? expected)
        {
            var f = new NetworkFixture(_output, nameof(Bootstrap_SeedLimit_AsksTheSeedForThatManyOnlyWhenSet), 10);
            var seed = new SeedBodies(f.Network);
            var pool = new NodePool(f.Network.Profile, seed, f.Store, f.Rng) { SeedLimit = limit };
            Assert.Equal(limit, pool.SeedLimit);
            pool.Bootstrap();
            using var request = System.Text.Json.JsonDocument.Parse(Assert.Single(seed.Bodies));
            System.Text.Json.JsonElement parameters = request.RootElement.GetProperty("params");
            Assert.Equal("get_n_service_nodes", request.RootElement.GetProperty("method").GetString());
            Assert.True(parameters.GetProperty("active_only").GetBoolean());
            Assert.Equal(expected, parameters.TryGetProperty("limit", out System.Text.Json.JsonElement given) ? given.GetInt64() : (long?)null);
        }

        [Theory]
        [InlineData(-1)]
        [InlineData(1)]
        [InlineData(NodePool.MinimumCount - 1)]
        public void SeedLimit_BelowAUsablePool_Refused(int limit)
        {
            var f = new NetworkFixture(_output, nameof(SeedLimit_BelowAUsablePool_Refused), 4);
            Assert.Throws<ArgumentException>(() => f.Pool.SeedLimit = limit);
        }

        [Fact]
        public void Bootstrap_SeedDown_ThrowsNamingTheSeed()
        {
            var f = new NetworkFixture(_output, nameof(Bootstrap_SeedDown_ThrowsNamingTheSeed), 4);
            f.Network.SeedDown = true;
            var error = Assert.Throws<ServiceNodeException>(() => f.Pool.Bootstrap());
            Assert.Contains(FakeNetwork.SeedUrl, error.Message);
            Assert.Contains("seed down", error.Message);
        }

        [Fact]
        public void Load_CorruptStore_False()
        {
            var f = new NetworkFixture(_output, nameof(Load_CorruptStore_False), 4);
            f.Store.Put(NodePool.StoreKey, new byte[] { (byte)'[', (byte)'{' });
            Assert.False(f.Pool.Load());
            Assert.False(f.Pool.Load() && f.Pool.Count > 0);
        }

        [Fact]
        public void Refresh_FromNodes_ReplacesWhenEnoughInCommon()
        {
            var f = new NetworkFixture(_output, nameof(Refresh_FromNodes_ReplacesWhenEnoughInCommon), 9);
            f.Pool.Bootstrap();
            f.Pool.Remove(f.Network.Nodes[0].Hex);
            Assert.Equal(8, f.Pool.Count);
            Assert.True(f.Pool.Refresh());
            Assert.Equal(9, f.Pool.Count);
            Assert.Equal(3, f.Network.Posts.Count(p => p.EndsWith("/storage_rpc/v1")));

            var strict = new NodePool(NetworkProfile.Testnet(FakeNetwork.SeedUrl, FakeNetwork.SeedPin, 50), f.Network, new MemoryStore(), f.Rng);
            strict.Bootstrap();
            strict.Remove(f.Network.Nodes[0].Hex);
            Assert.False(strict.Refresh());
            Assert.Equal(8, strict.Count);
        }

        [Fact]
        public void RecordFailure_ThreeStrikes_DropsNode_SuccessResets()
        {
            var f = new NetworkFixture(_output, nameof(RecordFailure_ThreeStrikes_DropsNode_SuccessResets), 5);
            f.Pool.Bootstrap();
            ServiceNode node = f.Pool.Find(f.Network.Nodes[1].Hex);
            Assert.False(f.Pool.RecordFailure(node));
            Assert.False(f.Pool.RecordFailure(node));
            f.Pool.RecordSuccess(node);
            Assert.False(f.Pool.RecordFailure(node));
            Assert.False(f.Pool.RecordFailure(node));
            Assert.True(f.Pool.RecordFailure(node));
            Assert.Null(f.Pool.Find(node.Ed25519Hex));
            Assert.Equal(4, f.Pool.Count);
        }

        [Fact]
        public void Profile_MainnetSeedsArePinned_TestnetNeedsPin()
        {
            NetworkProfile main = NetworkProfile.Mainnet();
            Assert.Equal(3, main.Seeds.Length);
            Assert.Equal("mlYTXvkmIEYcpswANTpnBwlz9Cswi0py/RQKkbdQOZQ=", main.PinFor("https://seed1.getsession.org:4443/json_rpc"));
            Assert.Null(main.PinFor("https://1.2.3.4:22021/onion_req/v2"));
            Assert.Null(main.PinFor("https://seed1.getsession.org:44430/json_rpc"));
            Assert.Throws<ArgumentException>(() => NetworkProfile.Testnet("https://127.0.0.1:4443", null, 1));
            Assert.Throws<ArgumentException>(() => NetworkProfile.Testnet("ftp://127.0.0.1:4443", null, 1));
            Assert.Equal("https://127.0.0.1:4443/json_rpc", NetworkProfile.Testnet("https://127.0.0.1:4443/json_rpc", FakeNetwork.SeedPin, 1).Seeds[0].JsonRpcUrl);
        }

        [Theory]
        [InlineData("1.2.3.4", true)]
        [InlineData("255.255.255.255", true)]
        [InlineData("0.0.0.0", false)]
        [InlineData("", false)]
        [InlineData("1.2.3", false)]
        [InlineData("1.2.3.256", false)]
        [InlineData("01.2.3.4", false)]
        [InlineData("1.2.3.4.5", false)]
        [InlineData("a.b.c.d", false)]
        public void IsUsableIPv4_Cases(string ip, bool usable)
        {
            Assert.Equal(usable, ServiceNode.IsUsableIPv4(ip));
        }
    }
}
