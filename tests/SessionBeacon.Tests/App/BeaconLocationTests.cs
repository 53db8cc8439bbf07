using System;
using System.IO;
using System.Linq;
using System.Text;
using Session.Core.Micro.Tests.Support;
using SessionBeacon.App;
using SessionBeacon.Delivery;
using SessionBeacon.Feedback;
using SessionBeacon.Location;
using SessionBeacon.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace SessionBeacon.Tests.App
{
    /// <summary>
    /// The beacon with a GPS module on the fake network (docs/location.md): the position in what Alice
    /// opens, the last known position, no fix and no GPS, tracking updates and what ends them, and alerts
    /// accepted without a network that leave later with their own times and positions. The module sends
    /// a real receiver's epoch (tests/vectors/nmea) through the NmeaReader, as GpsUart feeds it.
    /// </summary>
    public class BeaconLocationTests
    {
        // MT3339, 2015-04-13 20:26:40Z: 44.06884, -121.31419, HDOP 0.98 (x 5 m = 5 m); its first epoch, lines 8 to 11.
        private const string Position = "44.06884, -121.31419";
        private const string Link = "https://www.openstreetmap.org/?mlat=44.06884&mlon=-121.31419#map=17/44.06884/-121.31419";
        private static readonly long s_fixUtc = new DateTimeOffset(2015, 4, 13, 20, 26, 40, TimeSpan.Zero).ToUnixTimeMilliseconds();
        private readonly ITestOutputHelper _output;

        public BeaconLocationTests(ITestOutputHelper output)
        {
            _output = output;
        }

        [Fact]
        public void Panic_WithAFix_AliceReadsThePositionTheMapLinkAndTheGeoUriAfterTheNumberLine()
        {
            PairedBeacon s = Started(nameof(Panic_WithAFix_AliceReadsThePositionTheMapLinkAndTheGeoUriAfterTheNumberLine), Epoch("mt3339.log", 8, 11));
            Panic(s);
            string[] lines = Lines(s.StoredFor(s.Alice).Last().Body);
            Assert.Equal(s.Config.PanicText, lines[0]);
            Assert.StartsWith("#1, sent ", lines[1]);
            Assert.Equal("Position: " + Position + " (\u00b15 m, 0 s ago)", lines[2]);
            Assert.Equal(Link, lines[3]);
            Assert.Equal("geo:" + Position.Replace(" ", ""), lines[4]);
            Assert.Equal(5, lines.Length);
        }

        // The reader keeps its fix when the module falls silent; the beacon does not call it current for ever.
        [Fact]
        public void Panic_ModuleSilentForMoreThanAMinute_TheLastKnownPosition()
        {
            PairedBeacon s = Started(nameof(Panic_ModuleSilentForMoreThanAMinute_TheLastKnownPosition), Epoch("mt3339.log", 8, 11));
            s.GpsSentences = null;
            s.Run(s.Now + 90000);
            Panic(s);
            string line = Lines(s.StoredFor(s.Alice).Last().Body)[2];
            Assert.Matches(@"^Last known position \((9\d) s ago\): " + Position + @" \(±5 m\)$", line);
        }

        [Fact]
        public void Panic_AfterARestartWithTheModuleSilent_TheFixFromFlashWithItsAgeFromUtc()
        {
            PairedBeacon s = Started(nameof(Panic_AfterARestartWithTheModuleSilent_TheFixFromFlashWithItsAgeFromUtc), Epoch("mt3339.log", 8, 11));
            s.Run(s.Now + 2000);
            s.GpsSentences = null;
            s.Restart();
            Armed(s);
            Panic(s);
            string[] lines = Lines(s.StoredFor(s.Alice).Last().Body);
            Assert.Equal("Last known position (" + (s.Now - s_fixUtc) / 86400000 + " d ago): " + Position + " (\u00b15 m)", lines[2]);
            Assert.Equal(Link, lines[3]);
        }

        [Fact]
        public void Panic_GpsWithoutAFix_SaysSo_BoardWithoutGps_SaysThat_AndNeitherTracks()
        {
            PairedBeacon noFix = Started(nameof(Panic_GpsWithoutAFix_SaysSo_BoardWithoutGps_SaysThat_AndNeitherTracks), null);
            Panic(noFix);
            Assert.Equal(PositionText.NoFixText, Lines(noFix.StoredFor(noFix.Alice).Last().Body).Last());
            noFix.Run(noFix.Now + 65000);
            Assert.Equal(2, Tracking(noFix).Length);
            Assert.Equal("Tracking 2/4: " + PositionText.NoFixText, Lines(Tracking(noFix)[1])[0]);

            PairedBeacon noGps = Started(nameof(Panic_GpsWithoutAFix_SaysSo_BoardWithoutGps_SaysThat_AndNeitherTracks) + "-nogps", null, gps: false);
            Panic(noGps);
            Assert.Equal(PositionText.NoGpsText, Lines(noGps.StoredFor(noGps.Alice).Last().Body).Last());
            noGps.Run(noGps.Now + 300000);
            Assert.Empty(Tracking(noGps));
        }

        [Fact]
        public void Tracking_UpdatesNumberedInOrder_TheLastMarked_ThenNoMore()
        {
            PairedBeacon s = Started(nameof(Tracking_UpdatesNumberedInOrder_TheLastMarked_ThenNoMore), Epoch("mt3339.log", 8, 11));
            Panic(s);
            s.Run(s.Now + 300000);
            string[] updates = Tracking(s);
            Assert.Equal(4, updates.Length);
            for (int n = 1; n <= 4; n++)
            {
                string[] lines = Lines(updates[n - 1]);
                Assert.Equal("Tracking " + n + "/4" + (n == 4 ? " (last)" : "") + ": Position: " + Position + " (\u00b15 m, 0 s ago)", lines[0]);
                Assert.StartsWith("#" + (n + 1) + ", sent ", lines[1]);
                Assert.Equal(Link, lines[2]);
            }
            Assert.Equal(4, s.Events.Count(e => e.Kind == BeaconEventKind.Queued && e.Alert == AlertKind.Tracking));
        }

        [Fact]
        public void Tracking_TheOwnersCancelEndsIt_ButNotAfterDuress()
        {
            PairedBeacon s = Started(nameof(Tracking_TheOwnersCancelEndsIt_ButNotAfterDuress), Epoch("mt3339.log", 8, 11), windows: true);
            s.Button(0, 2000);
            s.Run(s.Now + 40000);
            Assert.Single(Tracking(s));
            s.Button(0, 2000, 2150, 2300);
            s.Run(s.Now + 10000);
            Assert.Equal("cancelled on the beacon", s.Events.Single(e => e.Kind == BeaconEventKind.TrackingStopped).Text);
            s.Run(s.Now + 120000);
            Assert.Single(Tracking(s));

            // Duress: two taps in the window. A cancel afterwards (which can be forced) changes nothing.
            s.Button(0, 2000, 2150, 2300, 2450, 2600);
            s.Run(s.Now + 10000);
            s.Button(0, 2000, 2150, 2300);
            s.Run(s.Now + 120000);
            Assert.Single(s.Events, e => e.Kind == BeaconEventKind.TrackingStopped);
            Assert.Equal(new[] { "Tracking 1/4", "Tracking 1/4", "Tracking 2/4", "Tracking 3/4", "Tracking 4/4 (last)" },
                Tracking(s).Select(t => t.Substring(0, t.IndexOf(':'))).ToArray());
        }

        [Fact]
        public void Tracking_AReplyStop_FromAlice_EndsIt()
        {
            PairedBeacon s = Started(nameof(Tracking_AReplyStop_FromAlice_EndsIt), Epoch("mt3339.log", 8, 11));
            Panic(s);
            s.Reply(" Stop ");
            s.RunUntil(() => s.Events.Any(e => e.Kind == BeaconEventKind.TrackingStopped), "tracking stopped");
            Assert.Equal("stopped by Alice's reply", s.Events.Single(e => e.Kind == BeaconEventKind.TrackingStopped).Text);
            int sent = Tracking(s).Length;
            s.Run(s.Now + 300000);
            Assert.Equal(sent, Tracking(s).Length);
        }

        [Fact]
        public void IsStopReply_OnlyTheWordStop()
        {
            Assert.True(BeaconLocation.IsStopReply("STOP\n"));
            Assert.False(BeaconLocation.IsStopReply("don't stop"));
            Assert.False(BeaconLocation.IsStopReply(null));
        }

        // No network: the alerts wait on flash, the LED says "stored, not sent"; when the network comes, they
        // leave in order, each with the time it was written and the position it had then. No node has told the
        // time, so the GPS's (2026, a Quectel L76K's epoch, fed once) runs the tracking plan.
        [Fact]
        public void Offline_StoredNotSentShown_LaterDeliveredInOrderWithTheirOwnTimesAndPositions()
        {
            PairedBeacon s = new PairedBeacon(new SeededRandom(_output, nameof(Offline_StoredNotSentShown_LaterDeliveredInOrderWithTheirOwnTimesAndPositions)), new Session.Core.Micro.Tests.Support.MemoryStore(),
                "location.track_s = 30\nlocation.track_min = 2\n") { HasGps = true, ClockRuns = true, GpsSentences = Epoch("quectel-l76k-nmea.log", 1, 27) };
            s.Network.SeedDown = true;
            s.Start();
            s.Button(0, 2000);
            s.GpsSentences = null;
            Assert.Equal(FeedbackPattern.Stored, s.Beacon.Feedback.LastPattern);
            long panicAt = s.Events.First(e => e.Kind == BeaconEventKind.Queued).Time;
            s.Run(s.Now + 40000);
            BeaconEvent update = s.Events.Single(e => e.Kind == BeaconEventKind.Queued && e.Alert == AlertKind.Tracking);
            Assert.Empty(s.StoredFor(s.Alice));

            // Meanwhile the updates go on, each onto flash.
            s.Network.SeedDown = false;
            s.RunUntil(() => s.Beacon.Outbox.Count == 0, "the outbox sent");
            s.Run(s.Now + 120000);
            string[] bodies = s.StoredFor(s.Alice).Select(m => m.Body).ToArray();
            Assert.Equal(new[] { "PANIC", "Tracking 1/4", "Tracking 2/4", "Tracking 3/4", "Tracking 4/4 (last)" },
                bodies.Select(b => b.Substring(0, b.IndexOf(':'))).ToArray());
            Assert.StartsWith(s.Config.PanicText + "\n#1, sent " + LocalTime.Format(panicAt, 0) + "\nPosition: 47.66198, -122.32639 (", bodies[0]);
            Assert.StartsWith("Tracking 1/4: Position: 47.66198, -122.32639 (", bodies[1]);
            Assert.Contains("\n#2, sent " + LocalTime.Format(update.Time, 0) + "\nhttps://www.openstreetmap.org/?mlat=47.66198&mlon=-122.32639", bodies[1]);
        }

        // A beacon that tracks every 30 s for 2 minutes (4 updates), armed; windows: the shipped cancel window and duress gesture.
        private PairedBeacon Started(string name, byte[] sentences, bool gps = true, bool windows = false)
        {
            var s = new PairedBeacon(new SeededRandom(_output, name), new Session.Core.Micro.Tests.Support.MemoryStore(), "location.track_s = 30\nlocation.track_min = 2\n")
            {
                HasGps = gps,
                ClockRuns = true,
                GpsSentences = sentences,
            };
            if (windows)
            {
                s.Gestures = "";
            }
            s.Start();
            Armed(s);
            return s;
        }

        private static void Armed(PairedBeacon s)
        {
            s.RunUntil(() => s.Beacon.Stage == BeaconStage.Armed, "armed");
        }

        private static void Panic(PairedBeacon s)
        {
            int delivered = s.Events.Count(e => e.Kind == BeaconEventKind.Delivered);
            s.Button(0, 2000);
            s.RunUntil(() => s.Events.Count(e => e.Kind == BeaconEventKind.Delivered) > delivered, "the panic delivered");
        }

        // The tracking updates Alice has, oldest first.
        private static string[] Tracking(PairedBeacon s)
        {
            return s.StoredFor(s.Alice).Select(m => m.Body).Where(b => b.StartsWith("Tracking ", StringComparison.Ordinal)).ToArray();
        }

        private static string[] Lines(string body)
        {
            return body.Split('\n');
        }

        // Lines first to last (1-based) of a log, as the module sends them.
        private static byte[] Epoch(string log, int first, int last)
        {
            string[] lines = File.ReadAllLines(TestVectors.PathOf("nmea/" + log));
            return Encoding.ASCII.GetBytes(string.Join("\r\n", lines[(first - 1)..last]) + "\r\n");
        }
    }
}
