using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Session.Testnet.Tests.Support;
using Sodium;
using Xunit;

namespace Session.Testnet.Tests.Onion
{
    [Collection("network")]
    public class OnionRequestTests
    {
        private readonly NetworkFixture _fixture;

        public OnionRequestTests(NetworkFixture fixture)
        {
            _fixture = fixture;
        }

        private TestNetwork Network => _fixture.Network;

        private OnionClient Client => _fixture.Client;

        [Theory]
        [InlineData("xchacha20")]
        [InlineData("aes-gcm")]
        public async Task StoreAndRetrieve_ThroughThreeHops(string encType)
        {
            var user = new SessionUser();
            List<NodeEntry> swarm = Rpcs.SwarmOf(Network.Map, user);
            NodeEntry destination = swarm[0];
            NodeEntry[] path = Rpcs.Path(Network.Map, destination);

            OnionReply stored = await Client.OnionAsync(path, destination, "store", Rpcs.Store(user, Encoding.UTF8.GetBytes("via onion " + encType)), encType);

            Assert.Equal(200, stored.HttpStatus);
            Assert.True(stored.Decrypted);
            Assert.Equal(200, stored.Status);
            string hash = (string)stored.Json["hash"];
            Assert.Equal(swarm.Count, stored.Json["swarm"].AsObject().Count);

            // Retrieve from another member, through another path.
            NodeEntry other = swarm[3];
            OnionReply retrieved = await Client.OnionAsync(Rpcs.Path(Network.Map, other, path[0].Index), other, "retrieve", Rpcs.Retrieve(user), encType);
            Assert.Equal(200, retrieved.Status);
            JsonArray messages = retrieved.Json["messages"].AsArray();
            Assert.Single(messages);
            Assert.Equal(hash, (string)messages[0]["hash"]);
            Assert.Equal("via onion " + encType, Encoding.UTF8.GetString(Convert.FromBase64String((string)messages[0]["data"])));
        }

        [Fact]
        public async Task OnionRpcError_ComesBackEncrypted_WithItsStatus()
        {
            var user = new SessionUser();
            NodeEntry outsider = Rpcs.Outsider(Network.Map, user);
            OnionReply reply = await Client.OnionAsync(Rpcs.Path(Network.Map, outsider), outsider, "store", Rpcs.Store(user, new byte[] { 1 }));
            Assert.Equal(200, reply.HttpStatus);
            Assert.Equal(421, reply.Status);
            Assert.Equal(Network.Map.SwarmOf(user.PubkeyBytes).ToString("x16"), (string)reply.Json["swarm"]);
        }

        [Fact]
        public async Task UnknownNextNode_502NextNodeNotFound()
        {
            var user = new SessionUser();
            NodeEntry destination = Rpcs.SwarmOf(Network.Map, user)[0];
            string unknown = Convert.ToHexStringLower(PublicKeyAuth.GenerateKeyPair().PublicKey);
            var fake = new NodeEntry(99, "127.0.0.9", 1, unknown, Convert.ToHexStringLower(PublicKeyBox.GenerateKeyPair().PublicKey), 0);
            NodeEntry[] path = Rpcs.Path(Network.Map, destination);
            // The middle hop relays to a node nobody knows.
            path[2] = fake;
            OnionClient.Onion onion = OnionClient.Build(path, destination, Encoding.UTF8.GetBytes(OnionClient.Request("info", new JsonObject())), "xchacha20");
            (int status, string body) = await Client.PostAsync(path[0].BaseUrl + "/onion_req/v2", onion.Request);
            Assert.Equal(502, status);
            Assert.Equal("Next node not found: " + unknown, body);
        }

        [Fact]
        public async Task LayerForAnotherNode_400InvalidCiphertext()
        {
            NodeEntry guard = Network.Map.Nodes[0];
            NodeEntry wrong = Network.Map.Nodes[1];
            // Encrypted to 'wrong', sent to 'guard'.
            OnionClient.Onion onion = OnionClient.Build(new[] { wrong }, Network.Map.Nodes[2], Encoding.UTF8.GetBytes("{}"), "aes-gcm");
            (int status, string body) = await Client.PostAsync(guard.BaseUrl + "/onion_req/v2", onion.Request);
            Assert.Equal(400, status);
            Assert.Equal("Invalid ciphertext", body);
        }

