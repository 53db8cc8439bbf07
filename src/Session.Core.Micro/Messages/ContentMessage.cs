// Session's Content message (docs/protocol.md §2.4, §2.5), the plaintext of every 1-to-1 message:
//   Content { dataMessage(1) { body(1), flags(4), profile(101) { displayName(1), lastUpdateSeconds(3) },
//             syncTarget(105) }, expirationType(12), expirationTimer(13), sigTimestamp(15) }
// Only these fields are written or read; others in incoming messages (attachments, quotes, Pro
// proofs, ...) are skipped. Fields are written in field-number order, as the apps' encoders do:
// 0a <len> [0a <len> body] [aa 06 <len> 0a <len> name 18 <seconds>] [60 type 68 timer] 78 <sigTimestamp>.
// A profile's last update is the send time in seconds: the name comes from the device's
// configuration, which may have changed at any start, so it is current as of every message, and
// apps that take a profile only with a last update newer than the one they hold then take it.
// EncodedSize is computed from the same rules, so a sender can allocate the exact buffer once.
// MinimumPaddedSize is not part of the Content: it asks the encoder (MessageEncoder) for more zero
// padding after the marker, so that messages of different lengths leave in one size (receivers
// walk back over any number of zeros, docs/protocol.md §2.3).
using Session.Core.Micro.Encoding;

namespace Session.Core.Micro.Messages
{
    /// <summary>A Content message: a text data message with an optional profile name, its signed timestamp and disappearing timer.</summary>
    public sealed class ContentMessage
    {
        /// <summary>The one DataMessage.flags value besides 0 that the apps accept: an expiration timer update.</summary>
        public const uint ExpirationTimerUpdateFlag = 2;

        private const int ContentDataMessage = 1;
        private const int ContentExpirationType = 12;
        private const int ContentExpirationTimer = 13;
        private const int ContentSigTimestamp = 15;
        private const int DataBody = 1;
        private const int DataFlags = 4;
        private const int DataProfile = 101;
        private const int DataSyncTarget = 105;
        private const int ProfileDisplayName = 1;
        private const int ProfileLastUpdateSeconds = 3;
        private const long MillisecondsPerSecond = 1000;

        // Tag sizes: fields 1 to 15 take one byte, 101 and 105 two.
        private const int ShortTag = 1;
        private const int LongTag = 2;

        private bool _hasDataMessage;
        private string _body;
        private string _displayName;
        private long _profileUpdateSeconds;
        // The two texts as UTF-8, made once (EncodeTexts): sizing the Content and writing it would
        // otherwise each walk the strings again.
        private byte[] _bodyUtf8;
        private byte[] _displayNameUtf8;
        private string _syncTarget;
        private uint _flags;
        private long _sigTimestamp;
        private ExpirationType _expirationType;
        private uint _expirationTimer;
        private int _minimumPaddedSize;

        /// <summary>A visible text message without a disappearing timer.</summary>
        /// <param name="body">The text shown; may be empty.</param>
        /// <param name="displayName">The sender's profile name, or null to send no profile.</param>
        /// <param name="sigTimestamp">The send time in Unix milliseconds; the envelope carries the same value.</param>
        /// <exception cref="System.ArgumentNullException"><paramref name="body"/> is null.</exception>
        /// <exception cref="System.ArgumentException">A text has a lone surrogate, or <paramref name="sigTimestamp"/> is not positive.</exception>
        public ContentMessage(string body, string displayName, long sigTimestamp)
            : this(body, displayName, sigTimestamp, ExpirationType.Unknown, 0)
        {
        }

