using System;
using SessionBeacon.Location;
using SessionBeacon.Tests.Support;
using Xunit;

namespace SessionBeacon.Tests.Location
{
    public class TrackingPlanTests
    {
        private const long Start = 1795784580000;
        private const long Interval = 120000;

        [Fact]
        public void Due_EveryIntervalAfterTheStart_NumbersOneToTotalThenEnds()
        {
            var plan = new TrackingPlan(new MemoryStore(), 120, 30);
            plan.Start(Start, false);
            Assert.Equal((true, 15, Start + Interval), (plan.IsActive, plan.Total, plan.NextAt));
            Assert.Equal(0, plan.Due(Start + Interval - 1));
            for (int n = 1; n <= 15; n++)
            {
                Assert.Equal(Start + n * Interval, plan.NextAt);
                Assert.Equal(n, plan.Due(Start + n * Interval));
                Assert.Equal(n, plan.Due(Start + n * Interval + Interval - 1));
                plan.Taken(n);
                Assert.Equal(0, plan.Due(Start + n * Interval + Interval - 1));
            }
            Assert.False(plan.IsActive);
            Assert.Equal(long.MaxValue, plan.NextAt);
            Assert.Equal(0, plan.Due(Start + 16 * Interval));
        }

        [Fact]
        public void Due_AfterMissedSlots_TheCurrentSlotNotTheOldOnes()
        {
            var plan = new TrackingPlan(new MemoryStore(), 120, 30);
            plan.Start(Start, false);
            Assert.Equal(4, plan.Due(Start + 4 * Interval + 5000));
            plan.Taken(4);
            Assert.Equal(Start + 5 * Interval, plan.NextAt);
        }

        [Fact]
        public void Due_PastTheLastSlot_Ends()
        {
            var store = new MemoryStore();
            var plan = new TrackingPlan(store, 120, 30);
            plan.Start(Start, false);
            Assert.Equal(0, plan.Due(Start + 16 * Interval));
            Assert.False(plan.IsActive);
            Assert.Empty(store.Values);
        }

        [Fact]
        public void Due_ClockBeforeTheStart_Nothing()
        {
            var plan = new TrackingPlan(new MemoryStore(), 120, 30);
            plan.Start(Start, false);
            Assert.Equal(0, plan.Due(Start - 10 * Interval));
            Assert.True(plan.IsActive);
        }

        [Fact]
        public void Start_Again_NumbersFromOne()
        {
            var plan = new TrackingPlan(new MemoryStore(), 120, 30);
            plan.Start(Start, false);
            plan.Taken(plan.Due(Start + 3 * Interval));
            plan.Start(Start + 3 * Interval + 1000, true);
            Assert.Equal((0, true), (plan.LastNumber, plan.IsDuress));
            Assert.Equal(1, plan.Due(Start + 4 * Interval + 1000));
        }

        [Fact]
        public void Start_NoUpdateInTheDuration_NothingStarts()
        {
            var store = new MemoryStore();
            var plan = new TrackingPlan(store, 120, 0);
            plan.Start(Start, false);
            Assert.False(plan.IsActive);
            Assert.Empty(store.Values);
        }

        [Fact]
        public void Stop_ByOwnerAfterPanic_Ends()
        {
            var store = new MemoryStore();
            var plan = new TrackingPlan(store, 120, 30);
            plan.Start(Start, false);
            Assert.True(plan.Stop(true));
            Assert.False(plan.IsActive);
            Assert.Empty(store.Values);
        }

        [Fact]
        public void Stop_ByOwnerAfterDuress_Refused()
        {
            var store = new MemoryStore();
            var plan = new TrackingPlan(store, 120, 30);
            plan.Start(Start, true);
            Assert.False(plan.Stop(true));
            Assert.True(plan.IsActive);
            Assert.True(new TrackingPlan(store, 120, 30).IsActive);
            Assert.True(plan.Stop(false));
            Assert.False(plan.IsActive);
            Assert.False(new TrackingPlan(store, 120, 30).IsActive);
        }

        [Fact]
        public void New_AfterARestart_ContinuesWithTheStoredSchedule()
        {
            var store = new MemoryStore();
            var plan = new TrackingPlan(store, 120, 30);
            plan.Start(Start, true);
            plan.Taken(plan.Due(Start + 2 * Interval));
            // The configuration changed before the restart: the running plan keeps its own interval and total.
            var restarted = new TrackingPlan(store, 60, 10);
            Assert.Equal((true, true, 15, 2, Start + 3 * Interval), (restarted.IsActive, restarted.IsDuress, restarted.Total, restarted.LastNumber, restarted.NextAt));
            Assert.Equal(3, restarted.Due(Start + 3 * Interval));
            restarted.Taken(3);
            Assert.Equal(3, new TrackingPlan(store, 60, 10).LastNumber);
            Assert.False(restarted.WasDamaged);
        }

        [Fact]
        public void Taken_NotDue_Refused()
        {
            var plan = new TrackingPlan(new MemoryStore(), 120, 30);
            Assert.Throws<ArgumentException>(() => plan.Taken(1));
            plan.Start(Start, false);
            plan.Taken(2);
            Assert.Throws<ArgumentException>(() => plan.Taken(2));
            Assert.Throws<ArgumentException>(() => plan.Taken(16));
        }

        [Fact]
        public void New_AnyBitFlippedOrCut_EndedAndDamaged()
        {
            var store = new MemoryStore();
            var plan = new TrackingPlan(store, 120, 30);
            plan.Start(Start, false);
            plan.Taken(plan.Due(Start + Interval));
            byte[] good = store.Values[TrackingPlan.Key];
            for (int bit = 0; bit < good.Length * 8; bit++)
            {
                byte[] bad = (byte[])good.Clone();
                bad[bit / 8] ^= (byte)(1 << (bit % 8));
                AssertDamaged(store, bad, "bit " + bit);
            }
            for (int length = 0; length < good.Length; length++)
            {
                AssertDamaged(store, good.AsSpan(0, length).ToArray(), "length " + length);
            }
        }

        [Theory]
        [InlineData(1, "Tracking 1/15")]
        [InlineData(14, "Tracking 14/15")]
        [InlineData(15, "Tracking 15/15 (last)")]
        public void Title_NumberOfTotal(int number, string expected)
        {
            var plan = new TrackingPlan(new MemoryStore(), 120, 30);
            plan.Start(Start, false);
            Assert.Equal(expected, plan.Title(number));
        }

        private static void AssertDamaged(MemoryStore store, byte[] record, string what)
        {
            store.Values[TrackingPlan.Key] = record;
            var plan = new TrackingPlan(store, 120, 30);
            Assert.False(plan.IsActive, what);
            Assert.True(plan.WasDamaged, what);
            Assert.False(store.Values.ContainsKey(TrackingPlan.Key), what);
        }
    }
}
