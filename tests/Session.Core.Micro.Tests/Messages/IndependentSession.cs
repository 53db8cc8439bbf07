using System;
using System.Linq;
using Google.Protobuf;
using Session.Core.Micro.Tests.Messages.Protocol;
using Session.Core.Micro.Tests.Support;
using Xunit;

namespace Session.Core.Micro.Tests.Messages
{
    /// <summary>
    /// A second implementation of docs/protocol.md §2 for the tests, built only from libsodium (Sodium.Core
    /// and direct calls) and Google.Protobuf with the schema in SessionMessages.proto. It never calls
    /// the core, so the core's output is checked against something written independently.
    /// </summary>
    public static class IndependentSession
    {
        public const int PaddingBlock = 160;

        /// <summary>What the independent receiver got out of a payload.</summary>
        public sealed class Opened
        {
            public WebSocketMessage WebSocketMessage;
            public Envelope Envelope;
            public Content Content;
            public string SenderSessionId;
            public byte[] SenderEd25519PublicKey;
            public byte[] PaddedContent;
        }

        /// <summary>
        /// A Content with a text data message, as a Session app would send it; a profile carries its last update
        /// (LokiProfile field 3, seconds), which SessionBeacon sets to the send time (docs/protocol.md §2.5).
        /// </summary>
        public static Content TextContent(string body, string displayName, ulong sigTimestamp)
        {
            var data = new DataMessage { Body = body };
            if (displayName != null)
            {
                data.Profile = new LokiProfile { DisplayName = displayName, LastUpdateSeconds = sigTimestamp / 1000 };
            }
            return new Content { DataMessage = data, SigTimestamp = sigTimestamp };
        }

        /// <summary>pad160 from docs/protocol.md §2.3: s = len + 1; s += 160 - s mod 160; content || 0x80 || zeros.</summary>
        public static byte[] Pad(byte[] content)
        {
            int size = content.Length + 1;
            size += PaddingBlock - size % PaddingBlock;
            byte[] padded = new byte[size];
            content.CopyTo(padded, 0);
            padded[content.Length] = 0x80;
            return padded;
        }

        /// <summary>unpad from docs/protocol.md §2.3: skip trailing zeros; drop a 0x80 there, else keep everything.</summary>
        public static byte[] Unpad(byte[] padded)
        {
            int i = padded.Length - 1;
            while (i >= 0 && padded[i] == 0)
            {
                i--;
            }
            return i >= 0 && padded[i] == 0x80 ? padded.Take(i).ToArray() : padded;
        }

        /// <summary>M || A || SIG with SIG = Ed25519(sender, M || A || Y), by libsodium.</summary>
        public static byte[] SignedInner(byte[] senderSeed, byte[] recipientX25519, byte[] message)
        {
            Sodium.KeyPair sender = Sodium.PublicKeyAuth.GenerateKeyPair(senderSeed);
            byte[] signature = Sodium.PublicKeyAuth.SignDetached(message.Concat(sender.PublicKey).Concat(recipientX25519).ToArray(), sender.PrivateKey);
            return message.Concat(sender.PublicKey).Concat(signature).ToArray();
        }

        /// <summary>encrypt_for_recipient with libsodium's own crypto_box_seal (random ephemeral key).</summary>
        public static byte[] EncryptForRecipient(byte[] senderSeed, byte[] recipientX25519, byte[] message) =>
            Sodium.SealedPublicKeyBox.Create(SignedInner(senderSeed, recipientX25519, message), recipientX25519);

        /// <summary>
        /// crypto_box_seal with the ephemeral secret given, from libsodium's parts: E || crypto_box_easy(inner,
        /// BLAKE2b-192(E || Y), e, Y). For byte-exact checks of output made with fixed randomness.
        /// </summary>
        public static byte[] SealWithEphemeral(byte[] inner, byte[] recipientX25519, byte[] ephemeralSecret)
        {
            byte[] ephemeralPublic = Sodium.ScalarMult.Base(ephemeralSecret);
            byte[] nonce = LibsodiumNative.Blake2b(24, null, null, null, ephemeralPublic.Concat(recipientX25519).ToArray());
            return ephemeralPublic.Concat(Sodium.PublicKeyBox.Create(inner, nonce, ephemeralSecret, recipientX25519)).ToArray();
        }

