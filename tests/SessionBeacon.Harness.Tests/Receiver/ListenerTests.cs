using System;
using System.IO;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Session.Core.Micro.Identity;
using Session.Core.Micro.Ratchet;
using SessionBeacon.Harness.Storage;
using SessionBeacon.Harness.Tests.EndToEnd;
using SessionBeacon.Harness.Tests.Support;
using Xunit;

namespace SessionBeacon.Harness.Tests.Receiver
{
    /// <summary>
    /// The Session network is open: whoever knows a Session ID can store messages in its inbox. Each
    /// test stores what a hostile sender can send into a receiver's inbox on a real testnet, then runs
    /// listen on it: nothing in a message may end the loop, lose another message, reach the terminal
    /// as control characters, or run --exec for a sender the receiver does not know.
    /// </summary>
    [Collection(ListenCollection.Name)]
    public class ListenerTests
    {
        private readonly ListenTestnet _net;

        public ListenerTests(ListenTestnet net)
        {
            _net = net;
        }

        [Fact]
        public void Listen_AStrangersTimestampBombBetweenTwoAlerts_BothAlertsShown_TheBombSkippedWithItsReason()
        {
            string receiver = _net.NewIdentity(out string receiverId);
            Writer beacon = NewWriter();
            Writer stranger = NewWriter();
            beacon.Send(receiverId, "ALERT-1");
            // 2^62 ms is past the year 9999: no date can show it.
            stranger.Send(receiverId, "bomb", 1L << 62);
            beacon.Send(receiverId, "ALERT-2");

            var heard = _net.Listen(receiver, "--once");
            Assert.True(heard.Code == ExitCode.Failed, heard.Error + heard.Output);
            string[] lines = Lines(heard.Output);
            int first = Index(lines, "from " + beacon.Id + " (unknown sender): ALERT-1");
            int bomb = Index(lines, "from " + stranger.Id + " skipped: its timestamp 4611686018427387904 (Unix ms) is not a date");
            int second = Index(lines, "from " + beacon.Id + " (unknown sender): ALERT-2");
            Assert.True(first < bomb && bomb < second, heard.Output);
            Assert.DoesNotContain("bomb", heard.Output);

            // Every later poll, whichever swarm member answers, has nothing new: each message was handled once.
            for (int poll = 0; poll < 4; poll++)
            {
                var again = _net.Listen(receiver, "--once");
                Assert.True(again.Code == ExitCode.Ok, again.Error + again.Output);
                Assert.EndsWith("no new messages\n", again.Output.Replace("\r\n", "\n"));
            }
        }

        [Fact]
        public void Listen_KilledWhileHandlingAMessage_TheNextRunShowsItAgainMarked_NothingLost()
        {
            string receiver = _net.NewIdentity(out string receiverId);
            Writer beacon = NewWriter();
            foreach (string text in new[] { "one", "two", "three" })
            {
                beacon.Send(receiverId, text);
            }
            // The program run for "two" kills listen (its parent) the first time: a crash in the middle of a batch.
            // It lets go of listen's output first (so the test sees listen end), and waits to be sure it never logs "two" itself.
            string log = Path.Combine(_net.Folder, "exec-" + Guid.NewGuid().ToString("n") + ".log");
            string script = Script("if [ \"$SESSIONBEACON_TEXT\" = two ] && [ ! -e '" + log + ".killed' ]; then touch '" + log + ".killed'; exec >/dev/null 2>&1; kill -9 $PPID; sleep 5; exit 1; fi\n"
                + "printf '%s|%s\\n' \"$SESSIONBEACON_TEXT\" \"$SESSIONBEACON_REPEAT\" >> '" + log + "'\n");
            string[] listen = ["listen", "--data", receiver, "--once", "--from", beacon.Id, "--exec", script, .. _net.Options];

            HarnessProcess.Result killed = Retries.Command(() => HarnessProcess.Run(listen));
            Assert.True(killed.ExitCode != 0, killed.ToString());
            Assert.Contains("from " + beacon.Id + ": one", killed.Output);
            Assert.Contains("from " + beacon.Id + ": two", killed.Output);
            Assert.DoesNotContain("three", killed.Output);

            var restarted = Retries.Command(() => InProcess.Run(null, listen));
            Assert.True(restarted.Code == ExitCode.Ok, restarted.Error + restarted.Output);
            Assert.DoesNotContain(": one", restarted.Output);
            Assert.Contains("from " + beacon.Id + " (shown again: listen stopped while handling it): two", restarted.Output);
            Assert.Contains("from " + beacon.Id + ": three", restarted.Output);
            Assert.Equal("one|\ntwo|1\nthree|\n", File.ReadAllText(log));

            var after = Retries.Command(() => InProcess.Run(null, listen));
            Assert.True(after.Code == ExitCode.Ok, after.Error + after.Output);
            Assert.EndsWith("no new messages\n", after.Output.Replace("\r\n", "\n"));
        }

