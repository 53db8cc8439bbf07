using System;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Session.Testnet.Tests.Support;
using Xunit;

namespace Session.Testnet.Tests.Network
{
    /// <summary>The node-to-node endpoints: closed to clients, and robust to bad input from a node.</summary>
    [Collection("network")]
    public class PeerEndpointTests
    {
        private readonly NetworkFixture _fixture;

        public PeerEndpointTests(NetworkFixture fixture)
        {
            _fixture = fixture;
        }

        private TestNetwork Network => _fixture.Network;

        [Theory]
        [InlineData("/testnet/relay")]
        [InlineData("/testnet/replicate")]
        public async Task FromAClientAddress_403(string endpoint)
        {
            (int status, string body) = await _fixture.Client.PostAsync(Network.Map.Nodes[0].BaseUrl + endpoint, Encoding.UTF8.GetBytes("{}"));
            Assert.Equal(403, status);
            Assert.Contains("127.0.0.1 is not one", body);
        }

        [Fact]
        public async Task Relay_BadInputFromANode_400_NodeKeepsServing()
        {
            NodeEntry posing = Network.Map.Nodes[1];
            NodeEntry target = Network.Map.Nodes[0];
            using var peer = new OnionClient(bindTo: posing.Ip);
            string url = target.BaseUrl + "/testnet/relay";
            (int status, string body) = await peer.PostAsync(url, new byte[10]);
            Assert.Equal(400, status);
            Assert.Contains("relay without ephemeral key or hop number", body);

            (status, body) = await peer.PostAsync(url, new byte[10], ("X-Testnet-Ephemeral-Key", new string('2', 64)), ("X-Testnet-Hop", "1"));
            Assert.Equal(400, status);
            Assert.Equal("Invalid ciphertext", body);

            (status, body) = await peer.PostAsync(url, new byte[10], ("X-Testnet-Ephemeral-Key", "zz"), ("X-Testnet-Hop", "1"));
            Assert.Equal(400, status);
            Assert.Contains("ephemeral_key must be 64 hex digits", body);

            (status, body) = await peer.PostAsync(url, new byte[10], ("X-Testnet-Ephemeral-Key", new string('2', 64)), ("X-Testnet-Hop", "16"));
            Assert.Equal(400, status);
            Assert.Contains("past the limit of 15 hops", body);

            Assert.Equal(200, (await _fixture.Client.DirectAsync(target, "info", new JsonObject())).Status);
        }

        [Fact]
        public async Task Replicate_FromANode_StoresAndSigns_BadInput400_WrongSwarm421()
        {
            var user = new SessionUser();
            var swarm = Rpcs.SwarmOf(Network.Map, user);
            using var peer = new OnionClient(bindTo: swarm[0].Ip);
            string url = swarm[1].BaseUrl + "/testnet/replicate";
            var message = new JsonObject
            {
                ["pubkey"] = user.SessionId,
                ["namespace"] = 0,
                ["timestamp"] = OnionClient.Now,
                ["expiry"] = OnionClient.Now + 60_000,
                ["data"] = Convert.ToBase64String(new byte[] { 1, 2 }),
            };
            (int status, string body) = await peer.PostAsync(url, Encoding.UTF8.GetBytes(message.ToJsonString()));
            Assert.Equal(200, status);
            Assert.Equal(43, ((string)Rpcs.Json(body)["hash"]).Length);

            (status, body) = await peer.PostAsync(url, Encoding.UTF8.GetBytes("{\"pubkey\":"));
            Assert.Equal(400, status);
            Assert.StartsWith("invalid request", body);

            message.Remove("data");
            (status, body) = await peer.PostAsync(url, Encoding.UTF8.GetBytes(message.ToJsonString()));
            Assert.Equal(400, status);
            Assert.Contains("missing 'data'", body);

            message["data"] = "AQI=";
            (status, _) = await peer.PostAsync(Rpcs.Outsider(Network.Map, user).BaseUrl + "/testnet/replicate", Encoding.UTF8.GetBytes(message.ToJsonString()));
            Assert.Equal(421, status);
        }
    }
}
