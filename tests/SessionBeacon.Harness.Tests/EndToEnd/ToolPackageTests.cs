using System;
using System.Diagnostics;
using System.IO;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Session.Core.Micro.Tests.Support;
using Xunit;

namespace SessionBeacon.Harness.Tests.EndToEnd
{
    /// <summary>
    /// The harness as a .NET tool: packed from the project as built for these tests, installed into a
    /// temporary tool path from that package alone, and run as the command 'sessionbeacon' in an empty
    /// folder, far from the repository, so it can only use what the package carries.
    /// </summary>
    public class ToolPackageTests
    {
        private static readonly TimeSpan s_limit = TimeSpan.FromMinutes(3);

        [Fact]
        public async Task PackedAndInstalled_RunsFromAnEmptyFolder_WithTheShippedConfigAndBoards()
        {
            string root = Directory.CreateTempSubdirectory("sessionbeacon-tool").FullName;
            try
            {
                string packages = Path.Combine(root, "packages");
                string tools = Path.Combine(root, "tools");
                string work = Path.Combine(root, "work");
                Directory.CreateDirectory(work);
                string configuration = typeof(ToolPackageTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>().Configuration;
                string project = Path.Combine(RepositoryRoot.Path, "src", "SessionBeacon.Harness");
                // --no-build: the harness was just built for these tests; packing must not rebuild what other tests run.
                HarnessProcess.Result packed = Run(HarnessProcess.DotnetHost(), root, root, "pack", project, "-c", configuration, "--no-build", "-o", packages);
                Assert.True(packed.ExitCode == 0, packed.ToString());

                // Only the package just made: a source of its own, and a package cache of its own (so no older copy is reused).
                string nugetConfig = Path.Combine(root, "nuget.config");
                File.WriteAllText(nugetConfig, "<configuration><packageSources><clear /><add key=\"local\" value=\"" + packages + "\" /></packageSources></configuration>");
                HarnessProcess.Result installed = Run(HarnessProcess.DotnetHost(), root, root, "tool", "install", "--tool-path", tools, "--configfile", nugetConfig, "SessionBeacon.Harness");
                Assert.True(installed.ExitCode == 0, installed.ToString());
                string command = Path.Combine(tools, OperatingSystem.IsWindows() ? "sessionbeacon.exe" : "sessionbeacon");
                Assert.True(File.Exists(command), installed.ToString());

                HarnessProcess.Result help = Run(command, work, root, "--help");
                Assert.True(help.ExitCode == 0, help.ToString());
                Assert.Contains("Usage:\n  sessionbeacon [command] [options]", help.Output.Replace("\r\n", "\n"));
                Assert.Contains("provision", help.Output);
                AssertFails(Run(command, work, root, "fly"), 2, "unknown command 'fly'; 'sessionbeacon --help' lists the commands");

                HarnessProcess.Result made = Run(command, work, root, "identity", "new", "--data", "me");
                Assert.True(made.ExitCode == 0, made.ToString());
                string sessionId = Regex.Match(made.Output, "Session ID: (05[0-9a-f]{64})").Groups[1].Value;
                HarnessProcess.Result shown = Run(command, work, root, "identity", "show", "--data", "me", "--json");
                Assert.True(shown.ExitCode == 0, shown.ToString());
                Assert.Equal(sessionId, (string)JsonNode.Parse(shown.Output)["session_id"]);

                // No nf.config or boards/ here: provision and check-config use the ones inside the tool.
                HarnessProcess.Result provisioned = Run(command, work, root, "provision", "--board", "esp32-s3-devkitc", "--out", "beacon-1",
                    "--recipient", sessionId + " Alice", "--no-hello");
                Assert.True(provisioned.ExitCode == 0, provisioned.ToString());
                Assert.Contains("board = esp32-s3-devkitc", File.ReadAllText(Path.Combine(work, "beacon-1", "nf.config")));
                // A mainnet device needs its Wi-Fi before the device's check passes, as README-DEVICE.txt says.
                AssertFails(Run(command, work, root, "check-config", "--config", Path.Combine("beacon-1", "nf.config")), 3, "'wifi.ssid' is missing");
                File.AppendAllText(Path.Combine(work, "beacon-1", "nf.config"), "wifi.ssid = Home\nwifi.password = correct horse\n");
                HarnessProcess.Result checkedDevice = Run(command, work, root, "check-config", "--config", Path.Combine("beacon-1", "nf.config"));
                Assert.True(checkedDevice.ExitCode == 0, checkedDevice.ToString());
                Assert.Contains("recipient:  Alice  " + sessionId, checkedDevice.Output);
                Assert.Contains("nf.config is valid.", checkedDevice.Output);
                // The shipped template is read from inside the tool; it has no Wi-Fi, so it is not a device's file yet.
                AssertFails(Run(command, work, root, "check-config"), 3, "'wifi.ssid' is missing");
                AssertFails(Run(command, work, root, "provision", "--board", "esp8266", "--out", "beacon-2", "--recipient", sessionId + " Alice", "--no-hello"),
                    3, "use one of: esp32-c3-devkitm, esp32-devkitc, esp32-s3-devkitc, m5stack-atom-lite");
                string[] left = Array.ConvertAll(Directory.GetFileSystemEntries(work), Path.GetFileName);
                Array.Sort(left, StringComparer.Ordinal);
                Assert.Equal(new[] { "beacon-1", "me" }, left);

                // A testnet the tool runs is one 'testnet down' recognises as the harness's and stops. On 127.0.180.x and
                // 127.0.181.x, which no other test uses: a range shared with a network starting at the same time could get a
                // node port that the other had just probed free and not yet bound (TestNetwork.PortFor).
                using (Process up = Process.Start(Start(command, work, root, "testnet", "up", "--nodes", "4", "--swarm-size", "2", "--data", "tn", "--first-subnet", "180")))
                {
                    up.StandardInput.Close();
                    Task<string> upOutput = up.StandardOutput.ReadToEndAsync();
                    Task<string> upError = up.StandardError.ReadToEndAsync();
                    var waited = Stopwatch.StartNew();
                    while (!File.Exists(Path.Combine(work, "tn", "testnet.json")) && !up.HasExited && waited.Elapsed < s_limit)
                    {
                        await Task.Delay(50);
                    }
                    HarnessProcess.Result status = Run(command, work, root, "testnet", "status", "--data", "tn", "--json");
                    Assert.True(status.ExitCode == 0, status.ToString());
                    Assert.Equal(4, (int)JsonNode.Parse(status.Output)["nodes_up"]);
                    HarnessProcess.Result down = Run(command, work, root, "testnet", "down", "--data", "tn");
                    Assert.True(down.ExitCode == 0, down.ToString());
                    Assert.True(up.WaitForExit(s_limit), "testnet up did not stop");
                    Assert.Contains("testnet stopped; data kept in", await upOutput);
                    Assert.Equal("", await upError);
                }
            }
            finally
            {
                Directory.Delete(root, true);
            }
        }

        private static void AssertFails(HarnessProcess.Result result, int exitCode, string message)
        {
            Assert.True(result.ExitCode == exitCode, result.ToString());
            Assert.Contains(message, result.Error);
        }

        // Runs a program to its end in folder (see Start).
        private static HarnessProcess.Result Run(string program, string folder, string root, params string[] args)
        {
            using Process process = Process.Start(Start(program, folder, root, args));
            process.StandardInput.Close();
            Task<string> output = process.StandardOutput.ReadToEndAsync();
            Task<string> error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(s_limit))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException(program + " " + string.Join(" ", args) + " did not end within " + s_limit.TotalMinutes + " min");
            }
            return new HarnessProcess.Result(process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
        }

        // A program to run in folder, with NuGet's package cache under root.
        private static ProcessStartInfo Start(string program, string folder, string root, params string[] args)
        {
            var start = new ProcessStartInfo(program)
            {
                WorkingDirectory = folder,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            foreach (string argument in args)
            {
                start.ArgumentList.Add(argument);
            }
            start.Environment["NUGET_PACKAGES"] = Path.Combine(root, "nuget-cache");
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["DOTNET_NOLOGO"] = "1";
            string dotnet = HarnessProcess.DotnetHost();
            if (Path.IsPathRooted(dotnet))
            {
                // The tool's launcher finds the runtime here, wherever the SDK is installed.
                start.Environment["DOTNET_ROOT"] = Path.GetDirectoryName(dotnet);
            }
            return start;
        }

    }
}
