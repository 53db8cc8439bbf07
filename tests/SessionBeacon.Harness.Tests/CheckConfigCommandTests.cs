using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SessionBeacon.Config;
using Xunit;

namespace SessionBeacon.Harness.Tests
{
    public class CheckConfigCommandTests
    {
        private static readonly string s_shipped = Path.Combine(AppContext.BaseDirectory, "shipped");
        private static readonly string s_alice = "05" + new string('1', 64);
        private static readonly string s_pin = Convert.ToBase64String(new byte[32]);

        [Fact]
        public void CheckConfig_ShippedFilesWithWifi_DescribesTheBeacon()
        {
            string path = TempConfig(File.ReadAllText(Path.Combine(s_shipped, "nf.config")) + "wifi.ssid = Home Net\nwifi.password = secret words\n");
            var (code, output, error) = Run("check-config", "--config", path, "--boards", Path.Combine(s_shipped, "boards"));
            Assert.Equal(ExitCode.Ok, code);
            Assert.Equal("", error);
            Assert.Contains("wifi:       joins 'Home Net'", output);
            Assert.Contains("device:     Beacon 1 on ESP32-DevKitC (ESP32, standard RAM)", output);
            Assert.Contains("nf.config is valid.", output);
            Assert.DoesNotContain("secret words", output);
        }

        [Fact]
        public void CheckConfig_SeveralWifiNetworks_NamedInOrderWithoutPassphrases()
        {
            string path = DeviceFolder(DeviceConfig("wifi.password = secret words\nwifi.2.ssid = Sam's phone\nwifi.2.password = hotspot words\nwifi.3.ssid = Library\n"), Esp32Board);
            var (code, output, error) = Run("check-config", "--config", path);
            Assert.Equal(ExitCode.Ok, code);
            Assert.Equal("", error);
            Assert.Contains("wifi:       joins one of 'Home', 'Sam's phone', 'Library' (open): the strongest in range first, in this order when signals are alike", output);

            (code, output, _) = Run("check-config", "--config", path, "--json");
            Assert.Equal(ExitCode.Ok, code);
            JsonObject summary = JsonNode.Parse(output).AsObject();
            Assert.Equal("Home", (string)summary["wifi_ssid"]);
            JsonArray networks = summary["wifi_networks"].AsArray();
            Assert.Equal(new[] { "Home", "Sam's phone", "Library" }, networks.Select(network => (string)network["ssid"]));
            Assert.Equal(new[] { false, false, true }, networks.Select(network => (bool)network["open"]));
            Assert.DoesNotContain("words", output);
        }

        [Fact]
        public void CheckConfig_ShippedFiles_OnlyTheWifiIsMissing()
        {
            var (code, _, error) = Run("check-config", "--config", Path.Combine(s_shipped, "nf.config"));
            Assert.Equal(ExitCode.ConfigError, code);
            Assert.StartsWith("1 configuration problem:\n  nf.config: 'wifi.ssid' is missing", error.Replace("\r\n", "\n"));
        }

        [Fact]
        public void CheckConfig_Problems_ListedWithLines()
        {
            string path = TempConfig("board = esp32-devkitc\nrecipient = 05ab Alice\npanic.hold_ms = 0\nwifi.ssid = Home\n");
            var (code, _, error) = Run("check-config", "--config", path, "--boards", Path.Combine(s_shipped, "boards"));
            Assert.Equal(ExitCode.ConfigError, code);
            Assert.Contains("2 configuration problems:", error);
            Assert.Contains("line 2: recipient '05ab' is not a Session ID", error);
            Assert.Contains("line 3: 'panic.hold_ms' must be a whole number from 200 to 10000", error);
        }

        [Fact]
        public void CheckConfig_UnknownBoard_ListsTheKnownOnes()
        {
            string path = TempConfig("board = esp8266\nrecipient = 05" + new string('1', 64) + " Alice\n");
            var (code, _, error) = Run("check-config", "--config", path, "--boards", Path.Combine(s_shipped, "boards"));
            Assert.Equal(ExitCode.ConfigError, code);
            Assert.Contains("board 'esp8266' has no profile", error);
            Assert.Contains("use one of: esp32-c3-devkitm, esp32-devkitc, esp32-s3-devkitc, m5stack-atom-lite", error);
        }

