using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Session.Testnet.Tests.Support;
using Sodium;
using Xunit;

namespace Session.Testnet.Tests.Rpc
{
    [Collection("network")]
    public class StoreRpcTests
    {
        private readonly NetworkFixture _fixture;

        public StoreRpcTests(NetworkFixture fixture)
        {
            _fixture = fixture;
        }

        private TestNetwork Network => _fixture.Network;

        private OnionClient Client => _fixture.Client;

        [Fact]
        public async Task Store_InSwarm_EveryMemberSignsTheHash()
        {
            var user = new SessionUser();
            List<NodeEntry> swarm = Rpcs.SwarmOf(Network.Map, user);
            byte[] data = Encoding.UTF8.GetBytes("hello swarm");

            (int status, string body) = await Client.DirectAsync(swarm[0], "store", Rpcs.Store(user, data));

            Assert.Equal(200, status);
            JsonObject answer = Rpcs.Json(body);
            // Hash written again here from docs/protocol.md §3.2: unpadded b64 of BLAKE2b-256(0x05 || pk || data).
            byte[] input = new byte[33 + data.Length];
            user.PubkeyBytes.CopyTo(input, 0);
            data.CopyTo(input, 33);
            string expected = Convert.ToBase64String(GenericHash.Hash(input, null, 32)).TrimEnd('=');
            Assert.Equal(expected, (string)answer["hash"]);
            Assert.True((long)answer["t"] > 0);
            Assert.Equal(2, answer["hf"].AsArray().Count);
            JsonObject members = answer["swarm"].AsObject();
            Assert.Equal(swarm.Count, members.Count);
            foreach (NodeEntry member in swarm)
            {
                JsonObject receipt = members[member.Ed25519Hex].AsObject();
                Assert.Equal(expected, (string)receipt["hash"]);
                Assert.True(PublicKeyAuth.VerifyDetached(Convert.FromBase64String((string)receipt["signature"]), Encoding.ASCII.GetBytes(expected),
                    Convert.FromHexString(member.Ed25519Hex)), "receipt of node " + member.Index);
                Assert.False(receipt.ContainsKey("already"));
            }
            Assert.True(members[swarm[0].Ed25519Hex].AsObject().ContainsKey("t"));
        }

        [Fact]
        public async Task Store_Replicates_EveryMemberReturnsTheMessage()
        {
            var user = new SessionUser();
            List<NodeEntry> swarm = Rpcs.SwarmOf(Network.Map, user);
            await Client.DirectAsync(swarm[1], "store", Rpcs.Store(user, Encoding.UTF8.GetBytes("replicated")));
            foreach (NodeEntry member in swarm)
            {
                (int status, string body) = await Client.DirectAsync(member, "retrieve", Rpcs.Retrieve(user));
                Assert.Equal(200, status);
                JsonArray messages = Rpcs.Json(body)["messages"].AsArray();
                Assert.Single(messages);
                Assert.Equal("replicated", Encoding.UTF8.GetString(Convert.FromBase64String((string)messages[0]["data"])));
            }
        }

        [Fact]
        public async Task Store_Twice_SecondSaysAlready()
        {
            var user = new SessionUser();
            NodeEntry node = Rpcs.SwarmOf(Network.Map, user)[0];
            JsonObject parameters = Rpcs.Store(user, new byte[] { 1, 2, 3 });
            await Client.DirectAsync(node, "store", parameters.DeepClone().AsObject());
            (int status, string body) = await Client.DirectAsync(node, "store", parameters);
            Assert.Equal(200, status);
            foreach (var (_, receipt) in Rpcs.Json(body)["swarm"].AsObject())
            {
                Assert.True((bool)receipt["already"]);
            }
        }

        [Fact]
        public async Task Store_WrongSwarm_421NamesTheRightSwarm()
        {
            var user = new SessionUser();
            NodeEntry outsider = Rpcs.Outsider(Network.Map, user);
            (int status, string body) = await Client.DirectAsync(outsider, "store", Rpcs.Store(user, new byte[] { 1 }));
            Assert.Equal(421, status);
            JsonObject answer = Rpcs.Json(body);
            Assert.Equal(Network.Map.SwarmOf(user.PubkeyBytes).ToString("x16"), (string)answer["swarm"]);
            var listed = new HashSet<string>();
            foreach (JsonNode snode in answer["snodes"].AsArray())
            {
                listed.Add((string)snode["pubkey_ed25519"]);
            }
            foreach (NodeEntry member in Rpcs.SwarmOf(Network.Map, user))
            {
                Assert.Contains(member.Ed25519Hex, listed);
            }
            Assert.True(answer.ContainsKey("t"));
        }

        [Theory]
        [InlineData(9_999)]
        [InlineData(14L * 24 * 3600 * 1000 + 1)]
        public async Task Store_TtlOutOfRange_403(long ttl)
        {
            var user = new SessionUser();
            (int status, string body) = await Client.DirectAsync(Rpcs.SwarmOf(Network.Map, user)[0], "store", Rpcs.Store(user, new byte[] { 1 }, ttl));
            Assert.Equal(403, status);
            Assert.Equal("Provided expiry/TTL is not valid.", body);
        }

        [Fact]
        public async Task Store_TimestampInTheFuture_406()
        {
            var user = new SessionUser();
            (int status, string body) = await Client.DirectAsync(Rpcs.SwarmOf(Network.Map, user)[0], "store",
                Rpcs.Store(user, new byte[] { 1 }, timestamp: OnionClient.Now + 60_000));
            Assert.Equal(406, status);
            Assert.Equal("Timestamp error: check your clock", body);
        }

