using System;
using SessionBeacon.Config;
using Xunit;

namespace SessionBeacon.Tests.Config
{
    public class WifiNetworkTests
    {
        private const string Alice = "05d2ad010eeb72d72e561d9de7bd7b6989af77dcabffa03a5111a6c859ae5c3a72";
        private const string Minimal = "board = esp32-devkitc\nrecipient = " + Alice + " Alice\n";

        [Fact]
        public void ReadAll_SeveralNetworks_InPriorityOrder()
        {
            BeaconConfig config = BeaconConfig.Parse(Minimal
                + "wifi.ssid = Home Net\nwifi.password = correct horse\n"
                + "wifi.3.password = battery staple\nwifi.3.ssid = Sam's phone\n"
                + "wifi.2.ssid = Café Libre\n", "nf.config");
            Assert.Equal(3, config.WifiNetworks.Length);
            Assert.Equal("Home Net", config.WifiNetworks[0].Ssid);
            Assert.Equal("correct horse", config.WifiNetworks[0].Password);
            Assert.Equal("Café Libre", config.WifiNetworks[1].Ssid);
            Assert.Equal("", config.WifiNetworks[1].Password);
            Assert.Equal("Sam's phone", config.WifiNetworks[2].Ssid);
            Assert.Equal("battery staple", config.WifiNetworks[2].Password);
        }

        [Fact]
        public void ReadAll_LongestNameAndPassphrase_Accepted()
        {
            string name = new string('n', WifiNetwork.MaxSsidBytes);
            string passphrase = new string('p', WifiNetwork.MaxPasswordLength);
            BeaconConfig config = BeaconConfig.Parse(Minimal + "wifi.ssid = " + name + "\nwifi.password = " + passphrase + "\nwifi.4.ssid = x\n"
                + "wifi.2.ssid = y\nwifi.3.ssid = z\n", "nf.config");
            Assert.Equal(WifiNetwork.MaxNetworks, config.WifiNetworks.Length);
            Assert.Equal(name, config.WifiNetworks[0].Ssid);
            Assert.Equal("x", config.WifiNetworks[3].Ssid);
        }

        public static TheoryData<string, string> Problems => new TheoryData<string, string>
        {
            { "wifi.2.password = correct horse\n", "nf.config line 3: 'wifi.2.password' needs 'wifi.2.ssid', the name of the Wi-Fi network" },
            { "wifi.ssid = Home\nwifi.3.ssid = Phone\n", "nf.config line 4: 'wifi.3.ssid' follows a gap: there is no 'wifi.2.ssid'; number the Wi-Fi networks in order" },
            { "wifi.2.ssid = Phone\n", "nf.config line 3: 'wifi.2.ssid' follows a gap: there is no 'wifi.ssid'" },
            { "wifi.ssid = Home\nwifi.2.ssid = Home\n", "nf.config line 4: 'wifi.2.ssid' 'Home' is already a Wi-Fi network on line 3; give each network once" },
            { "wifi.ssid = Home\nwifi.5.ssid = Phone\n", "nf.config line 4: 'wifi.5.ssid': at most 4 Wi-Fi networks (wifi.ssid, then wifi.2.ssid to wifi.4.ssid)" },
            { "wifi.1.ssid = Home\n", "nf.config line 3: 'wifi.1.ssid': the first Wi-Fi network is 'wifi.ssid' and 'wifi.password'" },
            { "wifi.ssid = Home\nwifi.2.pass = x\n", "nf.config line 4: unknown key 'wifi.2.pass': a Wi-Fi network is 'wifi.ssid' and 'wifi.password', the next ones 'wifi.N.ssid' and 'wifi.N.password' (N from 2 to 4)" },
            { "wifi.ssid = Home\nwifi.ssid = Work\n", "nf.config line 4: 'wifi.ssid' is already set on line 3; give it once" },
            { "wifi.ssid = " + new string('n', 33) + "\n", "nf.config line 3: 'wifi.ssid' '" + new string('n', 33) + "' is longer than a Wi-Fi network's name can be (32 bytes)" },
            // 11 characters, 33 bytes of UTF-8: the limit is the radio's, in bytes.
            { "wifi.ssid = " + new string('€', 11) + "\n", "nf.config line 3: 'wifi.ssid' '" + new string('€', 11) + "' is longer than a Wi-Fi network's name can be (32 bytes)" },
            { "wifi.ssid = Home\nwifi.2.ssid =\n", "nf.config line 4: 'wifi.2.ssid' is empty: give the Wi-Fi network's name, or leave the line out" },
            { "wifi.ssid = Home\nwifi.password = short\n", "nf.config line 4: 'wifi.password' must be a WPA2 passphrase of 8 to 63 characters, or empty (or left out) for an open network" },
            { "wifi.ssid = Home\nwifi.2.ssid = Work\nwifi.2.password = " + new string('p', 64) + "\n", "nf.config line 5: 'wifi.2.password' must be a WPA2 passphrase of 8 to 63 characters" },
        };

        [Theory]
        [MemberData(nameof(Problems))]
        public void ReadAll_Problem_ReportedWithLineAndFix(string wifi, string expected)
        {
            var error = Assert.Throws<ConfigException>(() => BeaconConfig.Parse(Minimal + wifi, "nf.config"));
            Assert.Contains(error.Problems, problem => problem.StartsWith(expected, StringComparison.Ordinal));
        }

        [Fact]
        public void ReadAll_WrongPassphrase_NeverInTheMessage()
        {
            var error = Assert.Throws<ConfigException>(() => BeaconConfig.Parse(Minimal + "wifi.ssid = Home\nwifi.password = hunter2\n", "nf.config"));
            Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(error.Problems, problem => problem.Contains("hunter2", StringComparison.Ordinal));
        }

        [Fact]
        public void ReadAll_StrayKey_ReportedOnceNotAlsoAsUnknown()
        {
            var error = Assert.Throws<ConfigException>(() => BeaconConfig.Parse(Minimal + "wifi.ssid = Home\nwifi.5.ssid = Phone\n", "nf.config"));
            Assert.Single(error.Problems);
        }
    }
}
