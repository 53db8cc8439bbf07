// "testnet": runs the local Session network (Session.Testnet, docs/testnet.md) from the command line.
//   testnet up [--nodes 12] [--swarm-size 4] [--data DIR] [--seed-port 0] [--processes no|yes] [--first-subnet 10]
//       starts the network (node i on 127.0.X.Y, X from --first-subnet, two nodes per /24), prints the summary (seed URL,
//       pin, admin URL, swarms) and runs until Ctrl+C or SIGTERM; writes DIR/testnet.json (Network/TestnetState.cs) so
//       the other subcommands find it. DIR is locked while it runs (Storage/FolderLock.cs); started again on DIR, the
//       network keeps its seed URL and pin, so clients given them go on working.
//   testnet status --data DIR      a table of the nodes: address, swarm, up or down, faults, messages stored.
//   testnet down --data DIR        stops the 'testnet up' process of DIR (SIGTERM, as Ctrl+C) and waits for it.
//   testnet fault (--data DIR | --admin URL) --node I [--down on|off] [--delay-ms N] [--drop-rate R]
//       [--clock-skew-ms N] [--reported-clock-skew-ms N] [--wrong-swarm on|off] [--claim-swarm on|off]
//       [--conspirators I,J|none] [--sign-without-storing on|off] [--hostile-json huge|escapes|nested|none]
//       [--hostile-json-bytes N] [--drip-ms N] [--corrupt-replies on|off] [--refuse-relay on|off]
//       changes one node's faults through the admin endpoint of a running network (docs/testnet.md).
//   testnet junk (--data DIR | --admin URL) --session-id ID --count N [--kind random|envelope] [--size BYTES]
//       stores N junk messages in the inbox of ID, as any stranger can.
//   testnet seen (--data DIR | --admin URL) --node I
//       prints what node I saw of each request: from which address, to which next hop, whether it
//       was the destination and which Session ID the request named.
//   testnet node --data DIR --index I
//       serves one node of a network started with --processes yes (started by "up", not by hand).
using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Session.Testnet;
using SessionBeacon.Harness.Network;
using SessionBeacon.Harness.Storage;
using Spectre.Console;

namespace SessionBeacon.Harness.Commands
{
    /// <summary>Starts, inspects, faults and stops the local test network, and hosts its node processes.</summary>
    public static class TestnetCommand
    {
        public const string StateFileName = TestnetState.FileName;

        public static Command Create(HarnessConsole console)
        {
            var command = new Command("testnet", "run a local network of Session storage nodes and a seed on loopback, see its state, inject faults, stop it");
            command.Subcommands.Add(UpCommand(console));
            command.Subcommands.Add(TestnetStatus.StatusCommand(console));
            command.Subcommands.Add(TestnetStatus.DownCommand(console));
            command.Subcommands.Add(FaultCommand(console));
            command.Subcommands.Add(JunkCommand(console));
            command.Subcommands.Add(SeenCommand(console));
            command.Subcommands.Add(NodeCommand(console));
            return command;
        }

        private static Command UpCommand(HarnessConsole console)
        {
            Option<int> nodes = CommonOptions.Integer("--nodes", "N", "storage nodes", 12, 1, 1000);
            Option<int> swarmSize = CommonOptions.Integer("--swarm-size", "S", "nodes per swarm", 4, 1, 1000);
            Option<string> data = CommonOptions.Data("the network's folder: node keys, messages, testnet.json [default: testnet-data]", required: false);
            Option<int> seedPort = CommonOptions.Integer("--seed-port", "P", "the seed's port on 127.0.0.1 (0: the port of the last run on the folder, else any free one)", 0, 0, 65535);
            Option<string> processes = CommonOptions.Choice("--processes", "one process per node", "no", "yes", "no");
            Option<int> firstSubnet = CommonOptions.Integer("--first-subnet", "X", "node i listens on 127.0.X.Y, two nodes per /24 from 127.0.X", 10, 1, 255);
            var up = new Command("up", "start a network and run it until Ctrl+C or 'testnet down'") { nodes, swarmSize, data, seedPort, processes, firstSubnet };
            up.SetAction(parsed =>
            {
                var settings = new TestnetOptions
                {
                    NodeCount = parsed.GetValue(nodes),
                    SwarmSize = parsed.GetValue(swarmSize),
                    DataFolder = parsed.GetValue(data) ?? "testnet-data",
                    SeedPort = parsed.GetValue(seedPort),
                    FirstSubnet = parsed.GetValue(firstSubnet),
                    NodeHost = parsed.GetValue(processes) == "yes" ? NodeHost() : null,
                };
                return (int)UpAsync(settings, console).GetAwaiter().GetResult();
            });
            return up;
        }

