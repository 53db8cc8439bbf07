using System;
using System.Text.Json.Nodes;
using Xunit;

namespace Session.Testnet.Tests.Node
{
    public class NodeFaultsTests
    {
        [Fact]
        public void With_ChangesOnlyTheNamedKnobs()
        {
            NodeFaults faults = NodeFaults.None.With(JsonNode.Parse("{\"delay_ms\":5,\"drop_rate\":0.25}").AsObject());
            faults = faults.With(JsonNode.Parse("{\"wrong_swarm\":true}").AsObject());
            Assert.Equal(5, faults.DelayMs);
            Assert.Equal(0.25, faults.DropRate);
            Assert.True(faults.WrongSwarm);
            Assert.False(faults.Down);
            Assert.Equal(faults, NodeFaults.None.With(faults.ToJson()));
        }

        [Theory]
        [InlineData("{\"delay_ms\":-1}", "delay_ms must not be negative")]
        [InlineData("{\"drop_rate\":1.5}", "drop_rate must be between 0 and 1")]
        [InlineData("{\"down\":1}", "wrong type")]
        [InlineData("{\"down\":null}", "wrong type")]
        [InlineData("{\"slow\":true}", "unknown fault 'slow'")]
        public void With_BadKnob_SaysWhich(string json, string reason)
        {
            var error = Assert.Throws<FormatException>(() => NodeFaults.None.With(JsonNode.Parse(json).AsObject()));
            Assert.Contains(reason, error.Message);
        }

        [Fact]
        public void Testnet_DoesNotReferenceTheCore()
        {
            // The testnet is the independent check of Session.Core.Micro: it must never use it.
            foreach (var reference in typeof(StorageNode).Assembly.GetReferencedAssemblies())
            {
                Assert.DoesNotContain("Session.Core", reference.Name);
            }
        }
    }
}
