using System;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Session.Testnet.Tests.Support;
using Sodium;
using Xunit;

namespace Session.Testnet.Tests.Network
{
    /// <summary>The hostile-node faults and the junk filler, each as a client meets it over real HTTPS on loopback.</summary>
    [Collection("network")]
    public class HostileNodeTests
    {
        private readonly NetworkFixture _fixture;

        public HostileNodeTests(NetworkFixture fixture)
        {
            _fixture = fixture;
        }

        private TestNetwork Network => _fixture.Network;

        private OnionClient Client => _fixture.Client;

        [Fact]
        public async Task ClaimSwarm_ForeignPubkey_421AndGetSwarmNameItAndItsConspirators_OwnPubkeyServedHonestly()
        {
            var stranger = new SessionUser();
            NodeEntry liar = Rpcs.Outsider(Network.Map, stranger);
            NodeEntry friend = Network.Map.Nodes.First(n => n.Index != liar.Index && n.SwarmId != Network.Map.SwarmOf(stranger.PubkeyBytes));
            string trueSwarm = Network.Map.SwarmOf(stranger.PubkeyBytes).ToString("x16");
            try
            {
                await Network.SetFaultsAsync(liar.Index, new NodeFaults { ClaimSwarm = true, Conspirators = new[] { friend.Index } });
                string[] named = { liar.Ed25519Hex, friend.Ed25519Hex };
                foreach ((string method, JsonObject parameters) in new[]
                {
                    ("store", Rpcs.Store(stranger, new byte[] { 1 })),
                    ("retrieve", Rpcs.Retrieve(stranger)),
                })
                {
                    (int status, string body) = await Client.DirectAsync(liar, method, parameters);
                    Assert.Equal(421, status);
                    Assert.Equal(named, Members(body));
                    Assert.Equal(trueSwarm, (string)Rpcs.Json(body)["swarm"]);
                }
                (int swarmStatus, string swarmBody) = await Client.DirectAsync(liar, "get_swarm", new JsonObject { ["pubkey"] = stranger.SessionId });
                Assert.Equal(200, swarmStatus);
                Assert.Equal(named, Members(swarmBody));
                // Through an onion too: the destination's answer is the lie.
                OnionReply reply = await Client.OnionAsync(Rpcs.Path(Network.Map, liar), liar, "get_swarm", new JsonObject { ["pubkey"] = stranger.SessionId });
                Assert.Equal(named, Members(reply.Body));

                // For the pubkeys of its own swarm it is an honest member.
                var neighbour = UserIn(liar.SwarmId);
                Assert.Equal(200, (await Client.DirectAsync(liar, "store", Rpcs.Store(neighbour, new byte[] { 2 }))).Status);
                (_, string own) = await Client.DirectAsync(liar, "get_swarm", new JsonObject { ["pubkey"] = neighbour.SessionId });
                Assert.Equal(Network.Map.Members(liar.SwarmId).Select(m => m.Ed25519Hex).ToArray(), Members(own));
            }
            finally
            {
                await _fixture.HealAsync();
            }
        }

        [Fact]
        public async Task SignWithoutStoring_ValidSignedReceipt_MessageStoredNowhere()
        {
            var user = new SessionUser();
            var swarm = Rpcs.SwarmOf(Network.Map, user);
            NodeEntry liar = swarm[0];
            try
            {
                await Network.SetFaultsAsync(liar.Index, new NodeFaults { SignWithoutStoring = true });
                byte[] data = Encoding.ASCII.GetBytes("dropped on the floor");
                (int status, string body) = await Client.DirectAsync(liar, "store", Rpcs.Store(user, data));
                Assert.Equal(200, status);
                JsonObject answer = Rpcs.Json(body);
                string hash = (string)answer["hash"];
                JsonObject receipts = answer["swarm"].AsObject();
                Assert.Single(receipts);
                JsonNode receipt = receipts[liar.Ed25519Hex];
                Assert.Equal(hash, (string)receipt["hash"]);
                Assert.True(PublicKeyAuth.VerifyDetached(Convert.FromBase64String((string)receipt["signature"]), Encoding.ASCII.GetBytes(hash),
                    Convert.FromHexString(liar.Ed25519Hex)));
                foreach (NodeEntry member in swarm)
                {
                    Assert.DoesNotContain(hash, await HashesAt(member, user));
                }

                // As a replica it signs and drops as well, while the honest members keep the message.
                (_, body) = await Client.DirectAsync(swarm[1], "store", Rpcs.Store(user, Encoding.ASCII.GetBytes("kept by the others")));
                answer = Rpcs.Json(body);
                hash = (string)answer["hash"];
                Assert.NotNull(answer["swarm"][liar.Ed25519Hex]["signature"]);
                Assert.DoesNotContain(hash, await HashesAt(liar, user));
                Assert.Contains(hash, await HashesAt(swarm[2], user));
            }
            finally
            {
                await _fixture.HealAsync();
            }
        }

