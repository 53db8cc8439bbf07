using System;
using System.Text;
using SessionBeacon.Location;
using Xunit;

namespace SessionBeacon.Tests.Location
{
    // The reader on sentences written here: framing, checksums, talkers, each field's rules, how GGA,
    // RMC and GSA of one epoch combine. Expected values are worked out in the comments from the
    // sentence, not read back from the reader; times are computed with .NET's DateTimeOffset.
    public class NmeaReaderTests
    {
        // 44 + 4.1306 / 60 degrees = 44.068843333... (rounded down at the 7th place); 121 + 18.8515 / 60 = 121.314191666... (rounded up).
        private const string Gga = "GPGGA,202640.000,4404.1306,N,12118.8515,W,2,10,0.98,1127.7,M,-19.6,M,0000,0000";
        private const string Rmc = "GPRMC,202640.000,A,4404.1306,N,12118.8515,W,0.03,225.97,130415,,,D";
        private const int Latitude = 440688433;
        private const int Longitude = -1213141917;

        private static readonly long s_epoch = new DateTimeOffset(2015, 4, 13, 20, 26, 40, TimeSpan.Zero).ToUnixTimeMilliseconds();

        [Fact]
        public void Feed_GgaThenRmcOfOneEpoch_CombinesThem()
        {
            var reader = new NmeaReader();
            Feed(reader, Line(Gga));
            GpsFix first = reader.LatestFix();
            Assert.Equal(-1, first.UtcMillis);
            Feed(reader, Line(Rmc));
            GpsFix fix = reader.LatestFix();
            Assert.Equal(Latitude, fix.LatitudeE7);
            Assert.Equal(Longitude, fix.LongitudeE7);
            Assert.Equal(98, fix.HdopCenti);
            Assert.Equal(10, fix.Satellites);
            Assert.Equal(2, fix.Quality);
            Assert.Equal(s_epoch, fix.UtcMillis);
            Assert.True(reader.TakeTime(out long time));
            Assert.Equal(s_epoch, time);
            Assert.False(reader.TakeTime(out _));
            Assert.Equal(2, reader.Accepted);
            Assert.Equal(0, reader.Rejected);
        }

        [Fact]
        public void Feed_RmcThenGgaOfOneEpoch_CombinesThem()
        {
            var reader = new NmeaReader();
            Feed(reader, Line(Rmc));
            GpsFix early = reader.LatestFix();
            Assert.Equal(-1, early.Satellites);
            Assert.Equal(2, early.Quality); // mode D
            Feed(reader, Line(Gga));
            GpsFix fix = reader.LatestFix();
            Assert.Equal(10, fix.Satellites);
            Assert.Equal(98, fix.HdopCenti);
            Assert.Equal(s_epoch, fix.UtcMillis);
        }

        [Fact]
        public void Feed_GgaOfTheNextEpoch_DropsTheOldDate()
        {
            var reader = new NmeaReader();
            Feed(reader, Line(Rmc) + Line(Gga.Replace("202640.000", "202641.000")));
            Assert.Equal(-1, reader.LatestFix().UtcMillis);
        }

        // SiRFstar V (gpsd's sirfstarv-nmea.log) sends a GPGGA of all satellites used, then a GLGGA of the GLONASS ones.
        [Fact]
        public void Feed_SecondGgaOfTheEpoch_DoesNotReplaceTheFirst()
        {
            var reader = new NmeaReader();
            Feed(reader, Line(Gga) + Line("GL" + Gga.Substring(2).Replace(",2,10,0.98,", ",2,02,0.98,")));
            Assert.Equal(10, reader.LatestFix().Satellites);
            Assert.Equal(2, reader.Accepted);
        }

        [Theory]
        [InlineData("GPRMC,202640.000,V,4404.1306,N,12118.8515,W,0.03,225.97,130415,,,A")]
        [InlineData("GPRMC,202640.000,A,4404.1306,N,12118.8515,W,0.03,225.97,130415,,,N")]
        [InlineData("GPGSA,A,1,,,,,,,,,,,,,99.99,99.99,99.99")]
        public void Feed_SentenceOfTheEpochSayingNoFix_WithdrawsTheFix(string verdict)
        {
            var reader = new NmeaReader();
            Feed(reader, Line(Gga) + Line(verdict));
            Assert.False(reader.HasFix);
            Assert.Null(reader.LatestFix());
        }

        [Fact]
        public void Feed_NoFixRmcFirst_GgaOfTheSameEpochDoesNotRestoreIt()
        {
            var reader = new NmeaReader();
            Feed(reader, Line("GPRMC,202640.000,V,4404.1306,N,12118.8515,W,,,130415,,,N") + Line(Gga));
            Assert.Null(reader.LatestFix());
            Assert.False(reader.TakeTime(out _));
        }

