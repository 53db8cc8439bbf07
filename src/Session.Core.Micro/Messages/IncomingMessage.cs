// One stored item as MessageReceiver read it. Everything here was checked: the sender comes from
// the verified signature, the timestamp is the envelope's and matched Content.sigTimestamp when
// that was set. A Version2 item carries nothing but its kind.
namespace Session.Core.Micro.Messages
{
    /// <summary>A received message: its kind, verified sender, timestamp and content.</summary>
    public sealed class IncomingMessage
    {
        private readonly IncomingMessageKind _kind;
        private readonly string _senderSessionId;
        private readonly byte[] _senderEd25519PublicKey;
        private readonly long _timestamp;
        private readonly ContentMessage _content;

        internal IncomingMessage(IncomingMessageKind kind, string senderSessionId, byte[] senderEd25519PublicKey, long timestamp, ContentMessage content)
        {
            _kind = kind;
            _senderSessionId = senderSessionId;
            _senderEd25519PublicKey = senderEd25519PublicKey;
            _timestamp = timestamp;
            _content = content;
        }

        /// <summary>What the item is; only <see cref="IncomingMessageKind.DataMessage"/> is for display.</summary>
        public IncomingMessageKind Kind
        {
            get { return _kind; }
        }

        /// <summary>The sender's Session ID, from the key that signed the message; null for <see cref="IncomingMessageKind.Version2"/>.</summary>
        public string SenderSessionId
        {
            get { return _senderSessionId; }
        }

        /// <summary>The sender's Ed25519 key that signed the message; null for <see cref="IncomingMessageKind.Version2"/>.</summary>
        public byte[] SenderEd25519PublicKey
        {
            get { return _senderEd25519PublicKey; }
        }

        /// <summary>The envelope's timestamp in Unix milliseconds (equal to Content.sigTimestamp when that is set); 0 for Version2.</summary>
        public long Timestamp
        {
            get { return _timestamp; }
        }

        /// <summary>The decoded Content; null for <see cref="IncomingMessageKind.Version2"/>.</summary>
        public ContentMessage Content
        {
            get { return _content; }
        }

        /// <summary>The text of the DataMessage; null when there is none.</summary>
        public string Body
        {
            get { return _content == null ? null : _content.Body; }
        }
    }
}
