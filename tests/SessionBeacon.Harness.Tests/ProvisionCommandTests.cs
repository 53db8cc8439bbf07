using System;
using System.IO;
using System.Text.RegularExpressions;
using SessionBeacon.Config;
using SessionBeacon.Harness.Tests.Support;
using Xunit;

namespace SessionBeacon.Harness.Tests
{
    /// <summary>provision in-process without the network (--no-hello): the files, and every refusal. The hellos: EndToEnd/.</summary>
    public class ProvisionCommandTests
    {
        private static readonly string s_shipped = Path.Combine(AppContext.BaseDirectory, "shipped");
        private static readonly string s_alice = "05" + new string('1', 64);
        private static readonly string s_bob = "05" + new string('2', 64);

        [Fact]
        public void NoHello_Mainnet_WritesTheFourFiles_TemplateKeptApartFromTheDecidedKeys()
        {
            string folder = NewFolder();
            try
            {
                NoHello_Mainnet(folder);
            }
            finally
            {
                Directory.Delete(folder, true);
            }
        }

        private static void NoHello_Mainnet(string folder)
        {
            var (code, output, error) = Run("provision", "--board", "esp32-devkitc", "--out", folder, "--recipient", s_alice + " Alice Smith",
                "--no-hello", "--config", Path.Combine(s_shipped, "nf.config"));

            Assert.True(code == ExitCode.Ok, error + output);
            Assert.Equal("", error);
            Assert.Contains("no hellos sent (--no-hello)", output);
            Assert.Matches(@"identity\.seed\s+I:\\identity\.seed", output);
            string text = File.ReadAllText(Path.Combine(folder, "nf.config"));
            BeaconConfig config = BeaconConfig.Parse(text, "nf.config");
            Assert.Equal(BeaconConfig.Mainnet, config.Network);
            Assert.Null(config.SeedUrl);
            Assert.Equal("esp32-devkitc", config.Board);
            Assert.Equal("Beacon 1", config.DeviceName);
            Recipient only = Assert.Single(config.Recipients);
            Assert.Equal("Alice Smith", only.Name);
            Assert.Equal(s_alice, only.SessionId);
            Assert.False(only.UsesRatchet);
            // Everything else is the shipped file's: its comments and alert texts.
            Assert.Contains("# Who gets the alerts:", text);
            Assert.Contains("alert.duress = PANIC (duress): I am not safe. Do not call; send help.", text);
            Assert.Single(Regex.Matches(text, "(?m)^recipient ="));
            Assert.Equal(File.ReadAllText(Path.Combine(s_shipped, "boards", "esp32-devkitc.conf")), File.ReadAllText(Path.Combine(folder, "board.conf")));
            string readme = File.ReadAllText(Path.Combine(folder, "README-DEVICE.txt"));
            Assert.Contains("for the real Session network (mainnet)", readme);
            // What the device needs beside the three files, and the guide that has every step.
            Assert.Contains("(wifi.ssid and wifi.password)", readme);
            Assert.Contains("I:\\seed1.pem, I:\\seed2.pem and I:\\seed3.pem", readme);
            Assert.Contains("docs/flashing.md, step by step", readme);
            Assert.Equal(32, File.ReadAllBytes(Path.Combine(folder, "identity.seed")).Length);
        }

        [Fact]
        public void InsideAGitWorkTree_WarnsThatTheSecretMustNeverBeCommitted()
        {
            string repository = Git.NewRepository();
            string folder = Path.Combine(repository, "devices", "beacon-1");
            var (code, _, error) = Run("provision", "--board", "esp32-devkitc", "--out", folder, "--recipient", s_alice + " Alice",
                "--no-hello", "--config", Path.Combine(s_shipped, "nf.config"));

            Assert.Equal(ExitCode.Ok, code);
            Assert.Equal("provision: warning: " + folder + " is inside the git work tree " + repository + ": identity.seed is the device's secret key"
                + " and must never be committed; keep the folder outside the repository, or check that git ignores it (git check-ignore -v "
                + Path.Combine(folder, "identity.seed") + ")", error.TrimEnd());
        }

