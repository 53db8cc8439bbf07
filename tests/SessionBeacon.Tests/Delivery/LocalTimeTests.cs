using System;
using SessionBeacon.Delivery;
using Xunit;

namespace SessionBeacon.Tests.Delivery
{
    public class LocalTimeTests
    {
        [Theory]
        [InlineData(0L, 0, "1970-01-01 00:00 (UTC+00:00)")]
        [InlineData(0L, -60, "1969-12-31 23:00 (UTC-01:00)")]
        [InlineData(951_782_400_000L, 0, "2000-02-29 00:00 (UTC+00:00)")]
        [InlineData(4_107_542_340_000L, 840, "2100-03-01 13:59 (UTC+14:00)")]
        public void Format_KnownMoments(long unixMs, int offset, string expected)
        {
            Assert.Equal(expected, LocalTime.Format(unixMs, offset));
        }

        [Fact]
        public void Format_AgreesWithDateTimeOffset_OnRandomMoments()
        {
            var random = new Random(20261127);
            for (int i = 0; i < 2000; i++)
            {
                long ms = (long)(random.NextDouble() * 6_000_000_000_000L);
                int offset = random.Next(-720, 841);
                var local = DateTimeOffset.FromUnixTimeMilliseconds(ms).ToOffset(TimeSpan.FromMinutes(offset));
                string sign = offset < 0 ? "-" : "+";
                string expected = local.ToString("yyyy-MM-dd HH:mm") + " (UTC" + sign + (Math.Abs(offset) / 60).ToString("00") + ":" + (Math.Abs(offset) % 60).ToString("00") + ")";
                Assert.Equal(expected, LocalTime.Format(ms, offset));
            }
        }

        [Fact]
        public void Format_BeforeEpoch_Throws()
        {
            Assert.Throws<ArgumentException>(() => LocalTime.Format(-1, 0));
        }
    }
}
