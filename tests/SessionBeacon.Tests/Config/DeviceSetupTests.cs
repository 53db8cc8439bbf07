using System;
using System.IO;
using System.Text.RegularExpressions;
using SessionBeacon.Config;
using Xunit;

namespace SessionBeacon.Tests.Config
{
    /// <summary>nf.config and board.conf checked together, as the device checks them at start.</summary>
    public class DeviceSetupTests
    {
        private const string Alice = "05d2ad010eeb72d72e561d9de7bd7b6989af77dcabffa03a5111a6c859ae5c3a72";
        private const string Pin = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
        private const string Config = "wifi.ssid = Home\nboard = t\nrecipient = " + Alice + " Alice\n";
        private const string Esp32 = "board.name = T\nchip = esp32\nbutton.pin = 4\nled.pin = 2\nbuzzer.pin = 25\nbattery.pin = 35\n";
        private const string Gps = "gps.rx = 16\ngps.tx = 17\ngps.power = 23\n";
        private const string C3 = "board.name = T\nchip = esp32-c3\nbutton.pin = 9\nbutton.pull = external-up\nled.pin = 8\n";
        private const string S3 = "board.name = T\nchip = esp32-s3\nbutton.pin = 0\nbutton.pull = external-up\nled.pin = 48\n";

        private static string Shipped(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "shipped", name));

        // Every shipped board takes the shipped configuration, or refuses it for its heap alone (which boards hold
        // its two recipients: HeapBudgetTests); with one recipient every board but the Atom Lite takes it.
        [Theory]
        [MemberData(nameof(BoardProfileTests.ShippedBoards), MemberType = typeof(BoardProfileTests))]
        public void Check_ShippedConfigWithWifi_OnEveryShippedBoard_ValidOrTooBigForItsHeap(string board)
        {
            string config = Shipped("nf.config") + "wifi.ssid = Home\n";
            string boardText = Shipped(Path.Combine("boards", board));
            try
            {
                DeviceSetup setup = DeviceSetup.Check(config, "nf.config", boardText, "board.conf", false);
                Assert.Equal("Home", Assert.Single(setup.Config.WifiNetworks).Ssid);
                Assert.NotNull(setup.Board.Chip);
            }
            catch (ConfigException error)
            {
                Assert.StartsWith("nf.config: this configuration needs about ", Assert.Single(error.Problems), StringComparison.Ordinal);
            }
            string oneRecipient = Regex.Replace(config, "(?m)^recipient = .* Bob\n", "");
            if (board != "m5stack-atom-lite.conf")
            {
                Assert.Single(DeviceSetup.Check(oneRecipient, "nf.config", boardText, "board.conf", false).Config.Recipients);
            }
        }

        [Fact]
        public void Check_MainnetWithoutWifi_ReportsIt()
        {
            var error = Assert.Throws<ConfigException>(() => DeviceSetup.Check("board = t\nrecipient = " + Alice + " Alice\n", "nf.config", Esp32, "board.conf", false));
            Assert.Equal("nf.config: 'wifi.ssid' is missing: a beacon on network = mainnet reaches the Session network over Wi-Fi;"
                + " add 'wifi.ssid = <network name>' and 'wifi.password = <passphrase>'", Assert.Single(error.Problems));
        }

        [Fact]
        public void Check_MainnetWithoutWifi_PassesWhereWifiIsOptional()
        {
            DeviceSetup setup = DeviceSetup.Check("board = t\nrecipient = " + Alice + " Alice\n", "nf.config", Esp32, "board.conf", true);
            Assert.Empty(setup.Config.WifiNetworks);
        }

        [Fact]
        public void Check_TestnetWithoutWifi_ValidForTheSimulatedDevice()
        {
            string testnet = "network = testnet\nnetwork.seed = http://127.0.0.1:22100/json_rpc\nnetwork.seed_pin = " + Pin + "\nboard = t\nrecipient = " + Alice + " Alice\n";
            DeviceSetup setup = DeviceSetup.Check(testnet, "nf.config", Esp32, "board.conf", false);
            Assert.Empty(setup.Config.WifiNetworks);
        }

