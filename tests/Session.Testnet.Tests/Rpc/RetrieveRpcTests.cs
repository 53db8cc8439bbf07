using System;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Session.Testnet.Tests.Support;
using Xunit;

namespace Session.Testnet.Tests.Rpc
{
    [Collection("network")]
    public class RetrieveRpcTests
    {
        private readonly NetworkFixture _fixture;

        public RetrieveRpcTests(NetworkFixture fixture)
        {
            _fixture = fixture;
        }

        private TestNetwork Network => _fixture.Network;

        private OnionClient Client => _fixture.Client;

        [Fact]
        public async Task Retrieve_Cursor_WalksMessagesInOrder_WithMore()
        {
            var user = new SessionUser();
            NodeEntry node = Rpcs.SwarmOf(Network.Map, user)[2];
            for (int i = 0; i < 5; i++)
            {
                Assert.Equal(200, (await Client.DirectAsync(node, "store", Rpcs.Store(user, Encoding.UTF8.GetBytes("m" + i)))).Status);
            }
            JsonObject first = Rpcs.Retrieve(user);
            first["max_count"] = 2;
            JsonObject page = Rpcs.Json((await Client.DirectAsync(node, "retrieve", first)).Body);
            Assert.True((bool)page["more"]);
            JsonArray messages = page["messages"].AsArray();
            Assert.Equal(new[] { "m0", "m1" }, new[] { Data(messages[0]), Data(messages[1]) });
            Assert.True((long)messages[0]["expiration"] > (long)messages[0]["timestamp"]);

            JsonObject next = Rpcs.Retrieve(user, (string)messages[1]["hash"]);
            page = Rpcs.Json((await Client.DirectAsync(node, "retrieve", next)).Body);
            Assert.False((bool)page["more"]);
            messages = page["messages"].AsArray();
            Assert.Equal(new[] { "m2", "m3", "m4" }, new[] { Data(messages[0]), Data(messages[1]), Data(messages[2]) });

            page = Rpcs.Json((await Client.DirectAsync(node, "retrieve", Rpcs.Retrieve(user, (string)messages[2]["hash"]))).Body);
            Assert.Empty(page["messages"].AsArray());
            Assert.True(page.ContainsKey("t") && page.ContainsKey("hf"));
        }

        [Fact]
        public async Task Retrieve_MaxSize_ReturnsAtLeastOne()
        {
            var user = new SessionUser();
            NodeEntry node = Rpcs.SwarmOf(Network.Map, user)[0];
            await Client.DirectAsync(node, "store", Rpcs.Store(user, new byte[300]));
            await Client.DirectAsync(node, "store", Rpcs.Store(user, new byte[301]));
            JsonObject parameters = Rpcs.Retrieve(user);
            parameters["max_size"] = 10;
            JsonObject page = Rpcs.Json((await Client.DirectAsync(node, "retrieve", parameters)).Body);
            Assert.Single(page["messages"].AsArray());
            Assert.True((bool)page["more"]);
        }

        [Theory]
        // Each 300-byte message counts 100 (overhead) + 43 (hash) + 400 (base64) = 543 bytes against max_size.
        [InlineData(0, 1000, 1, true)]
        [InlineData(0, 1086, 2, true)]
        [InlineData(0, -7800, 1, true)]
        [InlineData(3, 0, 3, true)]
        [InlineData(5, 0, 5, false)]
        [InlineData(3, 1100, 2, true)]
        [InlineData(-1, 0, 5, false)]
        public async Task Retrieve_Budgets_CountAsTheStorageServerDoes(int maxCount, int maxSize, int expected, bool more)
        {
            var user = new SessionUser();
            NodeEntry node = Rpcs.SwarmOf(Network.Map, user)[0];
            for (int i = 0; i < 5; i++)
            {
                Assert.Equal(200, (await Client.DirectAsync(node, "store", Rpcs.Store(user, Filled(300, i)))).Status);
            }
            JsonObject parameters = Rpcs.Retrieve(user);
            parameters["max_count"] = maxCount;
            parameters["max_size"] = maxSize;
            JsonObject page = Rpcs.Json((await Client.DirectAsync(node, "retrieve", parameters)).Body);
            Assert.Equal(expected, page["messages"].AsArray().Count);
            Assert.Equal(more, (bool)page["more"]);
        }

