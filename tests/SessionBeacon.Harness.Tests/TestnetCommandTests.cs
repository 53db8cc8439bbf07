using System;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Session.Testnet;
using Session.Testnet.Tests.Support;
using SessionBeacon.Harness.Commands;
using Xunit;

namespace SessionBeacon.Harness.Tests
{
    public class TestnetCommandTests
    {
        [Fact]
        public async Task Up_PrintsSummary_FaultReachesTheRunningNetwork_StopsCleanly()
        {
            string folder = Directory.CreateTempSubdirectory("harness-testnet").FullName;
            var stop = new TaskCompletionSource();
            var output = new SlowTerminal();
            TextWriter shared = TextWriter.Synchronized(output);
            var console = new HarnessConsole(TextReader.Null, shared, shared) { WaitForStop = () => stop.Task };
            try
            {
                Task<ExitCode> running = Task.Run(() => Program.Run(new[] { "testnet", "up", "--nodes", "8", "--swarm-size", "4", "--data", folder, "--first-subnet", "60" }, console));
                string state = Path.Combine(folder, TestnetCommand.StateFileName);
                var clock = Stopwatch.StartNew();
                while (!File.Exists(state) && !running.IsCompleted && clock.Elapsed < TimeSpan.FromSeconds(60))
                {
                    await Task.Delay(50);
                }
                Assert.True(File.Exists(state), output.ToString());
                string summary = output.ToString();
                Assert.Contains("testnet: 8 nodes in 2 swarms, in one process", summary);
                Assert.Contains("seed:    https://127.0.0.1:", summary);
                Assert.Contains("pin:     ", summary);
                Assert.Contains("node 07  127.0.63.2:", summary);

                var faultOutput = new StringWriter();
                var faultError = new StringWriter();
                ExitCode faulted = Program.Run(new[] { "testnet", "fault", "--data", folder, "--node", "5", "--refuse-relay", "on", "--delay-ms", "10" },
                    faultOutput, faultError);
                Assert.Equal(ExitCode.Ok, faulted);
                Assert.Contains("node 5 faults: ", faultOutput.ToString());
                Assert.Contains("\"refuse_relay\":true", faultOutput.ToString());

                // The hostile knobs, and the status table and JSON that show them.
                faultOutput = new StringWriter();
                Assert.Equal(ExitCode.Ok, Program.Run(new[] { "testnet", "fault", "--data", folder, "--node", "3", "--claim-swarm", "on", "--conspirators", "4,6",
                    "--sign-without-storing", "on", "--hostile-json", "escapes", "--hostile-json-bytes", "5000", "--drip-ms", "20",
                    "--reported-clock-skew-ms", "-7000" }, faultOutput, faultError));
                Assert.Contains("\"claim_swarm\":true,\"conspirators\":[4,6],\"sign_without_storing\":true,\"hostile_json\":\"escapes\",\"hostile_json_bytes\":5000,"
                    + "\"drip_ms\":20", faultOutput.ToString());
                Assert.Contains("\"reported_clock_skew_ms\":-7000", faultOutput.ToString());
                var statusOutput = new StringWriter();
                Assert.Equal(ExitCode.Ok, Program.Run(new[] { "testnet", "status", "--data", folder, "--json" }, statusOutput, new StringWriter()));
                JsonNode node3 = JsonNode.Parse(statusOutput.ToString())["nodes"][3]["faults"];
                Assert.True((bool)node3["claim_swarm"]);
                Assert.Equal("escapes", (string)node3["hostile_json"]);
                statusOutput = new StringWriter();
                Assert.Equal(ExitCode.Ok, Program.Run(new[] { "testnet", "status", "--data", folder }, statusOutput, new StringWriter()));
                Assert.Contains("claim_swarm", statusOutput.ToString());
                Assert.Contains("hostile_json escapes", statusOutput.ToString());
                Assert.DoesNotContain("wrong_swarm", statusOutput.ToString());
                Assert.Equal(ExitCode.Ok, Program.Run(new[] { "testnet", "fault", "--data", folder, "--node", "3", "--claim-swarm", "off", "--conspirators", "none",
                    "--sign-without-storing", "off", "--hostile-json", "none", "--drip-ms", "0" }, new StringWriter(), faultError));

                // Junk for a stranger's inbox, through the admin endpoint.
                var junkOutput = new StringWriter();
                var victim = new SessionUser();
                Assert.Equal(ExitCode.Ok, Program.Run(new[] { "testnet", "junk", "--data", folder, "--session-id", victim.SessionId, "--count", "25", "--kind", "envelope" },
                    junkOutput, faultError));
                Assert.Contains("junk for " + victim.SessionId + ": {\"stored\":25}", junkOutput.ToString());

                // A request to node 2 shows up in what it saw.
                using (var client = new OnionClient())
                {
                    var user = new SessionUser();
                    NetworkMap map = NetworkMap.FromJson(File.ReadAllText(Path.Combine(folder, "network.json")), "network.json");
                    await client.DirectAsync(map.Nodes[2], "get_swarm", new JsonObject { ["pubkey"] = user.SessionId });

                    // The network 'up' started takes a store and gives it back, through 3 hops each way.
                    NodeEntry destination = Rpcs.SwarmOf(map, user)[0];
                    OnionReply stored = await client.OnionAsync(Rpcs.Path(map, destination), destination, "store", Rpcs.Store(user, Encoding.UTF8.GetBytes("up")));
                    Assert.Equal(200, stored.Status);
                    NodeEntry other = Rpcs.SwarmOf(map, user)[1];
                    OnionReply retrieved = await client.OnionAsync(Rpcs.Path(map, other), other, "retrieve", Rpcs.Retrieve(user));
                    Assert.Equal(200, retrieved.Status);
                    Assert.Equal((string)stored.Json["hash"], (string)Assert.Single(retrieved.Json["messages"].AsArray())["hash"]);
                    var seenOutput = new StringWriter();
                    Assert.Equal(ExitCode.Ok, Program.Run(new[] { "testnet", "seen", "--data", folder, "--node", "2" }, seenOutput, new StringWriter()));
                    Assert.Contains("storage_rpc/v1  from 127.0.0.1", seenOutput.ToString());
                    Assert.Contains("DESTINATION get_swarm  " + user.SessionId + "  200", seenOutput.ToString());
                }

                stop.SetResult();
                Assert.Equal(ExitCode.Ok, await running);
                Assert.Contains("testnet stopped; data kept in", output.ToString());
                Assert.False(File.Exists(state));
            }
            finally
            {
                stop.TrySetResult();
                Directory.Delete(folder, true);
            }
        }