        /// <summary>A visible text message that disappears <paramref name="expirationTimerSeconds"/> after it is read or sent.</summary>
        /// <param name="body">The text shown; may be empty.</param>
        /// <param name="displayName">The sender's profile name, or null to send no profile.</param>
        /// <param name="sigTimestamp">The send time in Unix milliseconds; the envelope carries the same value.</param>
        /// <param name="expirationType">The timer mode; <see cref="ExpirationType.Unknown"/> for none.</param>
        /// <param name="expirationTimerSeconds">The timer; 0 with <see cref="ExpirationType.Unknown"/>.</param>
        /// <exception cref="System.ArgumentNullException"><paramref name="body"/> is null.</exception>
        /// <exception cref="System.ArgumentException">
        /// A text has a lone surrogate, <paramref name="sigTimestamp"/> is not positive, or the timer does not match the mode.
        /// </exception>
        public ContentMessage(string body, string displayName, long sigTimestamp, ExpirationType expirationType, uint expirationTimerSeconds)
        {
            if (body == null)
            {
                throw Errors.Null("body");
            }
            if (sigTimestamp <= 0)
            {
                throw Errors.Range("sigTimestamp");
            }
            if (expirationType < ExpirationType.Unknown || expirationType > ExpirationType.DeleteAfterSend
                || (expirationType == ExpirationType.Unknown) != (expirationTimerSeconds == 0))
            {
                throw Errors.ExpirationMismatch();
            }
            _hasDataMessage = true;
            _body = body;
            _displayName = displayName;
            // Encoding checks the texts for lone surrogates now, not halfway through writing.
            EncodeTexts();
            _sigTimestamp = sigTimestamp;
            _profileUpdateSeconds = displayName == null ? 0 : sigTimestamp / MillisecondsPerSecond;
            _expirationType = expirationType;
            _expirationTimer = expirationTimerSeconds;
        }

        private ContentMessage()
        {
        }

        /// <summary>Whether the Content holds a DataMessage; false for receipts, typing indicators and other control messages.</summary>
        public bool HasDataMessage
        {
            get { return _hasDataMessage; }
        }

        /// <summary>The text of the DataMessage; null when there is none.</summary>
        public string Body
        {
            get { return _body; }
        }

        /// <summary>The sender's profile name; null when the message carries none.</summary>
        public string DisplayName
        {
            get { return _displayName; }
        }

        /// <summary>The profile's last update (LokiProfile field 3), Unix seconds: the send time for a Content made with a profile name; as read for one read (0 when absent); written whenever the profile is.</summary>
        public long ProfileUpdateSeconds
        {
            get { return _profileUpdateSeconds; }
        }

        /// <summary>DataMessage.syncTarget: set on the copy a sender stores for its own devices; null otherwise.</summary>
        public string SyncTarget
        {
            get { return _syncTarget; }
        }

        /// <summary>DataMessage.flags; 0 for an ordinary message.</summary>
        public uint Flags
        {
            get { return _flags; }
        }

        /// <summary>The signed send time in Unix milliseconds; 0 when absent (legacy clients).</summary>
        public long SigTimestamp
        {
            get { return _sigTimestamp; }
        }

        /// <summary>The disappearing-message mode.</summary>
        public ExpirationType ExpirationType
        {
            get { return _expirationType; }
        }

        /// <summary>The disappearing-message timer in seconds; 0 for none.</summary>
        public uint ExpirationTimer
        {
            get { return _expirationTimer; }
        }

        /// <summary>
        /// The least padded size the encoder gives this Content: 0 (the default) for Session's usual
        /// 160-byte steps, else a multiple of <see cref="Padding.BlockSize"/>; a longer Content is padded as usual.
        /// </summary>
        /// <exception cref="System.ArgumentException">The value is negative, not a multiple of 160, or above MessageEncoder.MaxStoredSize.</exception>
        public int MinimumPaddedSize
        {
            get { return _minimumPaddedSize; }
            set
            {
                if (value < 0 || value > MessageEncoder.MaxStoredSize || value % Padding.BlockSize != 0)
                {
                    throw Errors.Range("value");
                }
                _minimumPaddedSize = value;
            }
        }

        /// <summary>The exact number of bytes <see cref="WriteTo"/> writes.</summary>
        public int EncodedSize()
        {
            EncodeTexts();
            int data = FieldSize(ShortTag, _bodyUtf8.Length);
            if (_displayNameUtf8 != null)
            {
                data += FieldSize(LongTag, FieldSize(ShortTag, _displayNameUtf8.Length) + ShortTag + ProtobufWriter.VarintSize((ulong)_profileUpdateSeconds));
            }
            int size = FieldSize(ShortTag, data);
            if (_expirationType != ExpirationType.Unknown)
            {
                size += ShortTag + ProtobufWriter.VarintSize((ulong)_expirationType);
                size += ShortTag + ProtobufWriter.VarintSize(_expirationTimer);
            }
            size += ShortTag + ProtobufWriter.VarintSize((ulong)_sigTimestamp);
            return size;
        }

