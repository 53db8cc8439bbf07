using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Session.Core.Micro.Network;
using Session.Core.Micro.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Session.Core.Micro.Tests.Network
{
    public class SwarmSpaceTests
    {
        private readonly ITestOutputHelper _output;

        public SwarmSpaceTests(ITestOutputHelper output)
        {
            _output = output;
        }

        // session/session-upstream.json: the storage server's unit_test/swarm.cpp.
        private static JsonElement Upstream(string name) =>
            TestVectors.Json("session/session-upstream.json").GetProperty("vectors").EnumerateArray().Single(v => v.GetProperty("name").GetString() == name);

        [Fact]
        public void Position_UpstreamSwarmSpaceVectors()
        {
            JsonElement cases = Upstream("swarm_space").GetProperty("cases");
            Assert.True(cases.GetArrayLength() > 5);
            foreach (JsonElement item in cases.EnumerateArray())
            {
                byte[] prefixed = Convert.FromHexString(item[0].GetString());
                Assert.Equal(ulong.Parse(item[1].GetString()), SwarmSpace.Position(prefixed.Skip(1).ToArray()));
            }
        }

        [Fact]
        public void Select_UpstreamSwarmSelectionVectors_InEveryOrder()
        {
            JsonElement vector = Upstream("swarm_selection");
            ulong[] ids = vector.GetProperty("swarm_ids").EnumerateArray().Select(id => id.GetUInt64()).ToArray();
            var orders = new[] { ids, ids.Reverse().ToArray(), ids.Concat(ids).ToArray() };
            foreach (JsonElement item in vector.GetProperty("cases").EnumerateArray())
            {
                ulong position = SwarmSpace.Position(Convert.FromHexString(item[0].GetString()).Skip(1).ToArray());
                foreach (ulong[] order in orders)
                {
                    Assert.Equal(item[1].GetUInt64(), SwarmSpace.Select(order, position));
                }
            }
        }

        [Fact]
        public void Select_OneSwarmOwnsEverything_NoneOrOnlyInvalidGivesInvalid()
        {
            Assert.Equal(42UL, SwarmSpace.Select(new ulong[] { 42 }, 7));
            Assert.Equal(42UL, SwarmSpace.Select(new ulong[] { 42 }, ulong.MaxValue - 3));
            Assert.Equal(SwarmSpace.InvalidSwarmId, SwarmSpace.Select(new ulong[0], 7));
            Assert.Equal(SwarmSpace.InvalidSwarmId, SwarmSpace.Select(new[] { SwarmSpace.InvalidSwarmId }, 7));
            Assert.Equal(5UL, SwarmSpace.Select(new[] { SwarmSpace.InvalidSwarmId, 5UL }, SwarmSpace.InvalidSwarmId - 1));
        }

        [Fact]
        public void Position_WrongLength_Throws()
        {
            Assert.Throws<ArgumentException>(() => SwarmSpace.Position(new byte[33]));
            Assert.Throws<ArgumentNullException>(() => SwarmSpace.Position(null));
        }

        // The streaming choice keeps exactly the owning swarm's nodes, whatever order the nodes come in,
        // against the rule applied to the whole list at once (SwarmRule).
        [Fact]
        public void SwarmChoice_NodesInAnyOrder_KeepsExactlyTheOwningSwarm()
        {
            var random = new SeededRandom(_output, nameof(SwarmChoice_NodesInAnyOrder_KeepsExactlyTheOwningSwarm));
            for (int round = 0; round < 300; round++)
            {
                int swarms = 1 + random.Next(40);
                ulong[] ids = Enumerable.Range(0, swarms).Select(_ => round % 3 == 0 ? (ulong)random.Next(64) : BitConverter.ToUInt64(random.Bytes(8))).ToArray();
                var nodes = new List<(ulong Swarm, ServiceNode Node)>();
                for (int i = 0; i < 3 * swarms; i++)
                {
                    byte[] key = random.Bytes(32);
                    nodes.Add((ids[random.Next(swarms)], new ServiceNode("10.0." + (i % 250) + ".1", 22021, key, key)));
                }
                ulong position = round % 3 == 0 ? (ulong)random.Next(64) : BitConverter.ToUInt64(random.Bytes(8));
                ulong expected = SwarmRule.Owner(nodes.Select(n => n.Swarm).ToArray(), position);

                var choice = new SwarmChoice(position);
                foreach (var (swarm, member) in nodes.OrderBy(_ => random.Next(1000)))
                {
                    choice.Offer(swarm, member);
                }
                Assert.Equal(expected, choice.SwarmId);
                Assert.Equal(nodes.Where(n => n.Swarm == expected).Select(n => n.Node.Ed25519Hex).OrderBy(h => h),
                    choice.Members().Select(n => n.Ed25519Hex).OrderBy(h => h));
            }
        }
    }
}
