using SessionBeacon.Location;
using Xunit;

namespace SessionBeacon.Tests.Location
{
    public class ClockSourcesTests
    {
        private const long Utc = 1795784580000;
        private const long Steady = 500000;
        private const long NoGps = -1;

        // network known, network time, GPS time, steady ms at the RMC -> source, time, difference
        [Theory]
        [InlineData(false, 0L, NoGps, 0L, TimeSource.None, -1L, 0L)]
        [InlineData(true, Utc, NoGps, 0L, TimeSource.Network, Utc, 0L)]
        [InlineData(false, 0L, Utc - 2000, Steady - 2000, TimeSource.Gps, Utc, 0L)]
        [InlineData(true, Utc, Utc - 1000, Steady - 2000, TimeSource.Network, Utc, 1000L)]
        [InlineData(true, Utc, Utc + 5000, Steady, TimeSource.Network, Utc, 5000L)]
        [InlineData(true, Utc, Utc - 5000, Steady, TimeSource.Network, Utc, -5000L)]
        [InlineData(true, Utc, Utc + 5001, Steady, TimeSource.GpsOverNetwork, Utc + 5001, 5001L)]
        [InlineData(true, Utc, Utc - 300000, Steady, TimeSource.GpsOverNetwork, Utc - 300000, -300000L)]
        [InlineData(true, Utc, Utc - 600000, Steady - ClockSources.GpsMaxAgeMs, TimeSource.Network, Utc, 0L)]
        [InlineData(false, 0L, Utc - 600001, Steady - ClockSources.GpsMaxAgeMs - 1, TimeSource.None, -1L, 0L)]
        [InlineData(true, Utc, Utc, Steady + 1, TimeSource.Network, Utc, 0L)]
        [InlineData(false, 0L, ClockSources.EarliestGpsUtc - 1, Steady, TimeSource.None, -1L, 0L)]
        [InlineData(false, 0L, ClockSources.EarliestGpsUtc, Steady, TimeSource.Gps, ClockSources.EarliestGpsUtc, 0L)]
        public void Now_FollowsTheRule(bool networkKnown, long networkNow, long gpsUtc, long gpsAtMs, TimeSource expectedSource, long expectedTime, long expectedDifference)
        {
            long time = ClockSources.Now(networkKnown, networkNow, gpsUtc, gpsAtMs, Steady, out TimeSource source, out long difference);
            Assert.Equal((expectedSource, expectedTime, expectedDifference), (source, time, difference));
        }

        // A GPS week-number rollover puts the date 1024 weeks back: never taken, whatever the network says.
        [Fact]
        public void Now_RolledOverGpsDate_NetworkKept()
        {
            long rolledOver = Utc - 1024L * 7 * 24 * 3600 * 1000;
            Assert.Equal(Utc, ClockSources.Now(true, Utc, rolledOver, Steady, Steady, out TimeSource source, out _));
            Assert.Equal(TimeSource.Network, source);
        }
    }
}
