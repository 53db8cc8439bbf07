// "testnet": runs the local Session network of issue 6 (Session.Testnet) from the command line.
//   testnet up [--nodes 12] [--swarm-size 4] [--data DIR] [--seed-port 0] [--processes no|yes] [--first-subnet 10]
//       starts the network (node i on 127.0.X.Y, X from --first-subnet, two nodes per /24), prints the summary (seed URL, pin, admin URL, swarms) and runs until
//       Ctrl+C; writes DIR/testnet.json so "testnet fault" finds the admin endpoint.
//   testnet fault (--data DIR | --admin URL) --node I [--down on|off] [--delay-ms N] [--drop-rate R]
//       [--clock-skew-ms N] [--wrong-swarm on|off] [--corrupt-replies on|off] [--refuse-relay on|off]
//       changes one node's faults through the admin endpoint of a running network.
//   testnet seen (--data DIR | --admin URL) --node I
//       prints what node I saw of each request: from which address, to which next hop, whether it
//       was the destination and which Session ID the request named.
//   testnet node --data DIR --index I
//       serves one node of a network started with --processes yes (started by "up", not by hand).
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Session.Testnet;

namespace SessionBeacon.Harness.Commands
{
    /// <summary>Starts, faults and hosts nodes of the local test network.</summary>
    public sealed class TestnetCommand : ICommand
    {
        public const string StateFileName = "testnet.json";

        private static readonly string[] s_knobs = { "--down", "--delay-ms", "--drop-rate", "--clock-skew-ms", "--wrong-swarm", "--corrupt-replies", "--refuse-relay" };

        private static System.Runtime.InteropServices.PosixSignalRegistration s_sigterm;

        private readonly Func<Task> _waitForStop;

        /// <summary>A command whose "up" runs until Ctrl+C or SIGTERM.</summary>
        public TestnetCommand() : this(WaitForCtrlC)
        {
        }

        /// <summary>A command whose "up" runs until <paramref name="waitForStop"/> completes (tests).</summary>
        public TestnetCommand(Func<Task> waitForStop)
        {
            _waitForStop = waitForStop;
        }

        public string Name => "testnet";

        public string Usage => "testnet up [--nodes N] [--swarm-size S] [--data DIR] [--seed-port P] [--processes no|yes] [--first-subnet X]"
            + " | testnet fault (--data DIR | --admin URL) --node I [--down on|off] [--delay-ms N] [--drop-rate R] [--clock-skew-ms N]"
            + " [--wrong-swarm on|off] [--corrupt-replies on|off] [--refuse-relay on|off] | testnet seen (--data DIR | --admin URL) --node I"
            + " | testnet node --data DIR --index I";

        public string Summary => "run a local network of Session storage nodes and a seed on loopback, and inject faults into it";

        public ExitCode Run(string[] arguments, TextWriter output, TextWriter error)
        {
            if (arguments.Length == 0)
            {
                throw new ArgumentException("say what to do: up, fault, seen or node");
            }
            string[] rest = arguments[1..];
            switch (arguments[0])
            {
                case "up":
                    return UpAsync(Arguments.Parse(rest, "--nodes", "--swarm-size", "--data", "--seed-port", "--processes", "--first-subnet"), output, error).GetAwaiter().GetResult();
                case "fault":
                    var allowed = new List<string> { "--data", "--admin", "--node" };
                    allowed.AddRange(s_knobs);
                    return FaultAsync(Arguments.Parse(rest, allowed.ToArray()), output, error).GetAwaiter().GetResult();
                case "seen":
                    return SeenAsync(Arguments.Parse(rest, "--data", "--admin", "--node"), output, error).GetAwaiter().GetResult();
                case "node":
                    Arguments node = Arguments.Parse(rest, "--data", "--index");
                    return NodeAsync(node.Get("--data", null) ?? throw new ArgumentException("--data is required"),
                        Integer(node, "--index", -1, 0, 999), output, error).GetAwaiter().GetResult();
                default:
                    throw new ArgumentException("unknown subcommand '" + arguments[0] + "'; expected up, fault, seen or node");
            }
        }

