using System;
using System.IO;
using System.Text.RegularExpressions;
using Xunit;

namespace SessionBeacon.Harness.Tests
{
    public class CheckConfigCommandTests
    {
        private static readonly string s_shipped = Path.Combine(AppContext.BaseDirectory, "shipped");
        private static readonly string s_alice = "05" + new string('1', 64);
        private static readonly string s_pin = Convert.ToBase64String(new byte[32]);

        [Fact]
        public void CheckConfig_ShippedFiles_DescribesTheBeacon()
        {
            var (code, output, error) = Run("check-config", "--config", Path.Combine(s_shipped, "nf.config"));
            Assert.Equal(ExitCode.Ok, code);
            Assert.Equal("", error);
            Assert.Contains("device:     Beacon 1 on ESP32-DevKitC", output);
            Assert.Contains("nf.config is valid.", output);
        }

        [Fact]
        public void CheckConfig_Problems_ListedWithLines()
        {
            string path = TempConfig("board = esp32-devkitc\nrecipient = 05ab Alice\npanic.hold_ms = 0\n");
            var (code, _, error) = Run("check-config", "--config", path, "--boards", Path.Combine(s_shipped, "boards"));
            Assert.Equal(ExitCode.ConfigError, code);
            Assert.Contains("2 configuration problems:", error);
            Assert.Contains("line 2: recipient '05ab' is not a Session ID", error);
            Assert.Contains("line 3: 'panic.hold_ms' must be a whole number from 200 to 10000", error);
        }

        [Fact]
        public void CheckConfig_UnknownBoard_ListsTheKnownOnes()
        {
            string path = TempConfig("board = esp8266\nrecipient = 05" + new string('1', 64) + " Alice\n");
            var (code, _, error) = Run("check-config", "--config", path, "--boards", Path.Combine(s_shipped, "boards"));
            Assert.Equal(ExitCode.ConfigError, code);
            Assert.Contains("board 'esp8266' has no profile", error);
            Assert.Contains("use one of: esp32-c3-devkitm, esp32-devkitc, esp32-s3-devkitc, m5stack-atom-lite", error);
        }

        [Fact]
        public void CheckConfig_ReadmeDeviceCommand_ChecksTheProvisionedFolder()
        {
            string folder = Path.Combine(Directory.CreateTempSubdirectory("device").FullName, "beacon-1");
            var (provisioned, _, provisionError) = Run("provision", "--board", "m5stack-atom-lite", "--out", folder, "--recipient", s_alice + " Alice",
                "--seed-url", "http://127.0.0.1:22100/json_rpc", "--seed-pin", s_pin, "--no-hello", "--config", Path.Combine(s_shipped, "nf.config"));
            Assert.True(provisioned == ExitCode.Ok, provisionError);

            string readme = File.ReadAllText(Path.Combine(folder, "README-DEVICE.txt"));
            Match command = Regex.Match(readme, "(?m)^  harness (check-config .+)$");
            Assert.True(command.Success, "README-DEVICE.txt names no check-config command:\n" + readme);
            var (code, output, error) = Run(command.Groups[1].Value.Split(' '));

            Assert.True(code == ExitCode.Ok, "'" + command.Groups[1].Value + "' exits " + code + ": " + error);
            Assert.Contains("on M5Stack Atom Lite", output);
        }

        [Fact]
        public void CheckConfig_MissingFile_SaysWhatToDo()
        {
            var (code, _, error) = Run("check-config", "--config", "/nonexistent/nf.config");
            Assert.Equal(ExitCode.ConfigError, code);
            Assert.Contains("run from the repository root or pass --config FILE", error);
        }

        [Theory]
        [InlineData(new[] { "check-config", "--bogus", "x" }, "unknown option '--bogus'")]
        [InlineData(new[] { "check-config", "--config" }, "option '--config' needs a value")]
        [InlineData(new[] { "fly" }, "unknown command 'fly'")]
        public void Run_BadUsage_ExitCode2(string[] args, string message)
        {
            var (code, _, error) = Run(args);
            Assert.Equal(ExitCode.UsageError, code);
            Assert.Contains(message, error);
        }

        [Fact]
        public void Help_ListsEveryCommand()
        {
            var (code, output, _) = Run("help");
            Assert.Equal(ExitCode.Ok, code);
            foreach (System.CommandLine.Command command in Program.Build(new HarnessConsole(TextReader.Null, TextWriter.Null, TextWriter.Null)).Subcommands)
            {
                Assert.Contains("  " + command.Name + " ", output);
            }
        }

        private static (ExitCode, string, string) Run(params string[] args)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            ExitCode code = Program.Run(args, output, error);
            return (code, output.ToString(), error.ToString());
        }

        private static string TempConfig(string text)
        {
            string path = Path.Combine(Directory.CreateTempSubdirectory("cfg").FullName, "nf.config");
            File.WriteAllText(path, text);
            return path;
        }
    }
}
