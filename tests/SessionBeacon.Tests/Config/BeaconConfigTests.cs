using System;
using System.IO;
using SessionBeacon.Config;
using Xunit;

namespace SessionBeacon.Tests.Config
{
    public class BeaconConfigTests
    {
        private const string Alice = "05d2ad010eeb72d72e561d9de7bd7b6989af77dcabffa03a5111a6c859ae5c3a72";
        private const string Pin = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
        private const string Minimal = "board = esp32-devkitc\nrecipient = " + Alice + " Alice\n";

        [Fact]
        public void Parse_ShippedConfig_IsValid()
        {
            string path = Path.Combine(AppContext.BaseDirectory, "shipped", "nf.config");
            BeaconConfig config = BeaconConfig.Parse(File.ReadAllText(path), "nf.config");
            Assert.Equal(BeaconConfig.Mainnet, config.Network);
            Assert.Equal("esp32-devkitc", config.Board);
            Assert.Equal(2, config.Recipients.Length);
            Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "shipped", "boards", config.Board + ".conf")));
        }

        [Fact]
        public void Parse_Minimal_UsesDefaults()
        {
            BeaconConfig config = BeaconConfig.Parse(Minimal, "nf.config");
            Assert.Equal(BeaconConfig.Mainnet, config.Network);
            Assert.Null(config.SeedUrl);
            Assert.Equal(1500, config.PanicHoldMs);
            Assert.Equal(5000, config.PanicCancelMs);
            Assert.Equal(BeaconConfig.MaxTtlHours, config.AlertTtlHours);
            Recipient alice = Assert.Single(config.Recipients);
            Assert.Equal("Alice", alice.Name);
            Assert.Equal(Alice, alice.SessionId);
            Assert.Equal(Convert.FromHexString(Alice.Substring(2)), alice.PublicKey);
        }

        [Fact]
        public void Parse_RecipientNameWithSpacesAndUppercaseId_Accepted()
        {
            BeaconConfig config = BeaconConfig.Parse("board = x\nrecipient = " + Alice.ToUpperInvariant() + "  Aunt  May \r\n", "nf.config");
            Assert.Equal("Aunt  May", config.Recipients[0].Name);
            Assert.Equal(Alice, config.Recipients[0].SessionId);
        }

        [Fact]
        public void Parse_Testnet_ReadsSeed()
        {
            BeaconConfig config = BeaconConfig.Parse(Minimal + "network = testnet\nnetwork.seed = http://127.0.0.1:22100/json_rpc\nnetwork.seed_pin = " + Pin + "\n", "nf.config");
            Assert.Equal(BeaconConfig.Testnet, config.Network);
            Assert.Equal("http://127.0.0.1:22100/json_rpc", config.SeedUrl);
            Assert.Equal(Pin, config.SeedPin);
        }

        [Fact]
        public void Parse_DeviceSettings_Read()
        {
            BeaconConfig config = BeaconConfig.Parse(Minimal + "wifi.ssid = Home Net\nwifi.password = correct horse\nfeedback = silent\ninbox.poll_s = 0\nflash.refresh_s = 30\nratchet.on_damage = hold\n", "nf.config");
            WifiNetwork home = Assert.Single(config.WifiNetworks);
            Assert.Equal("Home Net", home.Ssid);
            Assert.Equal("correct horse", home.Password);
            Assert.Equal(BeaconConfig.FeedbackSilent, config.Feedback);
            Assert.Equal(0, config.InboxPollSeconds);
            Assert.Equal(30, config.FlashRefreshSeconds);
            Assert.Equal(BeaconConfig.OnDamageHold, config.RatchetOnDamage);
        }

        [Fact]
        public void Parse_DeviceSettingsAbsent_Defaults()
        {
            BeaconConfig config = BeaconConfig.Parse(Minimal, "nf.config");
            Assert.Empty(config.WifiNetworks);
            Assert.Equal(BeaconConfig.FeedbackLight, config.Feedback);
            Assert.Equal(300, config.InboxPollSeconds);
            Assert.Equal(45, config.FlashRefreshSeconds);
            Assert.Equal(BeaconConfig.OnDamagePlain, config.RatchetOnDamage);
        }

        public static TheoryData<string, string> Problems => new TheoryData<string, string>
        {
            { "board = x\n", "nf.config: no 'recipient' given" },
            { "recipient = " + Alice + " Alice\n", "nf.config: 'board' is missing" },
            { Minimal + "recipient = 05abc Bob\n", "nf.config line 3: recipient '05abc' is not a Session ID: a Session ID has 66 characters (05 and 64 hex digits), this has 5" },
            { Minimal + "recipient = 15" + Alice.Substring(2) + " Bob\n", "nf.config line 3: recipient '15" + Alice.Substring(2) + "' is not a Session ID: a Session ID starts with 05, this starts with 15 (a blinded community ID)" },
            { Minimal + "recipient = " + Alice.Substring(0, 65) + "g Bob\n", "nf.config line 3: recipient '" + Alice.Substring(0, 65) + "g' is not a Session ID: character 'g' at position 66 is not a hex digit (0-9, a-f)" },
            { Minimal + "recipient = " + Alice + "\n", "nf.config line 3: recipient needs a name after the Session ID" },
            { Minimal + "network = moon\n", "nf.config line 3: 'network' must be one of mainnet, testnet, not 'moon'" },
            { Minimal + "network = testnet\n", "nf.config: 'network.seed' is missing" },
            { Minimal + "network = testnet\nnetwork.seed = ftp://x\n", "nf.config line 4: 'network.seed' must be an http:// or https:// URL" },
            { Minimal + "network.seed = http://127.0.0.1:1/json_rpc\n", "nf.config line 3: 'network.seed' is only for network = testnet" },
            { Minimal + "network = testnet\nnetwork.seed = http://127.0.0.1:1/json_rpc\n", "nf.config: 'network.seed_pin' is missing" },
            { Minimal + "network = testnet\nnetwork.seed = http://127.0.0.1:1/json_rpc\nnetwork.seed_pin = abc\n", "nf.config line 5: 'network.seed_pin' must be a SHA-256 in base64 (44 characters), not 'abc'" },
            { Minimal + "network.seed_pin = " + Pin + "\n", "nf.config line 3: 'network.seed_pin' is only for network = testnet" },
            { Minimal + "wifi.password = x\n", "nf.config line 3: 'wifi.password' needs 'wifi.ssid'" },
            { Minimal + "feedback = loud\n", "nf.config line 3: 'feedback' must be one of light, light+sound, silent, not 'loud'" },
            { Minimal + "ratchet.on_damage = drop\n", "nf.config line 3: 'ratchet.on_damage' must be one of plain, hold, not 'drop'" },
            { Minimal + "inbox.poll_s = 5\n", "nf.config line 3: 'inbox.poll_s' must be 0 (off) or a whole number from 10 to 86400, not '5'" },
            { Minimal + "flash.refresh_s = 60\n", "nf.config line 3: 'flash.refresh_s' must be 0 (off) or a whole number from 10 to 50, not '60'" },
            { Minimal + "panic.hold_ms = fast\n", "nf.config line 3: 'panic.hold_ms' must be a whole number from 200 to 10000, not 'fast'" },
            { Minimal + "alert.ttl_hours = 337\n", "nf.config line 3: 'alert.ttl_hours' must be a whole number from 1 to 336" },
            { Minimal + "board = y\n", "nf.config line 3: 'board' is already set on line 1; give it once" },
            { Minimal + "recipents = x\n", "nf.config line 3: unknown key 'recipents'" },
            { Minimal + "just words\n", "nf.config line 3: expected 'key = value'" },
            { Minimal + "Board = x\n", "nf.config line 3: 'Board' is not a key" },
            { Minimal + "wifi.ssid =\n", "nf.config line 3: 'wifi.ssid' is empty: give the Wi-Fi network's name, or leave the line out" },
            { Minimal + "recipient = " + Alice.ToUpperInvariant() + " Alice's phone\n",
                "nf.config line 3: recipient 05d2ad01... is already a recipient on line 2 ('Alice'); give each Session ID once, or every alert goes to it twice" },
        };

        [Theory]
        [MemberData(nameof(Problems))]
        public void Parse_Problem_ReportedWithLineAndFix(string text, string expected)
        {
            var error = Assert.Throws<ConfigException>(() => BeaconConfig.Parse(text, "nf.config"));
            Assert.Contains(error.Problems, problem => problem.StartsWith(expected, StringComparison.Ordinal));
        }

        [Fact]
        public void Parse_SeveralProblems_AllReportedAtOnce()
        {
            var error = Assert.Throws<ConfigException>(() => BeaconConfig.Parse("network = moon\npanic.hold_ms = 1\nwhat\n", "nf.config"));
            Assert.Equal(5, error.Problems.Length);
            Assert.StartsWith("5 configuration problems:", error.Message);
        }
    }
}
