using System;
using SessionBeacon.Config;
using SessionBeacon.Hardware;
using SessionBeacon.Tests.Support;
using Xunit;

namespace SessionBeacon.Tests.Hardware
{
    public class WifiLinkTests
    {
        private static readonly WifiNetwork[] s_networks =
        {
            new WifiNetwork("Home", "home passphrase"),
            new WifiNetwork("Work", "work passphrase"),
            new WifiNetwork("Phone", "hotspot words"),
        };

        [Fact]
        public void Connect_FirstChoiceRefuses_JoinsTheNext()
        {
            // Home is heard strongest but refuses (a changed passphrase, a full access point); Phone is next.
            var radio = new AirwavesRadio().Hears("Home", -50).Hears("Phone", -70).Accepts("Phone");
            var link = new WifiLink(s_networks, radio);

            Assert.True(link.Connect());
            Assert.Equal(new[] { "Home", "Phone" }, radio.Joins);
            Assert.Equal(new[] { "home passphrase", "hotspot words" }, radio.Passwords);
            Assert.Equal("Phone", link.Joined);
            Assert.True(link.IsUp);
        }

        [Fact]
        public void Connect_HiddenNetwork_TriedAfterTheHeardOnes()
        {
            // Work hides its name, so no scan hears it; it is joined after Phone, which was heard, refused.
            var radio = new AirwavesRadio().Hears("Phone", -60).Accepts("Work");
            var link = new WifiLink(s_networks, radio);

            Assert.True(link.Connect());
            Assert.Equal(new[] { "Phone", "Home", "Work" }, radio.Joins);
            Assert.Equal("Work", link.Joined);
        }

        [Fact]
        public void Connect_ScanFails_EveryNetworkInNfConfigOrder()
        {
            var radio = new AirwavesRadio { ScanWorks = false }.Hears("Phone", -30).Accepts("Phone");
            var link = new WifiLink(s_networks, radio);

            Assert.True(link.Connect());
            Assert.Equal(new[] { "Home", "Work", "Phone" }, radio.Joins);
        }

        [Fact]
        public void Connect_NoneWorks_FalseEachTriedOnce()
        {
            var radio = new AirwavesRadio().Hears("Home", -40).Hears("Work", -45);
            var link = new WifiLink(s_networks, radio);

            Assert.False(link.Connect());
            Assert.Equal(new[] { "Home", "Work", "Phone" }, radio.Joins);
            Assert.Null(link.Joined);
            Assert.False(link.IsUp);
        }

        [Fact]
        public void Connect_AgainAfterTheFirstLeftRange_ScansAgainAndFollowsTheSignal()
        {
            var radio = new AirwavesRadio().Hears("Home", -50).Accepts("Home").Accepts("Phone");
            var link = new WifiLink(s_networks, radio);
            Assert.True(link.Connect());
            Assert.Equal("Home", link.Joined);

            // Carried outside: Home fades, the phone's hotspot is near; the link drops and the beacon connects again.
            radio.IsJoined = false;
            Assert.False(link.IsUp);
            radio.Quiet().Hears("Home", -92).Hears("Phone", -48);
            Assert.True(link.Connect());
            Assert.Equal(new[] { "Home", "Phone" }, radio.Joins);
            Assert.Equal("Phone", link.Joined);
            Assert.True(link.IsUp);
        }

        [Fact]
        public void Connect_NoNetworks_FalseWithoutJoining()
        {
            var radio = new AirwavesRadio().Hears("Home", -40).Accepts("Home");
            var link = new WifiLink(new WifiNetwork[0], radio);
            Assert.False(link.Connect());
            Assert.Empty(radio.Joins);
        }

        [Fact]
        public void Constructor_Null_Throws()
        {
            Assert.Throws<ArgumentNullException>("networks", () => new WifiLink(null, new AirwavesRadio()));
            Assert.Throws<ArgumentNullException>("networks", () => new WifiLink(new WifiNetwork[] { null }, new AirwavesRadio()));
            Assert.Throws<ArgumentNullException>("radio", () => new WifiLink(s_networks, null));
        }
    }
}
