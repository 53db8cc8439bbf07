using System.Collections.Generic;
using SessionBeacon.App;
using SessionBeacon.Config;
using SessionBeacon.Feedback;
using SessionBeacon.Hardware;
using Xunit;

namespace SessionBeacon.Tests.App
{
    /// <summary>A halted device repeats the halted pattern and its reason every RepeatMs, asleep in between, and keeps silent mode silent.</summary>
    public class BeaconHaltTests
    {
        private sealed class Led : IIndicator
        {
            public readonly List<bool> Changes = new List<bool>();

            public void Set(bool on) => Changes.Add(on);
        }

        [Fact]
        public void Halt_PatternAndReasonRepeated_AndNothingDueInBetween()
        {
            var led = new Led();
            var halt = new BeaconHalt("I:\\nf.config is missing", led, null, null);
            long now = 5000;
            long next = halt.Start(now);
            var reports = new List<(long, string)>();
            int steps = 0;
            while (true)
            {
                string report = halt.TakeReport();
                if (report != null)
                {
                    reports.Add((now, report));
                }
                if (next >= 5000 + 3 * BeaconHalt.RepeatMs)
                {
                    break;
                }
                Assert.True(next > now, "due again at once at " + now);
                now = next;
                next = halt.Step(now);
                steps++;
            }
            Assert.Equal(new[] { (5000L, "halted: I:\\nf.config is missing"), (15000L, "halted: I:\\nf.config is missing"), (25000L, "halted: I:\\nf.config is missing") }, reports);
            // Each repeat: the pattern's changes, then one sleep until the next repeat.
            int changes = FeedbackPattern.Timings(FeedbackPattern.Halted).Length + 1;
            Assert.Equal(3 * changes, led.Changes.Count);
            Assert.True(steps <= 3 * (changes + 1), steps + " steps for three repeats");
        }

        [Fact]
        public void Halt_SilentMode_NothingShown_ButTheReasonIsStillTold()
        {
            var led = new Led();
            var halt = new BeaconHalt("nf.config line 3: bad", led, led, BeaconConfig.FeedbackSilent);
            halt.Step(halt.Start(0));
            Assert.Empty(led.Changes);
            Assert.Equal("halted: nf.config line 3: bad", halt.TakeReport());
            Assert.Null(halt.TakeReport());
        }
    }
}
