using System;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Session.Testnet.Tests.Support;
using Xunit;

namespace Session.Testnet.Tests.Network
{
    /// <summary>Each fault knob, set at run time, and its effect as a client meets it.</summary>
    [Collection("network")]
    public class FaultTests
    {
        private readonly NetworkFixture _fixture;

        public FaultTests(NetworkFixture fixture)
        {
            _fixture = fixture;
        }

        private TestNetwork Network => _fixture.Network;

        private OnionClient Client => _fixture.Client;

        [Fact]
        public async Task Down_ConnectionRefused_SwarmReportsTheMember_UpAgainServes()
        {
            var user = new SessionUser();
            var swarm = Rpcs.SwarmOf(Network.Map, user);
            try
            {
                await Network.SetFaultsAsync(swarm[1].Index, new NodeFaults { Down = true });
                var refused = await Assert.ThrowsAsync<HttpRequestException>(() => Client.DirectAsync(swarm[1], "info", new JsonObject()));
                Assert.Equal(SocketError.ConnectionRefused, Assert.IsType<SocketException>(refused.InnerException).SocketErrorCode);

                (int status, string body) = await Client.DirectAsync(swarm[0], "store", Rpcs.Store(user, new byte[] { 1 }));
                Assert.Equal(200, status);
                JsonObject receipts = Rpcs.Json(body)["swarm"].AsObject();
                Assert.True((bool)receipts[swarm[1].Ed25519Hex]["failed"]);
                Assert.NotNull(receipts[swarm[2].Ed25519Hex]["signature"]);

                await Network.SetFaultsAsync(swarm[1].Index, NodeFaults.None);
                Assert.Equal(200, (await Client.DirectAsync(swarm[1], "info", new JsonObject())).Status);
            }
            finally
            {
                await _fixture.HealAsync();
            }
        }

        [Fact]
        public async Task DownRelay_GuardAnswers504()
        {
            NodeEntry destination = Network.Map.Nodes[11];
            NodeEntry[] path = Rpcs.Path(Network.Map, destination);
            try
            {
                await Network.SetFaultsAsync(path[1].Index, new NodeFaults { Down = true });
                OnionReply reply = await Client.OnionAsync(path, destination, "info", new JsonObject());
                Assert.Equal(504, reply.HttpStatus);
                Assert.Equal("Request time out", reply.PlainBody);
            }
            finally
            {
                await _fixture.HealAsync();
            }
        }

        [Fact]
        public async Task Delay_ClientTimesOutFirst()
        {
            NodeEntry node = Network.Map.Nodes[2];
            using var impatient = new OnionClient(TimeSpan.FromMilliseconds(300));
            try
            {
                await Network.SetFaultsAsync(node.Index, new NodeFaults { DelayMs = 5000 });
                await Assert.ThrowsAsync<TaskCanceledException>(() => impatient.DirectAsync(node, "info", new JsonObject()));
            }
            finally
            {
                await _fixture.HealAsync();
            }
            // Healed, the node answers; asked with the fixture's patient client, since 300 ms is no bound for a TLS
            // handshake on a busy machine.
            Assert.Equal(200, (await Client.DirectAsync(node, "info", new JsonObject())).Status);
        }

        [Fact]
        public async Task DropRate_One_EveryConnectionCut_Zero_NoneCut()
        {
            NodeEntry node = Network.Map.Nodes[3];
            try
            {
                await Network.SetFaultsAsync(node.Index, new NodeFaults { DropRate = 1 });
                for (int i = 0; i < 3; i++)
                {
                    await Assert.ThrowsAsync<HttpRequestException>(() => Client.DirectAsync(node, "info", new JsonObject()));
                }
                await Network.SetFaultsAsync(node.Index, new NodeFaults { DropRate = 0 });
                for (int i = 0; i < 3; i++)
                {
                    Assert.Equal(200, (await Client.DirectAsync(node, "info", new JsonObject())).Status);
                }
            }
            finally
            {
                await _fixture.HealAsync();
            }
        }

        [Fact]
        public async Task ClockSkew_ShowsInT_AndMakesAFairStoreLookFuture()
        {
            var user = new SessionUser();
            NodeEntry node = Rpcs.SwarmOf(Network.Map, user)[0];
            try
            {
                await Network.SetFaultsAsync(node.Index, new NodeFaults { ClockSkewMs = -3_600_000 });
                JsonObject info = Rpcs.Json((await Client.DirectAsync(node, "info", new JsonObject())).Body);
                Assert.True((long)info["t"] < OnionClient.Now - 3_500_000);

                (int status, string body) = await Client.DirectAsync(node, "store", Rpcs.Store(user, new byte[] { 1 }));
                Assert.Equal(406, status);
                Assert.Equal("Timestamp error: check your clock", body);
                // A client that corrects its clock by the node's t succeeds.
                (status, _) = await Client.DirectAsync(node, "store", Rpcs.Store(user, new byte[] { 1 }, timestamp: (long)info["t"]));
                Assert.Equal(200, status);
            }
            finally
            {
                await _fixture.HealAsync();
            }
        }

