using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
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
using SessionBeacon.Harness.Tests.Support;

namespace SessionBeacon.Harness.Tests
{
    /// <summary>One 12-node testnet on 127.0.130.1 to 127.0.135.2 (a range no other test project uses) for the send, listen and prekey tests.</summary>
    public sealed class ListenTestnet : ClassTestnet
    {
        public const int FirstSubnet = 130;

        public ListenTestnet()
            : base("listen-tests", 12, FirstSubnet)
        {
        }

        /// <summary>--seed-url and --seed-pin of this testnet.</summary>
        public string[] Options => new[] { "--seed-url", Network.SeedUrl, "--seed-pin", Network.SeedPin };

        /// <summary>'listen --data <paramref name="folder"/>' with <paramref name="options"/> on this testnet, run again while the network did not answer (Retries).</summary>
        public (ExitCode Code, string Output, string Error) Listen(string folder, params string[] options) =>
            Retries.Command(() => InProcess.Run(null, ["listen", "--data", folder, .. options, .. Options]));

        /// <summary>A new folder with an identity made by 'identity new'.</summary>
        public string NewIdentity(out string sessionId)
        {
            string folder = NewFolder();
            var (code, output, error) = InProcess.Run(null, "identity", "new", "--data", folder);
            Assert.True(code == ExitCode.Ok, error);
            sessionId = Regex.Match(output, "Session ID: (05[0-9a-f]{64})").Groups[1].Value;
            return folder;
        }
    }

    /// <summary>The test classes that share the one ListenTestnet (so they run one after the other).</summary>
    [CollectionDefinition(Name)]
    public sealed class ListenCollection : ICollectionFixture<ListenTestnet>
    {
        public const string Name = "listen testnet";
    }

    /// <summary>send, listen and prekey run in-process against a real testnet; identity's every bad input.</summary>
    [Collection(ListenCollection.Name)]
    public class ListenCommandTests
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
        public async Task Send_OnASlowSwarm_ProgressLinesSayWhatItWaitsFor()
        {
            string alice = NewIdentity(out _);
            NewIdentity(out string bobId);
            List<NodeEntry> swarm = SwarmOf(bobId);
            try
            {
                // Every member of Bob's swarm answers late (within the client's timeout): the store is slow, not lost.
                foreach (NodeEntry member in swarm)
                {
                    await _net.Network.SetFaultsAsync(member.Index, new NodeFaults { DelayMs = 300 });
                }
                var sent = Run(null, "send", "--data", alice, "--to", bobId, "--text", "slow", "--progress", "--seed-url", _net.Network.SeedUrl, "--seed-pin", _net.Network.SeedPin);
                Assert.True(sent.Code == ExitCode.Ok, sent.Error);
                Assert.StartsWith("sent to " + bobId, sent.Output);
                string[] lines = Lines(sent.Error);
                Assert.All(lines, line => Assert.Matches(@"^send: \[\d+\.\d s\] ", line));
                string seed = new Uri(_net.Network.SeedUrl).GetLeftPart(UriPartial.Authority);
                string bob = bobId.Substring(0, 10) + "…";
                int seedLine = IndexOf(lines, "getting nodes from the seed " + seed, 0);
                int pathLine = IndexOf(lines, "building a path: testing guard 127.0.", seedLine);
                int clockLine = IndexOf(lines, "asking 3 to 10 nodes for the network's time via guard 127.0.", pathLine);
                int swarmLine = IndexOf(lines, "finding the swarm of " + bob + ": reading the node list with swarm ids from the seed " + seed, clockLine);
                int storeLine = IndexOf(lines, "sending to " + bob + " via guard 127.0.", swarmLine);
                Assert.Matches(@"\(attempt 1 of 6\)$", lines[storeLine]);
            }
            finally
            {
                await ClearFaults(swarm);
            }

            // Without --progress, and standard error not a terminal, a script sees nothing but the result.
            var quiet = Run(null, "send", "--data", alice, "--to", bobId, "--text", "quiet", "--seed-url", _net.Network.SeedUrl, "--seed-pin", _net.Network.SeedPin);
            Assert.True(quiet.Code == ExitCode.Ok, quiet.Error);
            Assert.Equal("", quiet.Error);
        }

