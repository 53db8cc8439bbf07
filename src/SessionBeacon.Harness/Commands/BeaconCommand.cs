using System;
using System.CommandLine;
using System.IO;
using System.Threading;
using Session.Core.Micro.Identity;
using SessionBeacon.Config;
using SessionBeacon.Harness.Config;
using SessionBeacon.Harness.Device;
using SessionBeacon.Harness.Identity;
using SessionBeacon.Harness.Storage;

namespace SessionBeacon.Harness.Commands
{
    /// <summary>
    /// `beacon run`: the firmware app as a simulated device. DIR is a device folder as
    /// 'provision --out DIR' writes it (identity.seed, nf.config, board.conf); the flash lives in
    /// DIR/flash, so the outbox and the ratchet states survive a restart. Its nf.config is never the
    /// repository's template: without one in DIR, --config must name it.
    /// </summary>
    public static class BeaconCommand
    {
        public static Command Create(HarnessConsole console)
        {
            Option<string> data = CommonOptions.Data("the device folder: identity.seed, nf.config and board.conf (what 'provision --out' writes)");
            Option<string> config = CommonOptions.Text("--config", "FILE", "the configuration [default: DIR/nf.config]", false);
            Option<string> board = CommonOptions.Text("--board", "FILE", "the board profile [default: DIR/board.conf, else the one nf.config names in boards/]", false);
            var wifi = new Option<string[]>("--wifi-in-range")
            {
                HelpName = "SSID",
                Description = "simulate the device's Wi-Fi: this network of nf.config is in range (repeat for several); the beacon scans and joins as a board does,"
                    + " the strongest in range first, in nf.config's order when alike [default: no Wi-Fi simulated, the network is always there]",
            };
            Option<string> nmea = CommonOptions.Text("--nmea", "FILE", "the GPS module replays this NMEA log (a receiver's output, such as tests/vectors/nmea/mt3339.log)"
                + " at the pace of its recorded times; the board profile needs a GPS (gps.rx, gps.tx) [default: the module sends what gps lines say]", false);
            var run = new Command("run", "run the beacon app as a simulated device: at a terminal the space bar is the button (hold it for a long press) and q quits; "
                + "otherwise it reads lines, each at the device time the lines before it reached: " + InputLine.Forms
                + "; at the end of the input it finishes what is pending and stops")
            {
                data, config, board, wifi, nmea,
            };
            run.SetAction(parsed => (int)Run(parsed.GetValue(data), parsed.GetValue(config), parsed.GetValue(board), parsed.GetValue(wifi), console, parsed.GetValue(nmea)));
            return new Command("beacon", "the simulated beacon") { run };
        }

        public static ExitCode Run(string data, string configPath, string boardPath, string[] wifiInRange, HarnessConsole console, string nmea = null)
        {
            TextWriter error = console.Error;
            if (configPath == null && !File.Exists(Path.Combine(data, "nf.config")))
            {
                error.WriteLine("beacon run: " + data + " has no nf.config: make the device folder with 'provision --out " + data + "', or pass --config FILE");
                return ExitCode.ConfigError;
            }
            configPath ??= Path.Combine(data, "nf.config");
            BeaconConfig config;
            BoardProfile board;
            try
            {
                boardPath ??= File.Exists(Path.Combine(data, "board.conf")) ? Path.Combine(data, "board.conf") : DeviceFiles.BoardPathFor(configPath, null);
                // The device's own check; the simulated device needs no Wi-Fi (unless --wifi-in-range), so wifi.ssid may be missing.
                DeviceSetup setup = DeviceFiles.Load(configPath, boardPath, wifiOptional: true);
                config = setup.Config;
                board = setup.Board;
            }
            catch (Exception problem) when (problem is FileNotFoundException || problem is ConfigException)
            {
                error.WriteLine("beacon run: " + problem.Message);
                return ExitCode.ConfigError;
            }
            if (wifiInRange != null && wifiInRange.Length > 0 && config.WifiNetworks.Length == 0)
            {
                error.WriteLine("beacon run: --wifi-in-range needs Wi-Fi networks in " + configPath + " (wifi.ssid, wifi.2.ssid, ...), and it has none");
                return ExitCode.ConfigError;
            }
            SimulatedGps gps = null;
            if (nmea != null && !board.Gps.Fitted)
            {
                error.WriteLine("beacon run: --nmea needs a GPS module in the board profile " + boardPath + ": add gps.rx and gps.tx (docs/boards.md)");
                return ExitCode.UsageError;
            }
            try
            {
                gps = nmea != null ? SimulatedGps.Replay(nmea) : board.Gps.Fitted ? new SimulatedGps() : null;
            }
            catch (Exception problem) when (problem is IOException || problem is FormatException || problem is UnauthorizedAccessException)
            {
                error.WriteLine("beacon run: --nmea " + nmea + ": " + problem.Message);
                return ExitCode.UsageError;
            }
            IdentityKeys identity;
            try
            {
                identity = new IdentityFolder(data).LoadKeys();
            }
            catch (IOException missing)
            {
                error.WriteLine("beacon run: " + missing.Message + " (or 'provision --out " + data + "' for a whole device folder)");
                return ExitCode.Failed;
            }
            using FolderLock held = FolderLock.TryAcquire(data, "beacon run", error);
            if (held == null)
            {
                identity.Wipe();
                return ExitCode.Failed;
            }
            var clock = new DeviceClock();
            var device = new SimulatedDevice(config, board, identity, data, console.Output, clock, wifiInRange == null || wifiInRange.Length == 0 ? null : wifiInRange, gps);
            console.Output.WriteLine("beacon '" + config.DeviceName + "' (" + identity.SessionId + ") on a simulated " + board.Name + ", " + config.Network
                + (config.SeedUrl == null ? "" : " via " + config.SeedUrl) + "; flash in " + Path.Combine(data, SimulatedDevice.FlashFolder));
            var input = new DeviceInput(clock, config.Policy.Sensors, gps != null, error);
            if (console.Input == Console.In && !Console.IsInputRedirected)
            {
                console.Output.WriteLine("hold the space bar for a long press (" + config.PanicHoldMs + " ms), tap it to cancel; q quits");
                input.StartKeys();
            }
            else
            {
                input.StartLines(console.Input);
            }
            using var stop = new CancellationTokenSource();
            ConsoleCancelEventHandler cancel = (_, e) =>
            {
                e.Cancel = true;
                stop.Cancel();
            };
            Console.CancelKeyPress += cancel;
            try
            {
                device.Run(input, stop.Token);
            }
            finally
            {
                Console.CancelKeyPress -= cancel;
            }
            if (device.IsHalted)
            {
                error.WriteLine("beacon run: the beacon halted: " + device.HaltReason);
                return ExitCode.Failed;
            }
            return input.BadLines == 0 ? ExitCode.Ok : ExitCode.UsageError;
        }
    }
}
