using System;
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Identity;
using Session.Core.Micro.Messages;
using Session.Core.Micro.Ratchet;
using Session.Core.Micro.Tests.Support;
using Xunit;

namespace Session.Core.Micro.Tests.Ratchet
{
    public class RatchetCarriageTests
    {
        private const long Time = 1_767_000_000_000;

        /// <summary>A beacon and a receiver with real identities, a pre-key, stores and v1 receivers.</summary>
        private sealed class Parties
        {
            public Parties(long seed)
            {
                BeaconRandom = new DeterministicRandomSource(seed);
                ReceiverRandom = new DeterministicRandomSource(seed + 1);
                Beacon = IdentityKeys.FromSeed(Seed(BeaconRandom));
                Receiver = IdentityKeys.FromSeed(Seed(ReceiverRandom));
                RatchetPreKey.Create(Bundle, PreKeySecret, Receiver, ReceiverRandom);
                BeaconInbox = new MessageReceiver(Beacon);
                ReceiverInbox = new MessageReceiver(Receiver);
            }

            public DeterministicRandomSource BeaconRandom { get; }
            public DeterministicRandomSource ReceiverRandom { get; }
            public IdentityKeys Beacon { get; }
            public IdentityKeys Receiver { get; }
            public byte[] Bundle { get; } = new byte[RatchetPreKey.Size];
            public byte[] PreKeySecret { get; } = new byte[X25519.ScalarSize];
            public MessageReceiver BeaconInbox { get; }
            public MessageReceiver ReceiverInbox { get; }
            public MemoryStateStore BeaconStore { get; } = new MemoryStateStore();
            public MemoryStateStore ReceiverStore { get; } = new MemoryStateStore();

            public RatchetLink StartBeacon() => new RatchetLink(Beacon,
                RatchetSession.Initiate(BeaconStore, BeaconRandom, Beacon, Receiver.X25519PublicKey, Bundle), BeaconRandom);

            public RatchetLink AcceptAtReceiver(IncomingMessage first, out RatchetContent content) =>
                RatchetLink.Accept(ReceiverStore, ReceiverRandom, Receiver, PreKeySecret, Beacon.X25519PublicKey, first, out content);

            /// <summary>What the receiver's swarm would hand it: the stored "data" text, opened by the v1 layer.</summary>
            public IncomingMessage AtReceiver(byte[] payload) => ReceiverInbox.OpenStoreData(MessageEncoder.ToStoreData(payload));

            public IncomingMessage AtBeacon(byte[] payload) => BeaconInbox.OpenStoreData(MessageEncoder.ToStoreData(payload));
        }

        private static byte[] Seed(IRandomSource random)
        {
            var seed = new byte[IdentityKeys.SeedSize];
            random.Fill(seed, 0, seed.Length);
            return seed;
        }

        private static byte[] RatchetKey(IncomingMessage message)
        {
            byte[] packet = RatchetCarriage.ReadPacket(message);
            return packet.AsSpan(14, 32).ToArray();
        }

        private static RatchetError Refused(Action action) => Assert.Throws<RatchetException>(action).Error;