        [Fact]
        public async Task ClaimSwarmAndSignWithoutStoring_TakeStoresForAnyPubkey_AndKeepNothing()
        {
            var stranger = new SessionUser();
            NodeEntry liar = Rpcs.Outsider(Network.Map, stranger);
            try
            {
                await Network.SetFaultsAsync(liar.Index, new NodeFaults { ClaimSwarm = true, SignWithoutStoring = true });
                (int status, string body) = await Client.DirectAsync(liar, "store", Rpcs.Store(stranger, new byte[] { 7 }));
                Assert.Equal(200, status);
                Assert.Equal(new[] { liar.Ed25519Hex }, Rpcs.Json(body)["swarm"].AsObject().Select(p => p.Key).ToArray());
                (status, body) = await Client.DirectAsync(liar, "retrieve", Rpcs.Retrieve(stranger));
                Assert.Equal(200, status);
                Assert.Empty(Rpcs.Json(body)["messages"].AsArray());
                foreach (NodeEntry member in Rpcs.SwarmOf(Network.Map, stranger))
                {
                    Assert.Empty(await HashesAt(member, stranger));
                }
            }
            finally
            {
                await _fixture.HealAsync();
            }
        }

        [Theory]
        [InlineData(HostileJsonKind.Huge)]
        [InlineData(HostileJsonKind.Escapes)]
        [InlineData(HostileJsonKind.Nested)]
        public async Task HostileJson_DirectAndOnionAnswers_CarryTheJunkFirst_AndStayValidJson(HostileJsonKind kind)
        {
            NodeEntry node = Network.Map.Nodes[5];
            try
            {
                await Network.SetFaultsAsync(node.Index, new NodeFaults { HostileJson = kind, HostileJsonBytes = 200_000 });
                (int status, string direct) = await Client.DirectAsync(node, "info", new JsonObject());
                Assert.Equal(200, status);
                CheckHostile(direct, kind, 200_000);

                OnionReply reply = await Client.OnionAsync(Rpcs.Path(Network.Map, node), node, "info", new JsonObject());
                Assert.True(reply.Decrypted);
                Assert.Equal(200, reply.Status);
                CheckHostile(reply.Body, kind, 200_000);
                // Errors are plain text, as before.
                (status, string error) = await Client.DirectAsync(node, "retrieve", new JsonObject());
                Assert.Equal(400, status);
                Assert.StartsWith("invalid request", error);
            }
            finally
            {
                await _fixture.HealAsync();
            }
        }

        [Fact]
        public async Task HostileJson_DefaultSize_IsSeveralMegabytes()
        {
            NodeEntry node = Network.Map.Nodes[4];
            try
            {
                await Network.SetFaultsAsync(node.Index, new NodeFaults { HostileJson = HostileJsonKind.Huge });
                (_, string body) = await Client.DirectAsync(node, "info", new JsonObject());
                CheckHostile(body, HostileJsonKind.Huge, NodeFaults.DefaultHostileJsonBytes);
            }
            finally
            {
                await _fixture.HealAsync();
            }
        }

