using System;
using System.Linq;
using System.Text.Json;
using Session.Core.Micro.Identity;
using Session.Core.Micro.Messages;
using Session.Core.Micro.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Session.Core.Micro.Tests.Messages
{
    // encrypt_for_recipient / decrypt_incoming (docs/protocol.md §2.2).
    public class MessageEncrypterTests
    {
        private readonly ITestOutputHelper _output;

        public MessageEncrypterTests(ITestOutputHelper output)
        {
            _output = output;
        }

        private static JsonElement Vector(string name) =>
            TestVectors.Json("session/session-upstream.json").GetProperty("vectors").EnumerateArray()
                .Single(v => v.GetProperty("name").GetString() == name);

        // session/session-upstream.json session_encrypt_deterministic: libsession tests/test_session_encrypt.cpp
        // "Session protocol deterministic encryption" (raw "hello", no padding).
        [Fact]
        public void EncryptDeterministic_UpstreamVector_ByteExact()
        {
            JsonElement vector = Vector("session_encrypt_deterministic");
            IdentityKeys sender = IdentityKeys.FromSeed(vector.Bytes("sender_ed25519_seed"));
            byte[] recipientWithPrefix = Convert.FromHexString(vector.Text("recipient_session_id"));
            byte[] message = System.Text.Encoding.UTF8.GetBytes(vector.Text("plaintext_text"));

            Assert.Equal(vector.Bytes("ciphertext"), MessageEncrypter.EncryptForRecipientDeterministic(sender, recipientWithPrefix, message));
            // The 33-byte Session ID form and the bare 32-byte key are the same recipient.
            Assert.Equal(vector.Bytes("ciphertext"), MessageEncrypter.EncryptForRecipientDeterministic(sender, recipientWithPrefix.Skip(1).ToArray(), message));
        }

        [Fact]
        public void DecryptIncoming_UpstreamVector_GivesHelloAndSender()
        {
            JsonElement vector = Vector("session_encrypt_deterministic");
            IdentityKeys recipient = IdentityKeys.FromSeed(vector.Bytes("recipient_ed25519_seed"));
            Assert.Equal(vector.Text("recipient_session_id"), recipient.SessionId);

            byte[] message = MessageDecrypter.DecryptIncoming(recipient, vector.Bytes("ciphertext"), out byte[] senderEd25519, out byte[] senderX25519);
            Assert.Equal(vector.Text("plaintext_text"), System.Text.Encoding.UTF8.GetString(message));
            Assert.Equal(vector.Bytes("expected_sender_ed25519"), senderEd25519);
            Assert.Equal(IdentityKeys.FromSeed(vector.Bytes("sender_ed25519_seed")).X25519PublicKey, senderX25519);
        }

        [Fact]
        public void EncryptForRecipient_Random_LibsodiumOpensAndVerifies_AndWeOpenLibsodiums()
        {
            var random = new SeededRandom(_output, nameof(MessageEncrypterTests));
            var source = new SeededRandomSource(random);
            for (int i = 0; i < 100; i++)
            {
                byte[] senderSeed = random.Bytes(32);
                byte[] recipientSeed = random.Bytes(32);
                IdentityKeys sender = IdentityKeys.FromSeed(senderSeed);
                IdentityKeys recipient = IdentityKeys.FromSeed(recipientSeed);
                byte[] message = random.Bytes(random.LengthFor(i));

                byte[] ours = MessageEncrypter.EncryptForRecipient(sender, recipient.X25519PublicKey, message, source);
                Assert.Equal(message.Length + MessageEncrypter.Overhead, ours.Length);
                byte[] inner = Sodium.SealedPublicKeyBox.Open(ours, recipient.X25519SecretKey, recipient.X25519PublicKey);
                Assert.Equal(message, inner.Take(message.Length).ToArray());
                Assert.Equal(sender.Ed25519PublicKey, inner.Skip(message.Length).Take(32).ToArray());
                byte[] signed = message.Concat(sender.Ed25519PublicKey).Concat(recipient.X25519PublicKey).ToArray();
                Assert.True(Sodium.PublicKeyAuth.VerifyDetached(inner.Skip(message.Length + 32).ToArray(), signed, sender.Ed25519PublicKey));

                byte[] theirs = IndependentSession.EncryptForRecipient(senderSeed, recipient.X25519PublicKey, message);
                Assert.Equal(message, MessageDecrypter.DecryptIncoming(recipient, theirs, out byte[] senderKey, out _));
                Assert.Equal(sender.Ed25519PublicKey, senderKey);
            }
        }

        [Fact]
        public void DecryptIncoming_Tampered_TypedErrors()
        {
            IdentityKeys sender = IdentityKeys.FromSeed(new byte[32]);
            IdentityKeys recipient = IdentityKeys.FromSeed(Enumerable.Repeat((byte)7, 32).ToArray());
            IdentityKeys other = IdentityKeys.FromSeed(Enumerable.Repeat((byte)9, 32).ToArray());
            byte[] ciphertext = MessageEncrypter.EncryptForRecipient(sender, recipient.X25519PublicKey, new byte[160], new FixedRandom(new byte[32].Select((b, i) => (byte)(i + 1)).ToArray()));

            Assert.Equal(MessageError.WrongLength, Assert.Throws<MessageException>(() =>
                MessageDecrypter.DecryptIncoming(recipient, new byte[MessageDecrypter.MinCiphertextLength - 1], out _, out _)).Error);
            Assert.Equal(MessageError.DecryptionFailed, Assert.Throws<MessageException>(() =>
                MessageDecrypter.DecryptIncoming(other, ciphertext, out _, out _)).Error);
            Assert.Equal(MessageError.DecryptionFailed, Assert.Throws<MessageException>(() =>
                MessageDecrypter.DecryptIncoming(recipient, Bits.Flip(ciphertext, 8 * 100), out _, out _)).Error);

            // Signed over another recipient's key, then sealed to us: opens, does not verify.
            byte[] inner = IndependentSession.SignedInner(new byte[32], other.X25519PublicKey, new byte[160]);
            byte[] resealed = Sodium.SealedPublicKeyBox.Create(inner, recipient.X25519PublicKey);
            var error = Assert.Throws<MessageException>(() => MessageDecrypter.DecryptIncoming(recipient, resealed, out _, out _));
            Assert.Equal(MessageError.BadSignature, error.Error);
            Assert.Equal("the sender's signature does not verify", error.Message);
        }

        [Fact]
        public void SealingKey_SealsOnce()
        {
            IdentityKeys recipient = IdentityKeys.FromSeed(Enumerable.Repeat((byte)7, 32).ToArray());
            byte[] ephemeralSecret = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
            byte[] ephemeralPublic = Sodium.ScalarMult.Base(ephemeralSecret);
            SealingKey key = SealingKey.Prepare(recipient.X25519PublicKey, ephemeralPublic, ephemeralSecret);
            byte[] message = new byte[10];
            byte[] sealedBox = new byte[10 + 48];
            key.Seal(sealedBox, 0, message, 0, message.Length);
            Assert.Equal(message, Sodium.SealedPublicKeyBox.Open(sealedBox, recipient.X25519SecretKey, recipient.X25519PublicKey));
            Assert.Equal(IndependentSession.SealWithEphemeral(message, recipient.X25519PublicKey, ephemeralSecret), sealedBox);
            var error = Assert.Throws<InvalidOperationException>(() => key.Seal(sealedBox, 0, message, 0, message.Length));
            Assert.Equal("a sealing key seals one message only; prepare a new one", error.Message);
        }

        [Fact]
        public void EncryptForRecipient_BadArguments_Throw()
        {
            IdentityKeys sender = IdentityKeys.FromSeed(new byte[32]);
            var random = new FixedRandom(new byte[64]);
            Assert.Throws<ArgumentNullException>(() => MessageEncrypter.EncryptForRecipient(null, new byte[32], new byte[1], random));
            Assert.Throws<ArgumentNullException>(() => MessageEncrypter.EncryptForRecipient(sender, null, new byte[1], random));
            Assert.Throws<ArgumentNullException>(() => MessageEncrypter.EncryptForRecipient(sender, new byte[32], null, random));
            Assert.Throws<ArgumentNullException>(() => MessageEncrypter.EncryptForRecipient(sender, new byte[32], new byte[1], null));
            var wrong = Assert.Throws<ArgumentException>(() => MessageEncrypter.EncryptForRecipient(sender, new byte[33], new byte[1], random));
            Assert.StartsWith("recipientPublicKey must be 32 bytes, or 33 starting 0x05", wrong.Message);
            // All zeros is a small-order point: no one could open the box.
            Assert.Throws<ArgumentException>(() => MessageEncrypter.EncryptForRecipient(sender, new byte[32], new byte[1], random));
        }
    }
}
