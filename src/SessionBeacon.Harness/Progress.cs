// What slow network work is doing, one line at a time on standard error, so that a send on a slow
// network says what it waits for instead of staying silent until it fails:
//   send: [3.2 s] sending to 05d1e3a9… via guard 127.0.10.1:40123 (attempt 2 of 6)
// The lines come from the requests the core really posts (Network/ProgressTransport.cs), under the
// step the command named last. Standard output keeps only the result, so a script reading it, or
// --json, is not disturbed; and like git's, progress is shown only when standard error is a terminal
// or with --progress, so that a script's standard error holds nothing but the one-line failure.
using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using Session.Core.Micro.Network;

namespace SessionBeacon.Harness
{
    /// <summary>Progress lines of one command's network work.</summary>
    public sealed class Progress
    {
        private readonly string _command;
        private readonly TextWriter _error;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private bool _counted;
        private int _requests;

        /// <summary>Lines start with <paramref name="command"/> and go to <paramref name="error"/> (TextWriter.Null: nowhere).</summary>
        public Progress(string command, TextWriter error)
        {
            ArgumentNullException.ThrowIfNull(command);
            ArgumentNullException.ThrowIfNull(error);
            _command = command;
            _error = error;
        }

        /// <summary>What is being done now, such as "sending to 05d1e3a9…"; null before the first step.</summary>
        public string Step { get; private set; }

        /// <summary>When set, nothing is written: a listener past its first poll would otherwise add lines every few seconds.</summary>
        public bool Quiet { get; set; }

        /// <summary>Seconds since the command began, one decimal.</summary>
        public string Elapsed => _clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

        /// <summary>
        /// Begins <paramref name="step"/>. With <paramref name="oneRequest"/> its onion requests are the
        /// attempts of one request ("attempt 2 of 6"); otherwise it sends several requests (the clock's samples).
        /// </summary>
        public void Begin(string step, bool oneRequest)
        {
            ArgumentNullException.ThrowIfNull(step);
            Step = step;
            _counted = oneRequest;
            _requests = 0;
        }

        /// <summary>Writes one line.</summary>
        public void Report(string text)
        {
            if (Quiet)
            {
                return;
            }
            _error.WriteLine(_command + ": [" + Elapsed + "] " + text);
            _error.Flush();
        }

        /// <summary>An onion request of the current step goes out through <paramref name="guard"/>.</summary>
        public void OnionRequest(string guard)
        {
            _requests++;
            // A clock resync inside a request (the node refused our timestamp) adds requests beyond its attempts.
            string count = !_counted ? "" : _requests <= ServiceNodeClient.MaxAttempts
                ? " (attempt " + _requests + " of " + ServiceNodeClient.MaxAttempts + ")"
                : " (request " + _requests + ")";
            Report((Step ?? "an onion request") + " via guard " + guard + count);
        }

        /// <summary>A Session ID as progress lines show it: its first 10 characters.</summary>
        public static string Short(string sessionId) => sessionId.Length > 10 ? sessionId.Substring(0, 10) + "…" : sessionId;
    }
}
