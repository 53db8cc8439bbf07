using System;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Session.Testnet.Tests.Support;
using Xunit;

namespace Session.Testnet.Tests.Network
{
    public class RestartTests
    {
        [Fact]
        public async Task StoppedNode_Refuses_RestartedNode_StillHasItsMessages()
        {
            string folder = Directory.CreateTempSubdirectory("testnet-restart").FullName;
            using var client = new OnionClient();
            try
            {
                await using TestNetwork network = await TestNetwork.StartAsync(new TestnetOptions { NodeCount = 4, SwarmSize = 4, DataFolder = folder, FirstSubnet = 30 });
                var user = new SessionUser();
                NodeEntry node = network.Map.Nodes[2];
                Assert.Equal(200, (await client.DirectAsync(node, "store", Rpcs.Store(user, Encoding.UTF8.GetBytes("kept")))).Status);

                await network.StopNodeAsync(2);
                Assert.False(network.IsRunning(2));
                await Assert.ThrowsAsync<HttpRequestException>(() => client.DirectAsync(node, "info", new JsonObject()));
                await network.StartNodeAsync(2);

                JsonArray messages = Rpcs.Json((await client.DirectAsync(node, "retrieve", Rpcs.Retrieve(user))).Body)["messages"].AsArray();
                Assert.Equal("kept", Encoding.UTF8.GetString(Convert.FromBase64String((string)Assert.Single(messages)["data"])));
            }
            finally
            {
                Directory.Delete(folder, true);
            }
        }

        [Fact]
        public async Task WholeNetwork_StartedAgainOnItsFolder_SameKeysSameMessages()
        {
            string folder = Directory.CreateTempSubdirectory("testnet-again").FullName;
            using var client = new OnionClient();
            var user = new SessionUser();
            string[] keys = new string[3];
            try
            {
                await using (TestNetwork first = await TestNetwork.StartAsync(new TestnetOptions { NodeCount = 3, SwarmSize = 3, DataFolder = folder, FirstSubnet = 34 }))
                {
                    for (int i = 0; i < 3; i++)
                    {
                        keys[i] = first.Map.Nodes[i].Ed25519Hex;
                    }
                    Assert.Equal(200, (await client.DirectAsync(first.Map.Nodes[0], "store", Rpcs.Store(user, new byte[] { 42 }))).Status);
                }
                await using TestNetwork second = await TestNetwork.StartAsync(new TestnetOptions { NodeCount = 3, SwarmSize = 3, DataFolder = folder, FirstSubnet = 34 });
                for (int i = 0; i < 3; i++)
                {
                    Assert.Equal(keys[i], second.Map.Nodes[i].Ed25519Hex);
                    JsonArray messages = Rpcs.Json((await client.DirectAsync(second.Map.Nodes[i], "retrieve", Rpcs.Retrieve(user))).Body)["messages"].AsArray();
                    Assert.Single(messages);
                }
            }
            finally
            {
                Directory.Delete(folder, true);
            }
        }

        [Theory]
        [InlineData(0, 4, "node count must be 1 to 1000")]
        [InlineData(4, 5, "swarm size must be 1 to the node count")]
        public async Task BadOptions_SayWhich(int nodes, int swarmSize, string reason)
        {
            var error = await Assert.ThrowsAsync<ArgumentException>(() =>
                TestNetwork.StartAsync(new TestnetOptions { NodeCount = nodes, SwarmSize = swarmSize, DataFolder = Path.GetTempPath() }));
            Assert.Contains(reason, error.Message);
        }
    }
}
