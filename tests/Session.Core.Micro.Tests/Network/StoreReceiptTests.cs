using System;
using System.Linq;
using System.Text;
using Session.Core.Micro.Encoding;
using Session.Core.Micro.Network;
using Session.Core.Micro.Tests.Onion;
using Session.Core.Micro.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Session.Core.Micro.Tests.Network
{
    public class StoreReceiptTests
    {
        private readonly ITestOutputHelper _output;

        public StoreReceiptTests(ITestOutputHelper output)
        {
            _output = output;
        }

        internal static string Entry(OnionTestNode signer, string keyHex, string hash, bool already = false)
        {
            string sig = Convert.ToBase64String(Sodium.PublicKeyAuth.SignDetached(System.Text.Encoding.ASCII.GetBytes(hash), signer.Ed25519Secret));
            return "\"" + keyHex + "\":{\"hash\":\"" + hash + "\",\"signature\":\"" + sig + "\",\"expiry\":1700001209600" + (already ? ",\"already\":true" : "") + "}";
        }

        private static JsonValue Response(params string[] entries) =>
            JsonReader.Parse("{\"swarm\":{" + string.Join(",", entries) + "},\"hash\":\"x\",\"t\":1700000000000}");

        [Fact]
        public void MessageHash_MatchesLibsodiumOverPrefixKeyNamespaceData()
        {
            var random = new SeededRandom(_output, nameof(MessageHash_MatchesLibsodiumOverPrefixKeyNamespaceData));
            foreach (int ns in new[] { 0, 5, -10, 32767, -32768 })
            {
                byte[] pk = random.Bytes(32), data = random.Bytes(random.Next(2000));
                string id = "05" + Convert.ToHexStringLower(pk);
                byte[] input = new byte[] { 5 }.Concat(pk).Concat(ns == 0 ? new byte[0] : System.Text.Encoding.ASCII.GetBytes(ns.ToString())).Concat(data).ToArray();
                string expected = Convert.ToBase64String(Sodium.GenericHash.Hash(input, (byte[])null, 32)).TrimEnd('=');
                Assert.Equal(expected, MessageHash.Compute(id, ns, data));
                Assert.Equal(MessageHash.TextLength, expected.Length);
            }
            Assert.Throws<ArgumentException>(() => MessageHash.Compute("03" + new string('a', 64), 0, new byte[1]));
            Assert.Throws<ArgumentException>(() => MessageHash.Compute("05" + new string('a', 64), 40000, new byte[1]));
        }

        [Fact]
        public void Verify_SignaturesFromSwarm_CountTowardsK()
        {
            var random = new SeededRandom(_output, nameof(Verify_SignaturesFromSwarm_CountTowardsK));
            OnionTestNode[] swarm = OnionBuilderTests.Nodes(random, 3);
            string hash = MessageHash.Compute("05" + Convert.ToHexStringLower(random.Bytes(32)), 0, random.Bytes(100));
            JsonValue reply = Response(Entry(swarm[0], swarm[0].Hex, hash), Entry(swarm[1], swarm[1].Hex, hash, already: true),
                "\"" + swarm[2].Hex + "\":{\"failed\":true,\"timeout\":true}");
            ServiceNode[] members = swarm.Select(n => n.Node).ToArray();
            StoreReceipt receipt = StoreReceipt.Verify(reply, hash, members, 1);
            Assert.True(receipt.IsSuccess);
            Assert.Equal(2, receipt.VerifiedCount);
            Assert.Equal(1, receipt.FailedCount);
            Assert.Equal(0, receipt.RejectedCount);
            Assert.True(receipt.Already);
            Assert.Equal(1700001209600L, receipt.Expiry);
            Assert.True(StoreReceipt.Verify(reply, hash, members, 2).IsSuccess);
            Assert.False(StoreReceipt.Verify(reply, hash, members, 3).IsSuccess);
            Assert.False(StoreReceipt.Verify(Response(Entry(swarm[0], swarm[0].Hex, hash)), hash, members, 1).Already);
        }

        [Fact]
        public void Verify_WrongHash_WrongKey_OutsideNode_Rejected()
        {
            var random = new SeededRandom(_output, nameof(Verify_WrongHash_WrongKey_OutsideNode_Rejected));
            OnionTestNode[] nodes = OnionBuilderTests.Nodes(random, 4);
            ServiceNode[] members = nodes.Take(3).Select(n => n.Node).ToArray();
            string hash = MessageHash.Compute("05" + Convert.ToHexStringLower(random.Bytes(32)), 0, random.Bytes(100));
            string otherHash = MessageHash.Compute("05" + Convert.ToHexStringLower(random.Bytes(32)), 0, random.Bytes(100));

            // A member signing (and claiming) a different hash.
            AssertRejected(Response(Entry(nodes[0], nodes[0].Hex, otherHash)), hash, members);
            // A member claiming the right hash with a signature over another one.
            string forged = Entry(nodes[0], nodes[0].Hex, otherHash).Replace(otherHash, hash);
            AssertRejected(Response(forged), hash, members);
            // Signed by another member's key but filed under this member.
            AssertRejected(Response(Entry(nodes[1], nodes[0].Hex, hash)), hash, members);
            // A valid signature by a node outside the swarm.
            AssertRejected(Response(Entry(nodes[3], nodes[3].Hex, hash)), hash, members);
            // The same member twice counts once (JSON allows repeated names).
            StoreReceipt twice = StoreReceipt.Verify(Response(Entry(nodes[0], nodes[0].Hex, hash), Entry(nodes[0], nodes[0].Hex, hash)), hash, members, 2);
            Assert.Equal(1, twice.VerifiedCount);
            Assert.False(twice.IsSuccess);
            // Missing or malformed signature.
            AssertRejected(Response("\"" + nodes[0].Hex + "\":{\"hash\":\"" + hash + "\"}"), hash, members);
            AssertRejected(Response("\"" + nodes[0].Hex + "\":{\"hash\":\"" + hash + "\",\"signature\":\"AAAA\"}"), hash, members);
            Assert.Throws<MalformedDataException>(() => StoreReceipt.Verify(JsonReader.Parse("{\"hash\":\"x\"}"), hash, members, 1));
            Assert.Throws<ArgumentException>(() => StoreReceipt.Verify(Response(), hash, members, 0));
        }

        private static void AssertRejected(JsonValue reply, string hash, ServiceNode[] members)
        {
            StoreReceipt receipt = StoreReceipt.Verify(reply, hash, members, 1);
            Assert.False(receipt.IsSuccess);
            Assert.Equal(0, receipt.VerifiedCount);
            Assert.Equal(1, receipt.RejectedCount);
        }
    }
}