        // A terminal, or a pipe, that takes a while for each line: a script that waits for the state file
        // must find the summary printed by then.
        private sealed class SlowTerminal : StringWriter
        {
            public override void WriteLine(string value)
            {
                Thread.Sleep(100);
                base.WriteLine(value);
            }
        }

        [Theory]
        [InlineData(new[] { "testnet", "fault", "--data", "x", "--node", "1" }, "name at least one fault")]
        [InlineData(new[] { "testnet", "fault", "--data", "x", "--node", "1", "--down", "maybe" }, "--down must be on or off")]
        [InlineData(new[] { "testnet", "fault", "--data", "x", "--node", "1", "--drop-rate", "3" }, "--drop-rate must be between 0 and 1")]
        [InlineData(new[] { "testnet", "fault", "--data", "x", "--down", "on" }, "--node is required")]
        [InlineData(new[] { "testnet", "fault", "--data", "x", "--node", "1", "--hostile-json", "loud" }, "--hostile-json must be huge, escapes, nested, none")]
        [InlineData(new[] { "testnet", "fault", "--data", "x", "--node", "1", "--drip-ms", "-1" }, "--drip-ms must be a whole number from 0")]
        [InlineData(new[] { "testnet", "junk", "--data", "x", "--count", "5" }, "--session-id is required")]
        [InlineData(new[] { "testnet", "junk", "--data", "x", "--session-id", "05", "--count", "0" }, "--count must be a whole number from 1 to 10000")]
        [InlineData(new[] { "testnet", "up", "--nodes", "0" }, "--nodes must be a whole number from 1 to 1000")]
        [InlineData(new[] { "testnet", "up", "--processes", "maybe" }, "--processes must be yes or no")]
        [InlineData(new[] { "testnet", "sideways" }, "unknown subcommand 'sideways'")]
        [InlineData(new[] { "testnet" }, "say what to do")]
        public void BadArguments_UsageError_SaysWhich(string[] arguments, string reason)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            Assert.Equal(ExitCode.UsageError, Program.Run(arguments, output, error));
            Assert.Contains(reason, error.ToString());
        }