        private static Command FaultCommand(HarnessConsole console)
        {
            Option<string> data = CommonOptions.Data("the folder of a running 'testnet up'", required: false);
            Option<string> admin = CommonOptions.Text("--admin", "URL", "the admin URL 'testnet up' printed (instead of --data)", false);
            Option<int> node = CommonOptions.Integer("--node", "I", "the node's index", null, 0, 999);
            var knobs = new List<(Option Option, Func<ParseResult, JsonNode> Value)>();
            foreach ((string name, string description) in new[]
            {
                ("--down", "refuse every connection"),
                ("--wrong-swarm", "answer 421 as if the Session ID belonged to another swarm"),
                ("--claim-swarm", "claim to be the swarm of every Session ID outside its own (421 and get_swarm naming itself and --conspirators)"),
                ("--sign-without-storing", "answer stores with a signed receipt, store nothing, replicate nothing"),
                ("--corrupt-replies", "damage every reply"),
                ("--refuse-relay", "refuse to relay onion requests to the next hop"),
            })
            {
                Option<string> knob = CommonOptions.Choice(name, description, null, "on", "off");
                knobs.Add((knob, parsed => parsed.GetValue(knob) == "on"));
            }
            foreach ((string name, string description, int maximum) in new[]
            {
                ("--delay-ms", "answer every request N ms late", 600_000),
                ("--drip-ms", "trickle every answer's body out over N ms", 600_000),
                ("--hostile-json-bytes", "size of the --hostile-json junk (0: " + NodeFaults.DefaultHostileJsonBytes + ")", NodeFaults.MaxHostileJsonBytes),
            })
            {
                Option<int> knob = CommonOptions.Integer(name, "N", description, null, 0, maximum);
                knob.Required = false;
                knobs.Add((knob, parsed => parsed.GetValue(knob)));
            }
            Option<double> dropRate = CommonOptions.Parsed<double>("--drop-rate", "R", "drop this fraction of requests", "between 0 and 1",
                text => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double rate) && rate >= 0 && rate <= 1 ? rate : (double?)null);
            knobs.Add((dropRate, parsed => parsed.GetValue(dropRate)));
            foreach ((string name, string description) in new[]
            {
                ("--clock-skew-ms", "shift the node's clock by N ms"),
                ("--reported-clock-skew-ms", "shift every time the node reports by N ms, its own checks keeping its clock"),
            })
            {
                Option<long> knob = CommonOptions.Parsed<long>(name, "N", description, "a whole number of milliseconds",
                    text => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long ms) ? ms : (long?)null);
                knobs.Add((knob, parsed => parsed.GetValue(knob)));
            }
            Option<string> hostile = CommonOptions.Choice("--hostile-json", "put junk before every successful JSON answer: one huge string, "
                + "thousands of escaped strings, or deep nesting", null, "huge", "escapes", "nested", "none");
            knobs.Add((hostile, parsed => parsed.GetValue(hostile)));
            Option<string> conspirators = CommonOptions.Text("--conspirators", "I,J|none", "the nodes --claim-swarm names beside this one", false);
            knobs.Add((conspirators, parsed => Indices(parsed.GetValue(conspirators))));
            var fault = new Command("fault", "change one node's faults in a running network") { data, admin, node };
            foreach ((Option option, _) in knobs)
            {
                fault.Options.Add(option);
            }
            fault.SetAction(parsed =>
            {
                var request = new JsonObject { ["node"] = parsed.GetValue(node) };
                foreach ((Option option, Func<ParseResult, JsonNode> value) in knobs)
                {
                    if (parsed.GetResult(option) != null)
                    {
                        request[Knob(option)] = value(parsed);
                    }
                }
                if (request.Count == 1)
                {
                    throw new ArgumentException("name at least one fault to set, such as --delay-ms 500 or --down on");
                }
                return (int)AdminPostAsync("faults", request, "node " + request["node"] + " faults: ", parsed.GetValue(admin), parsed.GetValue(data),
                    console.Output, console.Error).GetAwaiter().GetResult();
            });
            return fault;
        }

        private static Command JunkCommand(HarnessConsole console)
        {
            Option<string> data = CommonOptions.Data("the folder of a running 'testnet up'", required: false);
            Option<string> admin = CommonOptions.Text("--admin", "URL", "the admin URL 'testnet up' printed (instead of --data)", false);
            Option<string> sessionId = CommonOptions.Text("--session-id", "ID", "the Session ID whose inbox to fill", true);
            Option<int> count = CommonOptions.Integer("--count", "N", "junk messages to store", null, 1, InboxJunk.MaxCount);
            Option<string> kind = CommonOptions.Choice("--kind", "random bytes, or envelopes laid out like a real message's", "random", "random", "envelope");
            Option<int> size = CommonOptions.Integer("--size", "BYTES", "random content per message", TestNetwork.DefaultJunkSize, 1, TestNetwork.MaxJunkSize);
            var junk = new Command("junk", "store junk messages in a Session ID's inbox (namespace 0), as any stranger can")
            {
                data, admin, sessionId, count, kind, size,
            };
            junk.SetAction(parsed =>
            {
                var request = new JsonObject
                {
                    ["pubkey"] = parsed.GetValue(sessionId),
                    ["count"] = parsed.GetValue(count),
                    ["kind"] = parsed.GetValue(kind),
                    ["size"] = parsed.GetValue(size),
                };
                return (int)AdminPostAsync("junk", request, "junk for " + parsed.GetValue(sessionId) + ": ", parsed.GetValue(admin), parsed.GetValue(data),
                    console.Output, console.Error).GetAwaiter().GetResult();
            });
            return junk;
        }

        // "3,5" -> [3,5]; "none" -> [].
        private static JsonArray Indices(string text)
        {
            var indices = new JsonArray();
            if (text == "none")
            {
                return indices;
            }
            foreach (string part in text.Split(','))
            {
                if (!int.TryParse(part.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int index))
                {
                    throw new ArgumentException("--conspirators must be node indices separated by commas, such as 3,5, or none; not '" + text + "'");
                }
                indices.Add(index);
            }
            return indices;
        }

        private static Command SeenCommand(HarnessConsole console)
        {
            Option<string> data = CommonOptions.Data("the folder of a running 'testnet up'", required: false);
            Option<string> admin = CommonOptions.Text("--admin", "URL", "the admin URL 'testnet up' printed (instead of --data)", false);
            Option<int> node = CommonOptions.Integer("--node", "I", "the node's index", null, 0, 999);
            var seen = new Command("seen", "print what one node saw of each request: from where, to which next hop, which Session ID") { data, admin, node };
            seen.SetAction(parsed => (int)SeenAsync(parsed.GetValue(node), parsed.GetValue(admin), parsed.GetValue(data), console.Output, console.Error)
                .GetAwaiter().GetResult());
            return seen;
        }

        private static Command NodeCommand(HarnessConsole console)
        {
            Option<string> data = CommonOptions.Data("the network's folder");
            Option<int> index = CommonOptions.Integer("--index", "I", "the node's index", null, 0, 999);
            var node = new Command("node", "serve one node of a network started with --processes yes (run by 'testnet up', not by hand)") { data, index };
            node.SetAction(parsed => (int)NodeAsync(parsed.GetValue(data), parsed.GetValue(index), console).GetAwaiter().GetResult());
            return node;
        }

        // --delay-ms -> delay_ms, the admin endpoint's name for the knob.
        private static string Knob(Option option) => option.Name.Substring(2).Replace('-', '_');

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

        private static async Task<ExitCode> UpAsync(TestnetOptions settings, HarnessConsole console)
        {
            TextWriter output = console.Output;
            using FolderLock held = FolderLock.TryAcquire(settings.DataFolder, "testnet up", console.Error);
            if (held == null)
            {
                return ExitCode.Failed;
            }
            TestNetwork network;
            try
            {
                network = await console.Ansi.Status().StartAsync("starting " + settings.NodeCount + " nodes and the seed on loopback",
                    _ => TestNetwork.StartAsync(settings));
            }
            catch (ArgumentException invalid)
            {
                throw new ArgumentException(invalid.Message);
            }
            catch (SeedPortTakenException taken)
            {
                console.Error.WriteLine("testnet did not start: " + taken.Message + "; stop that program, or move the seed with --seed-port N"
                    + " (its clients then need the new seed URL)");
                return ExitCode.Failed;
            }
            catch (Exception failed) when (failed is IOException || failed is InvalidOperationException || failed is System.Net.Sockets.SocketException)
            {
                console.Error.WriteLine("testnet did not start: " + failed.Message);
                return ExitCode.Failed;
            }
            await using (network)
            {
                // The summary first: whoever waits for the state file finds it printed.
                string statePath = TestnetState.PathIn(settings.DataFolder);
                network.WriteSummary(output);
                output.WriteLine("running; Ctrl+C or 'testnet down --data " + settings.DataFolder + "' stops it. State: harness testnet status --data "
                    + settings.DataFolder + ". Faults: harness testnet fault --data " + settings.DataFolder + " --node I --delay-ms 500");
                output.Flush();
                TestnetState.OfThisProcess(network.SeedUrl, network.SeedPin, network.AdminUrl, settings.NodeHost != null).Write(settings.DataFolder);
                await console.WaitForStop();
                output.WriteLine("stopping " + network.NodeCount + " nodes");
                File.Delete(statePath);
            }
            output.WriteLine("testnet stopped; data kept in " + Path.GetFullPath(settings.DataFolder));
            output.Flush();
            return ExitCode.Ok;
        }

        // POSTs a request to one admin endpoint and prints its answer after prefix.
        private static async Task<ExitCode> AdminPostAsync(string endpoint, JsonObject request, string prefix, string admin, string data,
            TextWriter output, TextWriter error)
        {
            admin ??= AdminFromState(data, error);
            if (admin == null)
            {
                return ExitCode.Failed;
            }
            using HttpClient http = AdminClient();
            try
            {
                using var content = new StringContent(request.ToJsonString(), Encoding.UTF8, "application/json");
                using HttpResponseMessage response = await http.PostAsync(admin.TrimEnd('/') + "/" + endpoint, content);
                string body = await response.Content.ReadAsStringAsync();
                if (!response.IsSuccessStatusCode)
                {
                    error.WriteLine("the testnet refused: " + body);
                    return ExitCode.Failed;
                }
                output.WriteLine(prefix + body);
                return ExitCode.Ok;
            }
            catch (HttpRequestException unreachable)
            {
                error.WriteLine("no testnet answers at " + admin + " (" + unreachable.Message + "); is 'testnet up' running?");
                return ExitCode.Failed;
            }
        }

        private static async Task<ExitCode> SeenAsync(int node, string admin, string data, TextWriter output, TextWriter error)
        {
            admin ??= AdminFromState(data, error);
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
        internal static HttpClient AdminClient()
        {
            return new HttpClient(new SocketsHttpHandler
            {
                SslOptions = { RemoteCertificateValidationCallback = (sender, certificate, chain, errors) => true },
            });
        }

        internal static string AdminFromState(string dataFolder, TextWriter error)
        {
            if (dataFolder == null)
            {
                throw new ArgumentException("give --data DIR (the folder of a running 'testnet up') or --admin URL");
            }
            try
            {
                return TestnetState.Read(dataFolder).AdminUrl;
            }
            catch (Exception missing) when (missing is FileNotFoundException || missing is InvalidDataException)
            {
                error.WriteLine(missing.Message);
                return null;
            }
        }

        private static async Task<ExitCode> NodeAsync(string dataFolder, int index, HarnessConsole console)
        {
            try
            {
                return (ExitCode)await NodeProcess.RunAsync(dataFolder, index, console.Input, console.Output);
            }
            catch (InvalidDataException invalid)
            {
                console.Error.WriteLine(invalid.Message);
                return ExitCode.ConfigError;
            }
        }
    }
}