        private static byte[] Filled(int length, int value)
        {
            var data = new byte[length];
            System.Array.Fill(data, (byte)value);
            return data;
        }

        [Fact]
        public async Task Retrieve_WithoutSignature_401()
        {
            var user = new SessionUser();
            JsonObject parameters = Rpcs.Retrieve(user);
            parameters.Remove("signature");
            (int status, string body) = await Client.DirectAsync(Rpcs.SwarmOf(Network.Map, user)[0], "retrieve", parameters);
            Assert.Equal(401, status);
            Assert.Equal("retrieve: request signature required", body);
        }

        [Fact]
        public async Task Retrieve_SignedByAnotherKey_401()
        {
            var user = new SessionUser();
            var other = new SessionUser();
            JsonObject parameters = Rpcs.Retrieve(user);
            long ts = (long)parameters["timestamp"];
            parameters["signature"] = other.Sign("retrieve" + ts);
            (int status, string body) = await Client.DirectAsync(Rpcs.SwarmOf(Network.Map, user)[0], "retrieve", parameters.DeepClone().AsObject());
            Assert.Equal(401, status);
            Assert.Equal("retrieve signature verification failed", body);

            parameters["pubkey_ed25519"] = other.Ed25519Hex;
            (status, body) = await Client.DirectAsync(Rpcs.SwarmOf(Network.Map, user)[0], "retrieve", parameters);
            Assert.Equal(401, status);
            Assert.Equal("pubkey_ed25519 does not belong to pubkey", body);
        }

        [Fact]
        public async Task Retrieve_TimestampTooOld_406()
        {
            var user = new SessionUser();
            (int status, string body) = await Client.DirectAsync(Rpcs.SwarmOf(Network.Map, user)[0], "retrieve",
                Rpcs.Retrieve(user, timestamp: OnionClient.Now - 61_000));
            Assert.Equal(406, status);
            Assert.Equal("retrieve timestamp too far from current time", body);
        }

        [Fact]
        public async Task Retrieve_WrongSwarm_421()
        {
            var user = new SessionUser();
            (int status, _) = await Client.DirectAsync(Rpcs.Outsider(Network.Map, user), "retrieve", Rpcs.Retrieve(user));
            Assert.Equal(421, status);
        }

        [Fact]
        public async Task ExpiredMessages_AreGone_AndPurged()
        {
            var user = new SessionUser();
            System.Collections.Generic.List<NodeEntry> swarm = Rpcs.SwarmOf(Network.Map, user);
            Assert.Equal(200, (await Client.DirectAsync(swarm[0], "store", Rpcs.Store(user, new byte[] { 1 }, ttl: 10_000))).Status);
            StorageNode node = Network.Node(swarm[0].Index);
            long before = node.Store.Count();
            try
            {
                // The node's clock moves 11 s ahead: the 10 s message has expired there.
                await Network.SetFaultsAsync(swarm[0].Index, new NodeFaults { ClockSkewMs = 11_000 });
                JsonObject page = Rpcs.Json((await Client.DirectAsync(swarm[0], "retrieve", Rpcs.Retrieve(user, timestamp: OnionClient.Now + 11_000))).Body);
                Assert.Empty(page["messages"].AsArray());
                node.Purge();
                Assert.True(node.Store.Count() < before);
            }
            finally
            {
                await _fixture.HealAsync();
            }
        }

        private static string Data(JsonNode message)
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String((string)message["data"]));
        }
    }
}
