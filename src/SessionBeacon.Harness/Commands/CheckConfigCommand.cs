using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using SessionBeacon.Config;
using SessionBeacon.Harness.Config;

namespace SessionBeacon.Harness.Commands
{
    /// <summary>
    /// Validates nf.config and its board profile with the check the device runs at start
    /// (DeviceSetup.Check), and prints what the beacon would do with them, or every problem;
    /// with --json, either as one JSON object on standard output.
    /// </summary>
    public static class CheckConfigCommand
    {
        public static Command Create(HarnessConsole console)
        {
            Option<string> config = CommonOptions.Text("--config", "FILE", "the configuration to check [default: ./nf.config, else the shipped one]", false);
            Option<string> boards = CommonOptions.Text("--boards", "DIR", "the board profiles [default: board.conf beside the configuration when there is one, as in a device folder; else boards/ beside it, or the shipped boards]", false);
            Option<bool> json = CommonOptions.Json();
            var command = new Command("check-config", "check nf.config and its board profile as the device would, and list every problem") { config, boards, json };
            command.SetAction(parsed => (int)Run(parsed.GetValue(config), parsed.GetValue(boards), parsed.GetValue(json), console.Output, console.Error));
            return command;
        }

        /// <summary>Checks the files; with <paramref name="json"/> the summary or the problems go to <paramref name="output"/> as JSON, else the summary to output and the problems to <paramref name="error"/>.</summary>
        public static ExitCode Run(string configPath, string boardsFolder, bool json, TextWriter output, TextWriter error)
        {
            configPath ??= DeviceFiles.DefaultConfig();
            try
            {
                string boardPath = DeviceFiles.BoardPathFor(configPath, boardsFolder);
                DeviceSetup setup = DeviceFiles.Load(configPath, boardPath, wifiOptional: false);
                if (json)
                {
                    JsonOutput.Write(output, Summary(setup.Config, setup.Board, configPath, boardPath));
                }
                else
                {
                    Describe(setup.Config, setup.Board, Path.GetFileName(configPath), output);
                }
                return ExitCode.Ok;
            }
            catch (FileNotFoundException missing)
            {
                return Refuse(new[] { missing.Message }, missing.Message, json, output, error);
            }
            catch (ConfigException invalid)
            {
                return Refuse(invalid.Problems, invalid.Message, json, output, error);
            }
        }

        // The problems as JSON on the output, or as text on the error stream.
        private static ExitCode Refuse(string[] problems, string text, bool json, TextWriter output, TextWriter error)
        {
            if (json)
            {
                var result = new JsonObject { ["valid"] = false, ["problems"] = new JsonArray(problems.Select(problem => (JsonNode)JsonValue.Create(problem)).ToArray()) };
                JsonOutput.Write(output, result);
            }
            else
            {
                error.WriteLine(text);
            }
            return ExitCode.ConfigError;
        }

        private static void Describe(BeaconConfig config, BoardProfile board, string configName, TextWriter output)
        {
            output.WriteLine("network:    " + config.Network + (config.SeedUrl == null ? " (pinned seed nodes)" : " via " + config.SeedUrl));
            output.WriteLine("wifi:       " + WifiLine(config.WifiNetworks));
            output.WriteLine("device:     " + config.DeviceName + " on " + board.Name + " (" + board.Chip.Title + ", " + board.RamClass + " RAM)");
            output.WriteLine("button:     GPIO" + board.ButtonPin + (board.ButtonActiveLow ? ", active low" : ", active high")
                + "; hold " + config.PanicHoldMs + " ms to fire, " + config.PanicCancelMs + " ms to cancel");
            output.WriteLine("led:        GPIO" + board.LedPin + " (" + board.LedKind + ")");
            foreach (SensorSetting sensor in config.Policy.Sensors)
            {
                output.WriteLine("sensor:     " + sensor.Name + " (" + KindName(sensor.Kind) + ") on GPIO" + sensor.Pin);
            }
            output.WriteLine("alerts:     kept and retried for " + config.AlertTtlHours + " h");
            foreach (Recipient recipient in config.Recipients)
            {
                output.WriteLine("recipient:  " + recipient.Name + "  " + recipient.SessionId + (recipient.UsesRatchet ? "  (companion receiver, ratchet)" : ""));
            }
            output.WriteLine(configName + " is valid.");
        }

