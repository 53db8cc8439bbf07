using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Session.Testnet.Tests.Support;
using Xunit;

namespace Session.Testnet.Tests.Network
{
    public class RestartTests
    {
        // The first run of a folder that is started again takes a seed port below the system's range for outgoing
        // connections: a port the system picked could be handed to another test's connection before the restart.
        private const int FirstSeedPort = 20434;

        private static TestnetOptions FirstRun(TestnetOptions options, int n) => new TestnetOptions
        {
            NodeCount = options.NodeCount,
            SwarmSize = options.SwarmSize,
            DataFolder = options.DataFolder,
            FirstSubnet = options.FirstSubnet,
            SeedPort = FirstSeedPort + n,
        };

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
                await using (TestNetwork first = await TestNetwork.StartAsync(new TestnetOptions { NodeCount = 3, SwarmSize = 3, DataFolder = folder, FirstSubnet = 34, SeedPort = FirstSeedPort }))
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

        [Fact]
        public async Task WholeNetwork_StartedAgainOnItsFolder_SameSeedUrlPinAndNodeAddresses()
        {
            // Clients are given the seed's URL and pin once (a provisioned beacon has them in nf.config).
            string folder = Directory.CreateTempSubdirectory("testnet-seed").FullName;
            var options = new TestnetOptions { NodeCount = 3, SwarmSize = 3, DataFolder = folder, FirstSubnet = 38 };
            try
            {
                string url;
                string pin;
                string[] nodes;
                await using (TestNetwork first = await TestNetwork.StartAsync(FirstRun(options, 1)))
                {
                    url = first.SeedUrl;
                    pin = first.SeedPin;
                    nodes = Array.ConvertAll(first.Map.Nodes, n => n.BaseUrl);
                }
                await using TestNetwork second = await TestNetwork.StartAsync(options);
                Assert.Equal(url, second.SeedUrl);
                Assert.Equal(pin, second.SeedPin);
                Assert.Equal(nodes, Array.ConvertAll(second.Map.Nodes, n => n.BaseUrl));
                using var client = new OnionClient();
                Assert.Equal(200, (await client.DirectAsync(second.Map.Nodes[1], "info", new JsonObject())).Status);
            }
            finally
            {
                Directory.Delete(folder, true);
            }
        }

        [Fact]
        public async Task StartedAgain_TheSeedsPortTakenByAnotherProgram_FailsNamingThePort_NothingLeftRunning()
        {
            string folder = Directory.CreateTempSubdirectory("testnet-port").FullName;
            var options = new TestnetOptions { NodeCount = 2, SwarmSize = 2, DataFolder = folder, FirstSubnet = 42 };
            try
            {
                string url;
                await using (TestNetwork first = await TestNetwork.StartAsync(FirstRun(options, 2)))
                {
                    url = first.SeedUrl;
                }
                int port = new Uri(url).Port;
                var other = new TcpListener(IPAddress.Loopback, port);
                other.Start();
                try
                {
                    var taken = await Assert.ThrowsAsync<SeedPortTakenException>(() => TestNetwork.StartAsync(options));
                    Assert.Equal(port, taken.Port);
                    Assert.Contains("127.0.0.1:" + port, taken.Message);
                    Assert.Contains("in use by another program", taken.Message);
                }
                finally
                {
                    other.Stop();
                }
                await using TestNetwork again = await TestNetwork.StartAsync(options);
                Assert.Equal(url, again.SeedUrl);
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
