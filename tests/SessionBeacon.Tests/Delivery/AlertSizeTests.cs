using System;
using System.IO;
using System.Text.RegularExpressions;
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Identity;
using Session.Core.Micro.Messages;
using Session.Core.Micro.Ratchet;
using SessionBeacon.Config;
using SessionBeacon.Delivery;
using SessionBeacon.Location;
using SessionBeacon.Policy;
using SessionBeacon.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace SessionBeacon.Tests.Delivery
{
    /// <summary>
    /// docs/threat-model.md, "Sizes": with location.mode on, every alert leaves in one size, whatever the position says,
    /// whether there is one and whether its kind carries one, and each opens to its own text.
    /// </summary>
    public class AlertSizeTests
    {
        private const long Sent = 1795784580000;

        private static readonly string ShippedText = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "shipped", "nf.config"));

        private static readonly GpsFix Sydney = new GpsFix(-338688000, -1512093000, 160, 9, 1, 1795784580000);

        private static readonly GpsFix Worst = new GpsFix(-899999900, -1799999900, -1, 4, 1, 1);

        private readonly ITestOutputHelper _output;

        public AlertSizeTests(ITestOutputHelper output)
        {
            _output = output;
        }

        private static BeaconConfig Shipped(string mode) =>
            BeaconConfig.Parse(Regex.Replace(Regex.Replace(ShippedText, "(?m)^location.mode = .*$", "location.mode = " + mode),
                "(?m)^location.track_min = .*$", mode == LocationSettings.ModeOff ? "location.track_min = 0" : "$0"), "nf.config");

        // The texts AlertWriter writes for a panic (body, then the position lines), a tracking update (title and
        // headline, the number line, the map link), and a check-in, a test and a low-battery alert (with the position
        // lines only with mode all), finished as AlertSealer finishes them.
        private static (AlertKind Kind, string Text)[] Alerts(AlertComposer composer, bool held, string mode = LocationSettings.ModePanic)
        {
            string panic = composer.Body(new Decision(DecisionKind.FirePanic, 5, Decision.NoSensor, 55), 4294967295) + "\n";
            string duress = composer.Body(new Decision(DecisionKind.FireDuress, 5, Decision.NoSensor, 100), 12) + "\n";
            string position = mode == LocationSettings.ModeAll ? "\n" + PositionText.Lines(Sydney, 42000) : "";
            return new[]
            {
                (AlertKind.Heartbeat, composer.Body(new Decision(DecisionKind.FireHeartbeat, 5, Decision.NoSensor, 100), 3) + position),
                (AlertKind.Test, composer.Body(new Decision(DecisionKind.FireTest, 5, Decision.NoSensor, Decision.UnknownBattery), 4) + position),
                (AlertKind.LowBattery, composer.Body(new Decision(DecisionKind.FireLowBattery, 5, Decision.NoSensor, 9), 5) + position),
                (AlertKind.Panic, panic + PositionText.Lines(Sydney, 42000)),
                (AlertKind.Panic, panic + PositionText.Lines(Sydney, 3 * 3600000L)),
                (AlertKind.Panic, panic + PositionText.Lines(Worst, -1)),
                (AlertKind.Panic, panic + PositionText.NoFixText),
                (AlertKind.Panic, panic + PositionText.NoGpsText),
                (AlertKind.Duress, duress + PositionText.Lines(Worst, 7_199_999)),
                (AlertKind.Duress, duress + PositionText.NoFixText),
                (AlertKind.Tracking, "Tracking 3/15: " + PositionText.Headline(Sydney, 42000) + "\n" + AlertComposer.NumberLine(7, 55) + "\n" + PositionText.Links(Sydney)),
                (AlertKind.Tracking, "Tracking 480/480 (last): " + PositionText.Headline(Worst, -1) + "\n" + AlertComposer.NumberLine(4294967295, 100) + "\n" + PositionText.Links(Worst)),
                (AlertKind.Tracking, "Tracking 15/15 (last): " + PositionText.NoFixText + "\n" + AlertComposer.NumberLine(8, Decision.UnknownBattery)),
            };
        }

        [Theory]
        [InlineData(LocationSettings.ModePanic, false)]
        [InlineData(LocationSettings.ModePanic, true)]
        [InlineData(LocationSettings.ModeAll, false)]
        public void PlainPayloads_WithAndWithoutPosition_AllOneSize_EachOpensToItsText(string mode, bool held)
        {
            var random = new SeededSource(21);
            IdentityKeys beacon = IdentityKeys.FromSeed(Seed(random));
            IdentityKeys alice = IdentityKeys.FromSeed(Seed(random));
            var composer = new AlertComposer(Shipped(mode));
            int size = -1;
            foreach ((AlertKind kind, string text) in Alerts(composer, held, mode))
            {
                ContentMessage content = composer.Finish(text, Sent, held);
                content.MinimumPaddedSize = composer.MinimumPaddedSize(false);
                byte[] payload = MessageEncoder.Encode(beacon, alice.X25519PublicKey, content, random);
                size = size < 0 ? payload.Length : size;
                Assert.Equal(size, payload.Length);
                // The receiver unpads as the apps do (MessageEncoderTests opens such payloads with libsodium too).
                Assert.Equal(content.Body, new MessageReceiver(alice).Open(payload).Body);
            }
            _output.WriteLine(mode + (held ? ", held" : "") + ": padded to " + composer.MinimumPaddedSize(false) + " bytes, payload " + size + " bytes");
        }

        // A companion receiver's alerts are longer (the ratchet packet in base64) and get a size of their own.
        [Fact]
        public void RatchetPayloads_WithAndWithoutPosition_AllOneSize_EachOpensToItsText()
        {
            var random = new SeededSource(22);
            IdentityKeys beacon = IdentityKeys.FromSeed(Seed(random));
            IdentityKeys companion = IdentityKeys.FromSeed(Seed(random));
            var bundle = new byte[RatchetPreKey.Size];
            var preKeySecret = new byte[X25519.ScalarSize];
            RatchetPreKey.Create(bundle, preKeySecret, companion, random);
            var composer = new AlertComposer(Shipped(LocationSettings.ModePanic));
            var link = new RatchetLink(beacon, RatchetSession.Initiate(new KeyValueRatchetStore(new MemoryStore(), "pairing"), random, beacon, companion.X25519PublicKey, bundle), random);
            RatchetLink receiver = null;
            int size = -1;
            foreach ((AlertKind kind, string text) in Alerts(composer, true))
            {
                ContentMessage content = composer.Finish(text, Sent, true);
                link.MinimumPaddedSize = composer.MinimumPaddedSize(true);
                byte[] payload = link.EncodeAlert(content.Body, "SessionBeacon", Sent, out _);
                size = size < 0 ? payload.Length : size;
                Assert.Equal(size, payload.Length);
                IncomingMessage incoming = new MessageReceiver(companion).OpenStoreData(MessageEncoder.ToStoreData(payload));
                RatchetContent opened;
                if (receiver == null)
                {
                    receiver = RatchetLink.Accept(new KeyValueRatchetStore(new MemoryStore(), "pairing"), random, companion, preKeySecret, beacon.X25519PublicKey, incoming, out opened);
                }
                else
                {
                    opened = receiver.Open(incoming);
                }
                Assert.Equal(content.Body, opened.Text);
            }
            _output.WriteLine("ratchet: padded to " + composer.MinimumPaddedSize(true) + " bytes, payload " + size + " bytes");
        }

        // With mode panic or all every alert is padded (a check-in must not be told from a panic by its size, whether or
        // not its kind carries a position): a ratchet recipient's to a larger size; with mode off none.
        [Fact]
        public void MinimumPaddedSize_FollowsLocationMode()
        {
            var panic = new AlertComposer(Shipped(LocationSettings.ModePanic));
            var all = new AlertComposer(Shipped(LocationSettings.ModeAll));
            var off = new AlertComposer(Shipped(LocationSettings.ModeOff));
            int size = panic.MinimumPaddedSize(false);
            Assert.True(size > 0 && size % Padding.BlockSize == 0);
            Assert.True(panic.MinimumPaddedSize(true) > size);
            Assert.True(all.MinimumPaddedSize(false) >= size);
            Assert.Equal(0, off.MinimumPaddedSize(false));
            Assert.Equal(0, off.MinimumPaddedSize(true));
        }

        // The size follows the configured texts: a long panic text gives a larger one that still holds the longest position.
        [Fact]
        public void MinimumPaddedSize_LongPanicText_HoldsItWithTheLongestPosition()
        {
            var composer = new AlertComposer(BeaconConfig.Parse(Regex.Replace(ShippedText, "(?m)^alert.panic = .*$", "alert.panic = " + new string('P', 500)), "nf.config"));
            string body = composer.Body(new Decision(DecisionKind.FirePanic, 5, Decision.NoSensor, 100), 4294967295) + "\n" + LongestPosition.Lines();
            ContentMessage content = composer.Finish(body, Sent, true);
            int size = composer.MinimumPaddedSize(false);
            Assert.True(Padding.PaddedLength(content.EncodedSize()) <= size);
            Assert.True(size >= 800);
        }

        // Mode off: every encoding is as before, byte for byte.
        [Fact]
        public void ModeOff_EncodingUnchanged()
        {
            var composer = new AlertComposer(Shipped(LocationSettings.ModeOff));
            IdentityKeys beacon = IdentityKeys.FromSeed(new byte[32]);
            byte[] recipient = IdentityKeys.FromSeed(Enumerable(1)).X25519PublicKey;
            string text = composer.Body(new Decision(DecisionKind.FirePanic, 5, Decision.NoSensor, 55), 3);
            ContentMessage usual = composer.Finish(text, Sent, false);
            ContentMessage sized = composer.Finish(text, Sent, false);
            sized.MinimumPaddedSize = composer.MinimumPaddedSize(false);
            Assert.Equal(
                MessageEncoder.Encode(beacon, recipient, usual, new SeededSource(5)),
                MessageEncoder.Encode(beacon, recipient, sized, new SeededSource(5)));
        }

        private static byte[] Enumerable(byte value)
        {
            var bytes = new byte[32];
            Array.Fill(bytes, value);
            return bytes;
        }

        private static byte[] Seed(SeededSource random)
        {
            byte[] seed = new byte[IdentityKeys.SeedSize];
            random.Fill(seed, 0, seed.Length);
            return seed;
        }
    }
}
