using SessionBeacon.Config;
using SessionBeacon.Harness.Device;
using Xunit;

namespace SessionBeacon.Harness.Tests.Device
{
    /// <summary>The typed input lines of 'beacon run': every form, and the one-line problem of each bad one.</summary>
    public class InputLineTests
    {
        private static readonly SensorSetting[] s_sensors = BeaconConfig.Parse(
            "board = esp32-devkitc\nrecipient = 05" + new string('1', 64) + " Alice\n"
            + "sensor = contact 13 Front door\nsensor = analog 34 above 2000 1800 Water level\n", "nf.config").Policy.Sensors;

        [Theory]
        [InlineData("press 2000", InputLine.Kind.Press, 2000, -1, false, 0)]
        [InlineData("  PRESS   2000  ", InputLine.Kind.Press, 2000, -1, false, 0)]
        [InlineData("tap", InputLine.Kind.Press, InputLine.TapMs, -1, false, 0)]
        [InlineData("wait 1000", InputLine.Kind.Wait, 1000, -1, false, 0)]
        [InlineData("wait 0", InputLine.Kind.Wait, 0, -1, false, 0)]
        [InlineData("sensor 13 on", InputLine.Kind.Sensor, 0, 0, true, 0)]
        [InlineData("sensor front DOOR off", InputLine.Kind.Sensor, 0, 0, false, 0)]
        [InlineData("sensor Water level 2100", InputLine.Kind.Analog, 0, 1, false, 2100)]
        [InlineData("sensor 34 0", InputLine.Kind.Analog, 0, 1, false, 0)]
        [InlineData("battery 0", InputLine.Kind.Battery, 0, -1, false, 0)]
        [InlineData("battery 100", InputLine.Kind.Battery, 0, -1, false, 100)]
        [InlineData("quit", InputLine.Kind.Quit, 0, -1, false, 0)]
        public void Parse_EachForm(string text, InputLine.Kind kind, int ms, int sensor, bool active, int value)
        {
            InputLine line = InputLine.Parse(text, s_sensors, out string problem);

            Assert.Null(problem);
            Assert.Equal(kind, line.What);
            Assert.Equal(text.Trim(), line.Text);
            Assert.Equal(ms, line.Ms);
            if (sensor >= 0)
            {
                Assert.Equal(sensor, line.Sensor);
            }
            Assert.Equal(active, line.Active);
            Assert.Equal(value, line.Value);
        }

        [Theory]
        [InlineData("")]
        [InlineData("   ")]
        [InlineData("# a comment")]
        [InlineData("#press 2000")]
        public void Parse_BlankOrComment_NothingAndNoProblem(string text)
        {
            Assert.Null(InputLine.Parse(text, s_sensors, out string problem));
            Assert.Null(problem);
        }

        [Theory]
        [InlineData("press 0", "'press 0' needs a time in ms, such as 'press 2000'")]
        [InlineData("press -5", "'press -5' needs a time in ms, such as 'press 2000'")]
        [InlineData("press 2000 3000", "'press 2000 3000' needs a time in ms, such as 'press 2000'")]
        [InlineData("wait", "'wait' needs a time in ms, such as 'wait 1000'")]
        [InlineData("wait 99999999999", "'wait 99999999999' needs a time in ms, such as 'wait 1000'")]
        [InlineData("battery 101", "'battery 101' needs a percentage from 0 to 100")]
        [InlineData("battery", "'battery' needs a percentage from 0 to 100")]
        [InlineData("sensor 13", "'sensor 13' needs a sensor and on|off, such as 'sensor 13 on'")]
        [InlineData("sensor 14 on", "no sensor '14' in nf.config; its sensors: 'Front door' (GPIO 13), 'Water level' (GPIO 34)")]
        [InlineData("sensor 13 1", "'Front door' (GPIO 13) is a digital sensor: write on or off, such as 'sensor 13 on'")]
        [InlineData("sensor water level on", "'Water level' (GPIO 34) is an analog sensor: write a raw reading, such as 'sensor 34 2000'")]
        [InlineData("gps 52.5", "'gps 52.5' needs a latitude from -90 to 90 and a longitude from -180 to 180 in degrees, and optionally an accuracy from 1 to 1000 m, such as 'gps 52.52001 13.40495 8', or 'gps lost'")]
        [InlineData("gps 91 13", "'gps 91 13' needs a latitude from -90 to 90 and a longitude from -180 to 180 in degrees, and optionally an accuracy from 1 to 1000 m, such as 'gps 52.52001 13.40495 8', or 'gps lost'")]
        [InlineData("gps 52.5 13.4 0", "'gps 52.5 13.4 0' needs a latitude from -90 to 90 and a longitude from -180 to 180 in degrees, and optionally an accuracy from 1 to 1000 m, such as 'gps 52.52001 13.40495 8', or 'gps lost'")]
        [InlineData("gps 52.123456789 13.4", "'gps 52.123456789 13.4' needs a latitude from -90 to 90 and a longitude from -180 to 180 in degrees, and optionally an accuracy from 1 to 1000 m, such as 'gps 52.52001 13.40495 8', or 'gps lost'")]
        [InlineData("hold 2000", "'hold 2000' is not an input; write " + InputLine.Forms)]
        [InlineData("quit now", "'quit now' is not an input; write " + InputLine.Forms)]
        public void Parse_BadLine_NothingAndTheProblem(string text, string expected)
        {
            Assert.Null(InputLine.Parse(text, s_sensors, out string problem));
            Assert.Equal(expected, problem);
        }

