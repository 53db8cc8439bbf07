using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Session.Testnet;
using SessionBeacon.Config;
using Xunit;
using SessionBeacon.Harness.Tests.Support;

namespace SessionBeacon.Harness.Tests.EndToEnd
{
    /// <summary>An 8-node testnet on 127.0.140.1 to 127.0.143.2 (a range no other test uses) for the process tests.</summary>
    public sealed class EndToEndTestnet : ClassTestnet
    {
        public const int FirstSubnet = 140;

        public EndToEndTestnet()
            : base("harness-e2e", 8, FirstSubnet)
        {
        }
    }

    /// <summary>
    /// The harness as a user runs it: the built SessionBeacon.Harness.dll in a process of its own, with real
    /// files and real testnets. In the "demo" collection, so the two demos (in-process and here) never share
    /// 127.0.120.x at the same time.
    /// </summary>
    [Collection("demo")]
    public class HarnessEndToEndTests : IClassFixture<EndToEndTestnet>
    {
        private static readonly string s_shipped = Path.Combine(AppContext.BaseDirectory, "shipped");
        private readonly EndToEndTestnet _net;

        public HarnessEndToEndTests(EndToEndTestnet net)
        {
            _net = net;
        }

        [Fact]
        public void Demo_AsAProcess_ExitsZeroWithEveryAlertOpened()
        {
            HarnessProcess.Result demo = HarnessProcess.Run("demo", "--config", Path.Combine(s_shipped, "nf.config"));
            Assert.True(demo.ExitCode == 0, demo.ToString());
            Assert.Equal("", demo.Error);
            Assert.Contains("demo finished in", demo.Output);
            // Panic, its first tracking update, duress and sensor.
            Assert.Equal(4, Regex.Matches(demo.Output, "delivered: both recipients have a verified receipt").Count);
            Assert.Equal(4, Regex.Matches(demo.Output, "help reached: Bob acknowledged").Count);
        }