        /// <summary>The stored payload around a finished ciphertext: Envelope{6, t, 1, content, proSig} in WebSocketMessage{REQUEST, {"", "", body, 0}}.</summary>
        public static byte[] Wrap(byte[] ciphertext, ulong timestamp, byte[] proSignature)
        {
            var envelope = new Envelope
            {
                Type = Envelope.Types.Type.SessionMessage,
                Timestamp = timestamp,
                SourceDevice = 1,
                Content = ByteString.CopyFrom(ciphertext),
            };
            if (proSignature != null)
            {
                envelope.ProSig = ByteString.CopyFrom(proSignature);
            }
            return WrapEnvelope(envelope.ToByteArray());
        }

        public static byte[] WrapEnvelope(byte[] envelope)
        {
            var message = new WebSocketMessage
            {
                Type = WebSocketMessage.Types.Type.Request,
                Request = new WebSocketRequestMessage { Verb = "", Path = "", Body = ByteString.CopyFrom(envelope), RequestId = 0 },
            };
            return message.ToByteArray();
        }

        /// <summary>A whole payload as a Session app builds it: pad, sign, seal (libsodium), wrap (Google.Protobuf).</summary>
        public static byte[] Build(byte[] senderSeed, byte[] recipientX25519, Content content, ulong timestamp, byte[] proSignature) =>
            Wrap(EncryptForRecipient(senderSeed, recipientX25519, Pad(content.ToByteArray())), timestamp, proSignature);

        /// <summary>Opens a payload as a Session app does: parse, unseal, verify, convert the sender's key, unpad, parse.</summary>
        public static Opened Open(byte[] data, byte[] recipientSeed)
        {
            var opened = new Opened();
            opened.WebSocketMessage = WebSocketMessage.Parser.ParseFrom(data);
            Assert.Equal(WebSocketMessage.Types.Type.Request, opened.WebSocketMessage.Type);
            Assert.True(opened.WebSocketMessage.Request.HasBody);
            opened.Envelope = Envelope.Parser.ParseFrom(opened.WebSocketMessage.Request.Body);
            Assert.True(opened.Envelope.HasType && opened.Envelope.HasTimestamp && opened.Envelope.HasContent);

            Sodium.KeyPair recipient = Sodium.PublicKeyAuth.GenerateKeyPair(recipientSeed);
            byte[] recipientX25519 = Sodium.PublicKeyAuth.ConvertEd25519PublicKeyToCurve25519PublicKey(recipient.PublicKey);
            byte[] recipientX25519Secret = Sodium.PublicKeyAuth.ConvertEd25519SecretKeyToCurve25519SecretKey(recipient.PrivateKey);
            byte[] inner = Sodium.SealedPublicKeyBox.Open(opened.Envelope.Content.ToByteArray(), recipientX25519Secret, recipientX25519);

            int messageLength = inner.Length - 96;
            byte[] message = inner.Take(messageLength).ToArray();
            byte[] sender = inner.Skip(messageLength).Take(32).ToArray();
            byte[] signature = inner.Skip(messageLength + 32).ToArray();
            Assert.True(Sodium.PublicKeyAuth.VerifyDetached(signature, message.Concat(sender).Concat(recipientX25519).ToArray(), sender));

            opened.PaddedContent = message;
            opened.SenderEd25519PublicKey = sender;
            opened.SenderSessionId = "05" + Convert.ToHexString(Sodium.PublicKeyAuth.ConvertEd25519PublicKeyToCurve25519PublicKey(sender)).ToLowerInvariant();
            opened.Content = Content.Parser.ParseFrom(Unpad(message));
            return opened;
        }
    }
}
