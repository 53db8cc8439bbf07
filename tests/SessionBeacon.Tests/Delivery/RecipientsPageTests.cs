using System;
using System.IO;
using Session.Core.Micro.Ratchet;
using SessionBeacon.Config;
using SessionBeacon.Delivery;
using SessionBeacon.Policy;
using SessionBeacon.Tests.Policy;
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
            // 2026-11-27 13:03 UTC is 14:03 at UTC+01:00, the example on the page.
            BeaconConfig config = BeaconConfig.Parse(
                "board = esp32-devkitc\nrecipient = " + PolicyScript.Alice + " Alice\nalert.panic = " + Shipped.PanicText + "\ntime.utc_offset_min = 60\n", "nf.config");
            long sent = new DateTimeOffset(2026, 11, 27, 13, 3, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
            string body = new AlertComposer(config).Compose(new Decision(DecisionKind.FirePanic, 5, Decision.NoSensor, 55), sent, 3).Body;
            foreach (string line in body.Split('\n'))
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
