using System;
using System.CommandLine;
using System.IO;
using SessionBeacon.Config;
using SessionBeacon.Harness.Config;

namespace SessionBeacon.Harness.Commands
{
    /// <summary>
    /// Validates nf.config and its board profile with the check the device runs at start
    /// (DeviceSetup.Check), and prints what the beacon would do with them.
    /// </summary>
    public static class CheckConfigCommand
    {
        public static Command Create(HarnessConsole console)
        {
            Option<string> config = CommonOptions.Text("--config", "FILE", "the configuration to check [default: nf.config]", false);
            Option<string> boards = CommonOptions.Text("--boards", "DIR", "the board profiles [default: board.conf beside the configuration when there is one, as in a device folder; else boards/ beside it]", false);
            var command = new Command("check-config", "check nf.config and its board profile as the device would, and list every problem") { config, boards };
            command.SetAction(parsed => (int)Run(parsed.GetValue(config), parsed.GetValue(boards), console.Output, console.Error));
            return command;
        }

        public static ExitCode Run(string configPath, string boardsFolder, TextWriter output, TextWriter error)
        {
            configPath ??= "nf.config";
            try
            {
                DeviceSetup setup = DeviceFiles.Load(configPath, DeviceFiles.BoardPathFor(configPath, boardsFolder), wifiOptional: false);
                Describe(setup.Config, setup.Board, Path.GetFileName(configPath), output);
                return ExitCode.Ok;
            }
            catch (FileNotFoundException missing)
            {
                error.WriteLine(missing.Message);
                return ExitCode.ConfigError;
            }
            catch (ConfigException problems)
            {
                error.WriteLine(problems.Message);
                return ExitCode.ConfigError;
            }
        }

        private static void Describe(BeaconConfig config, BoardProfile board, string configName, TextWriter output)
        {
            output.WriteLine("network:    " + config.Network + (config.SeedUrl == null ? " (pinned seed nodes)" : " via " + config.SeedUrl));
            output.WriteLine("wifi:       " + (config.WifiSsid != null ? "joins '" + config.WifiSsid + "'"
                : "none: fine for the harness's simulated device (beacon run) on this testnet; a device stops at start without wifi.ssid"));
            output.WriteLine("device:     " + config.DeviceName + " on " + board.Name + " (" + board.Chip.Title + ", " + board.RamClass + " RAM)");
            output.WriteLine("button:     GPIO" + board.ButtonPin + (board.ButtonActiveLow ? ", active low" : ", active high")
                + "; hold " + config.PanicHoldMs + " ms to fire, " + config.PanicCancelMs + " ms to cancel");
            output.WriteLine("led:        GPIO" + board.LedPin + " (" + board.LedKind + ")");
            foreach (SensorSetting sensor in config.Policy.Sensors)
            {
                output.WriteLine("sensor:     " + sensor.Name + " (" + sensor.Kind.ToString().ToLowerInvariant() + ") on GPIO" + sensor.Pin);
            }
            output.WriteLine("alerts:     kept and retried for " + config.AlertTtlHours + " h");
            foreach (Recipient recipient in config.Recipients)
            {
                output.WriteLine("recipient:  " + recipient.Name + "  " + recipient.SessionId + (recipient.UsesRatchet ? "  (companion receiver, ratchet)" : ""));
            }
            output.WriteLine(configName + " is valid.");
        }

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
