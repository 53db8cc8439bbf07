using SessionBeacon.App;

namespace SessionBeacon.Tests.Support
{
    /// <summary>
    /// Both sides of a beacon on the test's one thread, deterministically: the input side, the network
    /// side, then the input side again to show what the network reported (the device runs the network
    /// side on a thread of its own; the tests that need that use NetworkWorker).
    /// </summary>
    internal static class OneThread
    {
        /// <summary>Steps the input side, the network side and the input side at <paramref name="now"/>; returns the earliest wake.</summary>
        public static long Step(Beacon beacon, long now)
        {
            long input = beacon.Step(now);
            long network = beacon.StepNetwork(now);
            long shown = beacon.Step(now);
            long wake = input < network ? input : network;
            return shown < wake ? shown : wake;
        }
    }
}
