using System;
using System.Threading;
using Session.Core.Micro.Network;

namespace SessionBeacon.Harness.Tests.Support
{
    /// <summary>
    /// A request to the testnet made again when all of its attempts failed (ServiceNodeException), as an app polls
    /// again and an outbox sends again. Shared with the end-to-end tests.
    /// </summary>
    internal static class NetworkRetry
    {
        /// <summary>The pause before the request is made again, ms.</summary>
        public const int PauseMs = 500;

        /// <summary>The request's result, made up to <paramref name="times"/> times in all; the last failure is thrown.</summary>
        public static T Request<T>(int times, Func<T> request)
        {
            for (int made = 1; ; made++)
            {
                try
                {
                    return request();
                }
                catch (ServiceNodeException) when (made < times)
                {
                    Thread.Sleep(PauseMs);
                }
            }
        }
    }
}
