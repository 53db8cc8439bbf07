using System;
using System.Linq;
using System.Text.Json.Nodes;
using Session.Core.Micro.Network;
using Session.Core.Micro.Onion;
using Session.Core.Micro.Tests.Onion;
using Session.Core.Micro.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Session.Core.Micro.Tests.Network
{
    /// <summary>
    /// An onion reply read as it arrives has no body cap of the transport's: it ends where no node's answer can go on,
    /// so that a hop streaming base64 for the whole request timeout costs the device a bounded read, not the timeout.
    /// </summary>
    public class OnionReplyReaderTests
    {
        // The largest message a node stores, in bytes of data.
        private const int LargestMessage = 76800;
        private const int Piece = 1024;

        private readonly ITestOutputHelper _output;

        public OnionReplyReaderTests(ITestOutputHelper output)
        {
            _output = output;
        }

        [Fact]
        public void Write_TheLargestAnswerANodeGives_ReadWholeAndOpens_NotTooLong()
        {
            var (keys, nodes, random) = Setup(nameof(Write_TheLargestAnswerANodeGives_ReadWholeAndOpens_NotTooLong));
            string retrieve = new JsonObject
            {
                ["messages"] = new JsonArray(new JsonObject
                {
                    ["hash"] = new string('h', 43),
                    ["timestamp"] = 1700000000000,
                    ["expiration"] = 1701209600000,
                    ["data"] = Convert.ToBase64String(random.Bytes(LargestMessage)),
                }),
                ["more"] = false,
            }.ToJsonString();
            byte[] wire = Sealed(keys, nodes[3], new JsonObject { ["status"] = 200, ["body"] = retrieve }.ToJsonString(), random);
            _output.WriteLine("the largest answer: " + wire.Length + " bytes on the wire");

            var page = new RetrieveReplyReader(26880);
            var reader = new OnionReplyReader(keys, page);
            for (int at = 0; at < wire.Length; at += Piece)
            {
                Assert.True(reader.Write(wire, at, Math.Min(Piece, wire.Length - at)), "refused at byte " + at + " of " + wire.Length);
            }
            Assert.Equal(OnionReplyKind.Delivered, reader.Finish(200).Kind);
            Assert.False(reader.IsTooLong);
            Assert.True(page.IsComplete);
            RetrievedMessage skipped = Assert.Single(page.Messages());
            Assert.True(skipped.IsSkipped);
        }

        [Fact]
        public void Write_GarbageLongerThanAnyNodeSends_RefusedAtTheCap_Undecryptable()
        {
            var (keys, nodes, random) = Setup(nameof(Write_GarbageLongerThanAnyNodeSends_RefusedAtTheCap_Undecryptable));
            var reader = new OnionReplyReader(keys, new RetrieveReplyReader(26880));
            // Base64 of random bytes, as long as a hop can send in 30 s on a fast link.
            byte[] piece = System.Text.Encoding.ASCII.GetBytes(Convert.ToBase64String(random.Bytes(Piece / 4 * 3)));
            Assert.InRange(Taken(reader, piece, piece.Length), 137000, OnionReplyReader.MaxReplyBytes);
            // It never read as a sealed answer: garbage, as a short one would be (the path's failure).
            Assert.False(reader.IsTooLong);
            Assert.Equal(OnionReplyKind.Undecryptable, reader.Finish(0).Kind);
        }

        [Fact]
        public void Write_ASealedAnswerLongerThanAnyNodeSends_RefusedAtTheCap_TooLong()
        {
            var (keys, nodes, random) = Setup(nameof(Write_ASealedAnswerLongerThanAnyNodeSends_RefusedAtTheCap_TooLong));
            // A destination's answer with a megabyte of junk in front of its messages.
            string envelope = new JsonObject { ["status"] = 200, ["body"] = "{\"junk\":\"" + new string('j', 1 << 20) + "\",\"messages\":[]}" }.ToJsonString();
            byte[] wire = Sealed(keys, nodes[3], envelope, random);
            var reader = new OnionReplyReader(keys, new RetrieveReplyReader(26880));
            Assert.InRange(Taken(reader, wire, Piece), 137000, OnionReplyReader.MaxReplyBytes);
            // It read as a sealed answer up to there: too long, as one over the transport's cap (not the path's failure).
            Assert.True(reader.IsTooLong);
            Assert.Equal(OnionReplyKind.Undecryptable, reader.Finish(0).Kind);
        }

        // Writes wire in pieces until the reader refuses (or the pieces of garbage reach 4 MiB); the bytes taken.
        private static long Taken(OnionReplyReader reader, byte[] wire, int piece)
        {
            long taken = 0;
            for (int at = 0; ; at = (at + piece) % wire.Length)
            {
                int count = Math.Min(piece, wire.Length - at);
                if (!reader.Write(wire, at, count))
                {
                    return taken;
                }
                taken += count;
                Assert.True(taken <= 4 * 1024 * 1024, "read 4 MiB without refusing");
            }
        }

        private (OnionKeys Keys, OnionTestNode[] Nodes, SeededRandom Random) Setup(string name)
        {
            var random = new SeededRandom(_output, name);
            OnionTestNode[] nodes = OnionBuilderTests.Nodes(random, 4);
            return (OnionKeys.Create(nodes.Take(3).Select(n => n.Node).ToArray(), nodes[3].Node, new FixedRandom(random.Bytes(128))), nodes, random);
        }

        // The destination's answer as the guard hands it back: sealed under the destination's layer key, base64.
        private static byte[] Sealed(OnionKeys keys, OnionTestNode destination, string envelope, SeededRandom random)
        {
            byte[] sealedReply = destination.SealReply(System.Text.Encoding.UTF8.GetBytes(envelope), keys.EphemeralPublicKey(3), random.Bytes(24));
            return System.Text.Encoding.ASCII.GetBytes(Convert.ToBase64String(sealedReply));
        }
    }
}
