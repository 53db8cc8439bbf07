using System;
using System.Threading;
using SessionBeacon.Harness.Tests.EndToEnd;

namespace SessionBeacon.Harness.Tests.Support
{
    /// <summary>
    /// A test's network request made again after the network did not answer, as an app polls again
    /// and an outbox sends again: each request has its attempts (TestnetClient), and on a loaded machine
    /// one in many still runs out of them. Only such a failure is retried, a few times; any other
    /// answer, and the last failure, are the test's to check.
    /// </summary>
    internal static class Retries
    {
        private const int Attempts = 5;

        /// <summary>
        /// A harness command ('listen --once', 'send') run again while it failed because the network did not answer.
        /// A retrieve that fails handles no message and moves no cursor (Listener.Poll), so the next run sees what
        /// this one would have; a store that fails stored nothing with a receipt.
        /// </summary>
        public static (ExitCode Code, string Output, string Error) Command(Func<(ExitCode Code, string Output, string Error)> run) =>
            Again(run, r => r.Code == ExitCode.Failed && NotAnswered(r.Error));

        /// <summary>The same for a harness process.</summary>
        public static HarnessProcess.Result Command(Func<HarnessProcess.Result> run) =>
            Again(run, r => r.ExitCode == (int)ExitCode.Failed && NotAnswered(r.Error));

        /// <summary>A request made again when it throws ServiceNodeException (every attempt failed), as an outbox's next round.</summary>
        public static T Request<T>(Func<T> request) => NetworkRetry.Request(Attempts, request);

        // The one lines of listen and send when the seed or the network gave no answer (Commands/ListenCommand.cs, SendCommand.cs).
        private static bool NotAnswered(string error) =>
            error.Contains(": the network did not answer", StringComparison.Ordinal)
            || error.Contains(": the network did not take the message", StringComparison.Ordinal)
            || error.Contains(": the network's seed could not be reached", StringComparison.Ordinal);

        private static T Again<T>(Func<T> run, Func<T, bool> notAnswered)
        {
            T result = run();
            for (int attempt = 1; attempt < Attempts && notAnswered(result); attempt++)
            {
                Thread.Sleep(NetworkRetry.PauseMs);
                result = run();
            }
            return result;
        }
    }
}