        [Fact]
        public async Task StoreToADownSwarm_ProgressCountsTheAttempts()
        {
            IdentityKeys alice = IdentityKeys.FromSeed(RandomNumberGenerator.GetBytes(IdentityKeys.SeedSize));
            NewIdentity(out string bobId);
            List<NodeEntry> swarm = SwarmOf(bobId);
            var lines = new StringWriter();
            var client = new TestnetClient(NetworkProfile.Testnet(_net.Network.SeedUrl, _net.Network.SeedPin, 1), alice,
                new DirectoryStore(Path.Combine(_net.NewFolder(), "network")), new SystemClock(), null, new Progress("test", lines));
            // The clock and Bob's swarm first, while every node answers: the store alone meets the fault.
            client.Prepare(bobId, "sending to Bob");
            int before = Lines(lines.ToString()).Length;
            try
            {
                foreach (NodeEntry member in swarm)
                {
                    await _net.Network.SetFaultsAsync(member.Index, new NodeFaults { Down = true });
                }
                client.Prepare(bobId, "sending to Bob");
                Assert.Throws<ServiceNodeException>(() => client.Client.Store(bobId, new byte[] { 1, 2, 3 }, ServiceNodeClient.DefaultTtl, 1));
            }
            finally
            {
                await ClearFaults(swarm);
            }
            string[] store = Lines(lines.ToString())[before..];
            int first = IndexOf(store, "sending to Bob via guard 127.0.", 0);
            Assert.EndsWith("(attempt 1 of 6)", store[first]);
            int second = IndexOf(store, "sending to Bob via guard 127.0.", first + 1);
            Assert.EndsWith("(attempt 2 of 6)", store[second]);
            Assert.DoesNotContain(store, line => line.Contains("network's time", StringComparison.Ordinal) || line.Contains("finding the swarm", StringComparison.Ordinal));
        }

        [Fact]
        public async Task Send_SwarmDown_OneLineFailureNamesTheStepItGaveUpIn()
        {
            string alice = NewIdentity(out _);
            NewIdentity(out string bobId);
            List<NodeEntry> swarm = SwarmOf(bobId);
            (ExitCode Code, string Output, string Error) sent;
            try
            {
                foreach (NodeEntry member in swarm)
                {
                    await _net.Network.SetFaultsAsync(member.Index, new NodeFaults { Down = true });
                }
                sent = Run(null, "send", "--data", alice, "--to", bobId, "--text", "lost", "--progress", "--seed-url", _net.Network.SeedUrl, "--seed-pin", _net.Network.SeedPin);
            }
            finally
            {
                await ClearFaults(swarm);
            }
            Assert.Equal(ExitCode.Failed, sent.Code);
            Assert.Equal("", sent.Output);
            string[] lines = Lines(sent.Error);
            Match failure = Regex.Match(lines[^1], @"^send: the network did not take the message \((.+), gave up after \d+\.\d s\): \w+");
            Assert.True(failure.Success, lines[^1]);
            // The step it names is the one the progress lines last showed: a third of the nodes being down, it may be any of them.
            string step = failure.Groups[1].Value;
            Assert.Contains(lines[..^1], line => line.Contains("] " + step + " via guard ", StringComparison.Ordinal));
        }

