using SessionBeacon.Harness.Provisioning;
using Xunit;

namespace SessionBeacon.Harness.Tests.Provisioning
{
    public class ConfigTemplateTests
    {
        [Fact]
        public void Replace_ActiveLines_NewLinesWhereTheFirstStood_CommentsKept()
        {
            const string template = "# header\nboard = a\n# who:\n#   recipient = 05.. example\nrecipient = x Alice\nalert.panic = Help\nrecipient = y Bob\n";
            string result = ConfigTemplate.Replace(template, new[] { "recipient", "recipient.prekey" }, new[] { "recipient = z Carol", "recipient.prekey = z B" });
            Assert.Equal("# header\nboard = a\n# who:\n#   recipient = 05.. example\nrecipient = z Carol\nrecipient.prekey = z B\nalert.panic = Help\n", result);
        }

        [Fact]
        public void Replace_KeyAbsent_AppendedAtTheEnd()
        {
            string result = ConfigTemplate.Replace("board = a\n", new[] { "network.seed" }, new[] { "network.seed = https://127.0.0.1:1" });
            Assert.Equal("board = a\nnetwork.seed = https://127.0.0.1:1\n", result);
        }

        [Fact]
        public void Replace_SpacingAroundTheKey_StillMatched_LongerKeysUntouched()
        {
            string result = ConfigTemplate.Replace("  network=testnet\nnetwork.seed = s\n", new[] { "network" }, new[] { "network = mainnet" });
            Assert.Equal("network = mainnet\nnetwork.seed = s\n", result);
        }
    }
}