        /// <summary>Writes the Content's fields (not wrapped in a field of its own) to <paramref name="writer"/>.</summary>
        /// <exception cref="System.ArgumentNullException"><paramref name="writer"/> is null.</exception>
        public void WriteTo(ProtobufWriter writer)
        {
            if (writer == null)
            {
                throw Errors.Null("writer");
            }
            EncodeTexts();
            int data = writer.BeginMessage(ContentDataMessage);
            writer.WriteBytes(DataBody, _bodyUtf8);
            if (_displayNameUtf8 != null)
            {
                int profile = writer.BeginMessage(DataProfile);
                writer.WriteBytes(ProfileDisplayName, _displayNameUtf8);
                writer.WriteUInt64(ProfileLastUpdateSeconds, (ulong)_profileUpdateSeconds);
                writer.EndMessage(profile);
            }
            writer.EndMessage(data);
            if (_expirationType != ExpirationType.Unknown)
            {
                writer.WriteEnum(ContentExpirationType, (int)_expirationType);
                writer.WriteUInt32(ContentExpirationTimer, _expirationTimer);
            }
            writer.WriteUInt64(ContentSigTimestamp, (ulong)_sigTimestamp);
        }

        /// <summary>Reads a Content from <paramref name="count"/> bytes of <paramref name="data"/> at <paramref name="offset"/>; unknown fields are skipped.</summary>
        /// <exception cref="MalformedDataException">The bytes are not protobuf, a field has the wrong wire type, or a text is not UTF-8.</exception>
        /// <exception cref="MessageException">Error <see cref="MessageError.MalformedProtobuf"/>: sigTimestamp is above 2^63 - 1.</exception>
        internal static ContentMessage Read(byte[] data, int offset, int count)
        {
            var content = new ContentMessage();
            var reader = new ProtobufReader(data, offset, count);
            while (reader.Next())
            {
                switch (reader.FieldNumber)
                {
                    case ContentDataMessage:
                        content._hasDataMessage = true;
                        content.ReadDataMessage(reader.ReadMessage());
                        break;
                    case ContentExpirationType:
                        content._expirationType = (ExpirationType)reader.ReadEnum();
                        break;
                    case ContentExpirationTimer:
                        content._expirationTimer = reader.ReadUInt32();
                        break;
                    case ContentSigTimestamp:
                        content._sigTimestamp = Timestamp(reader.ReadUInt64(), "Content.sigTimestamp");
                        break;
                }
            }
            return content;
        }

        /// <summary>A uint64 timestamp as a long; above 2^63 - 1 is malformed.</summary>
        internal static long Timestamp(ulong value, string field)
        {
            if (value > long.MaxValue)
            {
                throw Errors.TimestampOutOfRange(field);
            }
            return (long)value;
        }

        private void ReadDataMessage(ProtobufReader reader)
        {
            while (reader.Next())
            {
                switch (reader.FieldNumber)
                {
                    case DataBody:
                        _body = reader.ReadString();
                        break;
                    case DataFlags:
                        _flags = reader.ReadUInt32();
                        break;
                    case DataProfile:
                        ReadProfile(reader.ReadMessage());
                        break;
                    case DataSyncTarget:
                        _syncTarget = reader.ReadString();
                        break;
                }
            }
        }

        private void ReadProfile(ProtobufReader reader)
        {
            while (reader.Next())
            {
                if (reader.FieldNumber == ProfileDisplayName)
                {
                    _displayName = reader.ReadString();
                }
                else if (reader.FieldNumber == ProfileLastUpdateSeconds)
                {
                    // Only informative here: a value past 2^63 - 1 reads as none rather than refusing the message.
                    ulong seconds = reader.ReadUInt64();
                    _profileUpdateSeconds = seconds > long.MaxValue ? 0 : (long)seconds;
                }
            }
        }

        // A Content built by a constructor has its texts' UTF-8 from the start; one read from a
        // message gets it here, when it is sized or written again.
        private void EncodeTexts()
        {
            if (_bodyUtf8 != null)
            {
                return;
            }
            _bodyUtf8 = Utf8.Encode(_body);
            if (_displayName != null)
            {
                _displayNameUtf8 = Utf8.Encode(_displayName);
            }
        }

        // A length-delimited field: tag, length varint, bytes.
        private static int FieldSize(int tagSize, int length)
        {
            return tagSize + ProtobufWriter.VarintSize((uint)length) + length;
        }
    }
}
