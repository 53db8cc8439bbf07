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

        [Fact]
        public void With_HostileKnobs_RoundTripThroughJson()
        {
            NodeFaults faults = NodeFaults.None.With(JsonNode.Parse("{\"claim_swarm\":true,\"conspirators\":[3,5],\"sign_without_storing\":true,"
                + "\"hostile_json\":\"escapes\",\"hostile_json_bytes\":1000,\"drip_ms\":70,\"reported_clock_skew_ms\":-9}").AsObject());
            Assert.True(faults.ClaimSwarm);
            Assert.Equal(new[] { 3, 5 }, faults.Conspirators);
            Assert.True(faults.SignWithoutStoring);
            Assert.Equal(HostileJsonKind.Escapes, faults.HostileJson);
            Assert.Equal(1000, faults.HostileJsonBytes);
            Assert.Equal(70, faults.DripMs);
            Assert.Equal(-9, faults.ReportedClockSkewMs);
            Assert.Equal(faults, NodeFaults.None.With(faults.ToJson()));
            Assert.NotEqual(faults, faults.With(JsonNode.Parse("{\"conspirators\":[3]}").AsObject()));
            Assert.Equal(NodeFaults.None, faults.With(JsonNode.Parse("{\"claim_swarm\":false,\"conspirators\":[],\"sign_without_storing\":false,"
                + "\"hostile_json\":null,\"hostile_json_bytes\":0,\"drip_ms\":0,\"reported_clock_skew_ms\":0}").AsObject()));
        }

        [Theory]
        [InlineData("{\"hostile_json\":\"loud\"}", "hostile_json must be huge, escapes, nested or none, not 'loud'")]
        [InlineData("{\"conspirators\":[-1]}", "conspirators must not be negative")]
        [InlineData("{\"conspirators\":3}", "wrong type")]
        [InlineData("{\"drip_ms\":-5}", "drip_ms must not be negative")]
        [InlineData("{\"hostile_json_bytes\":67108865}", "hostile_json_bytes must be at most 67108864")]
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
            // The testnet is the independent check of the core: it must never use any of its assemblies
            // (Session.Core.Micro, Session.Core.Crypto, Session.Core.Ratchet).
            foreach (var reference in typeof(StorageNode).Assembly.GetReferencedAssemblies())
            {
                Assert.DoesNotContain("Session.Core", reference.Name);
            }
        }
    }
}
