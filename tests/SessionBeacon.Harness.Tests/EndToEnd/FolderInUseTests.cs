using System;
using System.IO;
using System.Text.RegularExpressions;
using Xunit;

namespace SessionBeacon.Harness.Tests.EndToEnd
{
    /// <summary>
    /// One harness process per folder, as processes: while 'testnet up', 'listen' or 'beacon run' runs on
    /// a folder, a second one on it fails with one line naming the first; once the first has ended (quit,
    /// or killed: the OS drops its lock), the next one starts.
    /// </summary>
    [Collection("demo")]
    public class FolderInUseTests : IClassFixture<EndToEndTestnet>
    {
        private static readonly string s_shipped = Path.Combine(AppContext.BaseDirectory, "shipped");
        private readonly EndToEndTestnet _net;

        public FolderInUseTests(EndToEndTestnet net)
        {
            _net = net;
        }

        [Fact]
        public void TestnetUp_SecondOnTheSameFolder_FailsNamingTheFirst_TheFirstRunsOn_AfterItIsKilledANewOneStarts()
        {
            string data = _net.NewFolder();
            string[] up = { "testnet", "up", "--nodes", "2", "--swarm-size", "2", "--data", data, "--first-subnet", "176" };
            using (HarnessProcess first = HarnessProcess.Start(up))
            {
                string state = TestnetRestartTests.StateOf(data, first).ToJsonString();
                HarnessProcess.Result second = HarnessProcess.Run(up);
                HarnessEndToEndTests.AssertOneLineFailure(second, 1, "testnet up: " + data + " is in use by 'testnet up' (process " + first.Id + ", started ");
                Assert.False(first.HasExited);
                Assert.Equal(state, File.ReadAllText(Path.Combine(data, "testnet.json")));
                Assert.True(HarnessProcess.Run("testnet", "status", "--data", data).ExitCode == 0);
            }
            // Killed (no clean stop): the OS released its lock, and a new network starts on the folder.
            using HarnessProcess third = HarnessProcess.Start(up);
            TestnetRestartTests.StateOf(data, third);
            HarnessProcess.Result down = HarnessProcess.Run("testnet", "down", "--data", data);
            Assert.True(down.ExitCode == 0, down.ToString());
            Assert.Equal(0, third.WaitForExit(TimeSpan.FromSeconds(30)).ExitCode);
        }

        [Fact]
        public void Listen_SecondOnTheSameFolder_FailsNamingTheFirst_AfterItIsKilledANewOneStarts()
        {
            string folder = _net.NewFolder();
            Assert.Equal(0, HarnessProcess.Run("identity", "new", "--data", folder).ExitCode);
            string[] network = { "--seed-url", _net.Network.SeedUrl, "--seed-pin", _net.Network.SeedPin };
            using (HarnessProcess first = HarnessProcess.Start(["listen", "--data", folder, .. network]))
            {
                first.WaitForOutput("listening as ", 1, TimeSpan.FromSeconds(30));
                HarnessProcess.Result second = HarnessProcess.Run(["listen", "--data", folder, "--once", .. network]);
                HarnessEndToEndTests.AssertOneLineFailure(second, 1, "listen: " + folder + " is in use by 'listen' (process " + first.Id + ", started ");
                Assert.DoesNotContain("listening as", second.Output);
            }
            HarnessProcess.Result after = HarnessProcess.Run(["listen", "--data", folder, "--once", .. network]);
            Assert.True(after.ExitCode == 0, after.ToString());
        }

        [Fact]
        public void BeaconRun_SecondOnTheSameFolder_FailsNamingTheFirst_AfterItQuitsANewOneStarts()
        {
            string alice = _net.NewFolder();
            string aliceId = Regex.Match(HarnessProcess.Run("identity", "new", "--data", alice).Output, "Session ID: (05[0-9a-f]{64})").Groups[1].Value;
            string device = _net.NewFolder();
            HarnessProcess.Result made = HarnessProcess.Run("provision", "--board", "esp32-devkitc", "--out", device, "--recipient", aliceId + " Alice", "--no-hello",
                "--seed-url", _net.Network.SeedUrl, "--seed-pin", _net.Network.SeedPin, "--config", Path.Combine(s_shipped, "nf.config"));
            Assert.True(made.ExitCode == 0, made.ToString());
            using (HarnessProcess first = HarnessProcess.Interact("beacon", "run", "--data", device))
            {
                first.WaitForOutput("stage: armed", 1, TimeSpan.FromSeconds(30));
                HarnessProcess.Result second = HarnessProcess.Run("beacon", "run", "--data", device);
                HarnessEndToEndTests.AssertOneLineFailure(second, 1, "beacon run: " + device + " is in use by 'beacon run' (process " + first.Id + ", started ");
                first.Type("quit");
                Assert.Equal(0, first.WaitForExit(TimeSpan.FromSeconds(30)).ExitCode);
            }
            using HarnessProcess third = HarnessProcess.Interact("beacon", "run", "--data", device);
            third.WaitForOutput("stage: armed", 1, TimeSpan.FromSeconds(30));
            third.Type("quit");
            Assert.Equal(0, third.WaitForExit(TimeSpan.FromSeconds(30)).ExitCode);
        }
    }
}