        [Fact]
        public void Listen_TextWithEscapesAndAForgedLine_NeutralisedOnTheTerminal_ExactInJsonAndForExec()
        {
            string receiver = _net.NewIdentity(out string receiverId);
            Writer beacon = NewWriter();
            Writer stranger = NewWriter();
            string forged = "from " + beacon.Id + ": False alarm, I am safe. Do not come.";
            string text = "Help\r\u001b[2K" + forged + "\n" + forged + "\r\n\u202eevil\u2069 \u009b31m\u0007\u0000\u007f end";
            stranger.Send(receiverId, text);

            var heard = _net.Listen(receiver, "--once");
            Assert.True(heard.Code == ExitCode.Ok, heard.Error + heard.Output);
            Assert.DoesNotContain(heard.Output, c => c != '\n' && (c < ' ' || (c >= '\u007f' && c <= '\u009f') || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069')));
            string[] lines = Lines(heard.Output);
            int header = Index(lines, "from " + stranger.Id + " (unknown sender): Help\\x0d\\x1b[2K" + forged);
            Assert.Equal("  | " + forged + "\\x0d", lines[header + 1]);
            Assert.Equal("  | \\u202eevil\\u2069 \\x9b31m\\x07\\x00\\x7f end", lines[header + 2]);
            // No line but the header starts as a message line does.
            Assert.Single(lines, line => line.Contains("from 05", StringComparison.Ordinal) && !line.StartsWith("  | ", StringComparison.Ordinal));

            // JSON carries the exact text (the serializer escapes it), and so does SESSIONBEACON_TEXT,
            // except for the NUL an environment variable cannot hold.
            stranger.Send(receiverId, text);
            string captured = Path.Combine(_net.Folder, "exec-" + Guid.NewGuid().ToString("n") + ".out");
            string script = Script("printf '%s' \"$SESSIONBEACON_TEXT\" > '" + captured + "'\n");
            var json = _net.Listen(receiver, "--once", "--json", "--exec", script, "--exec-any");
            Assert.True(json.Code == ExitCode.Ok, json.Error + json.Output);
            JsonObject message = Assert.Single(JsonNode.Parse(Assert.Single(Lines(json.Output)))["messages"].AsArray()).AsObject();
            Assert.Equal(text, (string)message["text"]);
            Assert.False((bool)message["known_sender"]);
            Assert.Equal(text.Replace('\0', '\ufffd'), File.ReadAllText(captured));
        }

        [Fact]
        public void Listen_Exec_RunsOnlyForSendersTheReceiverKnows_UnlessExecAny()
        {
            string receiver = _net.NewIdentity(out string receiverId);
            Writer stranger = NewWriter();
            Writer friend = NewWriter();
            string log = Path.Combine(_net.Folder, "exec-" + Guid.NewGuid().ToString("n") + ".log");
            string script = Script("printf '%s|%s\\n' \"$SESSIONBEACON_SENDER\" \"$SESSIONBEACON_TEXT\" >> '" + log + "'\n");

            stranger.Send(receiverId, "run my program");
            var refused = _net.Listen(receiver, "--once", "--exec", script);
            Assert.True(refused.Code == ExitCode.Ok, refused.Error + refused.Output);
            Assert.Contains("from " + stranger.Id + " (unknown sender): run my program", refused.Output);
            Assert.Contains("--exec not run: the sender is not known (trust it with --from " + stranger.Id + ", or give --exec-any)", refused.Output);
            Assert.False(File.Exists(log), "nothing ran for an unknown sender");

            friend.Send(receiverId, "from a friend");
            stranger.Send(receiverId, "again");
            var trusted = _net.Listen(receiver, "--once", "--exec", script, "--from", friend.Id.ToUpperInvariant());
            Assert.True(trusted.Code == ExitCode.Ok, trusted.Error + trusted.Output);
            Assert.Contains("from " + friend.Id + ": from a friend", trusted.Output);
            Assert.Contains("from " + stranger.Id + " (unknown sender): again", trusted.Output);
            Assert.Equal(friend.Id + "|from a friend\n", File.ReadAllText(log));

            stranger.Send(receiverId, "anyone");
            var any = _net.Listen(receiver, "--once", "--exec", script, "--exec-any");
            Assert.True(any.Code == ExitCode.Ok, any.Error + any.Output);
            Assert.Equal(friend.Id + "|from a friend\n" + stranger.Id + "|anyone\n", File.ReadAllText(log));

            InProcess.AssertFails(_net.Listen(receiver, "--once", "--from", "05zz"), ExitCode.UsageError, "listen: --from '05zz' is not a Session ID");
            InProcess.AssertFails(_net.Listen(receiver, "--once", "--exec-any"), ExitCode.UsageError, "listen: --exec-any goes with --exec PROGRAM");
        }

        [Fact]
        public void Listen_Exec_RunsForTheBeaconThePreKeyIsFor_BeforeAndAfterPairing()
        {
            string receiver = _net.NewIdentity(out string receiverId);
            Writer beacon = NewWriter();
            var made = InProcess.Run(null, "prekey", "new", "--data", receiver, "--beacon", beacon.Id);
            Assert.True(made.Code == ExitCode.Ok, made.Error);
            byte[] bundle = Convert.FromBase64String(Regex.Match(made.Output, "recipient\\.prekey = 05[0-9a-f]{64} ([A-Za-z0-9+/=]+)").Groups[1].Value);
            string log = Path.Combine(_net.Folder, "exec-" + Guid.NewGuid().ToString("n") + ".log");
            string script = Script("printf '%s|%s\\n' \"$SESSIONBEACON_KIND\" \"$SESSIONBEACON_TEXT\" >> '" + log + "'\n");

            // The beacon's hello (plain), then its first secure alert, which pairs.
            beacon.Send(receiverId, "hello");
            var state = new KeyValueRatchetStore(new DirectoryStore(Path.Combine(_net.NewFolder(), "ratchet")), "ratchet.peer");
            RatchetSession session = RatchetSession.Initiate(state, beacon.Client.Random, beacon.Keys, SessionId.Parse(receiverId), bundle);
            byte[] alert = new RatchetLink(beacon.Keys, session, beacon.Client.Random).EncodeAlert("PANIC", "Beacon", beacon.Client.NetworkClock.Now, out _);
            beacon.Store(receiverId, alert);
            var heard = _net.Listen(receiver, "--once", "--exec", script);
            Assert.True(heard.Code == ExitCode.Ok, heard.Error + heard.Output);
            Assert.DoesNotContain("unknown sender", heard.Output);

            // Paired: the beacon is known without --from.
            beacon.Send(receiverId, "plain after pairing");
            var paired = _net.Listen(receiver, "--once", "--exec", script);
            Assert.True(paired.Code == ExitCode.Ok, paired.Error + paired.Output);
            Assert.Equal("message|hello\nsecure-alert|PANIC\nmessage|plain after pairing\n", File.ReadAllText(log));
        }

        private Writer NewWriter() => Writer.New(_net.Network, _net.NewFolder());

        // A shell script that --exec runs (no shell is involved in starting it: the #! line is).
        private string Script(string body)
        {
            string path = Path.Combine(_net.Folder, "exec-" + Guid.NewGuid().ToString("n") + ".sh");
            File.WriteAllText(path, "#!/bin/sh\n" + body);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
            return path;
        }

        private static string[] Lines(string text) => text.Replace("\r\n", "\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);

        private static int Index(string[] lines, string part)
        {
            int at = Array.FindIndex(lines, line => line.Contains(part, StringComparison.Ordinal));
            Assert.True(at >= 0, "no line contains '" + part + "':\n" + string.Join("\n", lines));
            return at;
        }
    }
}
