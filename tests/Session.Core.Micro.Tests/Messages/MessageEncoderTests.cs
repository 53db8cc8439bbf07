using System;
using System.Linq;
using Google.Protobuf;
using Session.Core.Micro.Identity;
using Session.Core.Micro.Messages;
using Session.Core.Micro.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Session.Core.Micro.Tests.Messages
{
    // The stored payload (docs/protocol.md §2.1, §2.5), byte for byte.
    public class MessageEncoderTests
    {
        // identity_seed_A sends to identity_seed_B (session/session-upstream.json).
        private static readonly byte[] s_senderSeed = Convert.FromHexString("0123456789abcdef0123456789abcdef00000000000000000000000000000000");
        private static readonly byte[] s_recipientSeed = Convert.FromHexString("00112233445566778899aabbccddeeff00000000000000000000000000000000");
        private const string RecipientId = "05aa654f00fc39fc69fd0db829410ca38177d7732a8d2f0934ab3872ac56d5aa74";
        private const long Timestamp = 1764237600123;
        // A 200-byte alert, the size docs/performance.md reports.
        private const string Body = "PANIC: I need help now. Location: 52.5200 N, 13.4050 E (Berlin), accuracy 12 m, battery 81 %. Button held at 10:20:00 UTC. Sent by my SessionBeacon; call me or the police if I do not answer within 5 m";
        private const string DeviceName = "SessionBeacon";

        private readonly ITestOutputHelper _output;

        public MessageEncoderTests(ITestOutputHelper output)
        {
            _output = output;
        }

        // Fixed randomness: 32 bytes of ephemeral secret, then 64 + 64 bytes for the decoy's r and S.
        private static byte[] FixedRandomBytes()
        {
            byte[] bytes = new byte[32 + 128];
            new Random(4).NextBytes(bytes);
            return bytes;
        }

        [Fact]
        public void EncodePrepared_SameRandomness_ByteIdenticalToEncode_AndOpensWithLibsodium()
        {
            // Pre-arming: SealingKey.Create then DecoyProSignature.Write draw the randomness
            // Encode draws, in the same order, so the prepared path builds the same bytes.
            IdentityKeys sender = IdentityKeys.FromSeed(s_senderSeed);
            IdentityKeys recipientKeys = IdentityKeys.FromSeed(s_recipientSeed);
            var content = new ContentMessage(Body, DeviceName, Timestamp);
            byte[] expected = MessageEncoder.Encode(sender, recipientKeys.X25519PublicKey, content, new FixedRandom(FixedRandomBytes()));
            var random = new FixedRandom(FixedRandomBytes());
            SealingKey seal = SealingKey.Create(SessionId.Parse(recipientKeys.SessionId), random);
            byte[] proSignature = new byte[DecoyProSignature.Size];
            DecoyProSignature.Write(proSignature, 0, random);
            Assert.False(seal.IsUsed);
            byte[] payload = MessageEncoder.Encode(sender, content, seal, proSignature);
            Assert.True(seal.IsUsed);
            Assert.Equal(expected, payload);
            var opened = IndependentSession.Open(payload, s_recipientSeed);
            Assert.Equal(Body, opened.Content.DataMessage.Body);
            Assert.Equal(sender.SessionId, opened.SenderSessionId);
            Assert.Equal(proSignature, opened.Envelope.ProSig.ToByteArray());
        }

        [Fact]
        public void EncodePrepared_BadArguments_AndSecondUse_Refused()
        {
            IdentityKeys sender = IdentityKeys.FromSeed(s_senderSeed);
            var content = new ContentMessage("x", null, Timestamp);
            var random = new FixedRandom(FixedRandomBytes());
            SealingKey seal = SealingKey.Create(SessionId.Parse(RecipientId), random);
            Assert.Throws<ArgumentNullException>(() => SealingKey.Create(null, random));
            Assert.Throws<ArgumentNullException>(() => SealingKey.Create(SessionId.Parse(RecipientId), null));
            Assert.Throws<ArgumentException>(() => SealingKey.Create(new byte[31], random));
            Assert.Throws<ArgumentNullException>(() => MessageEncoder.Encode(sender, content, null, new byte[64]));
            Assert.Throws<ArgumentNullException>(() => MessageEncoder.Encode(sender, content, seal, null));
            Assert.Throws<ArgumentException>(() => MessageEncoder.Encode(sender, content, seal, new byte[63]));
            Assert.False(seal.IsUsed);
            MessageEncoder.Encode(sender, content, seal, new byte[64]);
            Assert.Throws<InvalidOperationException>(() => MessageEncoder.Encode(sender, content, seal, new byte[64]));
        }

        [Fact]
        public void Encode_FixedRandomness_EveryFieldAsProtocolMdLaysItOut()
        {
            IdentityKeys sender = IdentityKeys.FromSeed(s_senderSeed);
            byte[] recipient = SessionId.Parse(RecipientId);
            byte[] random = FixedRandomBytes();
            byte[] payload = MessageEncoder.Encode(sender, recipient, new ContentMessage(Body, DeviceName, Timestamp), new FixedRandom(random));
            _output.WriteLine("payload (" + payload.Length + " bytes): " + Convert.ToHexString(payload).ToLowerInvariant());

            // WebSocketMessage = 08 01 12 <len> request
            var at = new Cursor(payload);
            at.Expect(0x08, 0x01, 0x12);
            int requestLength = (int)at.Varint();
            Assert.Equal(payload.Length, at.Position + requestLength);

            // request = 0a 00 12 00 1a <len> <envelope> 20 00
            at.Expect(0x0a, 0x00, 0x12, 0x00, 0x1a);
            int envelopeLength = (int)at.Varint();
            Assert.Equal(payload.Length - 2, at.Position + envelopeLength);
            Assert.Equal(new byte[] { 0x20, 0x00 }, payload.Skip(payload.Length - 2).ToArray());

            // envelope = 08 06 28 <varint ts> 38 01 42 <len> <ciphertext> 5a 40 <proSig>
            at.Expect(0x08, 0x06, 0x28);
            Assert.Equal((ulong)Timestamp, at.Varint());
            at.Expect(0x38, 0x01, 0x42);
            int ciphertextLength = (int)at.Varint();
            byte[] ciphertext = at.Take(ciphertextLength);
            at.Expect(0x5a, 0x40);
            byte[] proSig = at.Take(64);
            Assert.Equal(payload.Length - 2, at.Position);

            // content = crypto_box_seal(pad160(Content) || A || SIG, Y) with the fixed ephemeral key, rebuilt by libsodium.
            byte[] content = IndependentSession.TextContent(Body, DeviceName, (ulong)Timestamp).ToByteArray();
            byte[] padded = IndependentSession.Pad(content);
            Assert.Equal(200, Body.Length);
            Assert.Equal(320, padded.Length);
            Assert.Equal(padded.Length + 96 + 48, ciphertextLength);
            byte[] inner = IndependentSession.SignedInner(s_senderSeed, recipient, padded);
            Assert.Equal(IndependentSession.SealWithEphemeral(inner, recipient, random.Take(32).ToArray()), ciphertext);

            // proSig = decoy: R = r B, S = s, r and s the random 64-byte values reduced mod L (libsodium).
            byte[] r = LibsodiumNative.Ed25519ScalarReduce(random.Skip(32).Take(64).ToArray());
            Assert.Equal(LibsodiumNative.Ed25519ScalarMultBaseNoClamp(r), proSig.Take(32).ToArray());
            Assert.Equal(LibsodiumNative.Ed25519ScalarReduce(random.Skip(96).Take(64).ToArray()), proSig.Skip(32).ToArray());

            // And the whole payload is what Google.Protobuf writes for the same fields.
            Assert.Equal(IndependentSession.Wrap(ciphertext, (ulong)Timestamp, proSig), payload);
        }

        [Fact]
        public void Encode_FixedRandomness_ContentLayout()
        {
            // Content = 0a <len> { 0a <len> body, aa 06 <len> { 0a <len> name, 18 <lastUpdateSeconds> } } 78 <sigTimestamp>
            var content = new ContentMessage(Body, DeviceName, Timestamp);
            var buffer = new Session.Core.Micro.Encoding.ByteBuffer(0);
            content.WriteTo(new Session.Core.Micro.Encoding.ProtobufWriter(buffer));
            byte[] bytes = buffer.ToArray();
            Assert.Equal(content.EncodedSize(), bytes.Length);

            var at = new Cursor(bytes);
            at.Expect(0x0a);
            int dataEnd = (int)at.Varint() + at.Position;
            at.Expect(0x0a);
            Assert.Equal(Body, System.Text.Encoding.UTF8.GetString(at.Take((int)at.Varint())));
            at.Expect(0xaa, 0x06);
            at.Varint();
            at.Expect(0x0a);
            Assert.Equal(DeviceName, System.Text.Encoding.UTF8.GetString(at.Take((int)at.Varint())));
            at.Expect(0x18);
            Assert.Equal((ulong)Timestamp / 1000, at.Varint());
            Assert.Equal(dataEnd, at.Position);
            at.Expect(0x78);
            Assert.Equal((ulong)Timestamp, at.Varint());
            Assert.Equal(bytes.Length, at.Position);
        }

        [Fact]
        public void Encode_StoreData_IsStandardPaddedBase64()
        {
            IdentityKeys sender = IdentityKeys.FromSeed(s_senderSeed);
            byte[] payload = MessageEncoder.Encode(sender, SessionId.Parse(RecipientId), new ContentMessage("x", null, Timestamp), new FixedRandom(FixedRandomBytes()));
            string data = MessageEncoder.ToStoreData(payload);
            Assert.Equal(Convert.ToBase64String(payload), data);
            Assert.Equal(payload, Convert.FromBase64String(data));
        }

        [Fact]
        public void Encode_DrawsExactly160RandomBytes()
        {
            IdentityKeys sender = IdentityKeys.FromSeed(s_senderSeed);
            var random = new FixedRandom(FixedRandomBytes());
            MessageEncoder.Encode(sender, SessionId.Parse(RecipientId), new ContentMessage("x", null, Timestamp), random);
            // Nothing left: one more byte would fail.
            Assert.Throws<InvalidOperationException>(() => random.Fill(new byte[1], 0, 1));
        }

        [Fact]
        public void Encode_PayloadSizeMatchesOutput_ForManyBodies()
        {
            IdentityKeys sender = IdentityKeys.FromSeed(s_senderSeed);
            byte[] recipient = SessionId.Parse(RecipientId);
            foreach (int length in new[] { 0, 1, 100, 127, 128, 130, 150, 159, 160, 161, 300, 1000, 16383, 16384, 70000 })
            {
                var content = new ContentMessage(new string('a', length), length % 2 == 0 ? null : "n", Timestamp);
                byte[] payload = MessageEncoder.Encode(sender, recipient, content, new FixedRandom(FixedRandomBytes()));
                Assert.Equal(MessageEncoder.PayloadSize(content), payload.Length);
            }
        }

        // A minimum padded size: contents of different lengths leave in one size, and a libsodium-based reader
        // that unpads as the apps do (any zeros, then the marker) reads each back whole.
        [Fact]
        public void Encode_MinimumPaddedSize_OneSizeForShortAndLongBodies_EachOpensWhole()
        {
            IdentityKeys sender = IdentityKeys.FromSeed(s_senderSeed);
            IdentityKeys recipientKeys = IdentityKeys.FromSeed(s_recipientSeed);
            int size = -1;
            foreach (int length in new[] { 0, 1, 158, 159, 300, 400, 440 })
            {
                string body = new string('b', length);
                var content = new ContentMessage(body, DeviceName, Timestamp) { MinimumPaddedSize = 3 * Padding.BlockSize };
                byte[] payload = MessageEncoder.Encode(sender, recipientKeys.X25519PublicKey, content, new FixedRandom(FixedRandomBytes()));
                Assert.Equal(MessageEncoder.PayloadSize(content), payload.Length);
                size = size < 0 ? payload.Length : size;
                Assert.Equal(size, payload.Length);
                var opened = IndependentSession.Open(payload, s_recipientSeed);
                Assert.Equal(3 * Padding.BlockSize, opened.PaddedContent.Length);
                Assert.Equal(body, opened.Content.DataMessage.Body);
            }
        }

        // The minimum never shrinks: a longer Content is padded as usual, and 0 (the default) is Session's padding.
        [Fact]
        public void Encode_MinimumPaddedSize_BelowTheUsualPadding_ChangesNothing()
        {
            IdentityKeys sender = IdentityKeys.FromSeed(s_senderSeed);
            byte[] recipient = SessionId.Parse(RecipientId);
            var usual = new ContentMessage(Body, DeviceName, Timestamp);
            var smaller = new ContentMessage(Body, DeviceName, Timestamp) { MinimumPaddedSize = Padding.BlockSize };
            Assert.Equal(0, usual.MinimumPaddedSize);
            Assert.Equal(
                MessageEncoder.Encode(sender, recipient, usual, new FixedRandom(FixedRandomBytes())),
                MessageEncoder.Encode(sender, recipient, smaller, new FixedRandom(FixedRandomBytes())));
        }

        [Fact]
        public void Content_MinimumPaddedSize_NotAMultipleOf160_NegativeOrPastTheSwarmLimit_Refused()
        {
            var content = new ContentMessage("x", null, Timestamp);
            foreach (int bad in new[] { -160, 1, 159, 161, 76_960 })
            {
                Assert.Equal("value", Assert.Throws<ArgumentException>(() => content.MinimumPaddedSize = bad).ParamName);
            }
            Assert.Equal(0, content.MinimumPaddedSize);
            content.MinimumPaddedSize = 480;
            Assert.Equal(480, content.MinimumPaddedSize);
        }

        // A minimum that would pass the swarm's limit is refused like a long message.
        [Fact]
        public void Encode_MinimumPaddedSizeAtTheSwarmLimit_TooLarge()
        {
            var content = new ContentMessage("x", null, Timestamp) { MinimumPaddedSize = 76_800 };
            Assert.Equal(MessageError.TooLarge, Assert.Throws<MessageException>(() => MessageEncoder.PayloadSize(content)).Error);
        }

        [Fact]
        public void Encode_TooLarge_TypedError()
        {
            IdentityKeys sender = IdentityKeys.FromSeed(s_senderSeed);
            var content = new ContentMessage(new string('a', 76_700), null, Timestamp);
            var error = Assert.Throws<MessageException>(() =>
                MessageEncoder.Encode(sender, SessionId.Parse(RecipientId), content, new FixedRandom(FixedRandomBytes())));
            Assert.Equal(MessageError.TooLarge, error.Error);
            Assert.Matches("^message payload is [0-9]+ bytes, a swarm stores at most 76800$", error.Message);
        }

        [Fact]
        public void Content_BadArguments_Throw()
        {
            Assert.Throws<ArgumentNullException>(() => new ContentMessage(null, null, Timestamp));
            Assert.Throws<ArgumentException>(() => new ContentMessage("x", null, 0));
            Assert.Throws<ArgumentException>(() => new ContentMessage("\ud800", null, Timestamp));
            Assert.Throws<ArgumentException>(() => new ContentMessage("x", "\udc00", Timestamp));
            Assert.Throws<ArgumentException>(() => new ContentMessage("x", null, Timestamp, ExpirationType.DeleteAfterSend, 0));
            Assert.Throws<ArgumentException>(() => new ContentMessage("x", null, Timestamp, ExpirationType.Unknown, 60));
            Assert.Throws<ArgumentException>(() => new ContentMessage("x", null, Timestamp, (ExpirationType)3, 60));
        }

        [Fact]
        public void Content_RandomFields_SameBytesAsGoogleProtobuf()
        {
            var random = new SeededRandom(_output, nameof(Content_RandomFields_SameBytesAsGoogleProtobuf));
            for (int i = 0; i < 300; i++)
            {
                string body = ProtobufField.RandomText(random, random.Next(3) == 0 ? random.Next(3) : random.Next(400));
                string name = random.Next(3) == 0 ? null : ProtobufField.RandomText(random, random.Next(40));
                long timestamp = 1 + (long)(BitConverter.ToUInt64(random.Bytes(8), 0) >> (1 + random.Next(63)));
                var type = (ExpirationType)random.Next(3);
                uint timer = type == ExpirationType.Unknown ? 0 : 1 + (uint)random.Next(int.MaxValue);
                var ours = new ContentMessage(body, name, timestamp, type, timer);
                var buffer = new Session.Core.Micro.Encoding.ByteBuffer(0);
                ours.WriteTo(new Session.Core.Micro.Encoding.ProtobufWriter(buffer));

                var theirs = IndependentSession.TextContent(body, name, (ulong)timestamp);
                if (type != ExpirationType.Unknown)
                {
                    theirs.ExpirationType = (Protocol.Content.Types.ExpirationType)type;
                    theirs.ExpirationTimer = timer;
                }
                Assert.Equal(theirs.ToByteArray(), buffer.ToArray());
                Assert.Equal(buffer.Length, ours.EncodedSize());
            }
        }

        /// <summary>Walks a byte array as docs/protocol.md writes layouts.</summary>
        private sealed class Cursor
        {
            private readonly byte[] _data;

            public Cursor(byte[] data)
            {
                _data = data;
            }

            public int Position { get; private set; }

            public void Expect(params byte[] bytes)
            {
                Assert.Equal(bytes, _data.Skip(Position).Take(bytes.Length).ToArray());
                Position += bytes.Length;
            }

            // Little-endian groups of 7 bits, high bit = more (protobuf encoding guide).
            public ulong Varint()
            {
                ulong value = 0;
                for (int shift = 0; ; shift += 7)
                {
                    byte b = _data[Position++];
                    value |= (ulong)(b & 0x7f) << shift;
                    if (b < 0x80)
                    {
                        return value;
                    }
                }
            }

            public byte[] Take(int count)
            {
                byte[] bytes = _data.Skip(Position).Take(count).ToArray();
                Assert.Equal(count, bytes.Length);
                Position += count;
                return bytes;
            }
        }
    }
}