        [Fact]
        public void BeaconRunAndListen_AsProcesses_PanicDeliveredOpenedAndAcknowledged_RatchetContinuesAfterARestart()
        {
            string alice = NewIdentity(out string aliceId);
            string bob = NewIdentity(out string bobId);
            // The order of docs/provisioning.md: the beacon's identity, Bob's pre-key for it, then provision.
            string device = NewIdentity(out string deviceId);
            string preKeyLine = Regex.Match(HarnessProcess.Run("prekey", "new", "--data", bob, "--beacon", deviceId).Output, "recipient\\.prekey = 05[0-9a-f]{64} [A-Za-z0-9+/=]+").Value;
            Assert.NotEqual("", preKeyLine);
            HarnessProcess.Result made = HarnessProcess.Run("provision", "--board", "esp32-devkitc", "--out", device,
                "--recipient", aliceId + " Alice", "--recipient", bobId + " Bob", "--prekey", preKeyLine,
                "--seed-url", _net.Network.SeedUrl, "--seed-pin", _net.Network.SeedPin, "--config", Path.Combine(s_shipped, "nf.config"));
            Assert.True(made.ExitCode == 0, made.ToString());
            Assert.Contains("device Session ID: " + deviceId, made.Output);
            string[] listenBob = { "listen", "--data", bob, "--once", "--seed-url", _net.Network.SeedUrl, "--seed-pin", _net.Network.SeedPin };

            // The first run: armed, then a long press; the shipped cancel window passes; both swarms store it.
            using (HarnessProcess beacon = HarnessProcess.Interact("beacon", "run", "--data", device))
            {
                beacon.WaitForOutput("stage: armed", 1, TimeSpan.FromSeconds(30));
                beacon.Type("press 2000");
                beacon.WaitForOutput("alert queued on flash: Panic", 1, TimeSpan.FromSeconds(30));
                // The flash alert, built ahead for Alice, may be delivered before the panic reaches Bob's swarm.
                beacon.WaitForOutput("stored for Alice: ", 1, TimeSpan.FromSeconds(30));
                beacon.WaitForOutput("stored for Bob: ", 1, TimeSpan.FromSeconds(30));
                // One 'delivered' per record: the flash alert's, when one was ready at the press (written before any
                // store), and the panic's, which waits for Alice's part too; the run below must quit with nothing on flash.
                int records = beacon.OutputSoFar.Contains("flash alert, built ahead, on flash", StringComparison.Ordinal) ? 2 : 1;
                beacon.WaitForOutput("delivered: every recipient's swarm gave a verified receipt", records, TimeSpan.FromSeconds(30));

                // Alice's stock-app stand-in shows the alert; Bob's companion receiver opens it and acknowledges.
                HarnessProcess.Result aliceHeard = Retries.Command(() => HarnessProcess.Run("listen", "--data", alice, "--once", "--from", deviceId, "--seed-url", _net.Network.SeedUrl, "--seed-pin", _net.Network.SeedPin));
                Assert.True(aliceHeard.ExitCode == 0, aliceHeard.ToString());
                Assert.Contains("from " + deviceId + ": PANIC: I need help now.", aliceHeard.Output);
                HarnessProcess.Result bobHeard = Retries.Command(() => HarnessProcess.Run(listenBob));
                Assert.True(bobHeard.ExitCode == 0, bobHeard.ToString());
                Assert.Contains("paired with beacon " + deviceId, bobHeard.Output);
                Assert.Contains("SECURE ALERT 1 from beacon " + deviceId + ": PANIC: I need help now.", bobHeard.Output);
                Assert.Contains("acknowledged alert 1 to the beacon", bobHeard.Output);
                beacon.WaitForOutput("help reached: Bob acknowledged alert #1", 1, TimeSpan.FromSeconds(30));

                beacon.Type("quit");
                HarnessProcess.Result first = beacon.WaitForExit(TimeSpan.FromSeconds(30));
                Assert.True(first.ExitCode == 0, first.ToString());
                Assert.Matches(@"quit: stopped; nothing left on flash to send\s*$", first.Output);
            }

            // The second run starts from the same flash: the pairing goes on (no new initiation) and the alert numbers too.
            using (HarnessProcess again = HarnessProcess.Interact("beacon", "run", "--data", device))
            {
                again.WaitForOutput("stage: armed", 1, TimeSpan.FromSeconds(30));
                again.Type("press 2000");
                again.WaitForOutput("stored for Bob: ", 1, TimeSpan.FromSeconds(30));
                HarnessProcess.Result bobAgain = Retries.Command(() => HarnessProcess.Run(listenBob));
                Assert.True(bobAgain.ExitCode == 0, bobAgain.ToString());
                Assert.Contains("SECURE ALERT 2 from beacon " + deviceId + ": PANIC: I need help now.", bobAgain.Output);
                // The alert's second line is a continuation line (Receiver/TerminalText.cs).
                Assert.Contains("\n  | #2, sent ", bobAgain.Output);
                Assert.DoesNotContain("paired with beacon", bobAgain.Output);
                again.WaitForOutput("help reached: Bob acknowledged alert #2", 1, TimeSpan.FromSeconds(30));
                again.Type("quit");
                Assert.Equal(0, again.WaitForExit(TimeSpan.FromSeconds(30)).ExitCode);
            }
        }

