using System;
using System.IO;
using Session.Core.Micro.Identity;
using Session.Core.Micro.Messages;
using SessionBeacon.Config;
using SessionBeacon.Delivery;
using SessionBeacon.Location;
using SessionBeacon.Policy;
using SessionBeacon.Tests.Support;
using Xunit;

namespace SessionBeacon.Tests.Location
{
    /// <summary>The position lines on the composer's path to a recipient, and what they do to a message's size.</summary>
    public class PositionInAlertTests
    {
        private static readonly BeaconConfig Shipped = BeaconConfig.Parse(
            File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "shipped", "nf.config")), "nf.config");

        private static readonly GpsFix Fix = new GpsFix(-338688000, -1512093000, 160, 9, 1, 1795784580000);

        // The "±" is not ASCII: the recipient must read exactly what the beacon wrote.
        [Fact]
        public void Finish_BodyWithPosition_OpensToTheSameText()
        {
            var random = new SeededSource(11);
            IdentityKeys beacon = IdentityKeys.FromSeed(Seed(random));
            IdentityKeys alice = IdentityKeys.FromSeed(Seed(random));
            var composer = new AlertComposer(Shipped);
            string body = composer.Body(new Decision(DecisionKind.FirePanic, 5, Decision.NoSensor, 55), 3) + "\n" + PositionText.Lines(Fix, 42000);
            ContentMessage content = composer.Finish(body, 1795784580000, false);
            Assert.Contains("\u00b18 m", content.Body, StringComparison.Ordinal);
            Assert.Equal(content.Body, new MessageReceiver(alice).Open(MessageEncoder.Encode(beacon, alice.X25519PublicKey, content, random)).Body);
        }

        // docs/threat-model.md, "Location": the padded size of an alert from the shipped texts without a
        // position (the no-fix line for panic and duress, nothing for the others), then with the shortest and
        // the longest position lines. A position can move an alert up a 160-byte block, and where one is can too.
        [Theory]
        [InlineData(DecisionKind.FirePanic, 320, 320, 480)]
        [InlineData(DecisionKind.FireDuress, 320, 320, 480)]
        [InlineData(DecisionKind.FireHeartbeat, 160, 320, 320)]
        [InlineData(DecisionKind.FireTest, 160, 320, 320)]
        public void PaddedSize_ShippedTexts_WithoutAndWithPosition(DecisionKind kind, int without, int shortest, int longest)
        {
            var composer = new AlertComposer(Shipped);
            string body = composer.Body(new Decision(kind, 5, Decision.NoSensor, 55), 123);
            string noFix = kind == DecisionKind.FirePanic || kind == DecisionKind.FireDuress ? "\n" + PositionText.NoFixText : "";
            Assert.Equal(without, Padded(composer.Finish(body + noFix, 1795784580000, false)));
            Assert.Equal(shortest, Padded(composer.Finish(body + "\n" + ShortestLines(), 1795784580000, false)));
            Assert.Equal(longest, Padded(composer.Finish(body + "\n" + LongestLines(), 1795784580000, false)));
        }

        // How much the position lines' length varies with the coordinates, the accuracy and the age.
        [Fact]
        public void Lines_Length_From143To190Bytes()
        {
            Assert.Equal((143, 190), (Utf8Length(ShortestLines()), Utf8Length(LongestLines())));
        }

        private static string ShortestLines()
        {
            return PositionText.Lines(new GpsFix(0, 0, 0, 4, 1, 1), 0);
        }

        private static string LongestLines()
        {
            return PositionText.Lines(new GpsFix(-899999900, -1799999900, -1, 4, 1, 1), 7_199_999);
        }

        private static int Utf8Length(string text)
        {
            return System.Text.Encoding.UTF8.GetByteCount(text);
        }

        private static byte[] Seed(SeededSource random)
        {
            byte[] seed = new byte[IdentityKeys.SeedSize];
            random.Fill(seed, 0, seed.Length);
            return seed;
        }

        private static int Padded(ContentMessage content)
        {
            return Padding.PaddedLength(content.EncodedSize());
        }
    }
}