        public static IEnumerable<object[]> BadOuterLayers()
        {
            string key = new string('1', 64);
            yield return new object[] { new byte[] { 1, 0 }, "too short" };
            yield return new object[] { Prefix(1000, "{}"), "length prefix says 1000" };
            yield return new object[] { Prefix(0, "not json"), "does not parse" };
            yield return new object[] { Prefix(0, "{\"enc_type\":\"xchacha20\"}"), "missing ephemeral_key" };
            yield return new object[] { Prefix(0, "{\"ephemeral_key\":\"abc\"}"), "ephemeral_key must be 64 hex digits" };
            yield return new object[] { Prefix(0, "{\"ephemeral_key\":\"" + key + "\",\"enc_type\":\"rot13\"}"), "unknown enc_type 'rot13'" };
            yield return new object[] { Prefix(0, "{\"ephemeral_key\":\"" + key + "\",\"hop_no\":15}"), "past the limit of 15 hops" };
            yield return new object[] { Prefix(0, "{\"ephemeral_key\":\"" + key + "\"}"), "Invalid ciphertext" };
        }

        [Theory]
        [MemberData(nameof(BadOuterLayers))]
        public async Task BadOuterLayer_400_NodeKeepsServing(byte[] request, string reason)
        {
            NodeEntry guard = Network.Map.Nodes[4];
            (int status, string body) = await Client.PostAsync(guard.BaseUrl + "/onion_req/v2", request);
            Assert.Equal(400, status);
            Assert.Contains(reason, body);
            NodeEntry destination = Network.Map.Nodes[8];
            OnionReply fine = await Client.OnionAsync(new[] { guard, Network.Map.Nodes[5], Network.Map.Nodes[6] }, destination, "info", new JsonObject());
            Assert.Equal(200, fine.Status);
        }

        [Fact]
        public async Task TruncatedLayer_400()
        {
            NodeEntry guard = Network.Map.Nodes[0];
            OnionClient.Onion onion = OnionClient.Build(new[] { guard }, Network.Map.Nodes[5], Encoding.UTF8.GetBytes("{}"), "xchacha20");
            (int status, string body) = await Client.PostAsync(guard.BaseUrl + "/onion_req/v2", onion.Request[..(onion.Request.Length / 2)]);
            Assert.Equal(400, status);
            Assert.StartsWith("Error parsing onion request: ", body);
        }

        [Fact]
        public async Task InnerPlaintextWithoutRouting_400()
        {
            NodeEntry guard = Network.Map.Nodes[0];
            KeyPair e = PublicKeyBox.GenerateKeyPair();
            byte[] key = OnionClient.LayerKey("xchacha20", e, Convert.FromHexString(guard.X25519Hex));
            // Decrypts fine, but says neither headers nor host nor destination.
            byte[] inner = OnionClient.Layer(new byte[] { 1 }, new JsonObject { ["ephemeral_key"] = Convert.ToHexStringLower(e.PublicKey) });
            byte[] request = OnionClient.Layer(OnionClient.Seal("xchacha20", key, inner),
                new JsonObject { ["ephemeral_key"] = Convert.ToHexStringLower(e.PublicKey), ["enc_type"] = "xchacha20" });
            (int status, string body) = await Client.PostAsync(guard.BaseUrl + "/onion_req/v2", request);
            Assert.Equal(400, status);
            Assert.Equal("Error parsing onion request: missing destination", body);
        }

        [Fact]
        public async Task DestinationWithGarbageRpc_AnswersEncrypted400()
        {
            NodeEntry destination = Network.Map.Nodes[9];
            OnionClient.Onion onion = OnionClient.Build(Rpcs.Path(Network.Map, destination), destination, Encoding.UTF8.GetBytes("{{{"), "aes-gcm");
            (int status, string body) = await Client.PostAsync(Network.Map.Nodes[0].BaseUrl + "/onion_req/v2", onion.Request);
            OnionReply reply = OnionReply.From(status, body, onion, "aes-gcm");
            Assert.Equal(400, reply.Status);
            Assert.StartsWith("invalid request: the body is not JSON", reply.Body);
        }