        [Fact]
        public void CheckConfig_ReadmeDeviceCommand_ChecksTheProvisionedFolder()
        {
            string folder = Path.Combine(Directory.CreateTempSubdirectory("device").FullName, "beacon-1");
            var (provisioned, _, provisionError) = Run("provision", "--board", "esp32-s3-devkitc", "--out", folder, "--recipient", s_alice + " Alice",
                "--seed-url", "http://127.0.0.1:22100/json_rpc", "--seed-pin", s_pin, "--no-hello", "--config", Path.Combine(s_shipped, "nf.config"));
            Assert.True(provisioned == ExitCode.Ok, provisionError);

            string readme = File.ReadAllText(Path.Combine(folder, "README-DEVICE.txt"));
            Match command = Regex.Match(readme, "(?m)^  harness (check-config .+)$");
            Assert.True(command.Success, "README-DEVICE.txt names no check-config command:\n" + readme);
            var (code, output, error) = Run(command.Groups[1].Value.Split(' '));

            Assert.True(code == ExitCode.Ok, "'" + command.Groups[1].Value + "' exits " + code + ": " + error);
            Assert.Contains("on ESP32-S3-DevKitC-1", output);
        }

        [Fact]
        public void CheckConfig_ReadmeDeviceCommand_MainnetFolder_AsksForTheWifiUntilItIsAdded()
        {
            string folder = Path.Combine(Directory.CreateTempSubdirectory("device").FullName, "beacon-1");
            var (provisioned, provisionOutput, provisionError) = Run("provision", "--board", "esp32-c3-devkitm", "--out", folder, "--recipient", s_alice + " Alice",
                "--no-hello", "--config", Path.Combine(s_shipped, "nf.config"));
            Assert.True(provisioned == ExitCode.Ok, provisionError);
            Assert.Contains("Before copying: add the Wi-Fi network to " + Path.Combine(folder, "nf.config"), provisionOutput);
            string[] command = Regex.Match(File.ReadAllText(Path.Combine(folder, "README-DEVICE.txt")), "(?m)^  harness (check-config .+)$").Groups[1].Value.Split(' ');

            var (before, _, error) = Run(command);
            Assert.Equal(ExitCode.ConfigError, before);
            Assert.Contains("nf.config: 'wifi.ssid' is missing", error);

            File.AppendAllText(Path.Combine(folder, "nf.config"), "wifi.ssid = Home\nwifi.password = correct horse\n");
            var (after, output, _) = Run(command);
            Assert.Equal(ExitCode.Ok, after);
            Assert.Contains("on ESP32-C3-DevKitM-1 (ESP32-C3, small RAM)", output);
        }

        private const string Esp32Board = "board.name = T\nchip = esp32\nbutton.pin = 4\nled.pin = 2\n";
        private const string C3Board = "board.name = T\nchip = esp32-c3\nbutton.pin = 9\nbutton.pull = external-up\nled.pin = 8\n";
        private const string S3Board = "board.name = T\nchip = esp32-s3\nbutton.pin = 0\nbutton.pull = external-up\nled.pin = 48\n";

        private static string DeviceConfig(string extra) => "wifi.ssid = Home\nboard = t\nrecipient = " + s_alice + " Alice\n" + extra;