        // The networks by name only: the passphrases are never shown.
        private static string WifiLine(WifiNetwork[] networks)
        {
            if (networks.Length == 0)
            {
                return "none: fine for the harness's simulated device (beacon run) on this testnet; a device stops at start without wifi.ssid";
            }
            if (networks.Length == 1)
            {
                return "joins '" + networks[0].Ssid + "'" + (networks[0].Password.Length == 0 ? " (open)" : "");
            }
            return "joins one of " + string.Join(", ", networks.Select(network => "'" + network.Ssid + "'" + (network.Password.Length == 0 ? " (open)" : "")))
                + ": the strongest in range first, in this order when signals are alike (docs/provisioning.md)";
        }

        // What Describe prints, as one object; the Wi-Fi passphrase stays out, as everywhere.
        private static JsonObject Summary(BeaconConfig config, BoardProfile board, string configPath, string boardPath)
        {
            var sensors = new JsonArray();
            foreach (SensorSetting sensor in config.Policy.Sensors)
            {
                sensors.Add(new JsonObject { ["name"] = sensor.Name, ["kind"] = KindName(sensor.Kind), ["pin"] = sensor.Pin });
            }
            var recipients = new JsonArray();
            foreach (Recipient recipient in config.Recipients)
            {
                recipients.Add(new JsonObject { ["name"] = recipient.Name, ["session_id"] = recipient.SessionId, ["ratchet"] = recipient.UsesRatchet });
            }
            return new JsonObject
            {
                ["valid"] = true,
                ["config"] = configPath,
                ["board"] = boardPath,
                ["network"] = config.Network,
                ["seed_url"] = config.SeedUrl,
                ["wifi_ssid"] = config.WifiNetworks.Length == 0 ? null : config.WifiNetworks[0].Ssid,
                ["wifi_networks"] = new JsonArray(config.WifiNetworks.Select(network => (JsonNode)new JsonObject { ["ssid"] = network.Ssid, ["open"] = network.Password.Length == 0 }).ToArray()),
                ["device_name"] = config.DeviceName,
                ["board_name"] = board.Name,
                ["chip"] = board.Chip.Name,
                ["ram_class"] = board.RamClass,
                ["button"] = new JsonObject
                {
                    ["pin"] = board.ButtonPin,
                    ["active_low"] = board.ButtonActiveLow,
                    ["hold_ms"] = config.PanicHoldMs,
                    ["cancel_ms"] = config.PanicCancelMs,
                },
                ["led"] = new JsonObject { ["pin"] = board.LedPin, ["kind"] = board.LedKind },
                ["buzzer_pin"] = board.BuzzerPin == BoardProfile.NoPin ? null : board.BuzzerPin,
                ["battery_pin"] = board.BatteryPin == BoardProfile.NoPin ? null : board.BatteryPin,
                ["sensors"] = sensors,
                ["alert_ttl_hours"] = config.AlertTtlHours,
                ["recipients"] = recipients,
            };
        }

        // The sensor kind as nf.config writes it.
        private static string KindName(SensorKind kind) => kind == SensorKind.PowerLoss ? "power" : kind.ToString().ToLowerInvariant();

        /// <summary>The profile names in <paramref name="folder"/>, sorted; a note when there is no such folder.</summary>
        public static string[] BoardNames(string folder)
        {
            if (!Directory.Exists(folder))
            {
                return new[] { "(no boards folder at " + folder + ")" };
            }
            string[] files = Directory.GetFiles(folder, "*.conf");
            for (int i = 0; i < files.Length; i++)
            {
                files[i] = Path.GetFileNameWithoutExtension(files[i]);
            }
            Array.Sort(files, StringComparer.Ordinal);
            return files;
        }
    }
}
