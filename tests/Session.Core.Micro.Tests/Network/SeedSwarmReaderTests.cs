using System;
using System.Linq;

using Session.Core.Micro.Network;
using Session.Core.Micro.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Session.Core.Micro.Tests.Network
{
    public class SeedSwarmReaderTests
    {
        private readonly ITestOutputHelper _output;

        public SeedSwarmReaderTests(ITestOutputHelper output)
        {
            _output = output;
        }

        private static SeedSwarmReader Read(byte[] json, ulong[] positions, SeededRandom random, int largestPiece)
        {
            var reader = new SeedSwarmReader(positions);
            for (int at = 0; at < json.Length;)
            {
                int piece = Math.Min(json.Length - at, 1 + random.Next(largestPiece));
                // The transport reuses its buffer: hand each piece in a copy at an offset, as a network read would.
                byte[] buffer = new byte[piece + 7];
                Array.Copy(json, at, buffer, 7, piece);
                Assert.True(reader.Write(buffer, 7, piece), reader.Problem);
                at += piece;
            }
            return reader;
        }

        [Fact]
        public void Write_AnyPieces_KeepsExactlyEachOwnersSwarm()
        {
            var random = new SeededRandom(_output, nameof(Write_AnyPieces_KeepsExactlyEachOwnersSwarm));
            for (int round = 0; round < 20; round++)
            {
                var list = new SeedList(random, 40 + random.Next(300), 1 + random.Next(40));
                ulong[] positions = Enumerable.Range(0, 3).Select(_ => BitConverter.ToUInt64(random.Bytes(8))).ToArray();
                // Other fields around the ones read, nested values and escapes included, must not disturb it.
                byte[] json = list.Json(e => e.Port % 2 == 0 ? ",\"requested_unlock_height\":0,\"x\":{\"y\":[1,\"a\\\"\\u00e9\",null]},\"z\":true" : "");
                SeedSwarmReader reader = Read(json, positions, random, round % 2 == 0 ? 3 : 1500);
                Assert.True(reader.Finish(), reader.Problem);
                Assert.Equal(list.Entries.Count, reader.Entries);
                for (int i = 0; i < positions.Length; i++)
                {
                    Assert.Equal(list.MembersOf(positions[i]), reader.Choice(i).Members().Select(n => n.Ed25519Hex).OrderBy(h => h).ToArray());
                    SeedList.Entry first = list.Entries.First(e => e.Ed25519 == reader.Choice(i).Members()[0].Ed25519Hex);
                    ServiceNode node = reader.Choice(i).Members()[0];
                    Assert.Equal((first.Ip, first.Port, first.X25519), (node.Ip, node.Port, Convert.ToHexStringLower(node.X25519PublicKey)));
                    Assert.Equal(first.Swarm, reader.Choice(i).SwarmId);
                }
            }
        }

        [Fact]
        public void Write_UnusableEntries_GiveNoMemberAndNodesOfNoSwarmCountForNothing()
        {
            string ed = new string('a', 64), x = new string('b', 64);
            string Entry(string ip, string port, string swarm) =>
                "{\"public_ip\":" + ip + ",\"pubkey_ed25519\":\"" + ed + "\",\"pubkey_x25519\":\"" + x + "\",\"storage_port\":" + port + ",\"swarm_id\":" + swarm + "}";
            // Usable swarm ids on entries without a usable node: the swarm (7) still owns position 1, with no member.
            string[] noMember =
            {
                Entry("\"0.0.0.0\"", "22021", "7"),
                Entry("\"10.0.0.1\"", "0", "7"),
                Entry("\"10.0.0.1\"", "70000", "7"),
                Entry("\"10.0.\\u0030.1\"", "22021", "7"),
                Entry("\"10.0.0.1\"", "22021", "7").Replace(x, "zz" + x[2..]),
                "{\"public_ip\":\"10.0.0.1\",\"pubkey_ed25519\":\"" + ed + "\",\"storage_port\":22021,\"swarm_id\":7}",
                "{\"public_ip\":\"10.0.0.1\",\"pubkey_ed25519\":\"" + ed[1..] + "\",\"pubkey_x25519\":\"" + x + "\",\"storage_port\":22021,\"swarm_id\":7}",
            };
            // Entries in no swarm, or whose id is not a 64-bit number: an id misread as 0 would own position 1.
            string[] noSwarm =
            {
                Entry("\"10.0.0.1\"", "22021", "18446744073709551615"),
                Entry("\"10.0.0.1\"", "22021", "18446744073709551616"),
                Entry("\"10.0.0.1\"", "22021", "-7"),
                Entry("\"10.0.0.1\"", "22021", "\"7\""),
                Entry("\"10.0.0.1\"", "22021", "7.5"),
                Entry("\"10.0.0.1\"", "22021", "null"),
            };
            foreach (string entry in noMember.Concat(noSwarm))
            {
                var reader = new SeedSwarmReader(new ulong[] { 1 });
                byte[] json = System.Text.Encoding.UTF8.GetBytes("{\"result\":{\"service_node_states\":[" + entry + "," + Entry("\"10.0.0.2\"", "\"22022\"", "9") + "]}}");
                Assert.True(reader.Write(json, 0, json.Length), reader.Problem);
                Assert.True(reader.Finish(), reader.Problem);
                if (noMember.Contains(entry))
                {
                    Assert.Equal(7UL, reader.Choice(0).SwarmId);
                    Assert.Empty(reader.Choice(0).Members());
                }
                else
                {
                    ServiceNode only = Assert.Single(reader.Choice(0).Members());
                    Assert.Equal(("10.0.0.2", 22022, 9UL), (only.Ip, only.Port, reader.Choice(0).SwarmId));
                }
            }
        }

        [Theory]
        [InlineData("{\"result\":{\"service_node_states\":[]}}", "the node list is empty")]
        [InlineData("{\"result\":{\"service_node_states\":[{\"public_ip\":\"10.0.0.1\"}]}}", "the node list has no swarm_id")]
        [InlineData("{\"error\":{\"code\":-32601,\"message\":\"Method not found\"}}", "the seed answered with an error")]
        [InlineData("{\"result\":{\"nodes\":[]}}", "no result.service_node_states")]
        [InlineData("[1,2]", "no result.service_node_states")]
        [InlineData("{\"result\":{\"service_node_states\":[{\"swarm_id\":7}", "ended inside its JSON")]
        [InlineData("{\"result\":{\"service_node_states\":[{\"swarm_id\":7}]}}}", "text after the JSON value (byte 51)")]
        [InlineData("{\"result\":{\"service_node_states\":[{\"swarm_id\":7]}}", "a closing bracket that does not match")]
        [InlineData("{\"result\" {}}", "':' missing")]
        [InlineData("{\"result\":{\"service_node_states\":[{\"swarm_id\":7},]}}", "a JSON value expected")]
        [InlineData("{result:1}", "an object key must be a string")]
        [InlineData("{\"a\":tru}", "a bad literal")]
        [InlineData("{\"a\":\"\\x\"}", "a bad escape")]
        [InlineData("{\"a\":\"\\u12g4\"}", "a bad \\u escape")]
        [InlineData("{\"a\":\"\n\"}", "a control character inside a string")]
        [InlineData("{\"a\":1 2}", "',' or a closing bracket expected")]
        [InlineData("[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]", "nested deeper than 16")]
        [InlineData("", "ended inside its JSON")]
        public void Finish_BadAnswers_SayWhatIsWrong(string json, string problem)
        {
            var reader = new SeedSwarmReader(new ulong[] { 7 });
            byte[] bytes = System.Text.Encoding.UTF8.GetBytes(json);
            bool written = true;
            for (int i = 0; i < bytes.Length && written; i++)
            {
                written = reader.Write(bytes, i, 1);
            }
            Assert.False(written && reader.Finish());
            Assert.Contains(problem, reader.Problem);
            Assert.False(reader.Write(System.Text.Encoding.UTF8.GetBytes(" "), 0, 1) && reader.Finish());
        }

        // docs/performance.md, "Authenticated swarms": a mainnet-size list (2,000 nodes in 270 swarms, some
        // 500 KB) read in 1 KB pieces for the beacon's accounts. What is allocated grows with the nodes the
        // choices keep on the way, not with the answer; what is kept at the end is the owning swarms.
        [Fact]
        public void Write_MainnetSizeList_AllocatesAFractionOfTheAnswer()
        {
            var random = new SeededRandom(_output, nameof(Write_MainnetSizeList_AllocatesAFractionOfTheAnswer));
            var list = new SeedList(random, 2000, 270);
            byte[] json = list.Json();
            // Read once before measuring, so that what the first use of these types costs (static tables) is not counted.
            var warm = new SeedSwarmReader(new ulong[] { 0 });
            Assert.True(warm.Write(json, 0, json.Length) && warm.Finish(), warm.Problem);
            foreach (int owners in new[] { 1, 3 })
            {
                ulong[] positions = Enumerable.Range(0, owners).Select(_ => BitConverter.ToUInt64(random.Bytes(8))).ToArray();
                byte[] piece = new byte[1024];
                long before = GC.GetAllocatedBytesForCurrentThread();
                var reader = new SeedSwarmReader(positions);
                for (int at = 0; at < json.Length; at += piece.Length)
                {
                    int count = Math.Min(piece.Length, json.Length - at);
                    Array.Copy(json, at, piece, 0, count);
                    Assert.True(reader.Write(piece, 0, count), reader.Problem);
                }
                Assert.True(reader.Finish(), reader.Problem);
                long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                int kept = Enumerable.Range(0, owners).Sum(i => reader.Choice(i).Members().Length);
                _output.WriteLine(owners + " account(s): answer " + json.Length + " B, allocated " + allocated + " B, " + kept + " member(s) kept");
                Assert.True(allocated < 32 * 1024 * owners, "allocated " + allocated + " B");
            }
            // For scale: the whole answer parsed into a tree at once, as the pool's seed list is.
            long parseBefore = GC.GetAllocatedBytesForCurrentThread();
            Assert.Equal(2000, Session.Core.Micro.Encoding.JsonReader.Parse(json).Require("result").Require("service_node_states").Count);
            _output.WriteLine("JsonReader.Parse of the whole answer: allocated " + (GC.GetAllocatedBytesForCurrentThread() - parseBefore) + " B");
        }
    }
}