        // What a new user wrote that the device refuses, and the start of the problem it reports.
        public static TheoryData<string, string, string> DeviceRejects => new TheoryData<string, string, string>
        {
            { "board = t\nrecipient = " + s_alice + " Alice\n", Esp32Board, "nf.config: 'wifi.ssid' is missing" },
            { DeviceConfig(""), Esp32Board.Replace("button.pin = 4", "button.pin = 6"), "board.conf line 3: button.pin GPIO6 is a flash pin of the ESP32" },
            { DeviceConfig(""), Esp32Board.Replace("button.pin = 4", "button.pin = 12"), "board.conf line 3: button.pin GPIO12 is a strapping pin of the ESP32" },
            { DeviceConfig(""), Esp32Board.Replace("button.pin = 4", "button.pin = 15"), "board.conf line 3: button.pin GPIO15 is a strapping pin of the ESP32" },
            { DeviceConfig(""), Esp32Board.Replace("button.pin = 4", "button.pin = 36"), "board.conf line 3: button.pin GPIO36 is input-only on the ESP32" },
            { DeviceConfig(""), C3Board.Replace("button.pin = 9", "button.pin = 2"), "board.conf line 3: button.pin GPIO2 is a strapping pin of the ESP32-C3" },
            { DeviceConfig(""), C3Board.Replace("button.pin = 9", "button.pin = 14"), "board.conf line 3: button.pin GPIO14 is a flash pin of the ESP32-C3" },
            { DeviceConfig(""), S3Board.Replace("button.pin = 0", "button.pin = 46"), "board.conf line 3: button.pin GPIO46 is a strapping pin of the ESP32-S3" },
            { DeviceConfig(""), S3Board.Replace("button.pin = 0", "button.pin = 30"), "board.conf line 3: button.pin GPIO30 is a flash pin of the ESP32-S3" },
            { DeviceConfig("sensor = contact 4 Front door\n"), Esp32Board, "nf.config line 4: sensor 'Front door' on GPIO4 is the board's button" },
            { DeviceConfig("sensor = analog 25 above 2000 1800 Water\n"), Esp32Board, "nf.config line 4: analog sensor 'Water' on GPIO25 is an ADC2 pin of the ESP32" },
            { DeviceConfig("sensor = analog 15 above 2000 1800 Water\n"), S3Board, "nf.config line 4: analog sensor 'Water' on GPIO15 is an ADC2 pin of the ESP32-S3" },
            { DeviceConfig("sensor = analog 5 above 2000 1800 Water\n"), C3Board, "nf.config line 4: analog sensor 'Water' on GPIO5 is an ADC2 pin of the ESP32-C3" },
            { DeviceConfig("recipient = " + s_alice.ToUpperInvariant() + " Alice again\n"), Esp32Board, "nf.config line 4: recipient " + s_alice.Substring(0, 8) + "... is already a recipient on line 3" },
        };

        [Theory]
        [MemberData(nameof(DeviceRejects))]
        public void CheckConfig_WhatTheDeviceRejects_SameProblemsAsTheDevice(string config, string board, string expected)
        {
            string path = DeviceFolder(config, board);
            var (code, output, error) = Run("check-config", "--config", path);
            Assert.True(code == ExitCode.ConfigError, code + ": " + output);
            Assert.Contains(expected, error);

            // The device's start (Esp32/Program.cs) on the same two files, as it calls the check.
            var device = Assert.Throws<ConfigException>(() => DeviceSetup.Check(config, "nf.config", board, "board.conf", false));
            Assert.Equal(device.Message + Environment.NewLine, error);
        }

        [Theory]
        [InlineData(Esp32Board)]
        [InlineData(C3Board)]
        [InlineData(S3Board)]
        public void CheckConfig_BootButtonAndFreePins_Valid(string board)
        {
            var (code, output, error) = Run("check-config", "--config", DeviceFolder(DeviceConfig(""), board));
            Assert.True(code == ExitCode.Ok, error);
            Assert.Contains("nf.config is valid.", output);
        }

        [Fact]
        public void CheckConfig_TestnetWithoutWifi_ValidForTheSimulatedDevice()
        {
            string config = "network = testnet\nnetwork.seed = http://127.0.0.1:22100/json_rpc\nnetwork.seed_pin = " + s_pin + "\nboard = t\nrecipient = " + s_alice + " Alice\n";
            var (code, output, error) = Run("check-config", "--config", DeviceFolder(config, Esp32Board));
            Assert.True(code == ExitCode.Ok, error);
            Assert.Contains("wifi:       none", output);
        }

        [Fact]
        public void CheckConfig_Json_Valid_TheSummaryAsOneObject()
        {
            string path = DeviceFolder(DeviceConfig("sensor = analog 34 above 2000 1800 Water level\n"), Esp32Board);
            var (code, output, error) = Run("check-config", "--config", path, "--json");

            Assert.Equal(ExitCode.Ok, code);
            Assert.Equal("", error);
            JsonObject summary = JsonNode.Parse(output).AsObject();
            Assert.True((bool)summary["valid"]);
            Assert.Equal(path, (string)summary["config"]);
            Assert.Equal(Path.Combine(Path.GetDirectoryName(path), "board.conf"), (string)summary["board"]);
            Assert.Equal("mainnet", (string)summary["network"]);
            Assert.Null(summary["seed_url"]);
            Assert.Equal("Home", (string)summary["wifi_ssid"]);
            Assert.Equal("esp32", (string)summary["chip"]);
            Assert.Equal(4, (int)summary["button"]["pin"]);
            Assert.True((bool)summary["button"]["active_low"]);
            Assert.Equal(1500, (int)summary["button"]["hold_ms"]);
            Assert.Equal(2, (int)summary["led"]["pin"]);
            JsonNode sensor = Assert.Single(summary["sensors"].AsArray());
            Assert.Equal("Water level", (string)sensor["name"]);
            Assert.Equal("analog", (string)sensor["kind"]);
            Assert.Equal(34, (int)sensor["pin"]);
            JsonNode alice = Assert.Single(summary["recipients"].AsArray());
            Assert.Equal("Alice", (string)alice["name"]);
            Assert.Equal(s_alice, (string)alice["session_id"]);
            Assert.False((bool)alice["ratchet"]);
        }