        [Fact]
        public async Task Store_DataOverLimit_413_LimitItselfAccepted()
        {
            var user = new SessionUser();
            NodeEntry node = Rpcs.SwarmOf(Network.Map, user)[0];
            (int status, string body) = await Client.DirectAsync(node, "store", Rpcs.Store(user, new byte[StoreRpc.DataMaximum + 1]));
            Assert.Equal(413, status);
            Assert.Contains("76800", body);
            (status, _) = await Client.DirectAsync(node, "store", Rpcs.Store(user, new byte[StoreRpc.DataMaximum]));
            Assert.Equal(200, status);
        }

        [Fact]
        public async Task Store_PrivateNamespace_NeedsSignature_401_ThenAccepted()
        {
            var user = new SessionUser();
            NodeEntry node = Rpcs.SwarmOf(Network.Map, user)[0];
            JsonObject parameters = Rpcs.Store(user, new byte[] { 9 });
            parameters["namespace"] = 3;
            (int status, string body) = await Client.DirectAsync(node, "store", parameters.DeepClone().AsObject());
            Assert.Equal(401, status);
            Assert.Equal("store: request signature required", body);

            long ts = OnionClient.Now;
            parameters["sig_timestamp"] = ts;
            parameters["pubkey_ed25519"] = user.Ed25519Hex;
            parameters["signature"] = user.Sign("store3" + (ts + 1));
            (status, body) = await Client.DirectAsync(node, "store", parameters.DeepClone().AsObject());
            Assert.Equal(401, status);
            Assert.Equal("store signature verification failed", body);

            parameters["signature"] = user.Sign("store3" + ts);
            (status, body) = await Client.DirectAsync(node, "store", parameters);
            Assert.Equal(200, status);
            Assert.Equal(4, Rpcs.Json(body)["swarm"].AsObject().Count);
        }

        [Theory]
        [InlineData("{\"pubkey\":\"05ab\",\"timestamp\":1,\"ttl\":20000,\"data\":\"\"}", "pubkey must be 66 hex digits")]
        [InlineData("{\"timestamp\":1,\"ttl\":20000,\"data\":\"\"}", "missing 'pubkey'")]
        [InlineData("{\"pubkey\":\"PUBKEY\",\"timestamp\":\"soon\",\"ttl\":20000,\"data\":\"\"}", "'timestamp' must be an integer")]
        [InlineData("{\"pubkey\":\"PUBKEY\",\"timestamp\":1,\"data\":\"\"}", "exactly one of 'ttl' and 'expiry'")]
        [InlineData("{\"pubkey\":\"PUBKEY\",\"timestamp\":1,\"ttl\":20000,\"data\":\"!!\"}", "'data' is not base64")]
        [InlineData("{\"pubkey\":\"PUBKEY\",\"timestamp\":1,\"ttl\":20000,\"data\":\"\",\"namespace\":40000}", "namespace must be between")]
        public async Task Store_BadParameters_400SaysWhich(string parameters, string reason)
        {
            var user = new SessionUser();
            JsonObject p = Rpcs.Json(parameters.Replace("PUBKEY", user.SessionId));
            (int status, string body) = await Client.DirectAsync(Rpcs.SwarmOf(Network.Map, user)[0], "store", p);
            Assert.Equal(400, status);
            Assert.Contains(reason, body);
        }

        [Fact]
        public async Task Store_WithExpiryInsteadOfTtl_KeepsThatExpiry()
        {
            var user = new SessionUser();
            NodeEntry node = Rpcs.SwarmOf(Network.Map, user)[0];
            JsonObject parameters = Rpcs.Store(user, new byte[] { 6 });
            parameters.Remove("ttl");
            long expiry = OnionClient.Now + 120_000;
            parameters["expiry"] = expiry;
            (int status, string body) = await Client.DirectAsync(node, "store", parameters);
            Assert.Equal(200, status);
            Assert.Equal(expiry, (long)Rpcs.Json(body)["swarm"][node.Ed25519Hex]["expiry"]);
            JsonArray messages = Rpcs.Json((await Client.DirectAsync(node, "retrieve", Rpcs.Retrieve(user))).Body)["messages"].AsArray();
            Assert.Equal(expiry, (long)Assert.Single(messages)["expiration"]);
        }

        [Fact]
        public async Task Store_ExpiryInThePast_406()
        {
            var user = new SessionUser();
            JsonObject parameters = Rpcs.Store(user, new byte[] { 6 }, timestamp: OnionClient.Now - 40_000);
            parameters.Remove("ttl");
            parameters["expiry"] = OnionClient.Now - 20_000;
            (int status, string body) = await Client.DirectAsync(Rpcs.SwarmOf(Network.Map, user)[0], "store", parameters);
            Assert.Equal(406, status);
            Assert.Equal("Timestamp error: check your clock", body);
        }

        [Fact]
        public async Task Store_StringifiedIntegers_Accepted()
        {
            var user = new SessionUser();
            JsonObject parameters = Rpcs.Store(user, new byte[] { 5 });
            parameters["timestamp"] = ((long)parameters["timestamp"]).ToString();
            parameters["ttl"] = "20000";
            (int status, _) = await Client.DirectAsync(Rpcs.SwarmOf(Network.Map, user)[0], "store", parameters);
            Assert.Equal(200, status);
        }
    }
}
