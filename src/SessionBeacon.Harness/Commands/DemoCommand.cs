using System;
using System.CommandLine;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using Session.Core.Micro.Network;
using Session.Testnet;
using SessionBeacon.Config;
using SessionBeacon.Harness.Config;
using SessionBeacon.Harness.Demo;

namespace SessionBeacon.Harness.Commands
{
    /// <summary>
    /// The demo: a 12-node testnet in this process, a beacon provisioned from nf.config for two
    /// recipients (one on the stock app, one with a companion receiver), and the firmware app as a
    /// simulated device: a panic, a duress press and a sensor alert, each traced through its onion
    /// path, receipted, opened by both receivers and acknowledged through the alert ratchet.
    /// </summary>
    public static class DemoCommand
    {
        /// <summary>The demo's nodes live on 127.0.120.1 to 127.0.125.2: no test project or default uses that range.</summary>
        public const int FirstSubnet = 120;

        public static Command Create(HarnessConsole console)
        {
            Option<string> config = CommonOptions.Text("--config", "FILE", "the beacon's configuration [default: nf.config]", false);
            Option<string> data = CommonOptions.Data("keep the testnet's, the beacon's and the receivers' files here [default: a temporary folder, deleted]", required: false);
            var command = new Command("demo", "a 12-node local testnet, a beacon provisioned from nf.config: panic, duress and sensor alerts through onion paths to two recipients who open them, one acknowledging through the alert ratchet")
            {
                config,
                data,
            };
            command.SetAction(parsed => (int)Run(parsed.GetValue(config) ?? "nf.config", parsed.GetValue(data), console));
            return command;
        }

        public static ExitCode Run(string configPath, string given, HarnessConsole console)
        {
            TextWriter error = console.Error;
            BeaconConfig config;
            BoardProfile board;
            try
            {
                config = BeaconConfig.Parse(DeviceFiles.ConfigText(configPath), Path.GetFileName(configPath));
                board = DeviceFiles.Board(DeviceFiles.BoardPath(DeviceFiles.BoardsBeside(configPath), config.Board));
            }
            catch (Exception problem) when (problem is FileNotFoundException || problem is ConfigException)
            {
                error.WriteLine(problem.Message);
                return ExitCode.ConfigError;
            }
            if (config.Recipients.Length < 2)
            {
                error.WriteLine("demo: " + Path.GetFileName(configPath) + " names " + config.Recipients.Length + " recipient; the demo needs two (Alice and Bob)");
                return ExitCode.ConfigError;
            }
            string sensorLine = config.Policy.Sensors.Length == 0 ? "sensor = contact " + FreePin(board) + " Front door" : null;
            string folder = given ?? Directory.CreateTempSubdirectory("sessionbeacon-demo").FullName;
            try
            {
                return Task.Run(() => RunAsync(configPath, config, board, sensorLine, folder, console)).GetAwaiter().GetResult();
            }
            finally
            {
                if (given == null)
                {
                    try
                    {
                        Directory.Delete(folder, true);
                    }
                    catch (IOException)
                    {
                        // A file still held open; the temp folder is cleaned by the system.
                    }
                }
            }
        }

        private static async Task<ExitCode> RunAsync(string configPath, BeaconConfig config, BoardProfile board, string sensorLine, string folder, HarnessConsole console)
        {
            TextWriter output = console.Output;
            var wall = Stopwatch.StartNew();
            output.WriteLine("SessionBeacon demo: '" + config.DeviceName + "' on " + board.Name + ", " + config.Recipients.Length + " recipients, a local testnet of 12 nodes");
            string[] names = { config.Recipients[0].Name, config.Recipients[1].Name };
            output.WriteLine("note: nf.config's recipient IDs are placeholders whose keys nobody has; the demo recipients stand in for "
                + names[0] + " and " + names[1] + " (fresh identities, made now)");
            TestNetwork network;
            try
            {
                network = await TestNetwork.StartAsync(new TestnetOptions
                {
                    NodeCount = 12,
                    SwarmSize = 4,
                    DataFolder = Path.Combine(folder, "testnet"),
                    FirstSubnet = FirstSubnet,
                });
            }
            catch (Exception failed) when (failed is IOException || failed is InvalidOperationException || failed is System.Net.Sockets.SocketException)
            {
                console.Error.WriteLine("demo failed: the testnet did not start: " + failed.Message);
                return ExitCode.Failed;
            }
            await using (network)
            {
                output.WriteLine("testnet: 12 nodes in swarms of 4 on 127.0." + FirstSubnet + ".1 to 127.0." + (FirstSubnet + 5) + ".2, seed " + network.SeedUrl
                    + " (started in " + network.StartupTime.TotalSeconds.ToString("0.0") + " s)");
                try
                {
                    string failure = new DemoRun(console, network, folder, configPath, sensorLine, names).Play();
                    if (failure != null)
                    {
                        console.Error.WriteLine("demo failed: " + failure);
                        return ExitCode.Failed;
                    }
                }
                catch (ServiceNodeException failed)
                {
                    console.Error.WriteLine("demo failed: the network did not answer: " + failed.Message);
                    return ExitCode.Failed;
                }
            }
            output.WriteLine();
            output.WriteLine("demo finished in " + wall.Elapsed.TotalSeconds.ToString("0.0") + " s: every alert delivered with verified receipts, opened by both recipients"
                + " and acknowledged by " + names[1] + "'s receiver through the alert ratchet");
            return ExitCode.Ok;
        }

        // A GPIO for the demo's sensor that the board's button and LED do not use.
        private static int FreePin(BoardProfile board)
        {
            foreach (int pin in new[] { 13, 14, 25, 26, 5 })
            {
                if (pin != board.ButtonPin && pin != board.LedPin)
                {
                    return pin;
                }
            }
            return 33;
        }
    }
}
