using System;
using System.IO;
using System.Linq;
using Google.Protobuf;
using Session.Core.Micro.Identity;
using Session.Core.Micro.Messages;
using Session.Core.Micro.Tests.Messages.Protocol;
using Session.Core.Micro.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Session.Core.Micro.Tests.Messages
{
    // MessageReceiver on everything a swarm can hand back (docs/protocol.md §2.6, §6, §7): one test per
    // class of malformed input, the items a receive loop skips, and random damage.
    public class MessageReceiverTests
    {
        private const ulong Sent = 1764237600000;

        private static readonly byte[] s_senderSeed = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        private static readonly byte[] s_recipientSeed = Enumerable.Range(101, 32).Select(i => (byte)i).ToArray();
        private static readonly IdentityKeys s_sender = IdentityKeys.FromSeed(s_senderSeed);
        private static readonly IdentityKeys s_recipient = IdentityKeys.FromSeed(s_recipientSeed);

        private readonly ITestOutputHelper _output;

        public MessageReceiverTests(ITestOutputHelper output)
        {
            _output = output;
        }

        private static MessageException Refused(byte[] payload, MessageError error)
        {
            var exception = Assert.Throws<MessageException>(() => new MessageReceiver(s_recipient).Open(payload));
            Assert.Equal(error, exception.Error);
            return exception;
        }

        // A payload whose sealed, signed message is the given (already padded or not) bytes.
        private static byte[] WithMessage(byte[] message, ulong timestamp = Sent) =>
            IndependentSession.Wrap(IndependentSession.EncryptForRecipient(s_senderSeed, s_recipient.X25519PublicKey, message), timestamp, new byte[64]);

        private static byte[] WithContent(Content content, ulong timestamp = Sent) => WithMessage(IndependentSession.Pad(content.ToByteArray()), timestamp);

        private static byte[] Valid() => WithContent(IndependentSession.TextContent("help", "Bob", Sent));

        // An envelope with exactly the given fields, written field by field (proto2 required fields may be left out).
        private static byte[] RawEnvelope(int? type, ulong? timestamp, byte[] content, byte[] proSig = null)
        {
            var stream = new MemoryStream();
            var output = new CodedOutputStream(stream);
            if (type.HasValue)
            {
                output.WriteTag(1, WireFormat.WireType.Varint);
                output.WriteEnum(type.Value);
            }
            if (timestamp.HasValue)
            {
                output.WriteTag(5, WireFormat.WireType.Varint);
                output.WriteUInt64(timestamp.Value);
            }
            if (content != null)
            {
                output.WriteTag(8, WireFormat.WireType.LengthDelimited);
                output.WriteBytes(ByteString.CopyFrom(content));
            }
            if (proSig != null)
            {
                output.WriteTag(11, WireFormat.WireType.LengthDelimited);
                output.WriteBytes(ByteString.CopyFrom(proSig));
            }
            output.Flush();
            return stream.ToArray();
        }

        private static byte[] Ciphertext() => IndependentSession.EncryptForRecipient(s_senderSeed, s_recipient.X25519PublicKey, IndependentSession.Pad(IndependentSession.TextContent("x", null, Sent).ToByteArray()));

        [Fact]
        public void Open_Valid_GivesBodySenderTimestamp()
        {
            IncomingMessage message = new MessageReceiver(s_recipient).Open(Valid());
            Assert.Equal(IncomingMessageKind.DataMessage, message.Kind);
            Assert.Equal("help", message.Body);
            Assert.Equal("Bob", message.Content.DisplayName);
            Assert.Equal((long)Sent / 1000, message.Content.ProfileUpdateSeconds);
            Assert.Equal(s_sender.SessionId, message.SenderSessionId);
            Assert.Equal((long)Sent, message.Timestamp);
        }

        [Fact]
        public void OpenStoreData_NotBase64_TypedError()
        {
            var receiver = new MessageReceiver(s_recipient);
            foreach (string data in new[] { "not base64!", "abc", "CAESAA=" })
            {
                var error = Assert.Throws<MessageException>(() => receiver.OpenStoreData(data));
                Assert.Equal(MessageError.NotBase64, error.Error);
                Assert.Equal("stored data is not valid base64", error.Message);
            }
        }

        [Fact]
        public void Open_TooLarge_TypedError()
        {
            MessageException error = Refused(new byte[MessageEncoder.MaxStoredSize + 1], MessageError.TooLarge);
            Assert.Equal("message payload is 76801 bytes, a swarm stores at most 76800", error.Message);
            var fromBase64 = Assert.Throws<MessageException>(() => new MessageReceiver(s_recipient).OpenStoreData(new string('A', 102_408)));
            Assert.Equal(MessageError.TooLarge, fromBase64.Error);
            // The limit itself is still read (and here fails later, as the zeros are no WebSocketMessage).
            Assert.NotEqual(MessageError.TooLarge, Assert.Throws<MessageException>(() => new MessageReceiver(s_recipient).Open(new byte[MessageEncoder.MaxStoredSize])).Error);
        }

        [Fact]
        public void Open_TruncatedProtobuf_EachLayer_TypedError()
        {
            byte[] valid = Valid();
            MessageException outer = Refused(valid.Take(valid.Length - 1).ToArray(), MessageError.MalformedProtobuf);
            Assert.StartsWith("WebSocketMessage: protobuf: length ", outer.Message);
            Assert.IsType<Session.Core.Micro.Encoding.MalformedDataException>(outer.InnerException);

            MessageException envelope = Refused(IndependentSession.WrapEnvelope(new byte[] { 0x08, 0x06, 0x28, 0x80 }), MessageError.MalformedProtobuf);
            Assert.Equal("envelope: protobuf: truncated varint at byte 13", envelope.Message);

            // A Content cut in the middle of its dataMessage, padded and sealed correctly.
            byte[] content = IndependentSession.TextContent("help me", null, Sent).ToByteArray();
            MessageException inner = Refused(WithMessage(IndependentSession.Pad(content.Take(5).ToArray())), MessageError.MalformedProtobuf);
            Assert.StartsWith("Content: protobuf: length ", inner.Message);
        }

        [Fact]
        public void Open_InvalidProtobufValues_TypedError()
        {
            // Body bytes that are not UTF-8: 0a 03 { 0a 01 ff }.
            byte[] badUtf8 = { 0x0a, 0x03, 0x0a, 0x01, 0xff };
            Assert.StartsWith("Content: UTF-8: byte 0xff never starts a character", Refused(WithMessage(IndependentSession.Pad(badUtf8)), MessageError.MalformedProtobuf).Message);
            // The envelope's timestamp sent as bytes instead of a varint.
            byte[] wrongType = { 0x08, 0x06, 0x2a, 0x01, 0x00 };
            Assert.StartsWith("envelope: protobuf: field 5 has wire type 2", Refused(IndependentSession.WrapEnvelope(wrongType), MessageError.MalformedProtobuf).Message);
            // sigTimestamp beyond what a long holds.
            var content = IndependentSession.TextContent("x", null, ulong.MaxValue);
            Assert.Equal("Content.sigTimestamp is above 2^63 - 1 ms", Refused(WithContent(content), MessageError.MalformedProtobuf).Message);
            Assert.Equal("envelope timestamp is above 2^63 - 1 ms",
                Refused(IndependentSession.WrapEnvelope(RawEnvelope(6, ulong.MaxValue, Ciphertext())), MessageError.MalformedProtobuf).Message);
        }

        [Fact]
        public void Open_MissingFields_TypedError()
        {
            Assert.Equal("WebSocketMessage has no request",
                Refused(new Protocol.WebSocketMessage { Type = Protocol.WebSocketMessage.Types.Type.Request }.ToByteArray(), MessageError.MissingField).Message);
            Assert.Equal("WebSocketMessage request has no body",
                Refused(new Protocol.WebSocketMessage { Type = Protocol.WebSocketMessage.Types.Type.Request, Request = new WebSocketRequestMessage { Verb = "" } }.ToByteArray(), MessageError.MissingField).Message);
            Assert.Equal("envelope has no type", Refused(IndependentSession.WrapEnvelope(RawEnvelope(null, Sent, Ciphertext())), MessageError.MissingField).Message);
            Assert.Equal("envelope has no timestamp", Refused(IndependentSession.WrapEnvelope(RawEnvelope(6, null, Ciphertext())), MessageError.MissingField).Message);
            Assert.Equal("envelope has no content", Refused(IndependentSession.WrapEnvelope(RawEnvelope(6, Sent, null)), MessageError.MissingField).Message);
        }

        [Fact]
        public void Open_ClosedGroupEnvelope_TypedError()
        {
            Assert.Equal("envelope type is 7, a 1-to-1 message has type 6",
                Refused(IndependentSession.WrapEnvelope(RawEnvelope(7, Sent, Ciphertext())), MessageError.NotSessionMessage).Message);
        }

        [Fact]
        public void Open_WrongLengths_TypedError()
        {
            Assert.Equal("envelope content is 143 bytes, a signed sealed message needs at least 144",
                Refused(IndependentSession.WrapEnvelope(RawEnvelope(6, Sent, new byte[143])), MessageError.WrongLength).Message);
            Assert.Equal("envelope proSig is 63 bytes, not 64",
                Refused(IndependentSession.WrapEnvelope(RawEnvelope(6, Sent, Ciphertext(), new byte[63])), MessageError.WrongLength).Message);
            // A sealed box exactly as long as the minimum holds an empty message, which is not valid padding.
            byte[] empty = IndependentSession.Wrap(IndependentSession.EncryptForRecipient(s_senderSeed, s_recipient.X25519PublicKey, new byte[0]), Sent, null);
            Assert.Equal("padded message is empty", Refused(empty, MessageError.BadPadding).Message);
        }

        [Fact]
        public void Open_FailedMac_TypedError()
        {
            byte[] valid = Valid();
            Protocol.Envelope envelope = IndependentSession.Open(valid, s_recipientSeed).Envelope;
            byte[] content = envelope.Content.ToByteArray();
            content[40] ^= 1;
            Assert.Equal("decryption failed: the sealed box is damaged or not addressed to this Session ID",
                Refused(IndependentSession.Wrap(content, Sent, null), MessageError.DecryptionFailed).Message);
            // Addressed to someone else.
            IdentityKeys other = IdentityKeys.FromSeed(new byte[32]);
            byte[] toOther = IndependentSession.Build(s_senderSeed, other.X25519PublicKey, IndependentSession.TextContent("x", null, Sent), Sent, null);
            Refused(toOther, MessageError.DecryptionFailed);
        }

        [Fact]
        public void Open_BadSignature_TypedError()
        {
            // Signed for another recipient (M || A || Y' with Y' not ours), then sealed to us: the forwarding attack.
            IdentityKeys other = IdentityKeys.FromSeed(new byte[32]);
            byte[] padded = IndependentSession.Pad(IndependentSession.TextContent("x", null, Sent).ToByteArray());
            byte[] forwarded = Sodium.SealedPublicKeyBox.Create(IndependentSession.SignedInner(s_senderSeed, other.X25519PublicKey, padded), s_recipient.X25519PublicKey);
            Assert.Equal("the sender's signature does not verify", Refused(IndependentSession.Wrap(forwarded, Sent, null), MessageError.BadSignature).Message);
            // A flipped bit in the signature or in the message.
            byte[] inner = IndependentSession.SignedInner(s_senderSeed, s_recipient.X25519PublicKey, padded);
            foreach (int bit in new[] { 0, 8 * (inner.Length - 1), 8 * (inner.Length - 64) + 3 })
            {
                byte[] sealedBox = Sodium.SealedPublicKeyBox.Create(Bits.Flip(inner, bit), s_recipient.X25519PublicKey);
                Refused(IndependentSession.Wrap(sealedBox, Sent, null), MessageError.BadSignature);
            }
        }

        [Fact]
        public void Open_SenderKeyOutsidePrimeOrderGroup_TypedError()
        {
            // A = a B + T with T of order 8, and a signature that still verifies because 8 divides its
            // hash scalar k (so k T vanishes): A passes the signature check but has no X25519 form.
            byte[] torsion = Convert.FromHexString("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a");
            var random = new Random(8);
            byte[] a = LibsodiumNative.Ed25519ScalarReduce(Bytes(random, 64));
            byte[] publicKey = LibsodiumNative.Ed25519Add(LibsodiumNative.Ed25519ScalarMultBaseNoClamp(a), torsion);
            byte[] padded = IndependentSession.Pad(IndependentSession.TextContent("x", null, Sent).ToByteArray());
            byte[] signed = padded.Concat(publicKey).Concat(s_recipient.X25519PublicKey).ToArray();
            byte[] signature;
            while (true)
            {
                byte[] r = LibsodiumNative.Ed25519ScalarReduce(Bytes(random, 64));
                byte[] encodedR = LibsodiumNative.Ed25519ScalarMultBaseNoClamp(r);
                byte[] k = LibsodiumNative.Ed25519ScalarReduce(System.Security.Cryptography.SHA512.HashData(encodedR.Concat(publicKey).Concat(signed).ToArray()));
                if ((k[0] & 7) == 0)
                {
                    signature = encodedR.Concat(LibsodiumNative.Ed25519ScalarMulAdd(k, a, r)).ToArray();
                    break;
                }
            }
            Assert.True(Session.Core.Micro.Crypto.Ed25519.Verify(signature, signed, publicKey));
            byte[] sealedBox = Sodium.SealedPublicKeyBox.Create(padded.Concat(publicKey).Concat(signature).ToArray(), s_recipient.X25519PublicKey);
            Assert.Equal("the sender's Ed25519 key has no X25519 form", Refused(IndependentSession.Wrap(sealedBox, Sent, null), MessageError.InvalidSenderKey).Message);
        }

        [Fact]
        public void Open_BadPadding_TypedError()
        {
            Assert.Equal("padded message is 160 zero bytes, no content", Refused(WithMessage(new byte[160]), MessageError.BadPadding).Message);
            byte[] noMarker = IndependentSession.TextContent("x", null, Sent).ToByteArray().Concat(new byte[100]).ToArray();
            Assert.StartsWith("zero padding follows byte 0x", Refused(WithMessage(noMarker), MessageError.BadPadding).Message);
        }

        [Fact]
        public void Open_UnpaddedContent_Accepted()
        {
            // Clients do not enforce padding (docs/protocol.md §2.3): a Content sent bare still reads.
            IncomingMessage message = new MessageReceiver(s_recipient).Open(WithMessage(IndependentSession.TextContent("bare", null, Sent).ToByteArray()));
            Assert.Equal("bare", message.Body);
        }

        [Fact]
        public void Open_SigTimestampDiffers_TypedError()
        {
            Assert.Equal("Content.sigTimestamp 1764237600000 differs from the envelope timestamp 1764237600001",
                Refused(WithContent(IndependentSession.TextContent("x", null, Sent), Sent + 1), MessageError.TimestampMismatch).Message);
        }

        [Fact]
        public void Open_NoSigTimestamp_AcceptedAsLegacy_WithEnvelopeTime()
        {
            var content = new Content { DataMessage = new DataMessage { Body = "old client" } };
            IncomingMessage message = new MessageReceiver(s_recipient).Open(WithContent(content, Sent));
            Assert.Equal("old client", message.Body);
            Assert.Equal((long)Sent, message.Timestamp);
            Assert.Equal(0, message.Content.SigTimestamp);
        }

        [Fact]
        public void Open_UnknownFlags_TypedError_TimerUpdateAccepted()
        {
            var content = IndependentSession.TextContent("x", null, Sent);
            content.DataMessage.Flags = 1;
            Assert.Equal("DataMessage.flags is 1, only 0 and 2 (expiration timer update) exist", Refused(WithContent(content), MessageError.UnknownFlags).Message);
            content.DataMessage.Flags = 2;
            Assert.Equal(ContentMessage.ExpirationTimerUpdateFlag, new MessageReceiver(s_recipient).Open(WithContent(content)).Content.Flags);
        }

        [Fact]
        public void Open_Version2Payload_RecognisedAndSkipped()
        {
            var random = new Random(2);
            byte[] v2 = new byte[] { 0x00, 0x02 }.Concat(Bytes(random, 1534)).ToArray();
            var receiver = new MessageReceiver(s_recipient);
            IncomingMessage message = receiver.OpenStoreData(Convert.ToBase64String(v2));
            Assert.Equal(IncomingMessageKind.Version2, message.Kind);
            Assert.Null(message.Content);
            Assert.Null(message.SenderSessionId);
        }

        [Fact]
        public void Open_OwnSyncCopy_RecognisedAndSkipped()
        {
            // The copy a sender stores in its own swarm: sealed to itself, syncTarget = the real recipient.
            var content = IndependentSession.TextContent("to Bob", null, Sent);
            content.DataMessage.SyncTarget = s_sender.SessionId;
            byte[] copy = IndependentSession.Build(s_recipientSeed, s_recipient.X25519PublicKey, content, Sent, null);
            IncomingMessage message = new MessageReceiver(s_recipient).Open(copy);
            Assert.Equal(IncomingMessageKind.OwnSyncCopy, message.Kind);
            Assert.Equal(s_recipient.SessionId, message.SenderSessionId);
            Assert.Equal(s_sender.SessionId, message.Content.SyncTarget);

            // And one the core itself made for its own swarm.
            byte[] ours = MessageEncoder.Encode(s_recipient, s_recipient.X25519PublicKey, new ContentMessage("note", null, (long)Sent), new FixedRandom(new byte[160].Select((b, i) => (byte)(i * 7 + 1)).ToArray()));
            Assert.Equal(IncomingMessageKind.OwnSyncCopy, new MessageReceiver(s_recipient).Open(ours).Kind);
        }

        [Fact]
        public void Open_TypingIndicator_IsControlMessage()
        {
            var content = new Content { TypingMessage = new TypingMessage { Timestamp = Sent, Action = TypingMessage.Types.Action.Started }, SigTimestamp = Sent };
            IncomingMessage message = new MessageReceiver(s_recipient).Open(WithContent(content));
            Assert.Equal(IncomingMessageKind.ControlMessage, message.Kind);
            Assert.False(message.Content.HasDataMessage);
            Assert.Null(message.Body);
            Assert.Equal(s_sender.SessionId, message.SenderSessionId);
        }

        [Fact]
        public void Open_EnvelopeSourceIgnored_SenderFromSignature()
        {
            var envelope = Protocol.Envelope.Parser.ParseFrom(IndependentSession.Open(Valid(), s_recipientSeed).WebSocketMessage.Request.Body);
            envelope.Source = IdentityKeys.FromSeed(new byte[32]).SessionId;
            IncomingMessage message = new MessageReceiver(s_recipient).Open(IndependentSession.WrapEnvelope(envelope.ToByteArray()));
            Assert.Equal(s_sender.SessionId, message.SenderSessionId);
        }

        [Fact]
        public void Open_EveryTruncationAndRandomBitFlips_OnlyTypedErrors()
        {
            var random = new SeededRandom(_output, nameof(Open_EveryTruncationAndRandomBitFlips_OnlyTypedErrors));
            byte[] valid = MessageEncoder.Encode(s_sender, s_recipient.X25519PublicKey, new ContentMessage("help", "Bob", (long)Sent), new SeededRandomSource(random));
            var receiver = new MessageReceiver(s_recipient);
            int refused = 0;
            for (int length = 0; length < valid.Length; length++)
            {
                Assert.Throws<MessageException>(() => receiver.Open(valid.Take(length).ToArray()));
                refused++;
            }
            int accepted = 0;
            foreach (int bit in Bits.Positions(valid.Length, random).Take(400))
            {
                byte[] damaged = Bits.Flip(valid, bit);
                try
                {
                    IncomingMessage message = receiver.Open(damaged);
                    // Only the unauthenticated decoy proSig may change without consequence.
                    Assert.Equal("help", message.Body);
                    Assert.Equal(s_sender.SessionId, message.SenderSessionId);
                    Assert.Equal((long)Sent, message.Timestamp);
                    accepted++;
                }
                catch (MessageException)
                {
                    refused++;
                }
            }
            _output.WriteLine("refused " + refused + ", accepted (proSig bits) " + accepted);
        }

        [Fact]
        public void Open_CoreMessageWithExpiration_RoundTrips()
        {
            var content = new ContentMessage("gone in a minute", "Beacon", (long)Sent, ExpirationType.DeleteAfterSend, 60);
            byte[] payload = MessageEncoder.Encode(s_sender, s_recipient.X25519PublicKey, content, new FixedRandom(new byte[160]));
            IncomingMessage message = new MessageReceiver(s_recipient).Open(payload);
            Assert.Equal("gone in a minute", message.Body);
            Assert.Equal("Beacon", message.Content.DisplayName);
            Assert.Equal(ExpirationType.DeleteAfterSend, message.Content.ExpirationType);
            Assert.Equal(60u, message.Content.ExpirationTimer);
            Protocol.Content theirs = IndependentSession.Open(payload, s_recipientSeed).Content;
            Assert.Equal(Protocol.Content.Types.ExpirationType.DeleteAfterSend, theirs.ExpirationType);
            Assert.Equal(60u, theirs.ExpirationTimer);
        }

        [Fact]
        public void NullArguments_Throw()
        {
            Assert.Throws<ArgumentNullException>(() => new MessageReceiver(null));
            Assert.Throws<ArgumentNullException>(() => new MessageReceiver(s_recipient).Open(null));
            Assert.Throws<ArgumentNullException>(() => new MessageReceiver(s_recipient).OpenStoreData(null));
        }

        private static byte[] Bytes(Random random, int count)
        {
            byte[] bytes = new byte[count];
            random.NextBytes(bytes);
            return bytes;
        }
    }
}