        [Fact]
        public void AlertAndAcknowledgement_TwiceThroughV1_HelpReachedAndDhRatchetAdvances()
        {
            var p = new Parties(100);
            RatchetLink beacon = p.StartBeacon();

            // Alert 1: ratchet -> v1 payload -> receiver's swarm text -> v1 open -> recognised -> paired.
            byte[] alert1 = beacon.EncodeAlert("PANIC: help", "Beacon 1", Time, out uint seq1);
            Assert.Equal(1u, seq1);
            IncomingMessage in1 = p.AtReceiver(alert1);
            Assert.Equal(IncomingMessageKind.DataMessage, in1.Kind);
            Assert.Equal(p.Beacon.SessionId, in1.SenderSessionId);
            Assert.True(RatchetCarriage.IsRatchetMessage(in1));
            Assert.True(RatchetPacket.IsInitiation(RatchetCarriage.ReadPacket(in1)));
            byte[] beaconKey1 = RatchetKey(in1);
            RatchetLink receiver = p.AcceptAtReceiver(in1, out RatchetContent opened1);
            Assert.Equal(RatchetContentKind.Alert, opened1.Kind);
            Assert.Equal("PANIC: help", opened1.Text);
            Assert.Equal(seq1, opened1.Sequence);
            Assert.Equal(p.Beacon.SessionId, receiver.PeerSessionId);

            // Acknowledgement 1 back through v1: the beacon learns help was reached; the DH ratchet steps.
            Assert.True(beacon.Session.AwaitingReply);
            byte[] ack1 = receiver.EncodeAcknowledgement(new[] { opened1.Sequence }, null, Time + 1000);
            IncomingMessage ackIn1 = p.AtBeacon(ack1);
            Assert.True(RatchetCarriage.IsRatchetMessage(ackIn1));
            byte[] receiverKey1 = RatchetKey(ackIn1);
            RatchetContent reached1 = beacon.Open(ackIn1);
            Assert.Equal(RatchetContentKind.Acknowledgement, reached1.Kind);
            Assert.True(reached1.Acknowledges(seq1));
            Assert.False(reached1.Acknowledges(seq1 + 1));
            Assert.False(beacon.Session.AwaitingReply);

            // Alert 2 rides on the beacon's new ratchet key (the DH step the acknowledgement caused).
            byte[] alert2 = beacon.EncodeAlert("PANIC again", null, Time + 2000, out uint seq2);
            Assert.Equal(2u, seq2);
            IncomingMessage in2 = p.AtReceiver(alert2);
            Assert.False(RatchetPacket.IsInitiation(RatchetCarriage.ReadPacket(in2)));
            byte[] beaconKey2 = RatchetKey(in2);
            Assert.NotEqual(beaconKey1, beaconKey2);
            RatchetContent opened2 = receiver.Open(in2);
            Assert.Equal("PANIC again", opened2.Text);
            Assert.Equal(seq2, opened2.Sequence);

            // Acknowledgement 2: the receiver stepped too, and the beacon recognises it again.
            byte[] ack2 = receiver.EncodeAcknowledgement(new[] { seq2 }, null, Time + 3000);
            IncomingMessage ackIn2 = p.AtBeacon(ack2);
            Assert.NotEqual(receiverKey1, RatchetKey(ackIn2));
            RatchetContent reached2 = beacon.Open(ackIn2);
            Assert.True(reached2.Acknowledges(seq2));
            Assert.False(reached2.Acknowledges(seq1));

            byte[] alert3 = beacon.EncodeAlert("third", null, Time + 4000, out _);
            IncomingMessage in3 = p.AtReceiver(alert3);
            Assert.NotEqual(beaconKey2, RatchetKey(in3));
            Assert.Equal("third", receiver.Open(in3).Text);
        }

        // A beacon's size class (RatchetLink.MinimumPaddedSize): a short and a long alert, the first one with its
        // initiation header, leave in one size, and the receiver opens each to its text; a refused size spends no key.
        [Fact]
        public void EncodeAlert_MinimumPaddedSize_ShortAndLongAlertsOneSize_EachOpens()
        {
            var p = new Parties(103);
            RatchetLink beacon = p.StartBeacon();
            Assert.Equal(0, beacon.MinimumPaddedSize);
            beacon.MinimumPaddedSize = 5 * Padding.BlockSize;
            string longText = "PANIC: help\n" + new string('x', 300);
            byte[] first = beacon.EncodeAlert("PANIC", null, Time, out _);
            byte[] second = beacon.EncodeAlert(longText, null, Time + 1, out _);
            Assert.Equal(first.Length, second.Length);
            RatchetLink receiver = p.AcceptAtReceiver(p.AtReceiver(first), out RatchetContent opened);
            Assert.Equal("PANIC", opened.Text);
            Assert.Equal(longText, receiver.Open(p.AtReceiver(second)).Text);

            beacon.MinimumPaddedSize = 100;
            Assert.Throws<ArgumentException>(() => beacon.EncodeAlert("PANIC", null, Time + 2, out _));
            beacon.MinimumPaddedSize = 0;
            beacon.EncodeAlert("third", null, Time + 3, out uint third);
            Assert.Equal(3u, third);
        }