        [Fact]
        public async Task Drip_HeadersAtOnce_BodyOutlastsTheClientsTimeout_PatientClientGetsItWhole()
        {
            NodeEntry node = Network.Map.Nodes[8];
            // Its impatience is the 1 s cut on the body below: the TLS handshake before the headers may take longer on a busy machine.
            using var impatient = new HttpClient(new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (a, b, c, d) => true } })
            {
                Timeout = TimeSpan.FromSeconds(30),
            };
            try
            {
                await Network.SetFaultsAsync(node.Index, new NodeFaults { DripMs = 4000 });
                byte[] request = Encoding.UTF8.GetBytes(OnionClient.Request("info", new JsonObject()));
                using (var content = new ByteArrayContent(request))
                using (var post = new HttpRequestMessage(HttpMethod.Post, node.BaseUrl + "/storage_rpc/v1") { Content = content })
                {
                    // The status line and headers come at once: the connection looks alive.
                    using HttpResponseMessage response = await impatient.SendAsync(post, HttpCompletionOption.ResponseHeadersRead);
                    Assert.Equal(200, (int)response.StatusCode);
                    Assert.True(response.Content.Headers.ContentLength > 0);
                    using var cut = new System.Threading.CancellationTokenSource(TimeSpan.FromSeconds(1));
                    await Assert.ThrowsAnyAsync<OperationCanceledException>(() => response.Content.ReadAsByteArrayAsync(cut.Token));
                }
                using var shortWait = new OnionClient(TimeSpan.FromSeconds(1));
                await Assert.ThrowsAsync<TaskCanceledException>(() => shortWait.DirectAsync(node, "info", new JsonObject()));
                (int status, string body) = await Client.DirectAsync(node, "info", new JsonObject());
                Assert.Equal(200, status);
                Assert.NotNull(Rpcs.Json(body)["timestamp"]);
            }
            finally
            {
                await _fixture.HealAsync();
            }
        }

        [Fact]
        public async Task ReportedClockSkew_EveryReportedTimeIsOff_TheNodesOwnChecksAreNot()
        {
            var user = new SessionUser();
            NodeEntry node = Rpcs.SwarmOf(Network.Map, user)[0];
            const long Lie = 3_600_000;
            try
            {
                await Network.SetFaultsAsync(node.Index, new NodeFaults { ReportedClockSkewMs = Lie });
                long before = OnionClient.Now;
                JsonObject info = Rpcs.Json((await Client.DirectAsync(node, "info", new JsonObject())).Body);
                long after = OnionClient.Now;
                Assert.InRange((long)info["t"], before + Lie, after + Lie);
                Assert.InRange((long)info["timestamp"], before + Lie, after + Lie);

                // A store stamped with the true time is taken (the node's clock is right), and its receipt reports the lie.
                (int status, string body) = await Client.DirectAsync(node, "store", Rpcs.Store(user, new byte[] { 3 }));
                Assert.Equal(200, status);
                JsonObject answer = Rpcs.Json(body);
                Assert.InRange((long)answer["t"], before + Lie, OnionClient.Now + Lie);
                Assert.InRange((long)answer["swarm"][node.Ed25519Hex]["t"], before + Lie, OnionClient.Now + Lie);
                // A store stamped with the time it reports is refused: a client that believes it fails.
                (status, _) = await Client.DirectAsync(node, "store", Rpcs.Store(user, new byte[] { 4 }, timestamp: (long)info["t"]));
                Assert.Equal(406, status);
            }
            finally
            {
                await _fixture.HealAsync();
            }
        }

        [Fact]
        public async Task FillInbox_StoresJunkInEveryMemberOfTheSwarm_AsEnvelopesOrRandomBytes()
        {
            var victim = new SessionUser();
            Assert.Equal(45, await Network.FillInboxAsync(victim.SessionId, 45, JunkKind.Envelope, 600));
            Assert.Equal(3, await Network.FillInboxAsync(victim.SessionId, 3, JunkKind.Random, 50));
            foreach (NodeEntry member in Rpcs.SwarmOf(Network.Map, victim))
            {
                JsonArray messages = await AllAt(member, victim);
                Assert.Equal(48, messages.Count);
                byte[] first = Convert.FromBase64String((string)messages[0]["data"]);
                // WebSocketMessage type 1 with a request, as docs/protocol.md §2.1 lays out a real message.
                Assert.Equal(new byte[] { 0x08, 0x01, 0x12 }, first.Take(3).ToArray());
                Assert.InRange(first.Length, 600, 800);
                Assert.Equal(50, Convert.FromBase64String((string)messages[47]["data"]).Length);
            }
        }

        [Fact]
        public async Task AdminJunk_FillsAnInbox_RejectsBadRequestsWithAReason()
        {
            var victim = new SessionUser();
            (int status, string body) = await Client.PostAsync(Network.AdminUrl + "/junk",
                Encoding.UTF8.GetBytes("{\"pubkey\":\"" + victim.SessionId + "\",\"count\":21,\"kind\":\"envelope\",\"size\":100}"));
            Assert.Equal(200, status);
            Assert.Equal(21, (int)Rpcs.Json(body)["stored"]);
            Assert.Equal(21, (await AllAt(Rpcs.SwarmOf(Network.Map, victim)[2], victim)).Count);

            (status, body) = await Client.PostAsync(Network.AdminUrl + "/junk", Encoding.UTF8.GetBytes("{\"pubkey\":\"05ab\",\"count\":1}"));
            Assert.Equal(400, status);
            Assert.StartsWith("pubkey must be 66 hex digits", body);
            (status, body) = await Client.PostAsync(Network.AdminUrl + "/junk",
                Encoding.UTF8.GetBytes("{\"pubkey\":\"" + victim.SessionId + "\",\"count\":1,\"kind\":\"spam\"}"));
            Assert.Equal(400, status);
            Assert.Contains("kind must be random or envelope", body);
            (status, body) = await Client.PostAsync(Network.AdminUrl + "/junk", Encoding.UTF8.GetBytes("{\"pubkey\":\"" + victim.SessionId + "\",\"count\":0}"));
            Assert.Equal(400, status);
            Assert.StartsWith("count must be 1 to", body);
        }

        [Fact]
        public async Task AdminFaults_SetsTheHostileKnobs_RefusesAConspiratorOutsideTheNetwork()
        {
            try
            {
                (int status, string body) = await Client.PostAsync(Network.AdminUrl + "/faults", Encoding.UTF8.GetBytes(
                    "{\"node\":9,\"claim_swarm\":true,\"conspirators\":[1,2],\"hostile_json\":\"nested\",\"drip_ms\":10,\"sign_without_storing\":true,"
                    + "\"reported_clock_skew_ms\":5000}"));
                Assert.Equal(200, status);
                NodeFaults faults = Network.Faults(9);
                Assert.True(faults.ClaimSwarm && faults.SignWithoutStoring);
                Assert.Equal(new[] { 1, 2 }, faults.Conspirators);
                Assert.Equal(HostileJsonKind.Nested, faults.HostileJson);
                Assert.Equal(10, faults.DripMs);
                Assert.Equal(5000, faults.ReportedClockSkewMs);
                Assert.Equal("nested", (string)Rpcs.Json(body)["hostile_json"]);

                (status, body) = await Client.PostAsync(Network.AdminUrl + "/faults", Encoding.UTF8.GetBytes("{\"node\":9,\"conspirators\":[12]}"));
                Assert.Equal(400, status);
                Assert.Equal("conspirators: node 12 is not in the network (it has nodes 0 to 11)", body);
                (status, body) = await Client.PostAsync(Network.AdminUrl + "/faults", Encoding.UTF8.GetBytes("{\"node\":9,\"hostile_json\":\"loud\"}"));
                Assert.Equal(400, status);
                Assert.Contains("hostile_json must be huge, escapes, nested or none", body);
            }
            finally
            {
                await _fixture.HealAsync();
            }
        }

        private static string[] Members(string swarmJson)
        {
            return Rpcs.Json(swarmJson)["snodes"].AsArray().Select(n => (string)n["pubkey_ed25519"]).ToArray();
        }

        private SessionUser UserIn(ulong swarm)
        {
            while (true)
            {
                var user = new SessionUser();
                if (Network.Map.SwarmOf(user.PubkeyBytes) == swarm)
                {
                    return user;
                }
            }
        }

        private async Task<string[]> HashesAt(NodeEntry node, SessionUser user)
        {
            return (await AllAt(node, user)).Select(m => (string)m["hash"]).ToArray();
        }

        // Every message a node holds for the user, page after page.
        private async Task<JsonArray> AllAt(NodeEntry node, SessionUser user)
        {
            var all = new JsonArray();
            string last = null;
            while (true)
            {
                (int status, string body) = await Client.DirectAsync(node, "retrieve", Rpcs.Retrieve(user, last));
                Assert.Equal(200, status);
                JsonObject page = Rpcs.Json(body);
                foreach (JsonNode message in page["messages"].AsArray())
                {
                    all.Add(message.DeepClone());
                    last = (string)message["hash"];
                }
                if (!(bool)page["more"])
                {
                    return all;
                }
            }
        }

        // The answer is valid JSON that starts with the junk of the kind and size asked for, and still carries the real answer.
        private static void CheckHostile(string body, HostileJsonKind kind, int bytes)
        {
            Assert.InRange(body.Length, bytes, bytes + 1000);
            Assert.StartsWith("{\"junk\":" + (kind == HostileJsonKind.Huge ? "\"AAAA" : kind == HostileJsonKind.Escapes ? "[\"\\u00e9" : "[[[[[["), body);
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(body), new JsonReaderOptions { MaxDepth = bytes });
            int depth = 0;
            int strings = 0;
            bool sawTime = false;
            while (reader.Read())
            {
                depth = Math.Max(depth, reader.CurrentDepth);
                strings += reader.TokenType == JsonTokenType.String ? 1 : 0;
                sawTime |= reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("t");
            }
            Assert.True(sawTime, "the real answer's \"t\" is still there");
            switch (kind)
            {
                case HostileJsonKind.Escapes:
                    Assert.True(strings > bytes / 100, strings + " strings");
                    break;
                case HostileJsonKind.Nested:
                    Assert.True(depth > bytes / 4, "depth " + depth);
                    break;
            }
        }
    }
}
