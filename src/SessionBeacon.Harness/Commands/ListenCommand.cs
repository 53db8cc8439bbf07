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
    /// opens each new message and prints its sender, time and body. SessionBeacon ratchet messages are
    /// opened with the pairing in DIR (the first one is accepted with the pre-key from 'prekey new',
    /// whose secret is then deleted) and acknowledged back to the beacon. --exec runs a program per
    /// message with the text in SESSIONBEACON_TEXT (no shell is involved). --json writes the messages as JSON
    /// on standard output (one document with --once, else one line per message) and the rest on standard error.
    /// </summary>
    public static class ListenCommand
    {
        /// <summary>Seconds between polls.</summary>
        public const int PollSeconds = 5;

        /// <summary>Seconds a --exec program may run before listen stops waiting for it.</summary>
        public const int ExecTimeoutSeconds = 30;

        public static Command Create(HarnessConsole console)
        {
            Option<string> data = CommonOptions.Data("the folder with the receiver's identity");
            Option<string> seedUrl = CommonOptions.SeedUrl();
            Option<string> seedPin = CommonOptions.SeedPin();
            var once = new Option<bool>("--once") { Description = "poll once and exit (0 when the network answered and every message opened)" };
            Option<string> exec = CommonOptions.Text("--exec", "PROGRAM", "run PROGRAM (no shell, no arguments) per message with SESSIONBEACON_TEXT, "
                + "SESSIONBEACON_SENDER, SESSIONBEACON_TIME (Unix ms) and SESSIONBEACON_KIND (message or secure-alert) in its environment", false);
            Option<bool> json = CommonOptions.Json();
            Option<bool> progress = CommonOptions.Progress();
            var command = new Command("listen", "poll the inbox through onion requests and print each message; open and acknowledge SessionBeacon ratchet alerts")
            {
                data, seedUrl, seedPin, once, exec, json, progress,
            };
            command.SetAction(parsed => (int)Run(parsed.GetValue(data), parsed.GetValue(seedUrl), parsed.GetValue(seedPin), parsed.GetValue(once),
                parsed.GetValue(exec), parsed.GetValue(json), console.ProgressWriter(parsed.GetValue(progress)), console.Output, console.Error));
            return command;
        }

        /// <summary>What listen --once --json prints: the inbox's Session ID, the new messages, and how many could not be opened or acknowledged.</summary>
        public sealed record Inbox(string SessionId, List<Listener.Message> Messages, int Problems);

        /// <param name="progress">Where progress lines go (TextWriter.Null: nowhere).</param>
        public static ExitCode Run(string data, string seedUrl, string seedPin, bool once, string exec, bool json, TextWriter progress, TextWriter output, TextWriter error)
        {
            if (exec != null && exec.Length == 0)
            {
                throw new ArgumentException("--exec needs a program");
            }
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
                client = folder.Connect(keys, seedUrl, seedPin, new Progress("listen", progress));
            }
            catch (ServiceNodeException unreachable)
            {
                error.WriteLine("listen: the network's seed could not be reached: " + unreachable.Message);
                keys.Wipe();
                return ExitCode.Failed;
            }
            var listener = new Listener(folder, client, exec, human, error);
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
    }
}
