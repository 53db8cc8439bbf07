using System;
using System.IO;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Session.Core.Micro.Identity;
using Session.Core.Micro.Messages;
using Session.Core.Micro.Network;
using Session.Core.Micro.Ratchet;
using Session.Testnet;
using SessionBeacon.Harness.Network;
using SessionBeacon.Harness.Storage;
using Xunit;

namespace SessionBeacon.Harness.Tests
{
    /// <summary>One 12-node testnet on 127.0.130.1 to 127.0.135.2 (a range no other test project uses) for the send, listen and prekey tests.</summary>
    public sealed class ListenTestnet : IAsyncLifetime
    {
        public const int FirstSubnet = 130;

        private TemporaryTestnet _testnet;

        public TestNetwork Network => _testnet.Network;

        public string Folder => _testnet.Folder;

        public async Task InitializeAsync()
        {
            _testnet = await TemporaryTestnet.StartAsync("listen-tests", 12, 4, FirstSubnet);
        }

        public Task DisposeAsync() => _testnet.DisposeAsync().AsTask();

        public string NewFolder() => _testnet.NewFolder("data");
    }

    /// <summary>send, listen and prekey run in-process against a real testnet; identity's every bad input.</summary>
    public class ListenCommandTests : IClassFixture<ListenTestnet>
    {
        private readonly ListenTestnet _net;

        public ListenCommandTests(ListenTestnet net)
        {
            _net = net;
        }