        [Fact]
        public async Task MixedEncTypes_AesGcmGuard_XChaChaBeyond_Works()
        {
            var user = new SessionUser();
            NodeEntry destination = Rpcs.SwarmOf(Network.Map, user)[0];
            NodeEntry[] path = Rpcs.Path(Network.Map, destination);
            byte[] body = Encoding.UTF8.GetBytes(OnionClient.Request("get_swarm", new JsonObject { ["pubkey"] = user.SessionId }));
            OnionClient.Onion onion = OnionClient.Build(path, destination, body, new[] { "aes-gcm", "xchacha20", "aes-gcm", "xchacha20" },
                new JsonObject { ["headers"] = "" });
            (int status, string text) = await Client.PostAsync(path[0].BaseUrl + "/onion_req/v2", onion.Request);
            OnionReply reply = OnionReply.From(status, text, onion, "xchacha20");
            Assert.Equal(200, reply.Status);
            Assert.Equal(4, reply.Json["snodes"].AsArray().Count);
        }

        [Fact]
        public async Task JsonTrueBase64False_RawReplyWithEmbeddedJson()
        {
            NodeEntry destination = Network.Map.Nodes[3];
            NodeEntry[] path = Rpcs.Path(Network.Map, destination);
            byte[] body = Encoding.UTF8.GetBytes(OnionClient.Request("info", new JsonObject()));
            OnionClient.Onion onion = OnionClient.Build(path, destination, body, new[] { "xchacha20", "xchacha20", "xchacha20", "aes-gcm" },
                new JsonObject { ["headers"] = new JsonObject(), ["json"] = true, ["base64"] = false });
            using var content = new System.Net.Http.ByteArrayContent(onion.Request);
            using var http = new System.Net.Http.HttpClient(new System.Net.Http.SocketsHttpHandler
            {
                SslOptions = { RemoteCertificateValidationCallback = (a, b, c, d) => true },
            });
            using var response = await http.PostAsync(path[0].BaseUrl + "/onion_req/v2", content);
            byte[] raw = await response.Content.ReadAsByteArrayAsync();
            JsonObject reply = JsonNode.Parse(OnionClient.Open("aes-gcm", onion.DestinationKey, raw)).AsObject();
            Assert.Equal(200, (int)reply["status"]);
            Assert.Equal(3, reply["body"]["version"].AsArray().Count);
        }

        [Fact]
        public async Task ProxyToAServer_400NotInTheTestnet()
        {
            NodeEntry destination = Network.Map.Nodes[3];
            NodeEntry[] path = Rpcs.Path(Network.Map, destination);
            // The last relay is asked to proxy to an outside host instead of a node.
            KeyPair e = PublicKeyBox.GenerateKeyPair();
            byte[] key = OnionClient.LayerKey("xchacha20", e, Convert.FromHexString(path[0].X25519Hex));
            byte[] inner = OnionClient.Layer(new byte[] { 1 }, new JsonObject { ["host"] = "example.org", ["target"] = "/oxen/v4/lsrpc" });
            byte[] request = OnionClient.Layer(OnionClient.Seal("xchacha20", key, inner),
                new JsonObject { ["ephemeral_key"] = Convert.ToHexStringLower(e.PublicKey), ["enc_type"] = "xchacha20" });
            (int status, string text) = await Client.PostAsync(path[0].BaseUrl + "/onion_req/v2", request);
            Assert.Equal(400, status);
            Assert.Contains("does not proxy to servers outside it", text);
        }

        private static byte[] Prefix(uint length, string json)
        {
            byte[] text = Encoding.UTF8.GetBytes(json);
            byte[] output = new byte[4 + text.Length];
            BinaryPrimitives.WriteUInt32LittleEndian(output, length);
            text.CopyTo(output, 4);
            return output;
        }
    }
}
