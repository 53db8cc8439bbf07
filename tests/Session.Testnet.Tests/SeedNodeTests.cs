using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace Session.Testnet.Tests
{
    public class SeedNodeTests
    {
        private static readonly NodeRecord[] s_nodes =
        {
            new NodeRecord("127.0.1.1", 22021, new string('a', 64), new string('b', 64), 0x1000000000000000),
            new NodeRecord("127.0.2.1", 22022, new string('c', 64), new string('d', 64), 0xf000000000000001),
        };

        [Fact]
        public async Task GetNServiceNodes_OverPinnedTls_ListsTheNodes()
        {
            await using SeedNode seed = await SeedNode.StartAsync(IPAddress.Loopback, 0, s_nodes);
            using HttpClient client = PinnedClient(SelfSignedCertificate.Pin(seed.Certificate));

            using HttpResponseMessage response = await Post(client, seed.Url,
                "{\"jsonrpc\":\"2.0\",\"method\":\"get_n_service_nodes\",\"params\":{\"active_only\":true}}");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType.MediaType);
            using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            JsonElement states = body.RootElement.GetProperty("result").GetProperty("service_node_states");
            Assert.Equal(2, states.GetArrayLength());
            Assert.Equal("127.0.2.1", states[1].GetProperty("public_ip").GetString());
            Assert.Equal(22022, states[1].GetProperty("storage_port").GetInt32());
            Assert.Equal(new string('c', 64), states[1].GetProperty("pubkey_ed25519").GetString());
            Assert.Equal(new string('d', 64), states[1].GetProperty("pubkey_x25519").GetString());
        }

        [Fact]
        public async Task GetNServiceNodes_SwarmIdField_GivesEachNodesSwarmAsAFull64BitNumber()
        {
            await using SeedNode seed = await SeedNode.StartAsync(IPAddress.Loopback, 0, s_nodes);
            using HttpClient client = PinnedClient(SelfSignedCertificate.Pin(seed.Certificate));

            using HttpResponseMessage asked = await Post(client, seed.Url,
                "{\"jsonrpc\":\"2.0\",\"method\":\"get_n_service_nodes\",\"params\":{\"fields\":{\"pubkey_ed25519\":true,\"swarm_id\":true}}}");
            string text = await asked.Content.ReadAsStringAsync();
            Assert.Contains("\"swarm_id\":17293822569102704641", text);
            using JsonDocument body = JsonDocument.Parse(text);
            JsonElement states = body.RootElement.GetProperty("result").GetProperty("service_node_states");
            Assert.Equal(0x1000000000000000UL, states[0].GetProperty("swarm_id").GetUInt64());
            Assert.Equal(0xf000000000000001UL, states[1].GetProperty("swarm_id").GetUInt64());

            using HttpResponseMessage notAsked = await Post(client, seed.Url, "{\"method\":\"get_n_service_nodes\",\"params\":{\"fields\":{\"swarm_id\":false}}}");
            Assert.DoesNotContain("swarm_id", await notAsked.Content.ReadAsStringAsync());
        }

        [Theory]
        [InlineData(1, 1)]
        [InlineData(2, 2)]
        [InlineData(5, 2)]
        [InlineData(0, 2)]
        public async Task GetNServiceNodes_Limit_ARandomSubsetOfThatSize(int limit, int expected)
        {
            await using SeedNode seed = await SeedNode.StartAsync(IPAddress.Loopback, 0, s_nodes);
            using HttpClient client = PinnedClient(SelfSignedCertificate.Pin(seed.Certificate));

            using HttpResponseMessage response = await Post(client, seed.Url,
                "{\"jsonrpc\":\"2.0\",\"method\":\"get_n_service_nodes\",\"params\":{\"active_only\":true,\"limit\":" + limit + "}}");

            using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            JsonElement states = body.RootElement.GetProperty("result").GetProperty("service_node_states");
            Assert.Equal(expected, states.GetArrayLength());
            var ips = new System.Collections.Generic.HashSet<string>();
            foreach (JsonElement state in states.EnumerateArray())
            {
                Assert.Contains(state.GetProperty("public_ip").GetString(), new[] { "127.0.1.1", "127.0.2.1" });
                Assert.True(ips.Add(state.GetProperty("public_ip").GetString()), "no node twice");
            }
        }

        [Fact]
        public async Task Client_WithWrongPin_RefusesTheSeed()
        {
            await using SeedNode seed = await SeedNode.StartAsync(IPAddress.Loopback, 0, s_nodes);
            using HttpClient client = PinnedClient(Convert.ToBase64String(new byte[32]));
            await Assert.ThrowsAsync<HttpRequestException>(() => Post(client, seed.Url, "{\"method\":\"get_n_service_nodes\"}"));
        }

        [Theory]
        [InlineData("{\"method\":\"get_swarm\"}", "no method get_swarm")]
        [InlineData("{\"params\":{}}", "no method (missing)")]
        [InlineData("{\"method\":", "invalid request: ")]
        public async Task BadRequest_Answers400WithReason(string body, string reason)
        {
            await using SeedNode seed = await SeedNode.StartAsync(IPAddress.Loopback, 0, s_nodes);
            using HttpClient client = PinnedClient(SelfSignedCertificate.Pin(seed.Certificate));
            using HttpResponseMessage response = await Post(client, seed.Url, body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.StartsWith(reason, await response.Content.ReadAsStringAsync());

            using HttpResponseMessage after = await Post(client, seed.Url, "{\"method\":\"get_n_service_nodes\"}");
            Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        }

        private static Task<HttpResponseMessage> Post(HttpClient client, string url, string json)
        {
            return client.PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));
        }

        private static HttpClient PinnedClient(string pin)
        {
            var handler = new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) =>
                    SelfSignedCertificate.Pin(new X509Certificate2(certificate)) == pin,
            };
            return new HttpClient(handler);
        }
    }
}
