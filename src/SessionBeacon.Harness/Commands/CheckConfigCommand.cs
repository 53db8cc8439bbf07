using System;
using System.IO;
using SessionBeacon.Config;

namespace SessionBeacon.Harness.Commands
{
    /// <summary>
    /// Validates nf.config and the board profile it names with the same portable code the device
    /// runs, and prints what the beacon would do with them.
    /// </summary>
    public sealed class CheckConfigCommand : ICommand
    {
        public string Name => "check-config";

        public string Usage => "check-config [--config FILE] [--boards DIR]";

        public string Summary => "check nf.config and its board profile as the device would, and list every problem";

        public ExitCode Run(string[] arguments, TextWriter output, TextWriter error)
        {
            Arguments options = Arguments.Parse(arguments, "--config", "--boards");
            string configPath = options.Get("--config", "nf.config");
            string boardsFolder = options.Get("--boards", Path.Combine(Path.GetDirectoryName(Path.GetFullPath(configPath)), "boards"));
            if (!File.Exists(configPath))
            {
                error.WriteLine(configPath + " not found: run from the repository root or pass --config FILE");
                return ExitCode.ConfigError;
            }
            try
            {
                BeaconConfig config = BeaconConfig.Parse(File.ReadAllText(configPath), Path.GetFileName(configPath));
                string boardPath = Path.Combine(boardsFolder, config.Board + ".conf");
                if (!File.Exists(boardPath))
                {
                    error.WriteLine(Path.GetFileName(configPath) + ": board '" + config.Board + "' has no profile " + boardPath
                        + "; use one of: " + string.Join(", ", BoardNames(boardsFolder)));
                    return ExitCode.ConfigError;
                }
                BoardProfile board = BoardProfile.Parse(File.ReadAllText(boardPath), Path.GetFileName(boardPath));
                Describe(config, board, output);
                return ExitCode.Ok;
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

        private static string[] BoardNames(string folder)
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
