using System;
using SessionBeacon.Config;
using Xunit;

namespace SessionBeacon.Tests.Config
{
    public class LocationSettingsTests
    {
        private const string Alice = "05d2ad010eeb72d72e561d9de7bd7b6989af77dcabffa03a5111a6c859ae5c3a72";
        private const string Minimal = "board = esp32-devkitc\nrecipient = " + Alice + " Alice\n";

        [Fact]
        public void Parse_Minimal_PositionInPanicAlertsAndThirtyMinutesOfTracking()
        {
            LocationSettings location = BeaconConfig.Parse(Minimal, "nf.config").Location;
            Assert.Equal((LocationSettings.ModePanic, 120, 30), (location.Mode, location.TrackSeconds, location.TrackMinutes));
        }

        [Theory]
        [InlineData("off", false, false)]
        [InlineData("panic", true, false)]
        [InlineData("all", true, true)]
        public void Includes_FollowsTheMode(string mode, bool panic, bool other)
        {
            LocationSettings location = BeaconConfig.Parse(Minimal + "location.mode = " + mode + "\nlocation.track_min = 0\n", "nf.config").Location;
            Assert.Equal((panic, other), (location.Includes(true), location.Includes(false)));
        }

        [Fact]
        public void Parse_GivenValues_Kept()
        {
            LocationSettings location = BeaconConfig.Parse(Minimal + "location.mode = all\nlocation.track_s = 30\nlocation.track_min = 240\n", "nf.config").Location;
            Assert.Equal((LocationSettings.ModeAll, 30, 240), (location.Mode, location.TrackSeconds, location.TrackMinutes));
        }

        [Fact]
        public void Parse_ModeOffWithoutTrackingLine_NoTracking()
        {
            Assert.Equal(0, BeaconConfig.Parse(Minimal + "location.mode = off\n", "nf.config").Location.TrackMinutes);
        }

        [Theory]
        [InlineData("location.mode = gps", "nf.config line 3: 'location.mode' must be one of off, panic, all, not 'gps'")]
        [InlineData("location.track_s = 10", "nf.config line 3: 'location.track_s' must be a whole number from 30 to 3600, not '10'")]
        [InlineData("location.track_s = 3601", "nf.config line 3: 'location.track_s' must be a whole number from 30 to 3600, not '3601'")]
        [InlineData("location.track_min = 241", "nf.config line 3: 'location.track_min' must be 0 (off) or a whole number from 1 to 240, not '241'")]
        [InlineData("location.track_min = -1", "nf.config line 3: 'location.track_min' must be 0 (off) or a whole number from 1 to 240, not '-1'")]
        [InlineData("location.mode = off\nlocation.track_min = 10",
            "nf.config line 4: 'location.track_min' sends positions, but location.mode = off: set location.mode to panic or all, or location.track_min = 0")]
        [InlineData("location.track_s = 3600\nlocation.track_min = 10",
            "nf.config line 4: location.track_min = 10 is shorter than one update interval (location.track_s = 3600): no update would be sent")]
        [InlineData("location.track_s = 3600",
            "nf.config line 3: location.track_min = 30 is shorter than one update interval (location.track_s = 3600): no update would be sent")]
        public void Parse_BadValue_OneClearLine(string lines, string expected)
        {
            ConfigException problem = Assert.Throws<ConfigException>(() => BeaconConfig.Parse(Minimal + lines + "\n", "nf.config"));
            Assert.Equal(new[] { expected }, problem.Problems);
        }
    }
}
