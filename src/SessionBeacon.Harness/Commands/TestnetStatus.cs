// "testnet status" and "testnet down" for a long-lived network started by 'testnet up --data DIR'.
// status prints a table, or with --json one JSON document (NetworkState).
// Both read DIR/testnet.json (Network/TestnetState.cs) and DIR/network.json (the map the nodes share).
// status asks the admin endpoint for each node's state and faults, opens a TCP connection to each
// node to see that it serves, and counts the messages in its SQLite file (read-only, so it is cheap
// and never disturbs the node). down sends SIGTERM to the 'up' process, which stops as for Ctrl+C:
// the nodes (and their processes) stop, testnet.json is deleted, the data stays.
using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Session.Testnet;
using SessionBeacon.Harness.Network;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace SessionBeacon.Harness.Commands
{
    /// <summary>The status and down subcommands of "testnet".</summary>
    public static class TestnetStatus
    {
        /// <summary>How long down waits for the network to stop before it kills the process.</summary>
        public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

        private const int SigTerm = 15;
        private static readonly TimeSpan s_probeTimeout = TimeSpan.FromSeconds(1);

        public static Command StatusCommand(HarnessConsole console)
        {
            Option<string> data = CommonOptions.Data("the folder of a running 'testnet up'");
            Option<bool> json = CommonOptions.Json();
            var status = new Command("status", "show the nodes of a running network: address, swarm, up or down, faults, messages stored") { data, json };
            status.SetAction(parsed => (int)Status(parsed.GetValue(data), parsed.GetValue(json), console));
            return status;
        }

        public static Command DownCommand(HarnessConsole console)
        {
            Option<string> data = CommonOptions.Data("the folder of a running 'testnet up'");
            var down = new Command("down", "stop the network that 'testnet up --data DIR' runs (its data stays)") { data };
            down.SetAction(parsed => (int)Down(parsed.GetValue(data), console.Output, console.Error));
            return down;
        }

        /// <summary>What status --json prints: the network, and one <see cref="NodeState"/> per node.</summary>
        public sealed record NetworkState(string Data, string SeedUrl, string SeedPin, string AdminUrl, int ProcessId, bool NodeProcesses,
            int SwarmCount, int NodesUp, List<NodeState> Nodes);

        /// <summary>
        /// One node: its index, address (ip:port), swarm id (hex), state ("up", "down" by the down fault,
        /// "stopped", or "not-answering"), faults as the admin endpoint names them (null when unknown),
        /// and the messages it stores (null when its database cannot be read).
        /// </summary>
        public sealed record NodeState(int Index, string Address, string Swarm, string State, JsonObject Faults, long? Messages);

        public static ExitCode Status(string data, bool json, HarnessConsole console)
        {
            TestnetState state;
            NetworkMap map;
            try
            {
                state = TestnetState.Read(data);
                string mapPath = Path.Combine(data, NodeProcess.MapFileName);
                map = NetworkMap.FromJson(File.ReadAllText(mapPath), mapPath);
            }
            catch (Exception missing) when (missing is IOException)
            {
                console.Error.WriteLine("testnet status: " + missing.Message);
                return ExitCode.Failed;
            }
            JsonArray nodes;
            try
            {
                using HttpClient http = TestnetCommand.AdminClient();
                http.Timeout = TimeSpan.FromSeconds(10);
                nodes = JsonNode.Parse(http.GetStringAsync(state.AdminUrl.TrimEnd('/') + "/nodes").GetAwaiter().GetResult())["nodes"].AsArray();
            }
            catch (Exception unreachable) when (unreachable is HttpRequestException || unreachable is TaskCanceledException)
            {
                console.Error.WriteLine("testnet status: no testnet answers at " + state.AdminUrl + " (" + unreachable.Message + "): "
                    + (state.FindProcess() == null ? "its process " + state.ProcessId + " has ended; 'testnet down --data " + data + "' clears the stale state"
                        : "its process " + state.ProcessId + " still runs; try again, or 'testnet down --data " + data + "'"));
                return ExitCode.Failed;
            }
            Task<bool>[] serving = new Task<bool>[map.Nodes.Length];
            for (int i = 0; i < serving.Length; i++)
            {
                serving[i] = ServesAsync(map.Nodes[i]);
            }
            var rows = new List<NodeState>();
            foreach (NodeEntry node in map.Nodes)
            {
                JsonNode admin = node.Index < nodes.Count ? nodes[node.Index] : null;
                bool running = admin != null && (bool)admin["running"];
                JsonObject faults = admin?["faults"] as JsonObject;
                bool faultedDown = faults != null && (bool?)faults["down"] == true;
                bool answers = serving[node.Index].GetAwaiter().GetResult();
                string what = !running ? "stopped" : faultedDown ? "down" : answers ? "up" : "not-answering";
                rows.Add(new NodeState(node.Index, node.Ip + ":" + node.Port, node.SwarmHex, what, faults, MessageCount(data, node.Index)));
            }
            var network = new NetworkState(Path.GetFullPath(data), state.SeedUrl, state.SeedPin, state.AdminUrl, state.ProcessId, state.NodeProcesses,
                map.SwarmIds.Length, rows.FindAll(row => row.State == "up").Count, rows);
            if (json)
            {
                JsonOutput.Write(console.Output, network);
                return ExitCode.Ok;
            }
            WriteTable(network, console);
            return ExitCode.Ok;
        }

        private static void WriteTable(NetworkState network, HarnessConsole console)
        {
            var table = new Table().AddColumns("node", "address", "swarm", "state", "faults", "messages");
            table.Border = TableBorder.Simple;
            foreach (NodeState node in network.Nodes)
            {
                string what = node.State == "down" ? "down (fault)" : node.State.Replace('-', ' ');
                table.AddRow(Cell(node.Index.ToString("d2")), Cell(node.Address), Cell(node.Swarm),
                    new Markup(console.IsTerminal ? (what == "up" ? "[green]up[/]" : "[red]" + Markup.Escape(what) + "[/]") : Markup.Escape(what)),
                    Cell(Faults(node.Faults)), Cell(node.Messages?.ToString(CultureInfo.InvariantCulture) ?? "?"));
            }
            TextWriter output = console.Output;
            output.WriteLine("testnet of " + network.Data + ": " + network.NodesUp + " of " + network.Nodes.Count + " nodes up, " + network.SwarmCount + " swarms, "
                + (network.NodeProcesses ? "one process per node" : "in one process") + " (pid " + network.ProcessId + ")");
            output.WriteLine("seed:    " + network.SeedUrl);
            output.WriteLine("pin:     " + network.SeedPin);
            output.WriteLine("admin:   " + network.AdminUrl);
            output.Flush();
            console.Ansi.Write(table);
        }

        public static ExitCode Down(string data, TextWriter output, TextWriter error)
        {
            TestnetState state;
            try
            {
                state = TestnetState.Read(data);
            }
            catch (Exception missing) when (missing is IOException)
            {
                error.WriteLine("testnet down: " + missing.Message);
                return ExitCode.Failed;
            }
            string statePath = TestnetState.PathIn(data);
            using Process process = state.FindProcess();
            if (process == null)
            {
                File.Delete(statePath);
                output.WriteLine("the testnet of " + data + " was not running (its process " + state.ProcessId + " has ended); removed the stale " + TestnetState.FileName);
                return ExitCode.Ok;
            }
            if (process.Id == Environment.ProcessId)
            {
                error.WriteLine("testnet down: the testnet of " + data + " runs inside this process; stop it where it was started");
                return ExitCode.Failed;
            }
            if (!IsHarness(process))
            {
                error.WriteLine("testnet down: process " + state.ProcessId + " that runs the testnet of " + data
                    + " is not a harness 'testnet up' (it was started inside another program); stop it there");
                return ExitCode.Failed;
            }
            bool signalled = !OperatingSystem.IsWindows() && Kill(process.Id, SigTerm) == 0;
            if (!signalled)
            {
                process.Kill(entireProcessTree: true);
            }
            bool stopped = process.WaitForExit(StopTimeout);
            if (!stopped)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(StopTimeout);
                File.Delete(statePath);
                output.WriteLine("the testnet of " + data + " did not stop within " + StopTimeout.TotalSeconds + " s of SIGTERM; killed process " + process.Id);
                return ExitCode.Ok;
            }
            File.Delete(statePath);
            output.WriteLine("testnet of " + data + " stopped (process " + state.ProcessId + (signalled ? ", SIGTERM" : ", killed") + "); its data stays in "
                + Path.GetFullPath(data));
            return ExitCode.Ok;
        }

        private static IRenderable Cell(string text) => new Text(text);

        private static string Faults(JsonObject faults)
        {
            if (faults == null)
            {
                return "?";
            }
            string list = "";
            foreach (var knob in faults)
            {
                string value = knob.Value?.ToJsonString();
                if (value == null || value == "false" || value == "0" || value == "0.0" || value == "[]")
                {
                    continue;
                }
                string shown = knob.Value is JsonValue text && text.TryGetValue(out string name) ? name : value;
                list += (list.Length == 0 ? "" : ", ") + knob.Key + (value == "true" ? "" : " " + shown);
            }
            return list.Length == 0 ? "-" : list;
        }

        // The messages stored in node i's SQLite file, opened read-only; null when it cannot be read.
        private static long? MessageCount(string data, int index)
        {
            string path = Path.Combine(NodeProcess.NodeFolder(data, index), "messages.db");
            if (!File.Exists(path))
            {
                return 0;
            }
            try
            {
                using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
                connection.Open();
                using SqliteCommand count = connection.CreateCommand();
                count.CommandText = "SELECT COUNT(*) FROM messages;";
                return Convert.ToInt64(count.ExecuteScalar(), CultureInfo.InvariantCulture);
            }
            catch (SqliteException)
            {
                return null;
            }
        }

        // A node serves when it accepts a TCP connection on its address.
        private static async Task<bool> ServesAsync(NodeEntry node)
        {
            using var client = new TcpClient();
            using var timeout = new CancellationTokenSource(s_probeTimeout);
            try
            {
                await client.ConnectAsync(node.Ip, node.Port, timeout.Token);
                return true;
            }
            catch (Exception refused) when (refused is SocketException || refused is OperationCanceledException)
            {
                return false;
            }
        }

        // Only a harness process is signalled: the command line names the harness assembly, its app host, or the installed tool's command.
        private static bool IsHarness(Process process)
        {
            string cmdline = "/proc/" + process.Id + "/cmdline";
            if (File.Exists(cmdline))
            {
                string arguments = File.ReadAllText(cmdline);
                return arguments.Contains("SessionBeacon.Harness", StringComparison.Ordinal)
                    || Path.GetFileNameWithoutExtension(arguments.Split('\0')[0]) == Program.ToolCommand;
            }
            return process.ProcessName.Contains("SessionBeacon.Harness", StringComparison.Ordinal) || process.ProcessName == "dotnet"
                || process.ProcessName == Program.ToolCommand;
        }

        [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
        private static extern int Kill(int pid, int signal);
    }
}
