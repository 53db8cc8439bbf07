using System;
using System.IO;
using Session.Core.Micro.Ratchet;
using SessionBeacon.Config;
using SessionBeacon.Delivery;
using SessionBeacon.Location;
using SessionBeacon.Policy;
using SessionBeacon.Tests.Policy;
using SessionBeacon.Tests.Support;
using Xunit;

namespace SessionBeacon.Tests.Delivery
{
    /// <summary>
    /// docs/recipients.md tells recipients the exact texts they will see; each quoted text is built
    /// here by the firmware's own code from the shipped nf.config, so the page cannot drift from it.
    /// </summary>
    public class RecipientsPageTests
    {
        private static readonly string Page = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "shipped", "docs", "recipients.md"));

        private static readonly GpsFix Berlin = new GpsFix(525200066, 134049540, 160, 9, 1, 1795784580000);

        private static readonly BeaconConfig Shipped = BeaconConfig.Parse(
            File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "shipped", "nf.config")), "nf.config");

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void Page_QuotesHello(bool ratchet)
        {
            AssertQuoted(HelloMessage.Text(Shipped.DeviceName, ratchet));
        }

        [Fact]
        public void Page_QuotesShippedAlertTexts()
        {
            AssertQuoted(Shipped.PanicText);
            AssertQuoted(Shipped.DuressText);
            AssertQuoted(Shipped.SensorText + ": Front door");
        }

        [Fact]
        public void Page_QuotesFixedTexts()
        {
            AssertQuoted(AlertComposer.TestText);
            AssertQuoted(AlertComposer.HeartbeatText);
            AssertQuoted(AlertComposer.LowBatteryText);
            AssertQuoted(AlertComposer.TamperText + ": <name>");
            AssertQuoted(AlertComposer.PowerLossText + ": <name>");
            AssertQuoted(RatchetCarriage.Marker);
            AssertQuoted("(held until the beacon knew the time)");
            AssertQuoted("`" + SessionBeacon.App.AlertNotes.Lost(AlertKind.Panic, "Bob") + "`");
            AssertQuoted("`" + SessionBeacon.App.AlertNotes.LostUnread() + "`");
            AssertQuoted("`" + SessionBeacon.App.AlertNotes.Unread() + "`");
            AssertQuoted("`" + SessionBeacon.App.AlertNotes.Unreadable + "`");
            AssertQuoted("`" + SessionBeacon.App.RatchetPairings.PlainNote + "`");
            AssertQuoted("`" + SessionBeacon.App.RatchetPairings.WaitingNote("Bob") + "`");
            AssertQuoted("`" + SessionBeacon.App.RatchetPairings.HeldNote + "`");
        }

        [Fact]
        public void Page_QuotesDetailedPanicAlert()
        {
            AssertQuotedLines(PageComposer().Compose(new Decision(DecisionKind.FirePanic, 5, Decision.NoSensor, 55), Sent(3), 3).Body);
        }

        [Fact]
        public void Page_QuotesAlertWithPosition()
        {
            AlertComposer composer = PageComposer();
            string body = composer.Body(new Decision(DecisionKind.FirePanic, 5, Decision.NoSensor, 55), 3) + "\n" + PositionText.Lines(Berlin, 42_000);
            AssertQuotedLines(composer.Finish(body, Sent(3), false).Body);
        }

        [Fact]
        public void Page_QuotesLastKnownAndNoPosition()
        {
            AssertQuotedLines(PositionText.Lines(Berlin, 3 * 3_600_000L + 20 * 60_000));
            AssertQuoted("`" + PositionText.NoFixText + "`");
            AssertQuoted("`" + PositionText.NoGpsText + "`");
            AssertQuoted("`accuracy unknown`");
        }

        // The tracking update's number line is the composer's, taken from a body it writes; update 3 of
        // the shipped plan (every 120 s for 30 min) is due 6 minutes after the panic at 14:03.
        [Fact]
        public void Page_QuotesTrackingUpdate()
        {
            AlertComposer composer = PageComposer();
            var plan = new TrackingPlan(new MemoryStore(), Shipped.Location.TrackSeconds, Shipped.Location.TrackMinutes);
            plan.Start(Sent(3), false);
            int number = plan.Due(Sent(9));
            var fix = new GpsFix(525201149, 134050249, 120, 10, 1, Sent(9));
            string numberLine = composer.Body(new Decision(DecisionKind.FireTest, 5, Decision.NoSensor, 54), 7).Split('\n')[1];
            string body = plan.Title(number) + ": " + PositionText.Headline(fix, 1_000) + "\n" + numberLine + "\n" + PositionText.Links(fix);
            AssertQuotedLines(composer.Finish(body, Sent(9), false).Body);
            AssertQuoted("`" + plan.Title(plan.Total) + "`");
        }

        // 2026-11-27 13:MM UTC is 14:MM at UTC+01:00, the examples on the page.
        private static long Sent(int minute)
        {
            return new DateTimeOffset(2026, 11, 27, 13, minute, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        }

        private static AlertComposer PageComposer()
        {
            return new AlertComposer(BeaconConfig.Parse(
                "board = esp32-devkitc\nrecipient = " + PolicyScript.Alice + " Alice\nalert.panic = " + Shipped.PanicText + "\ntime.utc_offset_min = 60\n", "nf.config"));
        }

        private static void AssertQuotedLines(string text)
        {
            foreach (string line in text.Split('\n'))
            {
                AssertQuoted("       " + line + "\n");
            }
        }

        private static void AssertQuoted(string text)
        {
            Assert.True(Page.Contains(text, StringComparison.Ordinal), "docs/recipients.md does not quote the firmware's text: " + text);
        }
    }
}
