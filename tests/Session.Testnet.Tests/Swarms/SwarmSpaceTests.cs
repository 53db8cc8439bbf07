using System;
using System.Text.Json;
using Session.Testnet.Tests.Support;
using Xunit;

namespace Session.Testnet.Tests.Swarms
{
    public class SwarmSpaceTests
    {
        [Fact]
        public void Position_UpstreamSwarmSpaceVectors()
        {
            JsonElement cases = Upstream.Vector("swarm_space").GetProperty("cases");
            Assert.True(cases.GetArrayLength() > 5);
            foreach (JsonElement item in cases.EnumerateArray())
            {
                byte[] pubkey = Convert.FromHexString(item[0].GetString());
                Assert.Equal(ulong.Parse(item[1].GetString()), SwarmSpace.Position(pubkey));
            }
        }

        [Fact]
        public void Select_UpstreamSwarmSelectionVectors()
        {
            JsonElement v = Upstream.Vector("swarm_selection");
            var ids = new System.Collections.Generic.List<ulong>();
            foreach (JsonElement id in v.GetProperty("swarm_ids").EnumerateArray())
            {
                ids.Add(id.GetUInt64());
            }
            ulong[] sorted = ids.ToArray();
            Array.Sort(sorted);
            foreach (JsonElement item in v.GetProperty("cases").EnumerateArray())
            {
                byte[] pubkey = Convert.FromHexString(item[0].GetString());
                Assert.Equal(item[1].GetUInt64(), SwarmSpace.Select(sorted, SwarmSpace.Position(pubkey)));
            }
        }

        [Fact]
        public void Select_OneSwarm_OwnsEverything_NoSwarm_Invalid()
        {
            Assert.Equal(42UL, SwarmSpace.Select(new ulong[] { 42 }, 7));
            Assert.Equal(SwarmSpace.InvalidSwarmId, SwarmSpace.Select(Array.Empty<ulong>(), 7));
        }

        [Fact]
        public void Position_WrongLength_Throws()
        {
            Assert.Throws<ArgumentException>(() => SwarmSpace.Position(new byte[32]));
        }

        [Fact]
        public void NetworkMap_JsonRoundTrip_KeepsEveryField()
        {
            var map = new NetworkMap(new[]
            {
                new NodeEntry(0, "127.0.10.1", 4000, new string('a', 64), new string('b', 64), NetworkMap.SwarmIdFor(0, 2)),
                new NodeEntry(1, "127.0.10.2", 4001, new string('c', 64), new string('d', 64), NetworkMap.SwarmIdFor(1, 2)),
            });
            NetworkMap again = NetworkMap.FromJson(map.ToJson(), "test");
            Assert.Equal(map.Nodes, again.Nodes);
            Assert.Equal(2, again.SwarmIds.Length);
            Assert.Throws<System.IO.InvalidDataException>(() => NetworkMap.FromJson("{\"nodes\":3}", "bad.json"));
        }
    }
}
