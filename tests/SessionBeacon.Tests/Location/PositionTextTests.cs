using System;
using System.Globalization;
using SessionBeacon.Location;
using Xunit;

namespace SessionBeacon.Tests.Location
{
    public class PositionTextTests
    {
        private static readonly GpsFix Berlin = new GpsFix(525200066, 134049540, 160, 9, 1, 1795784580000);

        [Fact]
        public void Lines_CurrentFix_HeadlineMapLinkAndGeoUri()
        {
            Assert.Equal("Position: 52.52001, 13.40495 (\u00b18 m, 42 s ago)\n"
                + "https://www.openstreetmap.org/?mlat=52.52001&mlon=13.40495#map=17/52.52001/13.40495\n"
                + "geo:52.52001,13.40495", PositionText.Lines(Berlin, 42000));
        }

        [Fact]
        public void Lines_OlderThanAMinute_LastKnownPosition()
        {
            Assert.Equal("Last known position (3 h ago): 52.52001, 13.40495 (\u00b18 m)\n"
                + "https://www.openstreetmap.org/?mlat=52.52001&mlon=13.40495#map=17/52.52001/13.40495\n"
                + "geo:52.52001,13.40495", PositionText.Lines(Berlin, 3 * 3600000L + 59 * 60000));
        }

        [Fact]
        public void Headline_AgeAtTheBound_StillCurrent()
        {
            Assert.StartsWith("Position: ", PositionText.Headline(Berlin, PositionText.CurrentMaxAgeMs));
            Assert.StartsWith("Last known position (60 s ago): ", PositionText.Headline(Berlin, PositionText.CurrentMaxAgeMs + 1));
        }

        [Fact]
        public void Headline_UnknownAge_LastKnownWithTimeUnknown()
        {
            Assert.Equal("Last known position (time unknown): 52.52001, 13.40495 (\u00b18 m)", PositionText.Headline(Berlin, -1));
        }

        [Fact]
        public void Lines_NoFix_SaidPlainlyWithoutALink()
        {
            Assert.Equal(PositionText.NoFixText, PositionText.Lines(null, 0));
        }

        [Theory]
        [InlineData(525200066, "52.52001")]
        [InlineData(525200049, "52.52000")]
        [InlineData(525200050, "52.52001")]
        [InlineData(-525200050, "-52.52001")]
        [InlineData(-525200049, "-52.52000")]
        [InlineData(0, "0.00000")]
        [InlineData(49, "0.00000")]
        [InlineData(-49, "0.00000")]
        [InlineData(-50, "-0.00001")]
        [InlineData(-100, "-0.00001")]
        [InlineData(100, "0.00001")]
        [InlineData(-9999950, "-1.00000")]
        [InlineData(900000000, "90.00000")]
        [InlineData(-1800000000, "-180.00000")]
        [InlineData(1799999999, "180.00000")]
        [InlineData(int.MinValue, "-214.74836")]
        public void Degrees_FiveDecimalsRoundedHalfAwayFromZero(int e7, string expected)
        {
            Assert.Equal(expected, PositionText.Degrees(e7));
        }

        // The same rounding, done in decimal arithmetic, across a sweep through zero and many magnitudes.
        [Fact]
        public void Degrees_MatchesDecimalRounding()
        {
            var random = new Random(7);
            for (int i = -3000; i <= 3000; i++)
            {
                AssertMatches(i);
            }
            for (int i = 0; i < 20000; i++)
            {
                AssertMatches(random.Next(-1800000000, 1800000001));
            }
        }

        [Theory]
        [InlineData(160, "\u00b18 m")]
        [InlineData(90, "\u00b15 m")]
        [InlineData(89, "\u00b14 m")]
        [InlineData(0, "\u00b11 m")]
        [InlineData(9999, "\u00b1500 m")]
        [InlineData(-1, "accuracy unknown")]
        public void Accuracy_HdopTimesFiveMetresRounded(int hdopCenti, string expected)
        {
            Assert.Equal(expected, PositionText.Accuracy(hdopCenti));
        }

        [Theory]
        [InlineData(0L, "0 s")]
        [InlineData(999L, "0 s")]
        [InlineData(119999L, "119 s")]
        [InlineData(120000L, "2 min")]
        [InlineData(7199999L, "119 min")]
        [InlineData(7200000L, "2 h")]
        [InlineData(172799999L, "47 h")]
        [InlineData(172800000L, "2 d")]
        public void Age_WholeUnitsRoundedDown(long ms, string expected)
        {
            Assert.Equal(expected, PositionText.Age(ms));
        }

        [Fact]
        public void Lines_UnknownHdop_SaysSo()
        {
            var fix = new GpsFix(-338688000, -704000, -1, -1, 1, -1);
            Assert.Equal("Position: -33.86880, -0.07040 (accuracy unknown, 5 s ago)\n"
                + "https://www.openstreetmap.org/?mlat=-33.86880&mlon=-0.07040#map=17/-33.86880/-0.07040\n"
                + "geo:-33.86880,-0.07040", PositionText.Lines(fix, 5000));
        }

        [Theory]
        [InlineData(900000001, 0)]
        [InlineData(-900000001, 0)]
        [InlineData(0, 1800000001)]
        [InlineData(0, -1800000001)]
        public void Lines_OutOfRange_Refused(int latitudeE7, int longitudeE7)
        {
            var fix = new GpsFix(latitudeE7, longitudeE7, 100, 5, 1, -1);
            Assert.Throws<ArgumentException>(() => PositionText.Lines(fix, 0));
        }

        private static void AssertMatches(int e7)
        {
            decimal degrees = Math.Round(e7 / 10000000m, 5, MidpointRounding.AwayFromZero);
            string expected = degrees.ToString("0.00000", CultureInfo.InvariantCulture);
            Assert.Equal(expected == "-0.00000" ? "0.00000" : expected, PositionText.Degrees(e7));
        }
    }
}