        [Theory]
        [InlineData("0")]
        [InlineData("7")]
        [InlineData("8")]
        public void Feed_GgaQualityThatIsNoFix_HasNoFix(string quality)
        {
            var reader = new NmeaReader();
            Feed(reader, Line(Gga.Replace(",W,2,10,", ",W," + quality + ",10,")));
            Assert.False(reader.HasFix);
            Assert.Equal(1, reader.Accepted);
        }

        [Fact]
        public void Feed_NoFixGgaWithEmptyFields_IsAcceptedAsNoFix()
        {
            var reader = new NmeaReader();
            Feed(reader, Line(Gga) + Line("GPGGA,,,,,,0,00,99.99,,,,,,"));
            Assert.False(reader.HasFix);
            Assert.Equal(2, reader.Accepted);
        }

        [Fact]
        public void Feed_Gsa_GivesDimensionPdopAndMissingHdop()
        {
            var reader = new NmeaReader();
            Assert.Equal(NmeaReader.UnknownDimension, reader.FixDimension);
            Feed(reader, Line(Gga.Replace(",0.98,", ",,")) + Line("GNGSA,A,3,20,16,09,03,07,10,23,19,27,30,,,1.64,0.98,1.31,1"));
            Assert.Equal(3, reader.FixDimension);
            Assert.Equal(164, reader.PdopCenti);
            Assert.Equal(98, reader.LatestFix().HdopCenti);
        }

        [Theory]
        [InlineData("GP")]
        [InlineData("GN")]
        [InlineData("GL")]
        [InlineData("GA")]
        [InlineData("BD")]
        [InlineData("GB")]
        [InlineData("QZ")]
        public void Feed_EachGnssTalker_IsRead(string talker)
        {
            var reader = new NmeaReader();
            Feed(reader, Line(talker + Gga.Substring(2)));
            Assert.Equal(Latitude, reader.LatestFix().LatitudeE7);
        }

        [Theory]
        [InlineData("II")]
        [InlineData("GX")]
        [InlineData("PU")]
        public void Feed_OtherTalker_IsSkipped(string talker)
        {
            var reader = new NmeaReader();
            Feed(reader, Line(talker + Gga.Substring(2)));
            Assert.Null(reader.LatestFix());
            Assert.Equal(1, reader.Accepted);
        }

        // Minutes 0.0000030 are 0.00000005 degrees, exactly half of the 7th place: away from zero.
        [Theory]
        [InlineData("0000.0000030,N,00000.0000030,E", 1, 1)]
        [InlineData("0000.0000030,S,00000.0000030,W", -1, -1)]
        [InlineData("0000.0000029,N,00000.0000029,E", 0, 0)]
        [InlineData("9000.0000,N,18000.0000,W", 900000000, -1800000000)]
        [InlineData("0030.000000000,S,17959.999999999,E", -5000000, 1800000000)]
        [InlineData("5155.55442,N,00434.65873,E", 519259070, 45776455)]
        public void Feed_Coordinates_ConvertToE7Exactly(string position, int latitude, int longitude)
        {
            // 51 + 55.55442 / 60 = 51.925907 exactly; 4 + 34.65873 / 60 = 4.5776455 exactly.
            var reader = new NmeaReader();
            Feed(reader, Line("GPGGA,083723.00," + position + ",1,06,2.51,-4.0,M,46.0,M,,"));
            GpsFix fix = reader.LatestFix();
            Assert.Equal(latitude, fix.LatitudeE7);
            Assert.Equal(longitude, fix.LongitudeE7);
        }

        [Theory]
        [InlineData("9000.0001,N,00000.0000,E")]
        [InlineData("0060.0000,N,00000.0000,E")]
        [InlineData("0000.0000,N,18000.0001,W")]
        [InlineData("0000.0000,X,00000.0000,E")]
        [InlineData("0000.0000,,00000.0000,E")]
        [InlineData("00-0.0000,N,00000.0000,E")]
        [InlineData("0000.0000.0,N,00000.0000,E")]
        [InlineData("100000.0,N,00000.0000,E")]
        public void Feed_BadCoordinates_RejectTheSentence(string position)
        {
            var reader = new NmeaReader();
            Feed(reader, Line("GPGGA,083723.00," + position + ",1,06,2.51,-4.0,M,46.0,M,,"));
            Assert.Null(reader.LatestFix());
            Assert.Equal(1, reader.Rejected);
        }