        public static TheoryData<string, string, string> SensorProblems => new TheoryData<string, string, string>
        {
            { "sensor = contact 4 Door", Esp32, "nf.config line 4: sensor 'Door' on GPIO4 is the board's button (board.conf); give the sensor a GPIO of its own" },
            { "sensor = motion 2 Hall", Esp32, "nf.config line 4: sensor 'Hall' on GPIO2 is the board's LED (board.conf)" },
            { "sensor = tamper 25 Case", Esp32, "nf.config line 4: sensor 'Case' on GPIO25 is the board's buzzer (board.conf)" },
            { "sensor = analog 35 above 2000 1800 Water", Esp32, "nf.config line 4: analog sensor 'Water' on GPIO35 is the board's battery gauge (board.conf)" },
            { "sensor = contact 9 Door", C3, "nf.config line 4: sensor 'Door' on GPIO9 is the board's button (board.conf)" },
            { "sensor = contact 0 Door", S3, "nf.config line 4: sensor 'Door' on GPIO0 is the board's button (board.conf)" },
            { "sensor = contact 7 Door", Esp32, "nf.config line 4: sensor 'Door' on GPIO7 is a flash pin of the ESP32 (GPIO6-11)" },
            { "sensor = contact 24 Door", Esp32, "nf.config line 4: sensor 'Door' on GPIO24: the ESP32 has no such GPIO" },
            { "sensor = motion 12 Hall", Esp32, "nf.config line 4: sensor 'Hall' on GPIO12 is a strapping pin of the ESP32 (GPIO0, 2, 5, 12, 15): a sensor that holds it at reset can stop the board from starting" },
            { "sensor = power 46 Mains", S3, "nf.config line 4: sensor 'Mains' on GPIO46 is a strapping pin of the ESP32-S3" },
            { "sensor = analog 25 above 2000 1800 Water", Esp32.Replace("buzzer.pin = 25\n", ""), "nf.config line 4: analog sensor 'Water' on GPIO25 is an ADC2 pin of the ESP32, which cannot be read while Wi-Fi is on" },
            { "sensor = analog 5 below 100 200 Water", C3, "nf.config line 4: analog sensor 'Water' on GPIO5 is an ADC2 pin of the ESP32-C3, which cannot be read while Wi-Fi is on (the Wi-Fi driver takes ADC2, and a beacon's Wi-Fi is always on): use an ADC1 pin (GPIO0-4)" },
            { "sensor = analog 20 above 2000 1800 Water", S3, "nf.config line 4: analog sensor 'Water' on GPIO20 is an ADC2 pin of the ESP32-S3" },
            { "sensor = analog 21 above 2000 1800 Water", S3, "nf.config line 4: analog sensor 'Water' on GPIO21 is not an analog input of the ESP32-S3: use an ADC1 pin (GPIO1-10)" },
            { "sensor = contact 34 Door", Esp32, "nf.config line 4: sensor 'Door' on GPIO34 is input-only on the ESP32 (GPIO34-39) and has no internal pull resistor, so the line would float:"
                + " fit a 10 kOhm resistor (to 3.3 V for a contact or tamper switch, to GND for a motion or power-sense output) and write external-pull after the GPIO on its line (docs/alert-policy.md)" },
            { "sensor = motion 39 Hall", Esp32, "nf.config line 4: sensor 'Hall' on GPIO39 is input-only on the ESP32 (GPIO34-39) and has no internal pull resistor" },
            { "sensor = contact 16 Door", Esp32 + Gps, "nf.config line 4: sensor 'Door' on GPIO16 is the board's GPS receive line (board.conf); give the sensor a GPIO of its own" },
            { "sensor = contact 17 Door", Esp32 + Gps, "nf.config line 4: sensor 'Door' on GPIO17 is the board's GPS transmit line (board.conf)" },
            { "sensor = motion 23 Hall", Esp32 + Gps, "nf.config line 4: sensor 'Hall' on GPIO23 is the board's GPS power switch (board.conf)" },
        };

        [Theory]
        [MemberData(nameof(SensorProblems))]
        public void Check_SensorTheBoardCannotTake_ReportedWithItsLine(string sensor, string board, string expected)
        {
            var error = Assert.Throws<ConfigException>(() => DeviceSetup.Check(Config + sensor + "\n", "nf.config", board, "board.conf", false));
            Assert.StartsWith(expected, Assert.Single(error.Problems), StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("sensor = analog 34 above 2000 1800 Water", Esp32)]
        [InlineData("sensor = contact 34 external-pull Door", Esp32)]
        [InlineData("sensor = power 36 external-pull Mains", Esp32)]
        [InlineData("sensor = contact 26 Door", Esp32)]
        [InlineData("sensor = analog 3 above 2000 1800 Water", C3)]
        [InlineData("sensor = analog 10 above 2000 1800 Water", S3)]
        [InlineData("sensor = motion 15 Hall", S3)]
        public void Check_SensorOnAFreePinItCanRead_Valid(string sensor, string board)
        {
            DeviceSetup setup = DeviceSetup.Check(Config + sensor + "\n", "nf.config", board, "board.conf", false);
            Assert.Single(setup.Config.Policy.Sensors);
        }

        [Fact]
        public void Check_ProblemsInBothFiles_AllListedAtOnce_ConfigFirst()
        {
            var error = Assert.Throws<ConfigException>(() => DeviceSetup.Check("board = t\nrecipient = " + Alice + " Alice\nsensor = contact 6 Door\npanic.hold_ms = 1\n",
                "nf.config", "board.name = T\nchip = esp32\nbutton.pin = 12\nled.pin = 2\n", "board.conf", false));
            Assert.Equal(4, error.Problems.Length);
            Assert.StartsWith("nf.config line 4: 'panic.hold_ms'", error.Problems[0], StringComparison.Ordinal);
            Assert.StartsWith("nf.config: 'wifi.ssid' is missing", error.Problems[1], StringComparison.Ordinal);
            Assert.StartsWith("nf.config line 3: sensor 'Door' on GPIO6 is a flash pin", error.Problems[2], StringComparison.Ordinal);
            Assert.StartsWith("board.conf line 3: button.pin GPIO12 is a strapping pin", error.Problems[3], StringComparison.Ordinal);
        }
    }
}
