using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Diagnostics;
using System.IO;
using System.Threading;
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Identity;
using Session.Core.Micro.Messages;
using Session.Core.Micro.Network;
using Session.Core.Micro.Ratchet;
using SessionBeacon.Harness.Identity;
using SessionBeacon.Harness.Network;
using SessionBeacon.Harness.Receiver;
using SessionBeacon.Harness.Storage;

namespace SessionBeacon.Harness.Commands
{
    /// <summary>
    /// A recipient's receiver: polls the inbox of the identity in DIR through onion requests,
    /// opens each new message and prints its sender, time and body (control characters made visible,
    /// Receiver/TerminalText.cs). SessionBeacon ratchet messages are opened with the pairing in DIR (the
    /// first one is accepted with the pre-key from 'prekey new', whose secret is then deleted) and
    /// acknowledged back to the beacon. --exec runs a program per message from a known sender (the paired
    /// beacon, the beacon the pre-key is for, or a --from; any sender with --exec-any) with the text in
    /// SESSIONBEACON_TEXT (Receiver/ExecProgram.cs; no shell is involved). --json writes the messages as JSON
    /// on standard output (one document with --once, else one line per message) and the rest on standard error.
    /// </summary>
    public static class ListenCommand
    {
        /// <summary>Seconds between polls.</summary>
        public const int PollSeconds = 5;

        public static Command Create(HarnessConsole console)
        {
            Option<string> data = CommonOptions.Data("the folder with the receiver's identity");
            Option<string> seedUrl = CommonOptions.SeedUrl();
            Option<string> seedPin = CommonOptions.SeedPin();
            var once = new Option<bool>("--once") { Description = "poll once and exit (0 when the network answered and every message opened)" };
            Option<string> exec = CommonOptions.Text("--exec", "PROGRAM", "run PROGRAM (no shell, no arguments) per message from a known sender with SESSIONBEACON_TEXT "
                + "(untrusted text), SESSIONBEACON_SENDER, SESSIONBEACON_TIME (Unix ms), SESSIONBEACON_KIND (message or secure-alert) and SESSIONBEACON_REPEAT in its environment", false);
            var from = new Option<string[]>("--from")
            {
                HelpName = "SESSIONID",
                Description = "a sender to trust besides the paired beacon: marked known, and --exec runs for it (one option each)",
            };
            var execAny = new Option<bool>("--exec-any") { Description = "run --exec for every sender, also those nobody vouched for (anyone who knows your Session ID)" };
            Option<bool> json = CommonOptions.Json();
            Option<bool> progress = CommonOptions.Progress();
            var command = new Command("listen", "poll the inbox through onion requests and print each message; open and acknowledge SessionBeacon ratchet alerts")
            {
                data, seedUrl, seedPin, once, exec, from, execAny, json, progress,
            };
            command.SetAction(parsed => (int)Run(new Request
            {
                Data = parsed.GetValue(data),
                SeedUrl = parsed.GetValue(seedUrl),
                SeedPin = parsed.GetValue(seedPin),
                Once = parsed.GetValue(once),
                Exec = parsed.GetValue(exec),
                ExecAny = parsed.GetValue(execAny),
                From = parsed.GetValue(from) ?? Array.Empty<string>(),
                Json = parsed.GetValue(json),
            }, console.ProgressWriter(parsed.GetValue(progress)), console.Output, console.Error));
            return command;
        }

        /// <summary>What listen --once --json prints: the inbox's Session ID, the new messages, and the problems (skipped, not acknowledged, --exec failed).</summary>
        public sealed record Inbox(string SessionId, List<Listener.Message> Messages, int Problems);

        /// <summary>What to listen for, as the options give it.</summary>
        public sealed class Request
        {
            public string Data { get; set; }
            public string SeedUrl { get; set; }
            public string SeedPin { get; set; }
            public bool Once { get; set; }
            public string Exec { get; set; }
            public bool ExecAny { get; set; }
            public string[] From { get; set; }
            public bool Json { get; set; }
        }

        /// <param name="progress">Where progress lines go (TextWriter.Null: nowhere).</param>
        /// <exception cref="ArgumentException">A bad option value (a usage error).</exception>
        public static ExitCode Run(Request request, TextWriter progress, TextWriter output, TextWriter error)
        {
            ExecProgram exec = Exec(request);
            string[] from = Senders(request.From);
            string data = request.Data;
            bool once = request.Once;
            bool json = request.Json;
            var folder = new IdentityFolder(data);
            IdentityKeys keys;
            try
            {
                keys = folder.LoadKeys();
            }
            catch (IOException missing)
            {
                error.WriteLine("listen: " + missing.Message);
                return ExitCode.Failed;
            }
            using FolderLock held = FolderLock.TryAcquire(data, "listen", error);
            if (held == null)
            {
                keys.Wipe();
                return ExitCode.Failed;
            }
            // With --json, standard output carries only JSON: the human lines move to standard error.
            TextWriter human = json ? error : output;
            TestnetClient client;
            try
            {
                client = folder.Connect(keys, request.SeedUrl, request.SeedPin, new Progress("listen", progress));
            }
            catch (ServiceNodeException unreachable)
            {
                error.WriteLine("listen: the network's seed could not be reached: " + TerminalText.Neutralise(unreachable.Message));
                keys.Wipe();
                return ExitCode.Failed;
            }
            var listener = new Listener(folder, client, from, exec, human, error);
            human.WriteLine("listening as " + keys.SessionId + (once ? " (one poll)" : " (every " + PollSeconds + " s; Ctrl+C stops)"));
            human.Flush();
            try
            {
                int written = 0;
                while (true)
                {
                    bool polled = listener.Poll();
                    if (once)
                    {
                        if (json)
                        {
                            JsonOutput.Write(output, new Inbox(keys.SessionId, listener.Shown, listener.Problems));
                        }
                        else if (polled && listener.Received == 0)
                        {
                            output.WriteLine("no new messages");
                        }
                        return polled && listener.Problems == 0 ? ExitCode.Ok : ExitCode.Failed;
                    }
                    for (; json && written < listener.Shown.Count; written++)
                    {
                        JsonOutput.Write(output, listener.Shown[written]);
                    }
                    // Past the first poll the listener is set up; a progress line every few seconds would bury its messages.
                    client.Progress.Quiet = true;
                    human.Flush();
                    Thread.Sleep(PollSeconds * 1000);
                }
            }
            finally
            {
                keys.Wipe();
            }
        }

        private static ExecProgram Exec(Request request)
        {
            if (request.Exec == null)
            {
                if (request.ExecAny)
                {
                    throw new ArgumentException("--exec-any goes with --exec PROGRAM");
                }
                return null;
            }
            if (request.Exec.Length == 0)
            {
                throw new ArgumentException("--exec needs a program");
            }
            return new ExecProgram(request.Exec, request.ExecAny);
        }

        // The --from Session IDs, checked and in lower case as messages name their senders.
        private static string[] Senders(string[] given)
        {
            var senders = new string[given.Length];
            for (int i = 0; i < given.Length; i++)
            {
                byte[] key = SessionId.TryParse(given[i], out string problem);
                if (key == null)
                {
                    throw new ArgumentException("--from '" + given[i] + "' is not a Session ID: " + problem);
                }
                senders[i] = SessionId.FromPublicKey(key);
            }
            return senders;
        }
    }
}