        /// <summary>How "up --processes yes" starts a node: this harness again, with "testnet node".</summary>
        public static NodeHostCommand NodeHost()
        {
            string dll = typeof(TestnetCommand).Assembly.Location;
            // Under the dotnet host (dotnet harness.dll, dotnet test), start the nodes with the same host.
            string running = Environment.ProcessPath;
            if (running != null && Path.GetFileNameWithoutExtension(running) == "dotnet")
            {
                return new NodeHostCommand(running, new[] { dll, "testnet", "node" });
            }
            string appHost = Path.ChangeExtension(dll, OperatingSystem.IsWindows() ? ".exe" : null);
            if (File.Exists(appHost))
            {
                return new NodeHostCommand(appHost, new[] { "testnet", "node" });
            }
            return new NodeHostCommand(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", new[] { dll, "testnet", "node" });
        }

        private async Task<ExitCode> UpAsync(Arguments options, TextWriter output, TextWriter error)
        {
            string processes = options.Get("--processes", "no");
            if (processes != "no" && processes != "yes")
            {
                throw new ArgumentException("--processes must be yes or no, not '" + processes + "'");
            }
            var settings = new TestnetOptions
            {
                NodeCount = Integer(options, "--nodes", 12, 1, 1000),
                SwarmSize = Integer(options, "--swarm-size", 4, 1, 1000),
                DataFolder = options.Get("--data", "testnet-data"),
                SeedPort = Integer(options, "--seed-port", 0, 0, 65535),
                FirstSubnet = Integer(options, "--first-subnet", 10, 1, 255),
                NodeHost = processes == "yes" ? NodeHost() : null,
            };
            TestNetwork network;
            try
            {
                network = await TestNetwork.StartAsync(settings);
            }
            catch (ArgumentException invalid)
            {
                throw new ArgumentException(invalid.Message);
            }
            catch (Exception failed) when (failed is IOException || failed is InvalidOperationException || failed is System.Net.Sockets.SocketException)
            {
                error.WriteLine("testnet did not start: " + failed.Message);
                return ExitCode.Failed;
            }
            await using (network)
            {
                string statePath = Path.Combine(settings.DataFolder, StateFileName);
                File.WriteAllText(statePath, new JsonObject
                {
                    ["seed"] = network.SeedUrl,
                    ["pin"] = network.SeedPin,
                    ["admin"] = network.AdminUrl,
                }.ToJsonString());
                network.WriteSummary(output);
                output.WriteLine("running; Ctrl+C stops it. Faults: harness testnet fault --data " + settings.DataFolder + " --node I --delay-ms 500");
                output.Flush();
                await _waitForStop();
                output.WriteLine("stopping " + network.NodeCount + " nodes");
                File.Delete(statePath);
            }
            output.WriteLine("testnet stopped; data kept in " + Path.GetFullPath(settings.DataFolder));
            return ExitCode.Ok;
        }

        private static async Task<ExitCode> FaultAsync(Arguments options, TextWriter output, TextWriter error)
        {
            int node = Integer(options, "--node", -1, 0, 999);
            var request = new JsonObject { ["node"] = node };
            foreach (string knob in s_knobs)
            {
                string value = options.Get(knob, null);
                if (value == null)
                {
                    continue;
                }
                string name = knob.Substring(2).Replace('-', '_');
                request[name] = knob switch
                {
                    "--delay-ms" => Integer(options, knob, 0, 0, 600_000),
                    "--clock-skew-ms" => long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long skew)
                        ? skew : throw new ArgumentException("--clock-skew-ms must be a whole number of milliseconds, not '" + value + "'"),
                    "--drop-rate" => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double rate) && rate >= 0 && rate <= 1
                        ? rate : throw new ArgumentException("--drop-rate must be between 0 and 1, not '" + value + "'"),
                    _ => value == "on" ? true : value == "off" ? false : throw new ArgumentException(knob + " must be on or off, not '" + value + "'"),
                };
            }
            if (request.Count == 1)
            {
                throw new ArgumentException("name at least one fault to set, such as --delay-ms 500 or --down on");
            }
            string admin = options.Get("--admin", null) ?? AdminFromState(options.Get("--data", null), error);
            if (admin == null)
            {
                return ExitCode.Failed;
            }
            using HttpClient http = AdminClient();
            try
            {
                using var content = new StringContent(request.ToJsonString(), Encoding.UTF8, "application/json");
                using HttpResponseMessage response = await http.PostAsync(admin.TrimEnd('/') + "/faults", content);
                string body = await response.Content.ReadAsStringAsync();
                if (!response.IsSuccessStatusCode)
                {
                    error.WriteLine("the testnet refused: " + body);
                    return ExitCode.Failed;
                }
                output.WriteLine("node " + node + " faults: " + body);
                return ExitCode.Ok;
            }
            catch (HttpRequestException unreachable)
            {
                error.WriteLine("no testnet answers at " + admin + " (" + unreachable.Message + "); is 'testnet up' running?");
                return ExitCode.Failed;
            }
        }