        [Fact]
        public void Body_AsStockAppShowsIt_StartsWithReadableMarker()
        {
            var p = new Parties(101);
            RatchetLink beacon = p.StartBeacon();
            IncomingMessage shown = p.AtReceiver(beacon.EncodeAlert("PANIC", "Beacon 1", Time, out _));
            Assert.StartsWith("SessionBeacon secure alert \u2014 open with a SessionBeacon receiver\nSBR:", shown.Body, StringComparison.Ordinal);
            Assert.Equal("Beacon 1", shown.Content.DisplayName);
            Assert.Equal(0u, shown.Content.Flags);
            // The alert text itself is not readable to a stock app: it is inside the ratchet packet.
            Assert.DoesNotContain("PANIC", shown.Body, StringComparison.Ordinal);
            string encoded = shown.Body.Substring(RatchetCarriage.Marker.Length + 1 + RatchetCarriage.Prefix.Length);
            byte[] payload = Convert.FromBase64String(encoded);
            Assert.Equal(RatchetCarriage.Version, payload[0]);
            Assert.Equal(RatchetPacket.Version, payload[1]);
        }

        [Fact]
        public void Open_SenderNotThePeer_RefusedAsNotPeer()
        {
            var p = new Parties(102);
            RatchetLink beacon = p.StartBeacon();
            IncomingMessage first = p.AtReceiver(beacon.EncodeAlert("one", null, Time, out _));
            RatchetLink receiver = p.AcceptAtReceiver(first, out _);

            // An intruder copies the beacon's next packet into a v1 message it signs itself.
            var intruder = IdentityKeys.FromSeed(Seed(new DeterministicRandomSource(999)));
            IncomingMessage genuine = p.AtReceiver(beacon.EncodeAlert("two", null, Time + 1, out _));
            byte[] forwarded = MessageEncoder.Encode(intruder, p.Receiver.X25519PublicKey,
                new ContentMessage(genuine.Body, null, Time + 2), new DeterministicRandomSource(5));
            IncomingMessage fromIntruder = p.AtReceiver(forwarded);
            Assert.True(RatchetCarriage.IsRatchetMessage(fromIntruder));
            var error = Assert.Throws<RatchetException>(() => receiver.Open(fromIntruder));
            Assert.Equal(RatchetError.NotPeer, error.Error);
            Assert.Contains(intruder.SessionId, error.Message);
            Assert.Contains(p.Beacon.SessionId, error.Message);

            // The refusal changed nothing: the genuine message still opens.
            Assert.Equal("two", receiver.Open(genuine).Text);
        }

        [Fact]
        public void Accept_FirstMessageFromAnotherSender_RefusedAsNotPeer()
        {
            var p = new Parties(103);
            RatchetLink beacon = p.StartBeacon();
            IncomingMessage genuine = p.AtReceiver(beacon.EncodeAlert("one", null, Time, out _));
            var intruder = IdentityKeys.FromSeed(Seed(new DeterministicRandomSource(998)));
            IncomingMessage copied = p.AtReceiver(MessageEncoder.Encode(intruder, p.Receiver.X25519PublicKey,
                new ContentMessage(genuine.Body, null, Time), new DeterministicRandomSource(6)));
            Assert.Equal(RatchetError.NotPeer, Refused(() => p.AcceptAtReceiver(copied, out _)));
            Assert.Equal(0, p.ReceiverStore.Saves);
            p.AcceptAtReceiver(genuine, out RatchetContent content);
            Assert.Equal("one", content.Text);
        }

        [Fact]
        public void Recognition_OrdinaryMessages_PassUntouched()
        {
            var p = new Parties(104);
            string[] bodies =
            {
                "hello", "", "SessionBeacon secure alert", RatchetCarriage.Marker, RatchetCarriage.Marker + "\n",
                RatchetCarriage.Marker + " SBR:AQ==", "SBR:AQ==", "sessionbeacon secure alert \u2014 open with a SessionBeacon receiver\nSBR:AQ==",
                RatchetCarriage.Marker + "\nsbr:AQ==", RatchetCarriage.Marker.Replace('\u2014', '-') + "\nSBR:AQ==",
                "\u00ad" + RatchetCarriage.Marker + "\nSBR:AQ==", RatchetCarriage.Marker + "\r\nSBR:AQ==",
                RatchetCarriage.Marker.Substring(0, 20) + "\u00ad" + RatchetCarriage.Marker.Substring(20) + "\nSBR:AQ==",
            };
            long t = Time;
            foreach (string body in bodies)
            {
                byte[] payload = MessageEncoder.Encode(p.Beacon, p.Receiver.X25519PublicKey, new ContentMessage(body, "B", ++t), p.BeaconRandom);
                IncomingMessage message = p.AtReceiver(payload);
                Assert.False(RatchetCarriage.IsRatchetMessage(message));
                Assert.Equal(body, message.Body);
                Assert.Equal(RatchetError.Malformed, Refused(() => RatchetCarriage.ReadPacket(message)));
            }
            Assert.False(RatchetCarriage.IsRatchetMessage(p.ReceiverInbox.Open(new byte[] { 0x00, 0x02, 0x01 })));
        }

