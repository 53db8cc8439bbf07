using System;
using System.Linq;
using System.Numerics;
using Session.Core.Micro.Identity;
using Session.Core.Micro.Messages;
using Session.Core.Micro.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Session.Core.Micro.Tests.Messages
{
    // The core against IndependentSession (libsodium + Google.Protobuf), both ways (docs/protocol.md §2).
    public class IndependenceTests
    {
        private const int Messages = 200;
        private static readonly BigInteger s_order = BigInteger.Pow(2, 252) + BigInteger.Parse("27742317777372353535851937790883648493");

        private readonly ITestOutputHelper _output;

        public IndependenceTests(ITestOutputHelper output)
        {
            _output = output;
        }

        /// <summary>The i-th body: the edge cases first (empty, one char, 159/160/161 bytes, emoji, 4 KiB, padding boundaries), then random text.</summary>
        private static string BodyFor(int i, SeededRandom random)
        {
            switch (i)
            {
                case 0: return "";
                case 1: return "!";
                case 2: return new string('a', 159);
                case 3: return new string('b', 160);
                case 4: return new string('c', 161);
                case 5: return "\U0001F6A8 Help \U0001F198\U0001F4CD";
                case 6: return new string('d', 4096);
                case 7: return string.Concat(Enumerable.Repeat("\U0001F6A8", 1024));
                // Content sizes 158, 159 and 160 around the padding quirk, without a profile:
                // body + 3 (tag, 2-byte length) + 3 (dataMessage tag and length) + 7 (sigTimestamp).
                case 8: return new string('e', 145);
                case 9: return new string('f', 146);
                case 10: return new string('g', 147);
                case 11: return "\u00e9\u4e2d" + new string('h', 155);
                default: return ProtobufField.RandomText(random, random.Next(4) == 0 ? random.Next(2000) : random.Next(300));
            }
        }

        private static long TimestampFor(SeededRandom random) => 1_600_000_000_000 + random.Next(int.MaxValue) * 100L + random.Next(100);

        [Fact]
        public void CorePayloads_OpenedByLibsodiumAndGoogleProtobuf()
        {
            var random = new SeededRandom(_output, nameof(CorePayloads_OpenedByLibsodiumAndGoogleProtobuf));
            var source = new SeededRandomSource(random);
            int paddedTo320 = 0;
            for (int i = 0; i < Messages; i++)
            {
                byte[] senderSeed = random.Bytes(32);
                byte[] recipientSeed = random.Bytes(32);
                IdentityKeys sender = IdentityKeys.FromSeed(senderSeed);
                IdentityKeys recipient = IdentityKeys.FromSeed(recipientSeed);
                string body = BodyFor(i, random);
                string name = i < 12 || random.Next(2) == 0 ? null : ProtobufField.RandomText(random, random.Next(30));
                long timestamp = TimestampFor(random);
                var content = new ContentMessage(body, name, timestamp);

                byte[] payload = MessageEncoder.Encode(sender, SessionId.Parse(recipient.SessionId), content, source);
                IndependentSession.Opened opened = IndependentSession.Open(payload, recipientSeed);

                Assert.Equal(body, opened.Content.DataMessage.Body);
                Assert.Equal(name != null, opened.Content.DataMessage.Profile != null);
                if (name != null)
                {
                    Assert.Equal(name, opened.Content.DataMessage.Profile.DisplayName);
                }
                Assert.Equal(sender.SessionId, opened.SenderSessionId);
                Assert.Equal((ulong)timestamp, opened.Envelope.Timestamp);
                Assert.Equal((ulong)timestamp, opened.Content.SigTimestamp);
                Assert.Equal(Protocol.Envelope.Types.Type.SessionMessage, opened.Envelope.Type);
                Assert.Equal(1u, opened.Envelope.SourceDevice);
                Assert.False(opened.Envelope.HasSource);
                Assert.Equal("", opened.WebSocketMessage.Request.Verb);
                Assert.Equal("", opened.WebSocketMessage.Request.Path);
                Assert.Equal(0ul, opened.WebSocketMessage.Request.RequestId);
                Assert.Equal(0, opened.PaddedContent.Length % IndependentSession.PaddingBlock);
                Assert.Equal(IndependentSession.Pad(opened.Content.ToByteArrayOf()).Length, opened.PaddedContent.Length);
                if (i >= 8 && i <= 10)
                {
                    // Bodies 145, 146, 147 make Contents of 158, 159, 160 bytes: the quirk pads 159 to 320.
                    Assert.Equal(150 + i, content.EncodedSize());
                    Assert.Equal(i == 8 ? 160 : 320, opened.PaddedContent.Length);
                    paddedTo320 += i == 9 ? 1 : 0;
                }
                AssertValidDecoy(opened.Envelope.ProSig.ToByteArray());

                IncomingMessage ours = new MessageReceiver(recipient).Open(payload);
                Assert.Equal(body, ours.Body);
                Assert.Equal(sender.SessionId, ours.SenderSessionId);
                Assert.Equal(timestamp, ours.Timestamp);
            }
            Assert.Equal(1, paddedTo320);
        }

        [Fact]
        public void IndependentPayloads_OpenedByCoreReceiver()
        {
            var random = new SeededRandom(_output, nameof(IndependentPayloads_OpenedByCoreReceiver));
            for (int i = 0; i < Messages; i++)
            {
                byte[] senderSeed = random.Bytes(32);
                IdentityKeys sender = IdentityKeys.FromSeed(senderSeed);
                IdentityKeys recipient = IdentityKeys.FromSeed(random.Bytes(32));
                string body = BodyFor(i, random);
                string name = random.Next(2) == 0 ? null : ProtobufField.RandomText(random, random.Next(30));
                long timestamp = TimestampFor(random);
                // Older senders write no proSig; newer ones a Pro signature or a decoy.
                byte[] proSig = random.Next(3) == 0 ? null : random.Bytes(64);

                byte[] payload = IndependentSession.Build(senderSeed, recipient.X25519PublicKey,
                    IndependentSession.TextContent(body, name, (ulong)timestamp), (ulong)timestamp, proSig);
                IncomingMessage message = new MessageReceiver(recipient).OpenStoreData(Convert.ToBase64String(payload));

                Assert.Equal(IncomingMessageKind.DataMessage, message.Kind);
                Assert.Equal(body, message.Body);
                Assert.Equal(name, message.Content.DisplayName);
                Assert.Equal(sender.SessionId, message.SenderSessionId);
                Assert.Equal(sender.Ed25519PublicKey, message.SenderEd25519PublicKey);
                Assert.Equal(timestamp, message.Timestamp);
                Assert.Equal(timestamp, message.Content.SigTimestamp);
            }
        }

        // What shows the message layer interoperates: an alert built by the core shows the same body,
        // sender and timestamp in the independent receiver, and the reverse.
        [Fact]
        public void Alert_BothDirections_SameBodySenderTimestamp()
        {
            var random = new SeededRandom(_output, nameof(Alert_BothDirections_SameBodySenderTimestamp));
            byte[] beaconSeed = random.Bytes(32);
            byte[] phoneSeed = random.Bytes(32);
            IdentityKeys beacon = IdentityKeys.FromSeed(beaconSeed);
            IdentityKeys phone = IdentityKeys.FromSeed(phoneSeed);
            const string Alert = "PANIC: I need help now";
            const long Sent = 1764237600000;

            byte[] alert = MessageEncoder.Encode(beacon, SessionId.Parse(phone.SessionId), new ContentMessage(Alert, "SessionBeacon", Sent), new SeededRandomSource(random));
            IndependentSession.Opened shown = IndependentSession.Open(Convert.FromBase64String(MessageEncoder.ToStoreData(alert)), phoneSeed);
            Assert.Equal(Alert, shown.Content.DataMessage.Body);
            Assert.Equal(beacon.SessionId, shown.SenderSessionId);
            Assert.Equal((ulong)Sent, shown.Envelope.Timestamp);

            byte[] reply = IndependentSession.Build(phoneSeed, beacon.X25519PublicKey, IndependentSession.TextContent("On my way", "Alice", Sent + 5000), Sent + 5000, random.Bytes(64));
            IncomingMessage received = new MessageReceiver(beacon).Open(reply);
            Assert.Equal("On my way", received.Body);
            Assert.Equal(phone.SessionId, received.SenderSessionId);
            Assert.Equal(Sent + 5000, received.Timestamp);
        }

        // A decoy proSig is a validly encoded signature: R a point of the prime-order group, S below L.
        private static void AssertValidDecoy(byte[] proSig)
        {
            Assert.Equal(64, proSig.Length);
            Assert.True(LibsodiumNative.Ed25519IsValidPoint(proSig.Take(32).ToArray()));
            Assert.True(new BigInteger(proSig.Skip(32).ToArray(), isUnsigned: true, isBigEndian: false) < s_order);
        }
    }

    internal static class ContentExtensions
    {
        public static byte[] ToByteArrayOf(this Protocol.Content content) => Google.Protobuf.MessageExtensions.ToByteArray(content);
    }
}