        [Fact]
        public void AfterIdentityNew_UsesThatIdentity_AReceiversFolderOrADeviceFolderRefused()
        {
            string folder = NewFolder();
            try
            {
                // The order of docs/provisioning.md, section 5: the beacon's identity first, so that a receiver's pre-key can name it.
                var (madeCode, made, _) = Run("identity", "new", "--data", folder);
                Assert.Equal(ExitCode.Ok, madeCode);
                string deviceId = Regex.Match(made, "Session ID: (05[0-9a-f]{64})").Groups[1].Value;
                byte[] seed = File.ReadAllBytes(Path.Combine(folder, "identity.seed"));
                var (code, output, error) = Run("provision", "--board", "esp32-devkitc", "--out", folder, "--recipient", s_alice + " Alice",
                    "--no-hello", "--config", Path.Combine(s_shipped, "nf.config"));
                Assert.True(code == ExitCode.Ok, error + output);
                Assert.Contains("using the identity already in " + folder + " as the device's", output);
                Assert.Contains("device Session ID: " + deviceId, output);
                Assert.Equal(seed, File.ReadAllBytes(Path.Combine(folder, "identity.seed")));
                Assert.Contains(deviceId, File.ReadAllText(Path.Combine(folder, "README-DEVICE.txt")));

                // Provisioned once, never again over it.
                var (again, _, againError) = Run("provision", "--board", "esp32-devkitc", "--out", folder, "--recipient", s_alice + " Alice",
                    "--no-hello", "--config", Path.Combine(s_shipped, "nf.config"));
                Assert.Equal(ExitCode.Failed, again);
                Assert.Contains("already holds a device's files; nothing is overwritten", againError);
            }
            finally
            {
                Directory.Delete(folder, true);
            }

            // A companion receiver's folder: its identity is the receiver's, not a beacon's.
            string receiver = NewFolder();
            try
            {
                Assert.Equal(ExitCode.Ok, Run("identity", "new", "--data", receiver).Item1);
                Assert.Equal(ExitCode.Ok, Run("prekey", "new", "--data", receiver, "--beacon", s_bob).Item1);
                var (code, output, error) = Run("provision", "--board", "esp32-devkitc", "--out", receiver, "--recipient", s_alice + " Alice",
                    "--no-hello", "--config", Path.Combine(s_shipped, "nf.config"));
                Assert.Equal(ExitCode.Failed, code);
                Assert.Equal("provision: " + receiver + " is a companion receiver's folder (it holds a pre-key or a pairing); a beacon needs an identity of its own: "
                    + "give --out a new folder, or one where only 'identity new' was run", error.Trim());
                Assert.False(File.Exists(Path.Combine(receiver, "nf.config")), output);
            }
            finally
            {
                Directory.Delete(receiver, true);
            }
        }

        [Fact]
        public void BadPreKeys_EveryProblemReported_NothingWritten()
        {
            string folder = NewFolder();
            var (code, _, error) = Run("provision", "--board", "esp32-devkitc", "--out", folder, "--recipient", s_alice + " Alice",
                "--prekey", s_bob + " AAAA", "--prekey", s_alice + " not*base64", "--no-hello", "--config", Path.Combine(s_shipped, "nf.config"));

            Assert.Equal(ExitCode.ConfigError, code);
            Assert.Contains("the device's configuration would not be valid; nothing was written", error);
            Assert.Contains("2 configuration problems", error);
            Assert.Contains("no 'recipient' line has this Session ID", error);
            Assert.Contains("the bundle is not base64", error);
            Assert.False(Directory.Exists(folder));
        }

        // The Atom Lite's ESP32_PICO image leaves about 42 KiB of managed heap (docs/heap.md): less than one
        // recipient needs, so provision refuses the board with the figures rather than write a device that runs out.
        [Fact]
        public void AtomLite_RefusedForItsHeap_NothingWritten()
        {
            string folder = NewFolder();
            var (code, _, error) = Run("provision", "--board", "m5stack-atom-lite", "--out", folder, "--recipient", s_alice + " Alice", "--no-hello",
                "--config", Path.Combine(s_shipped, "nf.config"));

            Assert.Equal(ExitCode.ConfigError, code);
            Assert.Contains("the device's configuration would not be valid; nothing was written", error);
            Assert.Contains("and the M5Stack Atom Lite's firmware leaves 42 KiB (heap.kb)", error);
            Assert.Contains("(docs/heap.md)", error);
            Assert.False(Directory.Exists(folder));
        }

        [Theory]
        [InlineData("--seed-url", "https://127.0.0.1:1", ExitCode.UsageError, "--seed-url and --seed-pin go together")]
        [InlineData("--recipient", "05abc", ExitCode.UsageError, "'05abc' is not a Session ID")]
        [InlineData("--prekey", "06xyz AAAA", ExitCode.UsageError, "--prekey \"06xyz AAAA\": '06xyz' is not a Session ID")]
        [InlineData("--board", "esp8266", ExitCode.ConfigError, "board 'esp8266' has no profile")]
        [InlineData("--config", "/nonexistent/nf.config", ExitCode.ConfigError, "/nonexistent/nf.config not found")]
        public void BadOption_OneLineAndNothingWritten(string option, string value, ExitCode expected, string message)
        {
            string folder = NewFolder();
            string[] args = { "provision", "--board", "esp32-devkitc", "--out", folder, "--recipient", s_alice + " Alice", "--no-hello",
                "--config", Path.Combine(s_shipped, "nf.config"), option, value };
            if (option == "--board" || option == "--config")
            {
                int at = Array.IndexOf(args, option);
                args[at + 1] = value;
                Array.Resize(ref args, args.Length - 2);
            }
            var (code, output, error) = Run(args);
            Assert.True(code == expected, code + ": " + error + output);
            Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains(message, error);
            Assert.False(Directory.Exists(folder));
        }

        [Fact]
        public void MissingOptions_SaysWhich()
        {
            var (code, _, error) = Run("provision", "--board", "esp32-devkitc", "--out", NewFolder());
            Assert.Equal(ExitCode.UsageError, code);
            Assert.Contains("--recipient is required", error);
        }

        private static string NewFolder() => Path.Combine(Path.GetTempPath(), "provision-" + Guid.NewGuid().ToString("n"));

        private static (ExitCode, string, string) Run(params string[] args)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            ExitCode code = Program.Run(args, output, error);
            return (code, output.ToString(), error.ToString());
        }
    }
}
