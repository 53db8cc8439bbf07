using System;
using System.Text.RegularExpressions;
using SessionBeacon.Harness.Device;

namespace SessionBeacon.Harness.Tests.Support
{
    /// <summary>
    /// 'beacon run' waits a bounded time after its input ends (SimulatedDevice.FinishMs, device clock); the outbox's backoff
    /// (5, 10, 20, 40 s after failed rounds) can use it up on a loaded machine, and the alerts stay on flash for the next run,
    /// as on the device after a power cycle. These are those next runs, so a test checks delivery, not one run's luck.
    /// </summary>
    internal static class BeaconRuns
    {
        private const int MaxRuns = 3;

        // The last line of a run that waited out its time with alerts still on flash (Device/SimulatedDevice.cs).
        private static readonly Regex s_leftOnFlash = new Regex(
            @"the input ended: stopped after waiting " + SimulatedDevice.FinishMs / 1000 + @" s \(device clock\) for what was pending; still on flash, not delivered: .*\(sent on the next run\)\s*$");

        /// <summary>
        /// The output of <paramref name="nextRun"/> (a run with no input on the same folder), run while the last run
        /// ended with alerts left on flash after waiting out its time, up to three times; "" when
        /// <paramref name="output"/> ended otherwise.
        /// </summary>
        public static string UntilDelivered(string output, Func<string> nextRun)
        {
            string later = "";
            string last = output;
            for (int run = 0; run < MaxRuns && s_leftOnFlash.IsMatch(last); run++)
            {
                last = nextRun();
                later += last;
            }
            return later;
        }
    }
}