        [Fact]
        public void ReadPacket_DamagedCarriage_ClearErrors()
        {
            var p = new Parties(105);
            IncomingMessage Message(string body) => p.AtReceiver(
                MessageEncoder.Encode(p.Beacon, p.Receiver.X25519PublicKey, new ContentMessage(body, null, Time), p.BeaconRandom));
            string head = RatchetCarriage.Marker + "\n" + RatchetCarriage.Prefix;

            var notBase64 = Assert.Throws<RatchetException>(() => RatchetCarriage.ReadPacket(Message(head + "!!!!")));
            Assert.Equal(RatchetError.Malformed, notBase64.Error);
            Assert.Contains("not base64", notBase64.Message);
            Assert.Equal(RatchetError.Malformed, Refused(() => RatchetCarriage.ReadPacket(Message(head))));
            var version = Assert.Throws<RatchetException>(() => RatchetCarriage.ReadPacket(Message(head + Convert.ToBase64String(new byte[] { 2, 1, 0 }))));
            Assert.Equal(RatchetError.UnsupportedVersion, version.Error);
            Assert.Contains("carriage version 2", version.Message);
            Assert.Equal(new byte[] { 7, 8 }, RatchetCarriage.ReadPacket(Message(head + Convert.ToBase64String(new byte[] { 1, 7, 8 }))));
        }

        [Fact]
        public void Open_OrdinaryMessageFromPeer_RefusedAsMalformedNotCrash()
        {
            var p = new Parties(106);
            RatchetLink beacon = p.StartBeacon();
            RatchetLink receiver = p.AcceptAtReceiver(p.AtReceiver(beacon.EncodeAlert("a", null, Time, out _)), out _);
            IncomingMessage plain = p.AtReceiver(MessageEncoder.Encode(p.Beacon, p.Receiver.X25519PublicKey, new ContentMessage("hi", null, Time + 5), p.BeaconRandom));
            Assert.Equal(RatchetError.Malformed, Refused(() => receiver.Open(plain)));
        }

        [Fact]
        public void Content_RoundTripsAndRefusesMalformed()
        {
            RatchetContent alert = RatchetContent.Read(RatchetContent.EncodeAlert("Grüße \u2014 help"), 9);
            Assert.Equal(RatchetContentKind.Alert, alert.Kind);
            Assert.Equal("Grüße \u2014 help", alert.Text);
            Assert.Null(alert.Acknowledged);
            Assert.False(alert.Acknowledges(9));
            Assert.Equal(9u, alert.Sequence);

            uint[] sequences = { 1, 0x01020304, uint.MaxValue };
            byte[] ackBytes = RatchetContent.EncodeAcknowledgement(sequences);
            Assert.Equal(new byte[] { 2, 3, 0, 0, 0, 1, 1, 2, 3, 4, 0xff, 0xff, 0xff, 0xff }, ackBytes);
            RatchetContent ack = RatchetContent.Read(ackBytes, 4);
            Assert.Equal(sequences, ack.Acknowledged);
            Assert.True(ack.Acknowledges(uint.MaxValue));

            Assert.Throws<ArgumentException>(() => RatchetContent.EncodeAcknowledgement(new uint[0]));
            Assert.Throws<ArgumentException>(() => RatchetContent.EncodeAcknowledgement(new uint[RatchetContent.MaxAcknowledged + 1]));
            Assert.Throws<ArgumentException>(() => RatchetContent.EncodeAcknowledgement(new uint[] { 0 }));
            Assert.Throws<ArgumentNullException>(() => RatchetContent.EncodeAlert(null));

            byte[][] malformed =
            {
                new byte[0], new byte[] { 3 }, new byte[] { 0 }, new byte[] { 1, 0xff }, new byte[] { 2 }, new byte[] { 2, 0 },
                new byte[] { 2, 1, 0, 0, 0 }, new byte[] { 2, 1, 0, 0, 0, 1, 0 }, new byte[] { 2, 33 },
            };
            foreach (byte[] bytes in malformed)
            {
                Assert.Equal(RatchetError.Malformed, Refused(() => RatchetContent.Read(bytes, 1)));
            }
        }

