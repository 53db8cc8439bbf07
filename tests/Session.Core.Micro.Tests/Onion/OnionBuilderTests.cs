using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using Session.Core.Micro.Network;
using Session.Core.Micro.Onion;
using Session.Core.Micro.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Session.Core.Micro.Tests.Onion
{
    public class OnionBuilderTests
    {
        private readonly ITestOutputHelper _output;

        public OnionBuilderTests(ITestOutputHelper output)
        {
            _output = output;
        }

        internal static OnionTestNode[] Nodes(SeededRandom random, int count)
        {
            return Enumerable.Range(0, count).Select(i => new OnionTestNode(random.Bytes(32), "10." + i + ".0.1", 22021)).ToArray();
        }

        [Fact]
        public void Build_ThreeHops_EveryLayerOpensWithLibsodiumHopByHop()
        {
            var random = new SeededRandom(_output, nameof(Build_ThreeHops_EveryLayerOpensWithLibsodiumHopByHop));
            for (int iteration = 0; iteration < 50; iteration++)
            {
                OnionTestNode[] nodes = Nodes(random, 4);
                byte[] body = random.Bytes(random.LengthFor(iteration));
                var keys = OnionKeys.Create(nodes.Take(3).Select(n => n.Node).ToArray(), nodes[3].Node, new FixedRandom(random.Bytes(4 * 32)));
                byte[] wire = OnionBuilder.Build(keys, body, new FixedRandom(random.Bytes(4 * 24)));

                var (blob, json) = OnionTestNode.Split(wire);
                Assert.Equal(new[] { "ephemeral_key", "enc_type" }, json.EnumerateObject().Select(p => p.Name));
                Assert.Equal("xchacha20", json.GetProperty("enc_type").GetString());
                var ephemerals = new System.Collections.Generic.List<string>();
                for (int hop = 0; hop < 4; hop++)
                {
                    string e = json.GetProperty("ephemeral_key").GetString();
                    Assert.Equal(Convert.ToHexStringLower(keys.EphemeralPublicKey(hop)), e);
                    ephemerals.Add(e);
                    byte[] plain = nodes[hop].Open(blob, Convert.FromHexString(e));
                    (blob, json) = OnionTestNode.Split(plain);
                    if (hop < 3)
                    {
                        Assert.Equal(nodes[hop + 1].Hex, json.GetProperty("destination").GetString());
                        Assert.Equal(3, json.EnumerateObject().Count());
                    }
                }
                Assert.Equal("", json.GetProperty("headers").GetString());
                Assert.Equal(body, blob);
                Assert.Equal(4, ephemerals.Distinct().Count());
            }
        }

        [Fact]
        public void Build_SameRandomness_SameBytes_AndSizeIsExact()
        {
            var random = new SeededRandom(_output, nameof(Build_SameRandomness_SameBytes_AndSizeIsExact));
            OnionTestNode[] nodes = Nodes(random, 4);
            byte[] secrets = random.Bytes(128), nonces = random.Bytes(96), body = random.Bytes(1024);
            ServiceNode[] path = nodes.Take(3).Select(n => n.Node).ToArray();
            byte[] a = OnionBuilder.Build(OnionKeys.Create(path, nodes[3].Node, new FixedRandom(secrets)), body, new FixedRandom(nonces));
            byte[] b = OnionBuilder.Build(OnionKeys.Create(path, nodes[3].Node, new FixedRandom(secrets)), body, new FixedRandom(nonces));
            Assert.Equal(a, b);
            // body + trailer, then per layer LE32 + 40 bytes of sealing + routing JSON (3 relays, 1 guard).
            int relayJson = "{\"destination\":\"\",\"ephemeral_key\":\"\",\"enc_type\":\"xchacha20\"}".Length + 128;
            int guardJson = "{\"ephemeral_key\":\"\",\"enc_type\":\"xchacha20\"}".Length + 64;
            Assert.Equal(4 + 1024 + 14 + 3 * (4 + 40 + relayJson) + 4 + 40 + guardJson, a.Length);
        }

        [Fact]
        public void Create_BadRoutes_Throw()
        {
            var random = new SeededRandom(_output, nameof(Create_BadRoutes_Throw));
            OnionTestNode[] nodes = Nodes(random, 3);
            var rng = new FixedRandom(new byte[1024]);
            Assert.Throws<ArgumentException>(() => OnionKeys.Create(new[] { nodes[0].Node, nodes[1].Node }, nodes[1].Node, rng));
            Assert.Throws<ArgumentException>(() => OnionKeys.Create(new[] { nodes[0].Node, nodes[0].Node }, nodes[2].Node, rng));
            Assert.Throws<ArgumentException>(() => OnionKeys.Create(new ServiceNode[0], nodes[2].Node, rng));
            Assert.Throws<ArgumentNullException>(() => OnionKeys.Create(null, nodes[2].Node, rng));
            var keys = OnionKeys.Create(new[] { nodes[0].Node }, nodes[1].Node, new FixedRandom(random.Bytes(64)));
            keys.Wipe();
            Assert.Throws<InvalidOperationException>(() => OnionBuilder.Build(keys, new byte[1], rng));
        }
    }
}