        [Fact]
        public void SendAndListenJson_OneDocumentEach_TextEscapedByTheSerializer()
        {
            string alice = NewIdentity(out string aliceId);
            string bob = NewIdentity(out string bobId);
            string[] network = { "--seed-url", _net.Network.SeedUrl, "--seed-pin", _net.Network.SeedPin };

            var empty = _net.Listen(bob, "--once");
            Assert.True(empty.Code == ExitCode.Ok, empty.Error);
            Assert.Equal("listening as " + bobId + " (one poll)\nno new messages\n", empty.Output.Replace("\r\n", "\n"));
            var emptyJson = _net.Listen(bob, "--once", "--json");
            Assert.True(emptyJson.Code == ExitCode.Ok, emptyJson.Error);
            JsonObject nothing = ParseOne(emptyJson.Output);
            Assert.Equal(bobId, (string)nothing["session_id"]);
            Assert.Empty(nothing["messages"].AsArray());
            Assert.Equal(0, (int)nothing["problems"]);
            Assert.Contains("listening as " + bobId, emptyJson.Error);

            const string text = "line one\n\"quoted\" {\"json\": true} \\ tab\t ünïcode 🚨";
            var sent = Retries.Command(() => Run(null, ["send", "--data", alice, "--to", bobId, "--text", text, "--json", .. network]));
            Assert.True(sent.Code == ExitCode.Ok, sent.Error);
            Assert.Equal("", sent.Error);
            JsonObject receipt = ParseOne(sent.Output);
            Assert.Equal(new[] { "sender", "recipient", "hash", "timestamp", "verified_signatures", "already_stored" }, Names(receipt));
            Assert.Equal(aliceId, (string)receipt["sender"]);
            Assert.Equal(bobId, (string)receipt["recipient"]);
            Assert.InRange((int)receipt["verified_signatures"], 1, 4);
            Assert.False((bool)receipt["already_stored"]);

            var heard = _net.Listen(bob, "--once", "--json");
            Assert.True(heard.Code == ExitCode.Ok, heard.Error);
            JsonObject inbox = ParseOne(heard.Output);
            Assert.Equal(new[] { "session_id", "messages", "problems" }, Names(inbox));
            JsonObject message = Assert.Single(inbox["messages"].AsArray()).AsObject();
            Assert.Equal(new[] { "kind", "sender", "known_sender", "timestamp", "text", "hash", "time" }, Names(message));
            Assert.Equal("message", (string)message["kind"]);
            Assert.Equal(aliceId, (string)message["sender"]);
            Assert.False((bool)message["known_sender"]);
            Assert.Equal(text, (string)message["text"]);
            Assert.Equal((string)receipt["hash"], (string)message["hash"]);
            Assert.Equal((long)receipt["timestamp"], (long)message["timestamp"]);
            Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds((long)message["timestamp"]), DateTimeOffset.Parse((string)message["time"]));
        }

        [Fact]
        public void IdentityShowJson_TheSessionIdOnly()
        {
            string folder = _net.NewFolder();
            var made = Run(null, "identity", "new", "--data", folder);
            string phrase = Regex.Match(made.Output, @"\n  ([a-z]+(?: [a-z]+){12})\s*$").Groups[1].Value;
            var shown = Run(null, "identity", "show", "--data", folder, "--json");
            Assert.True(shown.Code == ExitCode.Ok, shown.Error);
            JsonObject identity = ParseOne(shown.Output);
            Assert.Equal(new[] { "session_id" }, Names(identity));
            Assert.Equal(Regex.Match(made.Output, "Session ID: (05[0-9a-f]{64})").Groups[1].Value, (string)identity["session_id"]);
            foreach (string word in phrase.Split(' '))
            {
                Assert.DoesNotContain(word, shown.Output);
            }
            AssertFails(Run(null, "identity", "show", "--data", _net.NewFolder(), "--json"), ExitCode.Failed, "identity: no identity in");
        }

        [Fact]
        public void SendThenListenOnce_PrintsTheMessage_ExecGetsTheTextInItsEnvironment()
        {
            string alice = NewIdentity(out string aliceId);
            string bob = NewIdentity(out string bobId);
            const string text = "Meet at 5; $(touch pwned) `id` 'quoted' \"double\"";
            var sent = Retries.Command(() => Run(null, "send", "--data", alice, "--to", bobId, "--text", text, "--seed-url", _net.Network.SeedUrl, "--seed-pin", _net.Network.SeedPin));
            Assert.True(sent.Code == ExitCode.Ok, sent.Error);
            Assert.Matches("sent to " + bobId + ": [1-9] verified swarm signature", sent.Output);

            string script = Path.Combine(_net.Folder, "exec-" + Guid.NewGuid().ToString("n") + ".sh");
            string captured = script + ".out";
            File.WriteAllText(script, "#!/bin/sh\nprintf '%s|%s|%s' \"$SESSIONBEACON_KIND\" \"$SESSIONBEACON_SENDER\" \"$SESSIONBEACON_TEXT\" > '" + captured + "'\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            var heard = _net.Listen(bob, "--once", "--exec", script, "--from", aliceId);
            Assert.True(heard.Code == ExitCode.Ok, heard.Error + heard.Output);
            Assert.Contains("listening as " + bobId, heard.Output);
            Assert.Contains("from " + aliceId + ": " + text, heard.Output);
            Assert.Equal("message|" + aliceId + "|" + text, File.ReadAllText(captured));
            Assert.False(File.Exists(Path.Combine(Environment.CurrentDirectory, "pwned")));

            // The next poll does not show it again.
            var again = _net.Listen(bob, "--once");
            Assert.Equal(ExitCode.Ok, again.Code);
            Assert.DoesNotContain(text, again.Output);
        }

        [Fact]
        public void PreKeyThenRatchetedAlert_ListenAcceptsOpensAndAcknowledges_BeaconSeesHelpReached()
        {
            string receiver = NewIdentity(out string receiverId);
            IdentityKeys beaconKeys = IdentityKeys.FromSeed(RandomNumberGenerator.GetBytes(IdentityKeys.SeedSize));
            var made = Run(null, "prekey", "new", "--data", receiver, "--beacon", beaconKeys.SessionId);
            Assert.True(made.Code == ExitCode.Ok, made.Error);
            Match line = Regex.Match(made.Output, "recipient\\.prekey = (05[0-9a-f]{64}) ([A-Za-z0-9+/=]+)");
            Assert.True(line.Success, made.Output);
            Assert.Equal(receiverId, line.Groups[1].Value);
            Assert.True(File.Exists(Path.Combine(receiver, "prekey.secret")));
            // Asked again before pairing: the same bundle, no new secret.
            Assert.Contains(line.Value, Run(null, "prekey", "new", "--data", receiver, "--beacon", beaconKeys.SessionId).Output);

            // The beacon side, as the device does it: checks the bundle from nf.config, pairs, sends a ratcheted alert.
            string beaconFolder = _net.NewFolder();
            var beacon = new TestnetClient(_net.Network.SeedUrl, _net.Network.SeedPin, beaconKeys, new DirectoryStore(Path.Combine(beaconFolder, "network")), new SystemClock());
            var beaconState = new KeyValueRatchetStore(new DirectoryStore(Path.Combine(beaconFolder, "ratchet")), "ratchet.peer");
            byte[] bundle = Convert.FromBase64String(line.Groups[2].Value);
            RatchetSession session = RatchetSession.Initiate(beaconState, beacon.Random, beaconKeys, SessionId.Parse(receiverId), bundle);
            var link = new RatchetLink(beaconKeys, session, beacon.Random);
            byte[] payload = link.EncodeAlert("PANIC: help at the back door", "Beacon", beacon.NetworkClock.Now, out uint sequence);
            Assert.True(Retries.Request(() => beacon.Client.Store(receiverId, payload, ServiceNodeClient.DefaultTtl, 1)).IsSuccess);

            var heard = _net.Listen(receiver, "--once");
            Assert.True(heard.Code == ExitCode.Ok, heard.Error + heard.Output);
            Assert.Contains("paired with beacon " + beaconKeys.SessionId, heard.Output);
            Assert.Contains("SECURE ALERT " + sequence + " from beacon " + beaconKeys.SessionId + ": PANIC: help at the back door", heard.Output);
            Assert.Matches("acknowledged alert " + sequence + " to the beacon: [1-9] verified", heard.Output);
            Assert.False(File.Exists(Path.Combine(receiver, "prekey.secret")), "the pre-key secret is deleted at pairing");
            AssertFails(Run(null, "prekey", "new", "--data", receiver, "--beacon", beaconKeys.SessionId), ExitCode.Failed, "is already paired with a beacon");

            // The beacon retrieves the acknowledgement: help was reached for its alert.
            RetrieveResult inbox = Retries.Request(() => beacon.Client.Retrieve(beaconKeys.SessionId, beaconKeys.Ed25519SecretKey, 0));
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
            Assert.True(Retries.Request(() => beacon.Client.Store(receiverId, second, ServiceNodeClient.DefaultTtl, 1)).IsSuccess);
            var heard2 = _net.Listen(receiver, "--once", "--json");
            Assert.True(heard2.Code == ExitCode.Ok, heard2.Error + heard2.Output);
            JsonObject alert = Assert.Single(ParseOne(heard2.Output)["messages"].AsArray()).AsObject();
            Assert.Equal(new[] { "kind", "sender", "known_sender", "timestamp", "text", "hash", "sequence", "acknowledged", "time" }, Names(alert));
            Assert.Equal("secure-alert", (string)alert["kind"]);
            Assert.Equal(beaconKeys.SessionId, (string)alert["sender"]);
            Assert.Equal("PANIC: second", (string)alert["text"]);
            Assert.Equal(sequence2, (uint)alert["sequence"]);
            Assert.True((bool)alert["acknowledged"]);
            // The human lines went to standard error.
            Assert.Contains("SECURE ALERT " + sequence2 + " from beacon " + beaconKeys.SessionId + ": PANIC: second", heard2.Error);
            Assert.DoesNotContain("help at the back door", heard2.Output + heard2.Error);
        }

        [Fact]
        public void PreKeyForOneBeacon_AnotherSenderCannotPair_TheBeaconCan()
        {
            string receiver = NewIdentity(out string receiverId);
            IdentityKeys beaconKeys = IdentityKeys.FromSeed(RandomNumberGenerator.GetBytes(IdentityKeys.SeedSize));
            IdentityKeys strangerKeys = IdentityKeys.FromSeed(RandomNumberGenerator.GetBytes(IdentityKeys.SeedSize));
            AssertFails(Run(null, "prekey", "new", "--data", receiver, "--beacon", "06" + new string('a', 64)), ExitCode.UsageError, "prekey: --beacon is not a Session ID");
            AssertFails(Run(null, "prekey", "new", "--data", _net.NewFolder(), "--beacon", beaconKeys.SessionId), ExitCode.Failed, "prekey: no identity in");
            var made = Run(null, "prekey", "new", "--data", receiver, "--beacon", beaconKeys.SessionId.ToUpperInvariant());
            Assert.True(made.Code == ExitCode.Ok, made.Error);
            Assert.Contains("only beacon " + beaconKeys.SessionId + " can pair", made.Output);
            byte[] bundle = Convert.FromBase64String(Regex.Match(made.Output, "recipient\\.prekey = 05[0-9a-f]{64} ([A-Za-z0-9+/=]+)").Groups[1].Value);

            // A stranger who has the bundle (it is in the beacon's nf.config) tries to pair first.
            SendFirstAlert(strangerKeys, receiverId, bundle, "PANIC: from a stranger");
            var refused = _net.Listen(receiver, "--once");
            Assert.Equal(ExitCode.Failed, refused.Code);
            Assert.Contains("from " + strangerKeys.SessionId + " (unknown sender): a SessionBeacon secure alert refused: the pre-key is for beacon " + beaconKeys.SessionId, refused.Output);
            Assert.DoesNotContain("PANIC: from a stranger", refused.Output);
            Assert.True(File.Exists(Path.Combine(receiver, "prekey.secret")), "the pre-key is kept for the real beacon");

            SendFirstAlert(beaconKeys, receiverId, bundle, "PANIC: the real one");
            var heard = _net.Listen(receiver, "--once");
            Assert.True(heard.Code == ExitCode.Ok, heard.Error + heard.Output);
            Assert.Contains("paired with beacon " + beaconKeys.SessionId, heard.Output);
            Assert.Contains("SECURE ALERT 1 from beacon " + beaconKeys.SessionId + ": PANIC: the real one", heard.Output);
            Assert.False(File.Exists(Path.Combine(receiver, "prekey.secret")));
        }

        [Fact]
        public void PreKeyNew_WithoutBeacon_RefusedUnlessAnyBeacon_WhichLetsTheFirstSenderPair()
        {
            string receiver = NewIdentity(out string receiverId);
            var refused = Run(null, "prekey", "new", "--data", receiver);
            Assert.Equal(ExitCode.UsageError, refused.Code);
            Assert.Equal("", refused.Output);
            string line = Assert.Single(Lines(refused.Error));
            Assert.StartsWith("prekey: say which beacon may pair: --beacon SESSIONID, the beacon's Session ID", line);
            Assert.Contains("or --any-beacon to let the first sender of a secure alert pair: the bundle is public, so a stranger who pairs first takes your receiver", line);
            Assert.False(File.Exists(Path.Combine(receiver, "prekey.secret")), "nothing is made");
            IdentityKeys beaconKeys = IdentityKeys.FromSeed(RandomNumberGenerator.GetBytes(IdentityKeys.SeedSize));
            AssertFails(Run(null, "prekey", "new", "--data", receiver, "--beacon", beaconKeys.SessionId, "--any-beacon"), ExitCode.UsageError,
                "prekey: --beacon and --any-beacon exclude each other");

            // Asked for: the first sender pairs, whoever it is, and the warning said so.
            var made = Run(null, "prekey", "new", "--data", receiver, "--any-beacon");
            Assert.True(made.Code == ExitCode.Ok, made.Error);
            Assert.Contains("warning: --any-beacon: the first sender of a SessionBeacon alert made with this pre-key pairs, whoever it is", made.Output);
            byte[] bundle = Convert.FromBase64String(Regex.Match(made.Output, "recipient\\.prekey = 05[0-9a-f]{64} ([A-Za-z0-9+/=]+)").Groups[1].Value);
            // Named afterwards, before anyone paired: only that beacon can pair.
            Assert.Contains("(only beacon " + beaconKeys.SessionId + " can pair)", Run(null, "prekey", "new", "--data", receiver, "--beacon", beaconKeys.SessionId).Output);
            Assert.Contains("(any beacon can pair: --any-beacon)", Run(null, "prekey", "new", "--data", receiver, "--any-beacon").Output);
            IdentityKeys strangerKeys = IdentityKeys.FromSeed(RandomNumberGenerator.GetBytes(IdentityKeys.SeedSize));
            SendFirstAlert(strangerKeys, receiverId, bundle, "I am your beacon");
            var heard = _net.Listen(receiver, "--once");
            Assert.True(heard.Code == ExitCode.Ok, heard.Error + heard.Output);
            Assert.Contains("paired with beacon " + strangerKeys.SessionId, heard.Output);
        }

        [Fact]
        public void PreKeyNamingNoBeacon_AsAnOlderHarnessLeftIt_NobodyPairsUntilOneIsNamed()
        {
            string receiver = NewIdentity(out string receiverId);
            IdentityKeys beaconKeys = IdentityKeys.FromSeed(RandomNumberGenerator.GetBytes(IdentityKeys.SeedSize));
            IdentityKeys strangerKeys = IdentityKeys.FromSeed(RandomNumberGenerator.GetBytes(IdentityKeys.SeedSize));
            var made = Run(null, "prekey", "new", "--data", receiver, "--beacon", beaconKeys.SessionId);
            Assert.True(made.Code == ExitCode.Ok, made.Error);
            byte[] bundle = Convert.FromBase64String(Regex.Match(made.Output, "recipient\\.prekey = 05[0-9a-f]{64} ([A-Za-z0-9+/=]+)").Groups[1].Value);
            // An older harness made pre-keys without naming a beacon: no prekey.beacon file.
            File.Delete(Path.Combine(receiver, "prekey.beacon"));

            SendFirstAlert(strangerKeys, receiverId, bundle, "I am your beacon");
            var refused = _net.Listen(receiver, "--once");
            Assert.Equal(ExitCode.Failed, refused.Code);
            Assert.Contains("a SessionBeacon secure alert refused: the pre-key names no beacon (an older harness made it): run 'prekey new --data " + receiver
                + " --beacon SESSIONID'", refused.Output);
            Assert.True(File.Exists(Path.Combine(receiver, "prekey.secret")), "the pre-key is kept");

            Assert.Contains("(only beacon " + beaconKeys.SessionId + " can pair)", Run(null, "prekey", "new", "--data", receiver, "--beacon", beaconKeys.SessionId).Output);
            SendFirstAlert(beaconKeys, receiverId, bundle, "PANIC: the real one");
            var heard = _net.Listen(receiver, "--once");
            Assert.True(heard.Code == ExitCode.Ok, heard.Error + heard.Output);
            Assert.Contains("paired with beacon " + beaconKeys.SessionId, heard.Output);
        }

        private void SendFirstAlert(IdentityKeys beaconKeys, string receiverId, byte[] bundle, string text)
        {
            string folder = _net.NewFolder();
            var beacon = new TestnetClient(_net.Network.SeedUrl, _net.Network.SeedPin, beaconKeys, new DirectoryStore(Path.Combine(folder, "network")), new SystemClock());
            var state = new KeyValueRatchetStore(new DirectoryStore(Path.Combine(folder, "ratchet")), "ratchet.peer");
            RatchetSession session = RatchetSession.Initiate(state, beacon.Random, beaconKeys, SessionId.Parse(receiverId), bundle);
            byte[] payload = new RatchetLink(beaconKeys, session, beacon.Random).EncodeAlert(text, "Beacon", beacon.NetworkClock.Now, out _);
            Assert.True(Retries.Request(() => beacon.Client.Store(receiverId, payload, ServiceNodeClient.DefaultTtl, 1)).IsSuccess);
        }

        [Fact]
        public void RatchetAlertWithoutPairing_SaysSoAndFails()
        {
            string receiver = NewIdentity(out string receiverId);
            string other = NewIdentity(out _);
            var made = Run(null, "prekey", "new", "--data", other, "--any-beacon");
            string bundleText = Regex.Match(made.Output, "recipient\\.prekey = 05[0-9a-f]{64} ([A-Za-z0-9+/=]+)").Groups[1].Value;
            IdentityKeys beaconKeys = IdentityKeys.FromSeed(RandomNumberGenerator.GetBytes(IdentityKeys.SeedSize));
            string beaconFolder = _net.NewFolder();
            var beacon = new TestnetClient(_net.Network.SeedUrl, _net.Network.SeedPin, beaconKeys, new DirectoryStore(Path.Combine(beaconFolder, "network")), new SystemClock());
            // A ratchet message body addressed to the receiver, which never made a pre-key.
            byte[] packet = RandomNumberGenerator.GetBytes(80);
            byte[] payload = MessageEncoder.Encode(beaconKeys, SessionId.Parse(receiverId), RatchetCarriage.ToContent(packet, null, beacon.NetworkClock.Now), beacon.Random);
            Assert.True(Retries.Request(() => beacon.Client.Store(receiverId, payload, ServiceNodeClient.DefaultTtl, 1)).IsSuccess);
            Assert.NotEqual("", bundleText);

            var heard = _net.Listen(receiver, "--once");
            Assert.Equal(ExitCode.Failed, heard.Code);
            Assert.Contains("a SessionBeacon secure alert, but " + receiver + " has no pairing: run 'prekey new --data " + receiver + " --beacon SESSIONID'", heard.Output);
        }

        private string NewIdentity(out string sessionId) => _net.NewIdentity(out sessionId);

        private static string FirstLine(string text) => text.Split('\n')[0].Trim();

        private static string[] Lines(string text) => text.Replace("\r\n", "\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);

        // The first line at or after from that contains part; fails with every line when there is none.
        private static int IndexOf(string[] lines, string part, int from)
        {
            for (int i = from; i < lines.Length; i++)
            {
                if (lines[i].Contains(part, StringComparison.Ordinal))
                {
                    return i;
                }
            }
            Assert.Fail("no line after line " + from + " contains '" + part + "':\n" + string.Join("\n", lines));
            return -1;
        }

        // Standard output of a --json run: exactly one line, one JSON object.
        private static JsonObject ParseOne(string output)
        {
            string line = Assert.Single(Lines(output));
            return JsonNode.Parse(line).AsObject();
        }

        private static string[] Names(JsonObject document) => document.Select(field => field.Key).ToArray();

        private List<NodeEntry> SwarmOf(string sessionId) => _net.Network.Map.Members(_net.Network.Map.SwarmOf(Convert.FromHexString(sessionId)));

        private async Task ClearFaults(List<NodeEntry> nodes)
        {
            foreach (NodeEntry node in nodes)
            {
                await _net.Network.SetFaultsAsync(node.Index, NodeFaults.None);
            }
        }

        private static void AssertFails((ExitCode Code, string Output, string Error) result, ExitCode expected, string message) => InProcess.AssertFails(result, expected, message);

        private static (ExitCode Code, string Output, string Error) Run(string input, params string[] args) => InProcess.Run(input, args);
    }
}