        [Fact]
        public void EncodeAlert_RefusedByV1Layer_SpendsNoMessageKey()
        {
            var p = new Parties(107);
            RatchetLink beacon = p.StartBeacon();
            int saves = p.BeaconStore.Saves;
            var tooLarge = Assert.Throws<MessageException>(() => beacon.EncodeAlert(new string('x', MessageEncoder.MaxStoredSize), null, Time, out _));
            Assert.Equal(MessageError.TooLarge, tooLarge.Error);
            Assert.Throws<ArgumentException>(() => beacon.EncodeAlert("a", null, 0, out _));
            Assert.Throws<ArgumentException>(() => beacon.EncodeAlert("a", "\ud800", Time, out _));
            Assert.Throws<ArgumentException>(() => beacon.EncodeAcknowledgement(new uint[] { 1 }, null, -1));
            Assert.Equal(saves, p.BeaconStore.Saves);
            Assert.Equal(0u, beacon.Session.LastSequenceSent);
            beacon.EncodeAlert("fits", null, Time, out uint sequence);
            Assert.Equal(1u, sequence);
        }

        [Fact]
        public void Open_AcknowledgementFromAnotherSender_BeaconRefusesAsNotPeer()
        {
            var p = new Parties(108);
            RatchetLink beacon = p.StartBeacon();
            RatchetLink receiver = p.AcceptAtReceiver(p.AtReceiver(beacon.EncodeAlert("a", null, Time, out uint seq)), out _);
            IncomingMessage ack = p.AtBeacon(receiver.EncodeAcknowledgement(new[] { seq }, null, Time + 1));
            var intruder = IdentityKeys.FromSeed(Seed(new DeterministicRandomSource(997)));
            IncomingMessage forged = p.AtBeacon(MessageEncoder.Encode(intruder, p.Beacon.X25519PublicKey,
                new ContentMessage(ack.Body, null, Time + 2), new DeterministicRandomSource(7)));
            Assert.Equal(RatchetError.NotPeer, Refused(() => beacon.Open(forged)));
            Assert.True(beacon.Session.AwaitingReply);
            Assert.True(beacon.Open(ack).Acknowledges(seq));
            // A second delivery of the same acknowledgement is a duplicate, not a second "help was reached".
            Assert.Equal(RatchetError.Duplicate, Refused(() => beacon.Open(ack)));
        }

        [Fact]
        public void Link_NullArguments_Throw()
        {
            var p = new Parties(109);
            RatchetLink beacon = p.StartBeacon();
            Assert.Throws<ArgumentNullException>(() => new RatchetLink(null, beacon.Session, p.BeaconRandom));
            Assert.Throws<ArgumentNullException>(() => new RatchetLink(p.Beacon, null, p.BeaconRandom));
            Assert.Throws<ArgumentNullException>(() => new RatchetLink(p.Beacon, beacon.Session, null));
            Assert.Throws<ArgumentNullException>(() => beacon.Open(null));
            Assert.Throws<ArgumentNullException>(() => beacon.EncodeAlert(null, null, Time, out _));
            Assert.Throws<ArgumentNullException>(() => RatchetCarriage.IsRatchetMessage(null));
            Assert.Throws<ArgumentNullException>(() => RatchetCarriage.Body(null));
            Assert.Throws<ArgumentException>(() => RatchetLink.Accept(p.ReceiverStore, p.ReceiverRandom, p.Receiver, p.PreKeySecret, new byte[31], null, out _));
        }
    }
}
