// Reads what is stored in our swarm's namespace 0 (docs/protocol.md §2.6, §6, §7 step 7):
//   base64 -> WebSocketMessage -> Envelope -> decrypt_incoming -> unpad -> Content,
// then checks Content.sigTimestamp == Envelope.timestamp (a zero or absent sigTimestamp is a legacy
// client's and accepted, as the apps do) and DataMessage.flags (0 or 2 only).
// v2 payloads (00 02 ...) and copies signed by our own key (sync copies) are recognised and
// returned as such, so a receive loop skips them without an exception. Everything else that is
// wrong is a MessageException naming the class and the problem; nothing half-decoded is returned.
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Encoding;
using Session.Core.Micro.Identity;

namespace Session.Core.Micro.Messages
{
    /// <summary>Opens stored 1-to-1 messages addressed to one account.</summary>
    public sealed class MessageReceiver
    {
        /// <summary>The first byte of a Session Protocol v2 payload (docs/protocol.md §6).</summary>
        public const byte Version2FirstByte = 0x00;

        /// <summary>The second byte of a Session Protocol v2 payload.</summary>
        public const byte Version2SecondByte = 0x02;

        private readonly IdentityKeys _keys;

        /// <summary>A receiver for messages addressed to <paramref name="keys"/>.</summary>
        /// <exception cref="System.ArgumentNullException"><paramref name="keys"/> is null.</exception>
        public MessageReceiver(IdentityKeys keys)
        {
            if (keys == null)
            {
                throw Errors.Null("keys");
            }
            _keys = keys;
        }

        /// <summary>Opens the base64 "data" of one retrieved item.</summary>
        /// <exception cref="System.ArgumentNullException"><paramref name="storeData"/> is null.</exception>
        /// <exception cref="MessageException">The item is not base64 (<see cref="MessageError.NotBase64"/>) or, decoded, fails as in <see cref="Open"/>.</exception>
        public IncomingMessage OpenStoreData(string storeData)
        {
            if (storeData == null)
            {
                throw Errors.Null("storeData");
            }
            // Four base64 characters per three bytes: refuse the oversized before decoding them.
            if (storeData.Length / 4 * 3 > MessageEncoder.MaxStoredSize + 3)
            {
                throw Errors.TooLarge(storeData.Length / 4 * 3, MessageEncoder.MaxStoredSize);
            }
            byte[] data;
            try
            {
                data = System.Convert.FromBase64String(storeData);
            }
            catch (System.FormatException)
            {
                throw Errors.NotBase64();
            }
            catch (System.ArgumentException)
            {
                throw Errors.NotBase64();
            }
            return Open(data);
        }

        /// <summary>Opens one stored payload (the WebSocketMessage bytes).</summary>
        /// <returns>The message, or a <see cref="IncomingMessageKind.Version2"/> / <see cref="IncomingMessageKind.OwnSyncCopy"/> item to skip.</returns>
        /// <exception cref="System.ArgumentNullException"><paramref name="data"/> is null.</exception>
        /// <exception cref="MessageException">The payload is too large, malformed, not for us, forged, badly padded or inconsistent; <see cref="MessageException.Error"/> says which.</exception>
        public IncomingMessage Open(byte[] data)
        {
            if (data == null)
            {
                throw Errors.Null("data");
            }
            if (data.Length > MessageEncoder.MaxStoredSize)
            {
                throw Errors.TooLarge(data.Length, MessageEncoder.MaxStoredSize);
            }
            if (data.Length >= 2 && data[0] == Version2FirstByte && data[1] == Version2SecondByte)
            {
                return new IncomingMessage(IncomingMessageKind.Version2, null, null, 0, null);
            }
            int envelopeCount;
            int envelopeOffset = WebSocketMessage.Unwrap(data, 0, data.Length, out envelopeCount);
            Envelope envelope = Envelope.Read(data, envelopeOffset, envelopeCount);

            byte[] senderEd25519 = new byte[Ed25519.PublicKeySize];
            byte[] senderX25519 = new byte[X25519.KeySize];
            int paddedLength;
            byte[] inner = MessageDecrypter.Open(_keys, data, envelope.ContentOffset, envelope.ContentCount, senderEd25519, senderX25519, out paddedLength);
            ContentMessage content;
            try
            {
                int contentLength = Padding.UnpaddedLength(inner, 0, paddedLength);
                content = ReadContent(inner, contentLength);
            }
            finally
            {
                CryptoBytes.Wipe(inner);
            }
            if (content.SigTimestamp != 0 && content.SigTimestamp != envelope.Timestamp)
            {
                throw Errors.TimestampMismatch(content.SigTimestamp, envelope.Timestamp);
            }
            if (content.HasDataMessage && content.Flags != 0 && content.Flags != ContentMessage.ExpirationTimerUpdateFlag)
            {
                throw Errors.UnknownFlags(content.Flags);
            }
            IncomingMessageKind kind;
            if (CryptoBytes.ConstantTimeEquals(senderEd25519, _keys.Ed25519PublicKey))
            {
                kind = IncomingMessageKind.OwnSyncCopy;
            }
            else
            {
                kind = content.HasDataMessage ? IncomingMessageKind.DataMessage : IncomingMessageKind.ControlMessage;
            }
            return new IncomingMessage(kind, SessionId.FromPublicKey(senderX25519), senderEd25519, envelope.Timestamp, content);
        }

        private static ContentMessage ReadContent(byte[] inner, int count)
        {
            try
            {
                return ContentMessage.Read(inner, 0, count);
            }
            catch (MalformedDataException error)
            {
                throw Errors.MalformedLayer("Content", error);
            }
        }
    }
}