        [Fact]
        public async Task WrongSwarm_421ForItsOwnPubkeys_AndGetSwarmNamesAnother()
        {
            var user = new SessionUser();
            NodeEntry node = Rpcs.SwarmOf(Network.Map, user)[0];
            string right = Network.Map.SwarmOf(user.PubkeyBytes).ToString("x16");
            try
            {
                await Network.SetFaultsAsync(node.Index, new NodeFaults { WrongSwarm = true });
                (int status, string body) = await Client.DirectAsync(node, "store", Rpcs.Store(user, new byte[] { 1 }));
                Assert.Equal(421, status);
                Assert.Equal(right, (string)Rpcs.Json(body)["swarm"]);
                (status, body) = await Client.DirectAsync(node, "get_swarm", new JsonObject { ["pubkey"] = user.SessionId });
                Assert.Equal(200, status);
                Assert.NotEqual(right, (string)Rpcs.Json(body)["swarm"]);
            }
            finally
            {
                await _fixture.HealAsync();
            }
        }

        [Fact]
        public async Task CorruptReplies_DestinationReplyFailsToOpen_DirectReplyDiffers()
        {
            NodeEntry destination = Network.Map.Nodes[6];
            NodeEntry[] path = Rpcs.Path(Network.Map, destination);
            OnionReply clean = await Client.OnionAsync(path, destination, "get_swarm", new JsonObject { ["pubkey"] = new SessionUser().SessionId });
            Assert.True(clean.Decrypted);
            try
            {
                await Network.SetFaultsAsync(destination.Index, new NodeFaults { CorruptReplies = true });
                OnionReply reply = await Client.OnionAsync(path, destination, "info", new JsonObject());
                Assert.Equal(200, reply.HttpStatus);
                Assert.False(reply.Decrypted);

                await Network.SetFaultsAsync(destination.Index, NodeFaults.None);
                await Network.SetFaultsAsync(path[0].Index, new NodeFaults { CorruptReplies = true });
                reply = await Client.OnionAsync(path, destination, "info", new JsonObject());
                Assert.False(reply.Decrypted);

                var user = new SessionUser();
                string expected = (await Client.DirectAsync(destination, "get_swarm", new JsonObject { ["pubkey"] = user.SessionId })).Body;
                (_, string corrupted) = await Client.DirectAsync(path[0], "get_swarm", new JsonObject { ["pubkey"] = user.SessionId });
                Assert.NotEqual(Without(expected, "\"t\":"), Without(corrupted, "\"t\":"));
            }
            finally
            {
                await _fixture.HealAsync();
            }
        }

        [Fact]
        public async Task RefuseRelay_503SnodeNotReady()
        {
            NodeEntry destination = Network.Map.Nodes[10];
            NodeEntry[] path = Rpcs.Path(Network.Map, destination);
            try
            {
                await Network.SetFaultsAsync(path[1].Index, new NodeFaults { RefuseRelay = true });
                OnionReply reply = await Client.OnionAsync(path, destination, "info", new JsonObject());
                Assert.Equal(503, reply.HttpStatus);
                Assert.Equal("Snode not ready: " + path[1].Ed25519Hex, reply.PlainBody);
                // It still serves direct requests.
                Assert.Equal(200, (await Client.DirectAsync(path[1], "info", new JsonObject())).Status);
            }
            finally
            {
                await _fixture.HealAsync();
            }
        }

        [Fact]
        public async Task AdminEndpoint_SetsKnobs_RejectsUnknownOnes()
        {
            NodeEntry node = Network.Map.Nodes[7];
            try
            {
                (int status, string body) = await Client.PostAsync(Network.AdminUrl + "/faults",
                    Encoding.UTF8.GetBytes("{\"node\":7,\"refuse_relay\":true,\"delay_ms\":1}"));
                Assert.Equal(200, status);
                Assert.True((bool)Rpcs.Json(body)["refuse_relay"]);
                Assert.True(Network.Faults(7).RefuseRelay);
                Assert.Equal(1, Network.Faults(7).DelayMs);

                (status, body) = await Client.PostAsync(Network.AdminUrl + "/faults", Encoding.UTF8.GetBytes("{\"node\":7,\"explode\":true}"));
                Assert.Equal(400, status);
                Assert.StartsWith("unknown fault 'explode'", body);
                (status, body) = await Client.PostAsync(Network.AdminUrl + "/faults", Encoding.UTF8.GetBytes("{\"node\":70,\"down\":true}"));
                Assert.Equal(400, status);
                Assert.Contains("node index from 0 to 11", body);
                (status, body) = await Client.PostAsync(Network.AdminUrl + "/faults", Encoding.UTF8.GetBytes("{\"node\":7,\"drop_rate\":2}"));
                Assert.Equal(400, status);
                (status, body) = await Client.PostAsync(Network.AdminUrl + "/faults", Encoding.UTF8.GetBytes("{\"node\":7,\"down\":\"yes\"}"));
                Assert.Equal(400, status);
                Assert.Contains("wrong type", body);
                (status, _) = await Client.PostAsync(Network.AdminUrl + "/faults", Encoding.UTF8.GetBytes("not json"));
                Assert.Equal(400, status);
            }
            finally
            {
                await _fixture.HealAsync();
            }
            using var http = new HttpClient(new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (a, b, c, d) => true } });
            JsonObject nodes = Rpcs.Json(await http.GetStringAsync(Network.AdminUrl + "/nodes"));
            Assert.Equal(12, nodes["nodes"].AsArray().Count);
            Assert.False((bool)nodes["nodes"][7]["faults"]["refuse_relay"]);
            Assert.Equal(node.Ed25519Hex, (string)nodes["nodes"][7]["pubkey_ed25519"]);
            string seen = await http.GetStringAsync(Network.AdminUrl + "/observations?node=7");
            Assert.StartsWith("[", seen);
        }

        private static string Without(string json, string member)
        {
            int at = json.IndexOf(member, StringComparison.Ordinal);
            return at < 0 ? json : json.Substring(0, at);
        }
    }
}
