using System;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Session.Testnet.Tests.Support;
using Xunit;

namespace Session.Testnet.Tests.Rpc
{
    [Collection("network")]
    public class OtherRpcTests
    {
        private readonly NetworkFixture _fixture;

        public OtherRpcTests(NetworkFixture fixture)
        {
            _fixture = fixture;
        }

        private TestNetwork Network => _fixture.Network;

        private OnionClient Client => _fixture.Client;

        [Theory]
        [InlineData("get_swarm")]
        [InlineData("get_snodes_for_pubkey")]
        public async Task GetSwarm_AnyNode_ListsTheOwningSwarm(string method)
        {
            var user = new SessionUser();
            (int status, string body) = await Client.DirectAsync(Network.Map.Nodes[5], method, new JsonObject { ["pubkey"] = user.SessionId });
            Assert.Equal(200, status);
            JsonObject answer = Rpcs.Json(body);
            JsonArray snodes = answer["snodes"].AsArray();
            Assert.Equal(Rpcs.SwarmOf(Network.Map, user).Count, snodes.Count);
            foreach (JsonNode snode in snodes)
            {
                NodeEntry member = Network.Map.FindByEd25519((string)snode["pubkey_ed25519"]);
                Assert.Equal(member.Ip, (string)snode["ip"]);
                Assert.Equal(member.Port, (int)snode["port_https"]);
                Assert.Equal(member.Port.ToString(), (string)snode["port"]);
                Assert.Equal(member.X25519Hex, (string)snode["pubkey_x25519"]);
                Assert.EndsWith(".snode", (string)snode["address"]);
            }
            Assert.Equal(16, ((string)answer["swarm"]).Length);
        }

        [Fact]
        public async Task Info_GivesVersionAndClock()
        {
            long before = OnionClient.Now;
            JsonObject answer = Rpcs.Json((await Client.DirectAsync(Network.Map.Nodes[0], "info", new JsonObject())).Body);
            Assert.Equal(3, answer["version"].AsArray().Count);
            Assert.InRange((long)answer["timestamp"], before - 1000, OnionClient.Now + 1000);
            Assert.Equal((long)answer["timestamp"], (long)answer["t"], 1000.0);
        }

        [Fact]
        public async Task OxendRequest_GetServiceNodes_ListsAllNodes()
        {
            var parameters = new JsonObject { ["endpoint"] = "get_service_nodes", ["params"] = new JsonObject { ["active_only"] = true } };
            (int status, string body) = await Client.DirectAsync(Network.Map.Nodes[3], "oxend_request", parameters);
            Assert.Equal(200, status);
            JsonArray states = Rpcs.Json(body)["result"]["service_node_states"].AsArray();
            Assert.Equal(Network.NodeCount, states.Count);
            Assert.Equal(Network.Map.Nodes[7].Ed25519Hex, (string)states[7]["pubkey_ed25519"]);
            Assert.Equal(Network.Map.Nodes[7].Port, (int)states[7]["storage_port"]);

            (status, body) = await Client.DirectAsync(Network.Map.Nodes[3], "oxend_request", new JsonObject { ["endpoint"] = "ons_resolve" });
            Assert.Equal(400, status);
            Assert.Contains("only get_service_nodes", body);
        }

        [Fact]
        public async Task Batch_RunsEach_SequenceStopsAtFirstFailure()
        {
            var user = new SessionUser();
            NodeEntry node = Rpcs.SwarmOf(Network.Map, user)[0];
            var requests = new JsonArray
            {
                new JsonObject { ["method"] = "info", ["params"] = new JsonObject() },
                new JsonObject { ["method"] = "retrieve", ["params"] = new JsonObject { ["pubkey"] = user.SessionId } },
                new JsonObject { ["method"] = "store", ["params"] = Rpcs.Store(user, new byte[] { 7 }) },
            };
            (int status, string body) = await Client.DirectAsync(node, "batch", new JsonObject { ["requests"] = requests.DeepClone() });
            Assert.Equal(200, status);
            JsonArray results = Rpcs.Json(body)["results"].AsArray();
            Assert.Equal(new[] { 200, 401, 200 }, new[] { (int)results[0]["code"], (int)results[1]["code"], (int)results[2]["code"] });
            Assert.Equal("retrieve: request signature required", (string)results[1]["body"]);
            Assert.True(results[2]["body"]["swarm"].AsObject().Count == 4);

            (status, body) = await Client.DirectAsync(node, "sequence", new JsonObject { ["requests"] = requests });
            results = Rpcs.Json(body)["results"].AsArray();
            Assert.Equal(2, results.Count);
        }