        private static async Task<ExitCode> SeenAsync(Arguments options, TextWriter output, TextWriter error)
        {
            int node = Integer(options, "--node", -1, 0, 999);
            string admin = options.Get("--admin", null) ?? AdminFromState(options.Get("--data", null), error);
            if (admin == null)
            {
                return ExitCode.Failed;
            }
            using HttpClient http = AdminClient();
            try
            {
                using HttpResponseMessage response = await http.GetAsync(admin.TrimEnd('/') + "/observations?node=" + node);
                string body = await response.Content.ReadAsStringAsync();
                if (!response.IsSuccessStatusCode)
                {
                    error.WriteLine("the testnet refused: " + body);
                    return ExitCode.Failed;
                }
                output.WriteLine("node " + node + " saw (time ms, endpoint, from, next hop, destination?, method, Session ID, status):");
                foreach (JsonNode seen in JsonNode.Parse(body).AsArray())
                {
                    output.WriteLine("  " + seen["time"] + "  " + ((string)seen["endpoint"]).PadRight(15) + " from " + ((string)seen["from"]).PadRight(12)
                        + " next " + Short((string)seen["next_hop"]) + ((bool)seen["destination"] ? "  DESTINATION " : "  relay       ")
                        + ((string)seen["method"] ?? "-").PadRight(10) + " " + ((string)seen["session_id"] ?? "-") + "  " + seen["status"]);
                }
                return ExitCode.Ok;
            }
            catch (HttpRequestException unreachable)
            {
                error.WriteLine("no testnet answers at " + admin + " (" + unreachable.Message + "); is 'testnet up' running?");
                return ExitCode.Failed;
            }
        }

        private static string Short(string key)
        {
            return key == null ? "-       " : key.Substring(0, 8);
        }

        // The admin endpoint is the testnet's own seed server on 127.0.0.1 with a self-signed certificate.
        private static HttpClient AdminClient()
        {
            return new HttpClient(new SocketsHttpHandler
            {
                SslOptions = { RemoteCertificateValidationCallback = (sender, certificate, chain, errors) => true },
            });
        }

        private static string AdminFromState(string dataFolder, TextWriter error)
        {
            if (dataFolder == null)
            {
                throw new ArgumentException("give --data DIR (the folder of a running 'testnet up') or --admin URL");
            }
            string path = Path.Combine(dataFolder, StateFileName);
            if (!File.Exists(path))
            {
                error.WriteLine(path + " not found: no 'testnet up' is running on " + dataFolder);
                return null;
            }
            try
            {
                return (string)JsonNode.Parse(File.ReadAllText(path))["admin"];
            }
            catch (Exception damaged) when (damaged is JsonException || damaged is NullReferenceException || damaged is InvalidOperationException)
            {
                error.WriteLine(path + " is damaged (" + damaged.Message + "); restart 'testnet up'");
                return null;
            }
        }

        private static async Task<ExitCode> NodeAsync(string dataFolder, int index, TextWriter output, TextWriter error)
        {
            try
            {
                return (ExitCode)await NodeProcess.RunAsync(dataFolder, index, Console.In, output);
            }
            catch (InvalidDataException invalid)
            {
                error.WriteLine(invalid.Message);
                return ExitCode.ConfigError;
            }
        }

        private static int Integer(Arguments options, string name, int defaultValue, int minimum, int maximum)
        {
            string text = options.Get(name, null);
            if (text == null)
            {
                if (defaultValue < minimum)
                {
                    throw new ArgumentException(name + " is required");
                }
                return defaultValue;
            }
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value < minimum || value > maximum)
            {
                throw new ArgumentException(name + " must be a whole number from " + minimum + " to " + maximum + ", not '" + text + "'");
            }
            return value;
        }

        private static Task WaitForCtrlC()
        {
            var stop = new TaskCompletionSource();
            Console.CancelKeyPress += (sender, press) =>
            {
                press.Cancel = true;
                stop.TrySetResult();
            };
            // SIGTERM (kill, CI, systemd) stops as cleanly as Ctrl+C; the registration lives as long as the process.
            s_sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, signal =>
            {
                signal.Cancel = true;
                stop.TrySetResult();
            });
            return stop.Task;
        }
    }
}
