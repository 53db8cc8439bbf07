using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading;
using SessionBeacon.Harness.Tests.Support;
using Xunit;

namespace SessionBeacon.Harness.Tests.EndToEnd
{
    /// <summary>
    /// 'testnet up' stopped and started again on its folder, as processes: the seed keeps its URL and pin,
    /// so a beacon provisioned before still delivers; meanwhile a client is told to start the testnet;
    /// and a seed port taken by another program is named instead of silently replaced.
    /// </summary>
    [Collection("demo")]
    public class TestnetRestartTests
    {
        private static readonly string s_shipped = Path.Combine(AppContext.BaseDirectory, "shipped");

        [Fact]
        public void TestnetUp_AgainOnItsFolder_SameSeedUrlAndPin_AProvisionedBeaconStillDelivers()
        {
            string root = Directory.CreateTempSubdirectory("harness-restart").FullName;
            string data = Path.Combine(root, "tn");
            string[] up = { "testnet", "up", "--nodes", "8", "--swarm-size", "4", "--data", data, "--first-subnet", "170" };
            try
            {
                string alice = Path.Combine(root, "alice");
                string aliceId = Regex.Match(HarnessProcess.Run("identity", "new", "--data", alice).Output, "Session ID: (05[0-9a-f]{64})").Groups[1].Value;
                string device = Path.Combine(root, "device");
                string url;
                string pin;
                // The first run's seed port is below the system's range for outgoing connections: a port the system
                // picked could be handed to another test's connection before the restart, which takes the same one.
                using (HarnessProcess first = HarnessProcess.Start(up.Append("--seed-port").Append("20470").ToArray()))
                {
                    JsonNode state = StateOf(data, first);
                    url = (string)state["seed"];
                    pin = (string)state["pin"];
                    HarnessProcess.Result made = HarnessProcess.Run("provision", "--board", "esp32-devkitc", "--out", device, "--recipient", aliceId + " Alice",
                        "--seed-url", url, "--seed-pin", pin, "--config", Path.Combine(s_shipped, "nf.config"));
                    Assert.True(made.ExitCode == 0, made.ToString());
                    Stop(data, first);
                }

                // Nothing serves the seed now: a client is told what to do.
                HarnessProcess.Result refused = HarnessProcess.Run("send", "--data", alice, "--to", aliceId, "--text", "hi", "--seed-url", url, "--seed-pin", pin);
                HarnessEndToEndTests.AssertOneLineFailure(refused, 1, "is the testnet running? Start it with 'harness testnet up --data <its folder>'");

                using (HarnessProcess again = HarnessProcess.Start(up))
                {
                    JsonNode state = StateOf(data, again);
                    Assert.Equal(url, (string)state["seed"]);
                    Assert.Equal(pin, (string)state["pin"]);
                    using (HarnessProcess beacon = HarnessProcess.Interact("beacon", "run", "--data", device))
                    {
                        beacon.WaitForOutput("stage: armed", 1, TimeSpan.FromSeconds(30));
                        beacon.Type("press 2000");
                        beacon.WaitForOutput("delivered: every recipient's swarm gave a verified receipt", 1, TimeSpan.FromSeconds(30));
                        beacon.Type("quit");
                        Assert.Equal(0, beacon.WaitForExit(TimeSpan.FromSeconds(30)).ExitCode);
                    }
                    HarnessProcess.Result sent = Retries.Command(() => HarnessProcess.Run("send", "--data", alice, "--to", aliceId, "--text", "hi", "--seed-url", url, "--seed-pin", pin));
                    Assert.True(sent.ExitCode == 0, sent.ToString());
                    Stop(data, again);
                }

                // Another program took the seed's port: named, and no other port is chosen behind the user's back.
                int port = new Uri(url).Port;
                var other = new TcpListener(IPAddress.Loopback, port);
                other.Start();
                try
                {
                    HarnessProcess.Result taken = HarnessProcess.Run(up);
                    HarnessEndToEndTests.AssertOneLineFailure(taken, 1, "testnet did not start: the seed's port 127.0.0.1:" + port + ", kept from the last run on " + data);
                    Assert.Contains("is in use by another program; stop that program, or move the seed with --seed-port", taken.Error);
                }
                finally
                {
                    other.Stop();
                }
            }
            finally
            {
                Directory.Delete(root, true);
            }
        }

        private static void Stop(string data, HarnessProcess up)
        {
            HarnessProcess.Result down = HarnessProcess.Run("testnet", "down", "--data", data);
            Assert.True(down.ExitCode == 0, down.ToString());
            Assert.Equal(0, up.WaitForExit(TimeSpan.FromSeconds(30)).ExitCode);
        }

        // DIR/testnet.json once it names this 'testnet up' process (a file left by a killed run is waited past).
        internal static JsonNode StateOf(string data, HarnessProcess up)
        {
            string path = Path.Combine(data, "testnet.json");
            var waited = Stopwatch.StartNew();
            while (waited.Elapsed < TimeSpan.FromSeconds(60) && !up.HasExited)
            {
                // 'up' moves the file into place whole (TestnetStateTests).
                JsonNode state = File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path)) : null;
                if (state != null && (int)state["pid"] == up.Id)
                {
                    return state;
                }
                Thread.Sleep(50);
            }
            throw new TimeoutException("testnet up wrote no testnet.json of its own; output so far:\n" + up.OutputSoFar);
        }
    }
}