        [Theory]
        [InlineData("{\"requests\":[]}", "1 to 20 requests")]
        [InlineData("{\"requests\":5}", "'requests' must be an array")]
        public async Task Batch_BadShape_400(string parameters, string reason)
        {
            (int status, string body) = await Client.DirectAsync(Network.Map.Nodes[0], "batch", Rpcs.Json(parameters));
            Assert.Equal(400, status);
            Assert.Contains(reason, body);
        }

        [Fact]
        public async Task Batch_MoreThan20_400()
        {
            var requests = new JsonArray();
            for (int i = 0; i < 21; i++)
            {
                requests.Add(new JsonObject { ["method"] = "info", ["params"] = new JsonObject() });
            }
            (int status, _) = await Client.DirectAsync(Network.Map.Nodes[0], "batch", new JsonObject { ["requests"] = requests });
            Assert.Equal(400, status);
        }

        [Theory]
        [InlineData("{\"method\":\"delete_everything\",\"params\":{}}", "no method delete_everything")]
        [InlineData("{\"method\":\"info\"}", "'params' must be an object")]
        [InlineData("{\"method\":\"info\",\"params\":[]}", "'params' must be an object")]
        [InlineData("[1,2]", "the body must be a JSON object")]
        [InlineData("{\"method\":", "invalid request: the body is not JSON")]
        [InlineData("", "invalid request: the body is not JSON")]
        public async Task StorageRpc_Garbage_400_NodeKeepsServing(string body, string reason)
        {
            NodeEntry node = Network.Map.Nodes[1];
            (int status, string text) = await Client.PostAsync(node.BaseUrl + "/storage_rpc/v1", Encoding.UTF8.GetBytes(body));
            Assert.Equal(400, status);
            Assert.Contains(reason, text);
            Assert.Equal(200, (await Client.DirectAsync(node, "info", new JsonObject())).Status);
        }

        [Fact]
        public async Task StorageRpc_NotUtf8_400()
        {
            (int status, string text) = await Client.PostAsync(Network.Map.Nodes[1].BaseUrl + "/storage_rpc/v1", new byte[] { 0x7b, 0xff, 0xfe, 0x7d });
            Assert.Equal(400, status);
            Assert.StartsWith("invalid request", text);
        }

        [Theory]
        [InlineData("/storage_rpc/v1")]
        [InlineData("/onion_req/v2")]
        public async Task Body_Over10MiB_413(string endpoint)
        {
            NodeEntry node = Network.Map.Nodes[2];
            (int status, string text) = await Client.PostAsync(node.BaseUrl + endpoint, new byte[StorageNode.MaxRequestBody + 1]);
            Assert.Equal(413, status);
            Assert.StartsWith("Request body too large", text);
            Assert.Equal(200, (await Client.DirectAsync(node, "info", new JsonObject())).Status);
        }

        [Fact]
        public async Task UnknownPath_404()
        {
            (int status, _) = await Client.PostAsync(Network.Map.Nodes[0].BaseUrl + "/nothing/here", new byte[1]);
            Assert.Equal(404, status);
        }

        [Fact]
        public async Task Seed_ListsEveryNode()
        {
            (int status, string body) = await Client.PostAsync(Network.SeedUrl, Encoding.UTF8.GetBytes("{\"method\":\"get_n_service_nodes\",\"params\":{}}"));
            Assert.Equal(200, status);
            JsonArray states = Rpcs.Json(body)["result"]["service_node_states"].AsArray();
            Assert.Equal(12, states.Count);
            var subnets = new System.Collections.Generic.HashSet<string>();
            foreach (JsonNode state in states)
            {
                string ip = (string)state["public_ip"];
                Assert.StartsWith("127.", ip);
                subnets.Add(ip.Substring(0, ip.LastIndexOf('.')));
            }
            Assert.True(subnets.Count >= 6, "nodes spread over several /24s");
            Assert.Equal(44, Network.SeedPin.Length);
        }
    }
}
