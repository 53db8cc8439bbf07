// listen --exec PROGRAM: the program runs once per shown message, started directly (no shell, no
// arguments), with the message in its environment:
//   SESSIONBEACON_TEXT    the text, exactly as sent (a NUL, which an environment variable cannot hold, becomes U+FFFD)
//   SESSIONBEACON_SENDER  the sender's Session ID (checked by the message's signature)
//   SESSIONBEACON_TIME    the message's time, Unix ms
//   SESSIONBEACON_KIND    message or secure-alert
//   SESSIONBEACON_REPEAT  1 when listen stopped while handling this message before (it may have run for it), else empty
// The text is untrusted input from whoever knows the receiver's Session ID: the program must never
// pass it to a shell or a terminal unescaped. It runs only for senders the receiver knows unless
// --exec-any is given (Listener decides).
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace SessionBeacon.Harness.Receiver
{
    /// <summary>The program listen runs per message.</summary>
    public sealed class ExecProgram
    {
        /// <summary>Seconds the program may run before listen stops waiting for it.</summary>
        public const int TimeoutSeconds = 30;

        /// <param name="path">The program (--exec).</param>
        /// <param name="anySender">True to run it for every sender (--exec-any), not only known ones.</param>
        public ExecProgram(string path, bool anySender)
        {
            Path = path;
            AnySender = anySender;
        }

        public string Path { get; }

        /// <summary>True when it runs for messages from unknown senders too.</summary>
        public bool AnySender { get; }

        /// <summary>Runs the program for <paramref name="message"/> and waits for it; null when it exited with 0, else what went wrong.</summary>
        public string Run(Listener.Message message)
        {
            var start = new ProcessStartInfo(Path) { UseShellExecute = false };
            start.Environment["SESSIONBEACON_TEXT"] = message.Text.Replace('\0', '\ufffd');
            start.Environment["SESSIONBEACON_SENDER"] = message.Sender;
            start.Environment["SESSIONBEACON_TIME"] = message.Timestamp.ToString(CultureInfo.InvariantCulture);
            start.Environment["SESSIONBEACON_KIND"] = message.Kind;
            start.Environment["SESSIONBEACON_REPEAT"] = message.Repeated == true ? "1" : "";
            try
            {
                using Process process = Process.Start(start);
                if (!process.WaitForExit(TimeoutSeconds * 1000))
                {
                    return "--exec " + Path + " still runs after " + TimeoutSeconds + " s; not waiting for it";
                }
                return process.ExitCode == 0 ? null : "--exec " + Path + " exited with " + process.ExitCode;
            }
            catch (Win32Exception failed)
            {
                return "--exec " + Path + " could not be started: " + failed.Message;
            }
        }
    }
}
