using System;
using System.Threading;
using Session.Core.Micro.Network;

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
        private const int PauseMs = 500;

        /// <summary>
        /// 'listen --once' run again while it failed because the network did not answer, as the app's next poll.
        /// A retrieve that fails handles no message and moves no cursor (Listener.Poll), so the next run sees what this one would have.
        /// </summary>
        public static (ExitCode Code, string Output, string Error) ListenOnce(Func<(ExitCode Code, string Output, string Error)> listen)
        {
            var result = listen();
            for (int attempt = 1; attempt < Attempts && result.Code == ExitCode.Failed && result.Error.Contains("listen: the network did not answer", StringComparison.Ordinal); attempt++)
            {
                Thread.Sleep(PauseMs);
                result = listen();
            }
            return result;
        }

        /// <summary>A request made again when it throws ServiceNodeException (every attempt failed), as an outbox's next round.</summary>
        public static T Request<T>(Func<T> request)
        {
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    return request();
                }
                catch (ServiceNodeException) when (attempt < Attempts)
                {
                    Thread.Sleep(PauseMs);
                }
            }
        }
    }
}