        [Fact]
        public void Provision_OnATestnet_WritesValidDeviceFiles_HellosReachBothRecipients()
        {
            string alice = NewIdentity(out string aliceId);
            string bob = NewIdentity(out string bobId);
            string device = NewIdentity(out string deviceId);
            // Bob runs a companion receiver: his pre-key, for this beacon only, goes into the beacon's nf.config as 'prekey new' printed it.
            HarnessProcess.Result preKey = HarnessProcess.Run("prekey", "new", "--data", bob, "--beacon", deviceId);
            Assert.True(preKey.ExitCode == 0, preKey.ToString());
            string preKeyLine = Regex.Match(preKey.Output, "recipient\\.prekey = 05[0-9a-f]{64} [A-Za-z0-9+/=]+").Value;
            Assert.NotEqual("", preKeyLine);

            HarnessProcess.Result made = HarnessProcess.Run("provision", "--board", "esp32-s3-devkitc", "--out", device,
                "--recipient", aliceId + " Alice", "--recipient", bobId + " Bob", "--prekey", preKeyLine, "--device-name", "Kitchen beacon",
                "--seed-url", _net.Network.SeedUrl, "--seed-pin", _net.Network.SeedPin, "--config", Path.Combine(s_shipped, "nf.config"));

            Assert.True(made.ExitCode == 0, made.ToString());
            Assert.Equal("", made.Error);
            Assert.Contains("using the identity already in " + device, made.Output);
            Assert.Contains("device Session ID: " + deviceId, made.Output);
            Assert.Matches(@"Alice\s+" + aliceId + @"\s+stored, [1-9] verified swarm signature", made.Output);
            Assert.Matches(@"Bob\s+" + bobId + @"\s+stored, [1-9] verified swarm signature", made.Output);
            Assert.Contains("accept the message request from " + deviceId, made.Output);

            // The files: an owner-only identity with the printed Session ID, a valid nf.config, the board profile, the README.
            byte[] seed = File.ReadAllBytes(Path.Combine(device, "identity.seed"));
            Assert.Equal(32, seed.Length);
            Assert.Equal(new byte[16], seed[16..]);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(device, "identity.seed")));
            }
            Assert.Equal(deviceId, HarnessProcess.Run("identity", "show", "--data", device, "--no-qr").Output.Trim());
            BeaconConfig config = BeaconConfig.Parse(File.ReadAllText(Path.Combine(device, "nf.config")), "nf.config");
            Assert.Equal(BeaconConfig.Testnet, config.Network);
            Assert.Equal(_net.Network.SeedUrl, config.SeedUrl);
            Assert.Equal(_net.Network.SeedPin, config.SeedPin);
            Assert.Equal("esp32-s3-devkitc", config.Board);
            Assert.Equal("Kitchen beacon", config.DeviceName);
            Assert.Equal(new[] { "Alice", "Bob" }, config.Recipients.Select(r => r.Name));
            Assert.Equal(new[] { aliceId, bobId }, config.Recipients.Select(r => r.SessionId));
            Assert.Equal(new[] { false, true }, config.Recipients.Select(r => r.UsesRatchet));
            Assert.Equal(File.ReadAllText(Path.Combine(s_shipped, "boards", "esp32-s3-devkitc.conf")), File.ReadAllText(Path.Combine(device, "board.conf")));
            string readme = File.ReadAllText(Path.Combine(device, "README-DEVICE.txt"));
            Assert.Contains(@"I:\nf.config", readme);
            Assert.Contains(@"I:\board.conf", readme);
            Assert.Contains(@"I:\identity.seed", readme);
            Assert.Contains(deviceId, readme);

            // Each recipient's receiver, itself a process, opens the hello from the device's Session ID.
            foreach ((string folder, string id, string where) in new[]
            {
                (alice, aliceId, "Its alerts will come in this conversation."),
                (bob, bobId, "Its alerts will arrive through your SessionBeacon companion receiver"),
            })
            {
                HarnessProcess.Result heard = Retries.Command(() => HarnessProcess.Run("listen", "--data", folder, "--once", "--from", deviceId, "--seed-url", _net.Network.SeedUrl, "--seed-pin", _net.Network.SeedPin));
                Assert.True(heard.ExitCode == 0, heard.ToString());
                Assert.Contains("listening as " + id, heard.Output);
                Assert.Contains("from " + deviceId + ": Hello from SessionBeacon \"Kitchen beacon\"", heard.Output);
                Assert.Contains(where, heard.Output);
                Assert.Contains("accept this message request", heard.Output);
            }

            // Provisioning never overwrites a device's files.
            HarnessProcess.Result again = HarnessProcess.Run("provision", "--board", "esp32-s3-devkitc", "--out", device, "--recipient", aliceId + " Alice",
                "--no-hello", "--config", Path.Combine(s_shipped, "nf.config"));
            AssertOneLineFailure(again, 1, "already holds a device's files; nothing is overwritten");
            Assert.Equal(seed, File.ReadAllBytes(Path.Combine(device, "identity.seed")));
        }

        [Fact]
        public void ListenJson_WithoutOnce_OneJsonLinePerMessageAsItArrives()
        {
            string alice = NewIdentity(out string aliceId);
            string bob = NewIdentity(out string bobId);
            string[] network = { "--seed-url", _net.Network.SeedUrl, "--seed-pin", _net.Network.SeedPin };
            HarnessProcess.Result first = Retries.Command(() => HarnessProcess.Run(["send", "--data", alice, "--to", bobId, "--text", "first \"one\"", .. network]));
            Assert.True(first.ExitCode == 0, first.ToString());

            using HarnessProcess listen = HarnessProcess.Start(["listen", "--data", bob, "--json", .. network]);
            listen.WaitForOutput("\n", 1, TimeSpan.FromSeconds(30));
            HarnessProcess.Result second = Retries.Command(() => HarnessProcess.Run(["send", "--data", alice, "--to", bobId, "--text", "second\nline", .. network]));
            Assert.True(second.ExitCode == 0, second.ToString());
            // The next poll, at most ListenCommand.PollSeconds later, brings the second line.
            listen.WaitForOutput("\n", 2, TimeSpan.FromSeconds(30));

            string[] lines = listen.OutputSoFar.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(2, lines.Length);
            JsonObject[] messages = lines.Select(line => JsonNode.Parse(line).AsObject()).ToArray();
            Assert.Equal(new[] { "first \"one\"", "second\nline" }, messages.Select(m => (string)m["text"]));
            Assert.All(messages, m => Assert.Equal(aliceId, (string)m["sender"]));
            Assert.All(messages, m => Assert.Equal("message", (string)m["kind"]));
        }

        [Fact]
        public async Task Send_EachAnswerSignedByOneMemberThatKeepsNothing_NotDelivered_TwoVerifiedSignaturesNeeded()
        {
            string alice = NewIdentity(out _);
            NewIdentity(out string bobId);
            int[] swarm = _net.Network.Map.Members(_net.Network.Map.SwarmOf(Convert.FromHexString(bobId))).Select(e => e.Index).ToArray();
            try
            {
                // Every member signs its own receipt and keeps nothing, nor passes the message on: one signature per answer. A
                // sender that trusted one signature would call a message that no one holds delivered.
                foreach (int member in swarm)
                {
                    await _net.Network.SetFaultsAsync(member, NodeFaults.None with { SignWithoutStoring = true });
                }
                HarnessProcess.Result sent = Retries.Command(() => HarnessProcess.Run("send", "--data", alice, "--to", bobId, "--text", "hello",
                    "--seed-url", _net.Network.SeedUrl, "--seed-pin", _net.Network.SeedPin));
                AssertOneLineFailure(sent, 1, "send: not delivered to " + bobId + ": 1 verified swarm signature(s), 2 needed");
            }
            finally
            {
                foreach (int member in swarm)
                {
                    await _net.Network.SetFaultsAsync(member, NodeFaults.None);
                }
            }
        }

        [Fact]
        public async Task BadInput_EachCase_OneClearLine_NonZeroExit_NoStackTrace()
        {
            string sender = NewIdentity(out string senderId);
            string damaged = _net.NewFolder();
            Directory.CreateDirectory(damaged);
            File.WriteAllBytes(Path.Combine(damaged, "identity.seed"), new byte[17]);
            string config = Path.Combine(s_shipped, "nf.config");
            string pin = _net.Network.SeedPin;
            // Nothing listens on port 1 of loopback.
            const string Nobody = "https://127.0.0.1:1/json_rpc";
            string noBoard = Path.Combine(_net.NewFolder(), "nf.config");
            Directory.CreateDirectory(Path.GetDirectoryName(noBoard));
            File.WriteAllText(noBoard, "board = nosuch\nrecipient = " + senderId + " Alice\n");
            string empty = _net.NewFolder();
            Directory.CreateDirectory(empty);
            (string[] Args, int Exit, string Message)[] cases =
            {
                (new[] { "provision", "--board", "nosuch", "--out", _net.NewFolder(), "--recipient", senderId + " Alice", "--config", config },
                    3, "provision: board 'nosuch' has no profile"),
                (new[] { "provision", "--board", "esp32-devkitc", "--out", _net.NewFolder(), "--recipient", "05abc Alice", "--config", config },
                    2, "provision: --recipient \"05abc Alice\": '05abc' is not a Session ID"),
                (new[] { "send", "--data", sender, "--to", "05abc", "--text", "hi", "--seed-url", _net.Network.SeedUrl, "--seed-pin", pin },
                    2, "send: --to is not a Session ID"),
                (new[] { "send", "--data", sender, "--to", senderId, "--text", "hi", "--seed-url", Nobody, "--seed-pin", pin },
                    1, "send: the network's seed could not be reached"),
                (new[] { "listen", "--data", sender, "--once", "--seed-url", Nobody, "--seed-pin", pin },
                    1, "listen: the network's seed could not be reached"),
                (new[] { "identity", "show", "--data", damaged }, 1, "identity.seed is damaged (17 bytes, expected 32): restore the identity"),
                (new[] { "beacon", "run", "--data", empty, "--config", config }, 1, "beacon run: no identity in " + empty),
                (new[] { "beacon", "run", "--data", empty, "--config", noBoard }, 3, "beacon run: board 'nosuch' has no profile"),
                (new[] { "fly" }, 2, "unknown command 'fly'"),
                (new[] { "send", "--data", sender, "--bogus", "x" }, 2, "send: unknown option '--bogus'"),
                (new[] { "testnet", "up", "--nodes", "0" }, 2, "--nodes must be a whole number from 1 to 1000, not '0'"),
            };
            Task<HarnessProcess.Result>[] runs = cases.Select(c => Task.Run(() => HarnessProcess.Run(c.Args))).ToArray();
            for (int i = 0; i < cases.Length; i++)
            {
                AssertOneLineFailure(await runs[i], cases[i].Exit, cases[i].Message);
            }
        }

        [Fact]
        public void BeaconRun_DataFolderWithoutConfig_RefusedEvenWhereATemplateIsAtHand()
        {
            // Run where the repository's nf.config is: the mainnet template with placeholder recipients, never a device's configuration.
            string root = _net.NewFolder();
            Directory.CreateDirectory(Path.Combine(root, "boards"));
            File.Copy(Path.Combine(s_shipped, "nf.config"), Path.Combine(root, "nf.config"));
            File.Copy(Path.Combine(s_shipped, "boards", "esp32-devkitc.conf"), Path.Combine(root, "boards", "esp32-devkitc.conf"));
            string device = NewIdentity(out _);

            HarnessProcess.Result run = HarnessProcess.RunIn(root, "beacon", "run", "--data", device);

            AssertOneLineFailure(run, 3, "beacon run: " + device + " has no nf.config: make the device folder with 'provision --out " + device + "', or pass --config FILE");
            Assert.False(Directory.Exists(Path.Combine(device, "flash")), "nothing ran");
        }

        [Fact]
        public void UnexpectedFailure_OneLine_StackTraceOnlyWithVerbose()
        {
            // --data names a file, not a folder: the identity cannot be saved there.
            string file = Path.Combine(_net.Folder, "a-file-" + Guid.NewGuid().ToString("n"));
            File.WriteAllText(file, "not a folder");

            HarnessProcess.Result plain = HarnessProcess.Run("identity", "new", "--data", file);
            AssertOneLineFailure(plain, 1, "identity new: failed: ");
            Assert.Contains("(--verbose shows where)", plain.Error);

            HarnessProcess.Result verbose = HarnessProcess.Run("identity", "new", "--data", file, "--verbose");
            Assert.Equal(1, verbose.ExitCode);
            Assert.StartsWith("identity new: failed: ", verbose.Error);
            Assert.Matches(@"\n\s+at SessionBeacon\.Harness\.", verbose.Error);
            Assert.Equal("not a folder", File.ReadAllText(file));
        }

        [Fact]
        public void TestnetUp_StatusShowsTheNodes_DownStopsTheProcess()
        {
            string data = _net.NewFolder();
            using HarnessProcess up = HarnessProcess.Start("testnet", "up", "--nodes", "4", "--swarm-size", "2", "--data", data, "--first-subnet", "150");
            string state = Path.Combine(data, "testnet.json");
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (!File.Exists(state) && !up.HasExited && waited.Elapsed < TimeSpan.FromSeconds(60))
            {
                Thread.Sleep(50);
            }
            Assert.True(File.Exists(state), "testnet up wrote no testnet.json");
            Assert.Equal(up.Id, (int)JsonNode.Parse(File.ReadAllText(state))["pid"]);

            HarnessProcess.Result faulted = HarnessProcess.Run("testnet", "fault", "--data", data, "--node", "3", "--down", "on");
            Assert.True(faulted.ExitCode == 0, faulted.ToString());

            HarnessProcess.Result status = HarnessProcess.Run("testnet", "status", "--data", data);
            Assert.True(status.ExitCode == 0, status.ToString());
            Assert.Contains("3 of 4 nodes up, 2 swarms", status.Output);
            Assert.Contains("(pid " + up.Id + ")", status.Output);
            Assert.Matches(@"00\s+127\.0\.150\.1:\d+\s+[0-9a-f]{16}\s+up\s+-\s+0", status.Output);
            Assert.Matches(@"02\s+127\.0\.151\.1:\d+\s+[0-9a-f]{16}\s+up\s+-\s+0", status.Output);
            Assert.Matches(@"03\s+127\.0\.151\.2:\d+\s+[0-9a-f]{16}\s+down \(fault\)\s+down\s+0", status.Output);

            HarnessProcess.Result json = HarnessProcess.Run("testnet", "status", "--data", data, "--json");
            Assert.True(json.ExitCode == 0, json.ToString());
            Assert.Equal("", json.Error);
            JsonObject network = JsonNode.Parse(json.Output).AsObject();
            Assert.Equal(new[] { "data", "seed_url", "seed_pin", "admin_url", "process_id", "node_processes", "swarm_count", "nodes_up", "nodes" },
                network.Select(field => field.Key));
            Assert.Equal(Path.GetFullPath(data), (string)network["data"]);
            Assert.StartsWith("https://127.0.0.1:", (string)network["seed_url"]);
            Assert.Equal(up.Id, (int)network["process_id"]);
            Assert.False((bool)network["node_processes"]);
            Assert.Equal(2, (int)network["swarm_count"]);
            Assert.Equal(3, (int)network["nodes_up"]);
            JsonArray nodes = network["nodes"].AsArray();
            Assert.Equal(new[] { "up", "up", "up", "down" }, nodes.Select(node => (string)node["state"]));
            JsonObject third = nodes[3].AsObject();
            Assert.Equal(new[] { "index", "address", "swarm", "state", "faults", "messages" }, third.Select(field => field.Key));
            Assert.Equal(3, (int)third["index"]);
            Assert.Matches(@"^127\.0\.151\.2:\d+$", (string)third["address"]);
            Assert.Matches("^[0-9a-f]{16}$", (string)third["swarm"]);
            Assert.True((bool)third["faults"]["down"]);
            Assert.Equal(0, (int)third["faults"]["delay_ms"]);
            Assert.Equal(0, (long)third["messages"]);

            HarnessProcess.Result down = HarnessProcess.Run("testnet", "down", "--data", data);
            Assert.True(down.ExitCode == 0, down.ToString());
            Assert.Contains("stopped (process " + up.Id + ", SIGTERM)", down.Output);
            HarnessProcess.Result ended = up.WaitForExit(TimeSpan.FromSeconds(30));
            Assert.True(ended.ExitCode == 0, ended.ToString());
            Assert.Contains("testnet stopped; data kept in", ended.Output);
            Assert.False(File.Exists(state));

            AssertOneLineFailure(HarnessProcess.Run("testnet", "status", "--data", data), 1, "no 'testnet up' is running on " + data);
            AssertOneLineFailure(HarnessProcess.Run("testnet", "down", "--data", data), 1, "no 'testnet up' is running on " + data);
        }

        private string NewIdentity(out string sessionId)
        {
            string folder = _net.NewFolder();
            HarnessProcess.Result made = HarnessProcess.Run("identity", "new", "--data", folder);
            Assert.True(made.ExitCode == 0, made.ToString());
            sessionId = Regex.Match(made.Output, "Session ID: (05[0-9a-f]{64})").Groups[1].Value;
            Assert.NotEqual("", sessionId);
            return folder;
        }

        internal static void AssertOneLineFailure(HarnessProcess.Result result, int exitCode, string message)
        {
            Assert.True(result.ExitCode == exitCode, "expected exit " + exitCode + " with '" + message + "'; " + result);
            string[] lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(lines.Length == 1, "expected one line on standard error; " + result);
            Assert.Contains(message, lines[0]);
            Assert.DoesNotContain("   at ", result.Error);
            Assert.DoesNotContain("Exception", result.Error);
        }
    }
}