        [Theory]
        [InlineData("gps 52.52001 13.40495 8", 525200100, 134049500, 8)]
        [InlineData("GPS -33.8688 -151.2093", -338688000, -1512093000, InputLine.DefaultAccuracyMetres)]
        [InlineData("gps 0 -180 1000", 0, -1800000000, 1000)]
        public void Parse_GpsFix_DegreesInTenMillionthsAndTheAccuracy(string text, int latitude, int longitude, int accuracy)
        {
            InputLine line = InputLine.Parse(text, s_sensors, out string problem);
            Assert.Null(problem);
            Assert.Equal((InputLine.Kind.Gps, latitude, longitude, accuracy), (line.What, line.LatitudeE7, line.LongitudeE7, line.Value));
            Assert.Equal(InputLine.Kind.GpsLost, InputLine.Parse("gps LOST", s_sensors, out problem).What);
        }

        // What a 'gps' line makes the simulated module send reads back, through the firmware's reader, as the same fix.
        [Theory]
        [InlineData(525200100, 134049500, 8, 160)]
        [InlineData(-338688001, -1512093999, 5, 100)]
        public void SimulatedGps_Fix_ReadBackByTheFirmwaresReader(int latitude, int longitude, int accuracy, int hdop)
        {
            var gps = new SimulatedGps();
            gps.Fix(latitude, longitude, accuracy);
            long now = 1_790_000_000_123;
            gps.Poll(now, null);
            SessionBeacon.Location.GpsFix fix = gps.Reader.LatestFix();
            Assert.Equal((latitude, longitude, hdop, now / 10 * 10), (fix.LatitudeE7, fix.LongitudeE7, fix.HdopCenti, fix.UtcMillis));
            gps.Lose();
            gps.Poll(now + 1000, null);
            Assert.Null(gps.Reader.LatestFix());
            Assert.Equal(0, gps.Reader.Rejected);
        }

        [Fact]
        public void SimulatedGps_Replay_AtTheLogsPace()
        {
            SimulatedGps gps = SimulatedGps.Replay(Session.Core.Micro.Tests.Support.TestVectors.PathOf("nmea/mt3339.log"));
            gps.Poll(1000, null);
            Assert.Equal(new System.DateTimeOffset(2015, 4, 13, 20, 26, 40, System.TimeSpan.Zero).ToUnixTimeMilliseconds(), gps.Reader.LatestFix().UtcMillis);
            gps.Poll(3999, null);
            Assert.Equal(new System.DateTimeOffset(2015, 4, 13, 20, 26, 42, System.TimeSpan.Zero).ToUnixTimeMilliseconds(), gps.Reader.LatestFix().UtcMillis);
            Assert.Throws<System.FormatException>(() => SimulatedGps.Replay(Session.Core.Micro.Tests.Support.TestVectors.PathOf("nmea/COPYING")));
        }

        [Fact]
        public void Parse_SensorWithoutAnyConfigured_SaysNfConfigHasNone()
        {
            Assert.Null(InputLine.Parse("sensor 13 on", new SensorSetting[0], out string problem));
            Assert.Equal("no sensor '13' in nf.config; it has no 'sensor =' lines (docs/alert-policy.md)", problem);
        }
    }
}