        [Fact]
        public void CheckConfig_Json_Problems_ListedOnStandardOutput_ExitCode3()
        {
            string path = DeviceFolder("board = t\nrecipient = " + s_alice + " Alice\nsensor = contact 4 Door\n", Esp32Board.Replace("button.pin = 4", "button.pin = 4\nled.pin = 6"));
            var (code, output, error) = Run("check-config", "--config", path, "--json");

            Assert.Equal(ExitCode.ConfigError, code);
            Assert.Equal("", error);
            JsonObject result = JsonNode.Parse(output).AsObject();
            Assert.False((bool)result["valid"]);
            var device = Assert.Throws<ConfigException>(() => DeviceSetup.Check(File.ReadAllText(path), "nf.config",
                File.ReadAllText(Path.Combine(Path.GetDirectoryName(path), "board.conf")), "board.conf", false));
            Assert.Equal(device.Problems, result["problems"].AsArray().Select(problem => (string)problem).ToArray());
        }

        [Fact]
        public void CheckConfig_Json_MissingFile_IsOneProblem()
        {
            var (code, output, error) = Run("check-config", "--config", "/nonexistent/nf.config", "--json");
            Assert.Equal(ExitCode.ConfigError, code);
            Assert.Equal("", error);
            string problem = (string)Assert.Single(JsonNode.Parse(output)["problems"].AsArray());
            Assert.Contains("/nonexistent/nf.config not found", problem);
        }

        [Fact]
        public void CheckConfig_MissingFile_SaysWhatToDo()
        {
            var (code, _, error) = Run("check-config", "--config", "/nonexistent/nf.config");
            Assert.Equal(ExitCode.ConfigError, code);
            Assert.Contains("run from the repository root or pass --config FILE", error);
        }

        [Theory]
        [InlineData(new[] { "check-config", "--bogus", "x" }, "unknown option '--bogus'")]
        [InlineData(new[] { "check-config", "--config" }, "option '--config' needs a value")]
        [InlineData(new[] { "fly" }, "unknown command 'fly'")]
        public void Run_BadUsage_ExitCode2(string[] args, string message)
        {
            var (code, _, error) = Run(args);
            Assert.Equal(ExitCode.UsageError, code);
            Assert.Contains(message, error);
        }

        [Fact]
        public void Help_ListsEveryCommand()
        {
            var (code, output, _) = Run("help");
            Assert.Equal(ExitCode.Ok, code);
            foreach (System.CommandLine.Command command in Program.Build(new HarnessConsole(TextReader.Null, TextWriter.Null, TextWriter.Null)).Subcommands)
            {
                Assert.Contains("  " + command.Name + " ", output);
            }
        }

        private static (ExitCode, string, string) Run(params string[] args)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            ExitCode code = Program.Run(args, output, error);
            return (code, output.ToString(), error.ToString());
        }

        // A device folder as 'provision' writes it: nf.config and board.conf side by side.
        private static string DeviceFolder(string config, string board)
        {
            string folder = Directory.CreateTempSubdirectory("device").FullName;
            File.WriteAllText(Path.Combine(folder, "board.conf"), board);
            File.WriteAllText(Path.Combine(folder, "nf.config"), config);
            return Path.Combine(folder, "nf.config");
        }

        private static string TempConfig(string text)
        {
            string path = Path.Combine(Directory.CreateTempSubdirectory("cfg").FullName, "nf.config");
            File.WriteAllText(path, text);
            return path;
        }
    }
}