        [Theory]
        [InlineData("235960.00", "311216", 2016, 12, 31, 23, 59, 59, 1000)] // the leap second counts on into the next day
        [InlineData("000000", "290224", 2024, 2, 29, 0, 0, 0, 0)]
        [InlineData("123456.789", "010100", 2000, 1, 1, 12, 34, 56, 789)]
        [InlineData("010203.4567", "150699", 2099, 6, 15, 1, 2, 3, 456)]
        public void Feed_RmcDateAndTime_GiveUnixMilliseconds(string time, string date, int year, int month, int day, int hour, int minute, int second, int millis)
        {
            var reader = new NmeaReader();
            Feed(reader, Line("GNRMC," + time + ",A,4404.14063,N,12118.85478,W,0.117,," + date + ",,,A"));
            long expected = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero).ToUnixTimeMilliseconds() + millis;
            Assert.True(reader.TakeTime(out long utc));
            Assert.Equal(expected, utc);
            Assert.Equal(expected, reader.LatestFix().UtcMillis);
        }

        [Fact]
        public void Feed_EveryDateFrom2000To2099_MatchesDotNetsCalendar()
        {
            var reader = new NmeaReader();
            int days = 0;
            for (var day = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero); day.Year < 2100; day = day.AddDays(1), days++)
            {
                Feed(reader, Line("GNRMC,000000,A,4404.14063,N,12118.85478,W,0.117,," + day.ToString("ddMMyy") + ",,,A"));
                Assert.True(reader.TakeTime(out long utc), day.ToString("yyyy-MM-dd"));
                Assert.Equal(day.ToUnixTimeMilliseconds(), utc);
            }
            Assert.Equal(36525, days);
        }

        [Theory]
        [InlineData("240000.00", "130415")]
        [InlineData("126000.00", "130415")]
        [InlineData("123061.00", "130415")]
        [InlineData("12304", "130415")]
        [InlineData("123040.00", "290223")]
        [InlineData("123040.00", "001223")]
        [InlineData("123040.00", "311323")]
        [InlineData("123040.00", "31042")]
        [InlineData("123040.00", "310423")]
        public void Feed_BadRmcTimeOrDate_RejectsIt(string time, string date)
        {
            var reader = new NmeaReader();
            Feed(reader, Line("GNRMC," + time + ",A,4404.14063,N,12118.85478,W,0.117,," + date + ",,,A"));
            Assert.Equal(1, reader.Rejected);
            Assert.False(reader.TakeTime(out _));
        }

        [Theory]
        [InlineData("$" + Gga + "\r\n")] // no checksum
        [InlineData("$" + Gga + "*\r\n")]
        [InlineData("$" + Gga + "*6\r\n")]
        [InlineData("$" + Gga + "*6CX\r\n")]
        [InlineData("$" + Gga + "*6D\r\n")] // the right one is 6C
        [InlineData("$" + Gga + "*G0\r\n")]
        public void Feed_MissingOrWrongChecksum_Rejects(string line)
        {
            var reader = new NmeaReader();
            Feed(reader, line);
            Assert.Null(reader.LatestFix());
            Assert.Equal(1, reader.Rejected);
            Assert.Equal(0, reader.Accepted);
        }

        [Fact]
        public void Feed_LowercaseChecksum_IsAccepted()
        {
            var reader = new NmeaReader();
            Feed(reader, "$" + Gga + "*6c\n");
            Assert.Equal(Latitude, reader.LatestFix().LatitudeE7);
        }

        [Fact]
        public void Feed_FlippedBitAnywhere_NeverGivesAnotherFix()
        {
            byte[] line = Encoding.ASCII.GetBytes(Line(Gga));
            var clean = new NmeaReader();
            clean.Feed(line, 0, line.Length);
            string original = Describe(clean.LatestFix());
            for (int i = 1; i < line.Length - 2; i++)
            {
                for (int bit = 0; bit < 8; bit++)
                {
                    var copy = (byte[])line.Clone();
                    copy[i] ^= (byte)(1 << bit);
                    var reader = new NmeaReader();
                    reader.Feed(copy, 0, copy.Length);
                    GpsFix fix = reader.LatestFix();
                    // Only a checksum digit's case can flip unnoticed ('C' and 'c' are the same digit).
                    Assert.True(fix == null || Describe(fix) == original, "byte " + i + " bit " + bit + " gave another fix: " + (fix == null ? "" : Describe(fix)));
                }
            }
        }

        [Fact]
        public void Feed_LineLongerThanTheBound_IsDiscarded_AndTheNextIsRead()
        {
            string longest = Line("GPTXT," + new string('A', NmeaReader.MaxLineLength - 10));
            Assert.Equal(NmeaReader.MaxLineLength + 2, longest.Length);
            string tooLong = Line("GPTXT," + new string('A', NmeaReader.MaxLineLength - 9));
            var reader = new NmeaReader();
            Feed(reader, longest + tooLong + Line(Gga));
            Assert.Equal(2, reader.Accepted);
            Assert.Equal(1, reader.Rejected);
            Assert.Equal(Latitude, reader.LatestFix().LatitudeE7);
        }

        [Fact]
        public void Feed_TooManyFields_Rejects()
        {
            var reader = new NmeaReader();
            Feed(reader, Line("GPGSV" + new string(',', 30)));
            Assert.Equal(1, reader.Rejected);
        }

        [Fact]
        public void Feed_BinaryAndNoiseBetweenSentences_AreSkipped()
        {
            // A UBX NAV-PVT header and payload bytes (0xB5 0x62 ...), a stray '$' inside them, a cut sentence, and CR LF runs.
            var bytes = new byte[] { 0xB5, 0x62, 0x01, 0x07, 0x5C, 0x00, (byte)'$', 0x10, 0x24, 0xFF, 0x00 };
            var reader = new NmeaReader();
            reader.Feed(bytes, 0, bytes.Length);
            Feed(reader, "\r\n\r\n$GPGGA,2026" + Line(Gga) + "garbage\n" + Line(Rmc));
            Assert.Equal(s_epoch, reader.LatestFix().UtcMillis);
            Assert.Equal(2, reader.Accepted);
            // Two lines started with '$' in the binary bytes and the cut GGA.
            Assert.Equal(3, reader.Rejected);
        }

        [Fact]
        public void Feed_OneByteAtATime_MatchesOnePiece()
        {
            byte[] stream = Encoding.ASCII.GetBytes(Line(Rmc) + "\x01\x02$GPG" + Line(Gga) + Line("GPGSA,A,3,20,16,,,,,,,,,,,1.64,0.98,1.31"));
            var whole = new NmeaReader();
            whole.Feed(stream, 0, stream.Length);
            var bytewise = new NmeaReader();
            for (int i = 0; i < stream.Length; i++)
            {
                bytewise.Feed(stream, i, 1);
            }
            AssertSame(whole, bytewise);
        }

        [Fact]
        public void Feed_BadRange_Throws()
        {
            var reader = new NmeaReader();
            Assert.Throws<ArgumentNullException>(() => reader.Feed(null, 0, 0));
            Assert.Throws<ArgumentException>(() => reader.Feed(new byte[4], 3, 2));
            Assert.Throws<ArgumentException>(() => reader.Feed(new byte[4], -1, 1));
            Assert.Throws<ArgumentException>(() => reader.Feed(new byte[4], 0, -1));
        }

        [Fact]
        public void LatestFix_Unchanged_ReturnsTheSameObject()
        {
            var reader = new NmeaReader();
            Feed(reader, Line(Gga));
            GpsFix fix = reader.LatestFix();
            Assert.Same(fix, reader.LatestFix());
            Feed(reader, Line(Rmc));
            Assert.NotSame(fix, reader.LatestFix());
        }

        internal static void AssertSame(NmeaReader expected, NmeaReader actual)
        {
            Assert.Equal(expected.Accepted, actual.Accepted);
            Assert.Equal(expected.Rejected, actual.Rejected);
            Assert.Equal(expected.HasFix, actual.HasFix);
            Assert.Equal(expected.FixDimension, actual.FixDimension);
            Assert.Equal(expected.PdopCenti, actual.PdopCenti);
            Assert.Equal(expected.TakeTime(out long expectedTime), actual.TakeTime(out long actualTime));
            Assert.Equal(expectedTime, actualTime);
            GpsFix a = expected.LatestFix();
            GpsFix b = actual.LatestFix();
            Assert.Equal(a == null, b == null);
            if (a != null)
            {
                Assert.Equal(Describe(a), Describe(b));
            }
        }

        internal static string Describe(GpsFix fix)
        {
            return fix.LatitudeE7 + " " + fix.LongitudeE7 + " q" + fix.Quality + " s" + fix.Satellites + " h" + fix.HdopCenti + " t" + fix.UtcMillis;
        }

        /// <summary>"$", the body, "*", the XOR of the body's bytes in two hex digits, CR LF.</summary>
        internal static string Line(string body)
        {
            int sum = 0;
            foreach (char c in body)
            {
                sum ^= c;
            }
            return "$" + body + "*" + sum.ToString("X2") + "\r\n";
        }

        private static void Feed(NmeaReader reader, string text)
        {
            byte[] bytes = Encoding.Latin1.GetBytes(text);
            reader.Feed(bytes, 0, bytes.Length);
        }
    }
}