        [Fact]
        public void Identity_NewShowImport_SameSessionIdOwnerOnlySeed()
        {
            string a = _net.NewFolder();
            string b = _net.NewFolder();
            var (code, output, error) = Run(null, "identity", "new", "--data", a);
            Assert.True(code == ExitCode.Ok, error);
            string id = Regex.Match(output, "Session ID: (05[0-9a-f]{64})").Groups[1].Value;
            Assert.NotEqual("", id);
            Assert.Contains("Recovery phrase (shown this once", output);
            string phrase = Regex.Match(output, @"\n  ([a-z]+(?: [a-z]+){12})\s*$").Groups[1].Value;
            Assert.Equal(13, phrase.Split(' ').Length);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(a, "identity.seed")));
            }

            var shown = Run(null, "identity", "show", "--data", a);
            Assert.Equal(ExitCode.Ok, shown.Code);
            Assert.Equal(id, FirstLine(shown.Output));
            Assert.DoesNotContain(phrase.Split(' ')[0] + " ", shown.Output);

            var imported = Run(phrase.ToUpperInvariant() + "\n", "identity", "import", "--data", b);
            Assert.True(imported.Code == ExitCode.Ok, imported.Error);
            Assert.Contains("Session ID: " + id, imported.Output);
            Assert.DoesNotContain(phrase, imported.Output);
            Assert.Equal(id, Run(null, "identity", "show", "--data", b, "--no-qr").Output.Trim());
            Assert.Equal(File.ReadAllBytes(Path.Combine(a, "identity.seed")), File.ReadAllBytes(Path.Combine(b, "identity.seed")));
        }

        [Fact]
        public void Identity_BadInput_OneClearLineAndNonZeroExit()
        {
            string a = _net.NewFolder();
            Assert.Equal(ExitCode.Ok, Run(null, "identity", "new", "--data", a).Code);
            byte[] seed = File.ReadAllBytes(Path.Combine(a, "identity.seed"));

            AssertFails(Run(null, "identity", "new"), ExitCode.UsageError, "--data is required");
            AssertFails(Run(null, "identity"), ExitCode.UsageError, "say what to do: new, show or import");
            AssertFails(Run(null, "identity", "rename", "--data", a), ExitCode.UsageError, "unknown subcommand 'rename'");
            AssertFails(Run(null, "identity", "new", "--data", a), ExitCode.Failed, "already holds an identity; it is never overwritten");
            AssertFails(Run("abbey abbey abbey abbey abbey abbey abbey abbey abbey abbey abbey abbey abbey\n", "identity", "import", "--data", a),
                ExitCode.Failed, "already holds an identity");
            Assert.Equal(seed, File.ReadAllBytes(Path.Combine(a, "identity.seed")));

            string empty = _net.NewFolder();
            AssertFails(Run(null, "identity", "show", "--data", empty), ExitCode.Failed, "no identity in " + empty);
            AssertFails(Run("", "identity", "import", "--data", empty), ExitCode.Failed, "no recovery phrase on standard input");

            // A valid phrase with one word replaced by a word not in the list: the message names its position.
            string phrase = Regex.Match(Run(null, "identity", "new", "--data", _net.NewFolder()).Output, @"\n  ([a-z]+(?: [a-z]+){12})\s*$").Groups[1].Value;
            string[] words = phrase.Split(' ');
            words[4] = "zzzqx";
            AssertFails(Run(string.Join(" ", words) + "\n", "identity", "import", "--data", empty), ExitCode.Failed, "the recovery phrase is not valid");
            AssertFails(Run(string.Join(" ", phrase.Split(' ')[..12]) + "\n", "identity", "import", "--data", empty), ExitCode.Failed, "the recovery phrase is not valid");
            Assert.False(File.Exists(Path.Combine(empty, "identity.seed")), "a refused import writes nothing");
        }

        [Fact]
        public void Send_BadSessionIdOrUnreachableSeed_ClearError()
        {
            string a = NewIdentity(out _);
            string to = NewIdentity(out string toId);
            var (code, _, error) = Run(null, "send", "--data", a, "--to", "05abc", "--text", "hi", "--seed-url", _net.Network.SeedUrl, "--seed-pin", _net.Network.SeedPin);
            Assert.Equal(ExitCode.UsageError, code);
            Assert.StartsWith("send: --to is not a Session ID:", error);
            AssertFails(Run(null, "send", "--data", a, "--to", toId, "--text", "hi", "--seed-url", _net.Network.SeedUrl), ExitCode.UsageError,
                "--seed-url and --seed-pin go together");
            // Nothing listens on port 1 of loopback.
            AssertFails(Run(null, "send", "--data", a, "--to", toId, "--text", "hi", "--seed-url", "https://127.0.0.1:1", "--seed-pin", _net.Network.SeedPin),
                ExitCode.Failed, "send: the network's seed could not be reached");
            AssertFails(Run(null, "send", "--data", _net.NewFolder(), "--to", toId, "--text", "hi", "--seed-url", _net.Network.SeedUrl, "--seed-pin", _net.Network.SeedPin),
                ExitCode.Failed, "send: no identity in");
            AssertFails(Run(null, "listen", "--data", to, "--once", "--seed-url", "https://127.0.0.1:1", "--seed-pin", _net.Network.SeedPin),
                ExitCode.Failed, "listen: the network's seed could not be reached");
        }

        [Fact]
        public void SendThenListenOnce_PrintsTheMessage_ExecGetsTheTextInItsEnvironment()
        {
            string alice = NewIdentity(out string aliceId);
            string bob = NewIdentity(out string bobId);
            const string text = "Meet at 5; $(touch pwned) `id` 'quoted' \"double\"";
            var sent = Run(null, "send", "--data", alice, "--to", bobId, "--text", text, "--seed-url", _net.Network.SeedUrl, "--seed-pin", _net.Network.SeedPin);
            Assert.True(sent.Code == ExitCode.Ok, sent.Error);
            Assert.Matches("sent to " + bobId + ": [1-9] verified swarm signature", sent.Output);

            string script = Path.Combine(_net.Folder, "exec-" + Guid.NewGuid().ToString("n") + ".sh");
            string captured = script + ".out";
            File.WriteAllText(script, "#!/bin/sh\nprintf '%s|%s|%s' \"$SESSIONBEACON_KIND\" \"$SESSIONBEACON_SENDER\" \"$SESSIONBEACON_TEXT\" > '" + captured + "'\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            var heard = Run(null, "listen", "--data", bob, "--once", "--exec", script, "--seed-url", _net.Network.SeedUrl, "--seed-pin", _net.Network.SeedPin);
            Assert.True(heard.Code == ExitCode.Ok, heard.Error + heard.Output);
            Assert.Contains("listening as " + bobId, heard.Output);
            Assert.Contains("from " + aliceId + ": " + text, heard.Output);
            Assert.Equal("message|" + aliceId + "|" + text, File.ReadAllText(captured));
            Assert.False(File.Exists(Path.Combine(Environment.CurrentDirectory, "pwned")));

            // The next poll does not show it again.
            var again = Run(null, "listen", "--data", bob, "--once", "--seed-url", _net.Network.SeedUrl, "--seed-pin", _net.Network.SeedPin);
            Assert.Equal(ExitCode.Ok, again.Code);
            Assert.DoesNotContain(text, again.Output);
        }

        [Fact]
        public void PreKeyThenRatchetedAlert_ListenAcceptsOpensAndAcknowledges_BeaconSeesHelpReached()
        {
            string receiver = NewIdentity(out string receiverId);
            var made = Run(null, "prekey", "new", "--data", receiver);
            Assert.True(made.Code == ExitCode.Ok, made.Error);
            Match line = Regex.Match(made.Output, "recipient\\.prekey = (05[0-9a-f]{64}) ([A-Za-z0-9+/=]+)");
            Assert.True(line.Success, made.Output);
            Assert.Equal(receiverId, line.Groups[1].Value);
            Assert.True(File.Exists(Path.Combine(receiver, "prekey.secret")));
            // Asked again before pairing: the same bundle, no new secret.
            Assert.Contains(line.Value, Run(null, "prekey", "new", "--data", receiver).Output);

            // The beacon side, as the device does it: checks the bundle from nf.config, pairs, sends a ratcheted alert.
            IdentityKeys beaconKeys = IdentityKeys.FromSeed(RandomNumberGenerator.GetBytes(IdentityKeys.SeedSize));
            string beaconFolder = _net.NewFolder();
            var beacon = new TestnetClient(_net.Network.SeedUrl, _net.Network.SeedPin, beaconKeys, new DirectoryStore(Path.Combine(beaconFolder, "network")), new SystemClock());
            var beaconState = new KeyValueRatchetStore(new DirectoryStore(Path.Combine(beaconFolder, "ratchet")), "ratchet.peer");
            byte[] bundle = Convert.FromBase64String(line.Groups[2].Value);
            RatchetSession session = RatchetSession.Initiate(beaconState, beacon.Random, beaconKeys, SessionId.Parse(receiverId), bundle);
            var link = new RatchetLink(beaconKeys, session, beacon.Random);
            byte[] payload = link.EncodeAlert("PANIC: help at the back door", "Beacon", beacon.NetworkClock.Now, out uint sequence);
            Assert.True(beacon.Client.Store(receiverId, payload, ServiceNodeClient.DefaultTtl, 1).IsSuccess);

            var heard = Run(null, "listen", "--data", receiver, "--once", "--seed-url", _net.Network.SeedUrl, "--seed-pin", _net.Network.SeedPin);
            Assert.True(heard.Code == ExitCode.Ok, heard.Error + heard.Output);
            Assert.Contains("paired with beacon " + beaconKeys.SessionId, heard.Output);
            Assert.Contains("SECURE ALERT " + sequence + " from beacon " + beaconKeys.SessionId + ": PANIC: help at the back door", heard.Output);
            Assert.Matches("acknowledged alert " + sequence + " to the beacon: [1-9] verified", heard.Output);
            Assert.False(File.Exists(Path.Combine(receiver, "prekey.secret")), "the pre-key secret is deleted at pairing");
            AssertFails(Run(null, "prekey", "new", "--data", receiver), ExitCode.Failed, "is already paired with a beacon");

            // The beacon retrieves the acknowledgement: help was reached for its alert.
            RetrieveResult inbox = beacon.Client.Retrieve(beaconKeys.SessionId, beaconKeys.Ed25519SecretKey, 0);
            RatchetContent reached = null;
            for (int i = 0; i < inbox.Count; i++)
            {
                IncomingMessage opened = new MessageReceiver(beaconKeys).OpenStoreData(MessageEncoder.ToStoreData(inbox.Message(i).Data));
                if (RatchetCarriage.IsRatchetMessage(opened))
                {
                    reached = new RatchetLink(beaconKeys, RatchetSession.Load(beaconState, beacon.Random), beacon.Random).Open(opened);
                }
            }
            Assert.NotNull(reached);
            Assert.Equal(RatchetContentKind.Acknowledgement, reached.Kind);
            Assert.True(reached.Acknowledges(sequence));

            // Alert 2 goes through the loaded pairing (no pre-key any more).
            byte[] second = new RatchetLink(beaconKeys, RatchetSession.Load(beaconState, beacon.Random), beacon.Random)
                .EncodeAlert("PANIC: second", "Beacon", beacon.NetworkClock.Now, out uint sequence2);
            Assert.True(beacon.Client.Store(receiverId, second, ServiceNodeClient.DefaultTtl, 1).IsSuccess);
            var heard2 = Run(null, "listen", "--data", receiver, "--once", "--seed-url", _net.Network.SeedUrl, "--seed-pin", _net.Network.SeedPin);
            Assert.True(heard2.Code == ExitCode.Ok, heard2.Error + heard2.Output);
            Assert.Contains("SECURE ALERT " + sequence2 + " from beacon " + beaconKeys.SessionId + ": PANIC: second", heard2.Output);
            Assert.DoesNotContain("help at the back door", heard2.Output);
        }

        [Fact]
        public void PreKeyForOneBeacon_AnotherSenderCannotPair_TheBeaconCan()
        {
            string receiver = NewIdentity(out string receiverId);
            IdentityKeys beaconKeys = IdentityKeys.FromSeed(RandomNumberGenerator.GetBytes(IdentityKeys.SeedSize));
            IdentityKeys strangerKeys = IdentityKeys.FromSeed(RandomNumberGenerator.GetBytes(IdentityKeys.SeedSize));
            AssertFails(Run(null, "prekey", "new", "--data", receiver, "--beacon", "06" + new string('a', 64)), ExitCode.UsageError, "prekey: --beacon is not a Session ID");
            AssertFails(Run(null, "prekey", "new", "--data", _net.NewFolder()), ExitCode.Failed, "prekey: no identity in");
            var made = Run(null, "prekey", "new", "--data", receiver, "--beacon", beaconKeys.SessionId.ToUpperInvariant());
            Assert.True(made.Code == ExitCode.Ok, made.Error);
            Assert.Contains("only beacon " + beaconKeys.SessionId + " can pair", made.Output);
            byte[] bundle = Convert.FromBase64String(Regex.Match(made.Output, "recipient\\.prekey = 05[0-9a-f]{64} ([A-Za-z0-9+/=]+)").Groups[1].Value);

            // A stranger who has the bundle (it is in the beacon's nf.config) tries to pair first.
            SendFirstAlert(strangerKeys, receiverId, bundle, "PANIC: from a stranger");
            var refused = Run(null, "listen", "--data", receiver, "--once", "--seed-url", _net.Network.SeedUrl, "--seed-pin", _net.Network.SeedPin);
            Assert.Equal(ExitCode.Failed, refused.Code);
            Assert.Contains("from " + strangerKeys.SessionId + ": a SessionBeacon secure alert refused: the pre-key is for beacon " + beaconKeys.SessionId, refused.Output);
            Assert.DoesNotContain("PANIC: from a stranger", refused.Output);
            Assert.True(File.Exists(Path.Combine(receiver, "prekey.secret")), "the pre-key is kept for the real beacon");

            SendFirstAlert(beaconKeys, receiverId, bundle, "PANIC: the real one");
            var heard = Run(null, "listen", "--data", receiver, "--once", "--seed-url", _net.Network.SeedUrl, "--seed-pin", _net.Network.SeedPin);
            Assert.True(heard.Code == ExitCode.Ok, heard.Error + heard.Output);
            Assert.Contains("paired with beacon " + beaconKeys.SessionId, heard.Output);
            Assert.Contains("SECURE ALERT 1 from beacon " + beaconKeys.SessionId + ": PANIC: the real one", heard.Output);
            Assert.False(File.Exists(Path.Combine(receiver, "prekey.secret")));
        }

        private void SendFirstAlert(IdentityKeys beaconKeys, string receiverId, byte[] bundle, string text)
        {
            string folder = _net.NewFolder();
            var beacon = new TestnetClient(_net.Network.SeedUrl, _net.Network.SeedPin, beaconKeys, new DirectoryStore(Path.Combine(folder, "network")), new SystemClock());
            var state = new KeyValueRatchetStore(new DirectoryStore(Path.Combine(folder, "ratchet")), "ratchet.peer");
            RatchetSession session = RatchetSession.Initiate(state, beacon.Random, beaconKeys, SessionId.Parse(receiverId), bundle);
            byte[] payload = new RatchetLink(beaconKeys, session, beacon.Random).EncodeAlert(text, "Beacon", beacon.NetworkClock.Now, out _);
            Assert.True(beacon.Client.Store(receiverId, payload, ServiceNodeClient.DefaultTtl, 1).IsSuccess);
        }

        [Fact]
        public void RatchetAlertWithoutPairing_SaysSoAndFails()
        {
            string receiver = NewIdentity(out string receiverId);
            string other = NewIdentity(out _);
            var made = Run(null, "prekey", "new", "--data", other);
            string bundleText = Regex.Match(made.Output, "recipient\\.prekey = 05[0-9a-f]{64} ([A-Za-z0-9+/=]+)").Groups[1].Value;
            IdentityKeys beaconKeys = IdentityKeys.FromSeed(RandomNumberGenerator.GetBytes(IdentityKeys.SeedSize));
            string beaconFolder = _net.NewFolder();
            var beacon = new TestnetClient(_net.Network.SeedUrl, _net.Network.SeedPin, beaconKeys, new DirectoryStore(Path.Combine(beaconFolder, "network")), new SystemClock());
            // A ratchet message body addressed to the receiver, which never made a pre-key.
            byte[] packet = RandomNumberGenerator.GetBytes(80);
            byte[] payload = MessageEncoder.Encode(beaconKeys, SessionId.Parse(receiverId), RatchetCarriage.ToContent(packet, null, beacon.NetworkClock.Now), beacon.Random);
            Assert.True(beacon.Client.Store(receiverId, payload, ServiceNodeClient.DefaultTtl, 1).IsSuccess);
            Assert.NotEqual("", bundleText);

            var heard = Run(null, "listen", "--data", receiver, "--once", "--seed-url", _net.Network.SeedUrl, "--seed-pin", _net.Network.SeedPin);
            Assert.Equal(ExitCode.Failed, heard.Code);
            Assert.Contains("a SessionBeacon secure alert, but " + receiver + " has no pairing: run 'prekey new --data " + receiver + "'", heard.Output);
        }

        private string NewIdentity(out string sessionId)
        {
            string folder = _net.NewFolder();
            var (code, output, error) = Run(null, "identity", "new", "--data", folder);
            Assert.True(code == ExitCode.Ok, error);
            sessionId = Regex.Match(output, "Session ID: (05[0-9a-f]{64})").Groups[1].Value;
            return folder;
        }

        private static string FirstLine(string text) => text.Split('\n')[0].Trim();

        private static void AssertFails((ExitCode Code, string Output, string Error) result, ExitCode expected, string message)
        {
            Assert.True(result.Code == expected, "exit " + result.Code + ": " + result.Error + result.Output);
            Assert.Contains(message, result.Error);
        }

        private static (ExitCode Code, string Output, string Error) Run(string input, params string[] args)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            ExitCode code = Program.Run(args, new StringReader(input ?? ""), output, error);
            return (code, output.ToString(), error.ToString());
        }
    }
}
