using System;
using System.CommandLine;
using System.IO;
using SessionBeacon.Config;
using SessionBeacon.Harness.Config;

namespace SessionBeacon.Harness.Commands
{
    /// <summary>
    /// Validates nf.config and the board profile it names with the same portable code the device
    /// runs, and prints what the beacon would do with them.
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
                BeaconConfig config = BeaconConfig.Parse(DeviceFiles.ConfigText(configPath), Path.GetFileName(configPath));
                string boardPath;
                try
                {
                    boardPath = DeviceFiles.BoardPathFor(configPath, boardsFolder, config.Board);
                }
                catch (FileNotFoundException missing)
                {
                    error.WriteLine(Path.GetFileName(configPath) + ": " + missing.Message);
                    return ExitCode.ConfigError;
                }
                Describe(config, DeviceFiles.Board(boardPath), output);
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

        private static void Describe(BeaconConfig config, BoardProfile board, TextWriter output)
        {
            output.WriteLine("network:    " + config.Network + (config.SeedUrl == null ? " (pinned seed nodes)" : " via " + config.SeedUrl));
            output.WriteLine("device:     " + config.DeviceName + " on " + board.Name + " (" + board.RamClass + " RAM)");
            output.WriteLine("button:     GPIO" + board.ButtonPin + (board.ButtonActiveLow ? ", active low" : ", active high")
                + "; hold " + config.PanicHoldMs + " ms to fire, " + config.PanicCancelMs + " ms to cancel");
            output.WriteLine("led:        GPIO" + board.LedPin + " (" + board.LedKind + ")");
            output.WriteLine("alerts:     kept and retried for " + config.AlertTtlHours + " h");
            foreach (Recipient recipient in config.Recipients)
            {
                output.WriteLine("recipient:  " + recipient.Name + "  " + recipient.SessionId);
            }
            output.WriteLine("nf.config is valid.");
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
