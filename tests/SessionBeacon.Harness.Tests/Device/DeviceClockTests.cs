using System.Threading;
using SessionBeacon.Harness.Device;
using Xunit;

namespace SessionBeacon.Harness.Tests.Device
{
    /// <summary>The run's one clock: held, it moves only by Advance; it never goes back.</summary>
    public class DeviceClockTests
    {
        [Fact]
        public void Held_MovesOnlyByAdvance_NeverBack_RunsOnFromThereWhenReleased()
        {
            var clock = new DeviceClock();
            clock.Hold();
            long held = clock.Now;
            Thread.Sleep(30);
            Assert.Equal(held, clock.Now);

            clock.Advance(held + 5000);
            Assert.Equal(held + 5000, clock.Now);
            clock.Advance(held + 10);
            Assert.Equal(held + 5000, clock.Now);

            clock.Release();
            long running = clock.Now;
            Assert.True(running >= held + 5000, "released at " + (held + 5000) + ", now " + running);
            Thread.Sleep(30);
            Assert.True(clock.Now > running, "the released clock runs with the machine's time");
        }

        [Fact]
        public void RunUntil_RunsWithTheMachineFromWhereItWasHeld_StopsAtTheCap_NeverBack()
        {
            var clock = new DeviceClock();
            clock.Hold();
            long held = clock.Now;
            clock.RunUntil(held + 20);
            Thread.Sleep(60);
            Assert.Equal(held + 20, clock.Now);

            clock.Hold();
            Assert.Equal(held + 20, clock.Now);
            clock.RunUntil(held + 10);
            Assert.Equal(held + 20, clock.Now);
            clock.Release();
            Thread.Sleep(30);
            Assert.True(clock.Now > held + 20, "the released clock runs on from the cap");
        }

        [Fact]
        public void Running_AdvanceJumpsAhead_APastTimeChangesNothing()
        {
            var clock = new DeviceClock();
            long start = clock.Now;
            clock.Advance(start + 60000);
            Assert.True(clock.Now >= start + 60000);
            long ahead = clock.Now;
            clock.Advance(start);
            Assert.True(clock.Now >= ahead);
        }
    }
}