        [Fact]
        public void Fault_NoRunningTestnet_SaysSo()
        {
            string folder = Directory.CreateTempSubdirectory("harness-none").FullName;
            try
            {
                var error = new StringWriter();
                Assert.Equal(ExitCode.Failed, Program.Run(new[] { "testnet", "fault", "--data", folder, "--node", "0", "--down", "on" }, new StringWriter(), error));
                Assert.Contains("no 'testnet up' is running", error.ToString());
            }
            finally
            {
                Directory.Delete(folder, true);
            }
        }

        [Fact]
        public void Node_WithoutNetworkMap_ConfigError()
        {
            string folder = Directory.CreateTempSubdirectory("harness-nomap").FullName;
            try
            {
                var error = new StringWriter();
                Assert.Equal(ExitCode.ConfigError, Program.Run(new[] { "testnet", "node", "--data", folder, "--index", "0" }, new StringWriter(), error));
                Assert.Contains("network.json not found", error.ToString());
            }
            finally
            {
                Directory.Delete(folder, true);
            }
        }

        /// <summary>Nodes as real processes: a killed node process loses nothing it had stored.</summary>
        [Fact]
        public async Task ProcessNodes_KilledAndRestarted_KeepTheirMessages_FaultsReachTheProcess()
        {
            string folder = Directory.CreateTempSubdirectory("harness-processes").FullName;
            using var client = new OnionClient();
            try
            {
                await using TestNetwork network = await TestNetwork.StartAsync(new TestnetOptions
                {
                    NodeCount = 4,
                    SwarmSize = 4,
                    DataFolder = folder,
                    FirstSubnet = 70,
                    NodeHost = TestnetCommand.NodeHost(),
                });
                var user = new SessionUser();
                NodeEntry node = network.Map.Nodes[1];
                Assert.Equal(200, (await client.DirectAsync(node, "store", Rpcs.Store(user, Encoding.UTF8.GetBytes("survives")))).Status);

                int pid = network.ProcessId(1);
                Assert.NotEqual(0, pid);
                Assert.NotEqual(Environment.ProcessId, pid);
                Process.GetProcessById(pid).Kill();
                Process.GetProcessById(pid).WaitForExit();
                await Assert.ThrowsAsync<HttpRequestException>(() => client.DirectAsync(node, "info", new JsonObject()));

                await network.StartNodeAsync(1);
                Assert.NotEqual(pid, network.ProcessId(1));
                JsonArray messages = Rpcs.Json((await client.DirectAsync(node, "retrieve", Rpcs.Retrieve(user))).Body)["messages"].AsArray();
                Assert.Equal("survives", Encoding.UTF8.GetString(Convert.FromBase64String((string)Assert.Single(messages)["data"])));

                // Faults travel to the node's process.
                await network.SetFaultsAsync(2, new NodeFaults { WrongSwarm = true });
                Assert.Equal(421, (await client.DirectAsync(network.Map.Nodes[2], "retrieve", Rpcs.Retrieve(user))).Status);
                await network.SetFaultsAsync(2, new NodeFaults { Down = true });
                await Assert.ThrowsAsync<HttpRequestException>(() => client.DirectAsync(network.Map.Nodes[2], "info", new JsonObject()));
                await network.SetFaultsAsync(2, new NodeFaults { ReportedClockSkewMs = 3_600_000, HostileJson = HostileJsonKind.Huge, HostileJsonBytes = 1000 });
                (int status, string body) = await client.DirectAsync(network.Map.Nodes[2], "info", new JsonObject());
                Assert.StartsWith("{\"junk\":\"AAAA", body);
                Assert.True((long)Rpcs.Json(body)["t"] > OnionClient.Now + 3_500_000);
                Assert.Equal(HostileJsonKind.Huge, network.Faults(2).HostileJson);
                await network.SetFaultsAsync(2, NodeFaults.None);
                Assert.Equal(200, (await client.DirectAsync(network.Map.Nodes[2], "info", new JsonObject())).Status);

                // What a node process saw comes back over its control channel.
                Observation[] seen = await network.ObservationsAsync(1);
                Assert.Contains(seen, o => o.Method == "retrieve" && o.SessionId == user.SessionId);
            }
            finally
            {
                Directory.Delete(folder, true);
            }
        }
    }
}
