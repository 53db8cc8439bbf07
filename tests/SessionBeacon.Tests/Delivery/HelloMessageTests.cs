using System;
using System.Security.Cryptography;
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Identity;
using Session.Core.Micro.Messages;
using SessionBeacon.Delivery;
using Xunit;

namespace SessionBeacon.Tests.Delivery
{
    public class HelloMessageTests
    {
        private const long At = 1_790_000_000_000;

        private sealed class SystemRandom : IRandomSource
        {
            public void Fill(byte[] buffer, int offset, int count) => RandomNumberGenerator.Fill(buffer.AsSpan(offset, count));
        }

        [Fact]
        public void Compose_PlainRecipient_NamesTheBeaconSaysAlertsComeHereAsksToAccept()
        {
            ContentMessage hello = HelloMessage.Compose("Kitchen beacon", false, At);
            Assert.Contains("SessionBeacon \"Kitchen beacon\"", hello.Body);
            Assert.Contains("alerts will come in this conversation", hello.Body);
            Assert.Contains("accept this message request", hello.Body);
            Assert.DoesNotContain("companion receiver", hello.Body);
            Assert.Equal("Kitchen beacon", hello.DisplayName);
            Assert.Equal(At, hello.SigTimestamp);
        }

        [Fact]
        public void Compose_RatchetRecipient_SaysAlertsArriveThroughTheCompanionReceiver()
        {
            ContentMessage hello = HelloMessage.Compose("Beacon 1", true, At);
            Assert.Contains("SessionBeacon \"Beacon 1\"", hello.Body);
            Assert.Contains("through your SessionBeacon companion receiver", hello.Body);
            Assert.DoesNotContain("come in this conversation", hello.Body);
            Assert.Contains("accept this message request", hello.Body);
        }

        [Fact]
        public void Compose_EncodedForARecipient_OpensAsATextFromTheBeacon()
        {
            IdentityKeys beacon = IdentityKeys.FromSeed(RandomNumberGenerator.GetBytes(IdentityKeys.SeedSize));
            IdentityKeys recipient = IdentityKeys.FromSeed(RandomNumberGenerator.GetBytes(IdentityKeys.SeedSize));
            ContentMessage hello = HelloMessage.Compose("Beacon 1", false, At);
            byte[] payload = MessageEncoder.Encode(beacon, SessionId.Parse(recipient.SessionId), hello, new SystemRandom());

            IncomingMessage opened = new MessageReceiver(recipient).OpenStoreData(MessageEncoder.ToStoreData(payload));

            Assert.Equal(IncomingMessageKind.DataMessage, opened.Kind);
            Assert.Equal(beacon.SessionId, opened.SenderSessionId);
            Assert.Equal(hello.Body, opened.Body);
            Assert.Equal(At, opened.Timestamp);
        }

        [Fact]
        public void Compose_NoDeviceName_Throws()
        {
            Assert.Throws<ArgumentNullException>(() => HelloMessage.Compose(null, false, At));
            Assert.Throws<ArgumentException>(() => HelloMessage.Compose("", false, At));
        }
    }
}
