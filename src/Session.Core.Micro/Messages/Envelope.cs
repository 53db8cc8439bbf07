// Session's Envelope (docs/protocol.md §2.1, §2.4), the unencrypted wrapper around a sealed message:
//   Envelope { type(1) = SESSION_MESSAGE 6, timestamp(5), sourceDevice(7) = 1, content(8), proSig(11) }
// written as 08 06 28 <ts> 38 01 42 <len> <content> 5a 40 <64 bytes>. source(2) is not set for
// 1-to-1 messages, and a receiver never trusts it: the sender comes from the signature inside.
// Reading checks what receivers require (§2.6): type and timestamp present (proto2 required),
// type 6, content present; proSig, when present, must be 64 bytes. Unknown fields are skipped.
// The content is not copied: Read returns where it lies in the caller's array.
using Session.Core.Micro.Encoding;

namespace Session.Core.Micro.Messages
{
    /// <summary>The fields of an Envelope that a 1-to-1 receiver uses, and the writer of an outgoing one.</summary>
    internal sealed class Envelope
    {
        /// <summary>Envelope.type of a 1-to-1 message.</summary>
        public const int SessionMessageType = 6;

        /// <summary>The sourceDevice value senders write.</summary>
        public const uint SourceDevice = 1;

        /// <summary>Bytes of proSig: a Session Pro signature, or the decoy non-Pro senders write.</summary>
        public const int ProSignatureSize = 64;

        private const int FieldType = 1;
        private const int FieldTimestamp = 5;
        private const int FieldSourceDevice = 7;
        private const int FieldContent = 8;
        private const int FieldProSignature = 11;

        private readonly long _timestamp;
        private readonly int _contentOffset;
        private readonly int _contentCount;

        private Envelope(long timestamp, int contentOffset, int contentCount)
        {
            _timestamp = timestamp;
            _contentOffset = contentOffset;
            _contentCount = contentCount;
        }

        /// <summary>The send time in Unix milliseconds, as the envelope states it (not authenticated by itself).</summary>
        public long Timestamp
        {
            get { return _timestamp; }
        }

        /// <summary>Where the content (the sealed message) starts in the array the envelope was read from.</summary>
        public int ContentOffset
        {
            get { return _contentOffset; }
        }

        /// <summary>The number of bytes of content.</summary>
        public int ContentCount
        {
            get { return _contentCount; }
        }

        /// <summary>The exact size of an envelope written by <see cref="WriteStart"/> and <see cref="WriteProSignature"/>.</summary>
        public static int EncodedSize(long timestamp, int contentLength)
        {
            return 2                                                              // 08 06
                + 1 + ProtobufWriter.VarintSize((ulong)timestamp)                 // 28 <ts>
                + 2                                                               // 38 01
                + 1 + ProtobufWriter.VarintSize((uint)contentLength) + contentLength
                + 2 + ProSignatureSize;                                           // 5a 40 <sig>
        }

        /// <summary>
        /// Writes type, timestamp and sourceDevice, then the content field's tag and length, and reserves
        /// <paramref name="contentLength"/> bytes for the content. Returns where they start in the
        /// writer's buffer; the caller fills them (sealing straight into place), then calls <see cref="WriteProSignature"/>.
        /// </summary>
        internal static int WriteStart(ProtobufWriter writer, long timestamp, int contentLength)
        {
            writer.WriteEnum(FieldType, SessionMessageType);
            writer.WriteUInt64(FieldTimestamp, (ulong)timestamp);
            writer.WriteUInt32(FieldSourceDevice, SourceDevice);
            return writer.ReserveBytes(FieldContent, contentLength);
        }

        /// <summary>Writes the proSig field's tag and length and reserves its 64 bytes; returns where they start.</summary>
        internal static int WriteProSignature(ProtobufWriter writer)
        {
            return writer.ReserveBytes(FieldProSignature, ProSignatureSize);
        }

        /// <summary>Reads an envelope from <paramref name="count"/> bytes of <paramref name="data"/> at <paramref name="offset"/>.</summary>
        /// <exception cref="MessageException">
        /// The envelope is not protobuf (<see cref="MessageError.MalformedProtobuf"/>), lacks type, timestamp or
        /// content (<see cref="MessageError.MissingField"/>), is not type 6 (<see cref="MessageError.NotSessionMessage"/>),
        /// or has a proSig that is not 64 bytes (<see cref="MessageError.WrongLength"/>).
        /// </exception>
        internal static Envelope Read(byte[] data, int offset, int count)
        {
            bool hasType = false;
            int type = 0;
            bool hasTimestamp = false;
            ulong timestamp = 0;
            int contentOffset = -1;
            int contentCount = 0;
            try
            {
                var reader = new ProtobufReader(data, offset, count);
                while (reader.Next())
                {
                    switch (reader.FieldNumber)
                    {
                        case FieldType:
                            hasType = true;
                            type = reader.ReadEnum();
                            break;
                        case FieldTimestamp:
                            hasTimestamp = true;
                            timestamp = reader.ReadUInt64();
                            break;
                        case FieldContent:
                            contentOffset = reader.ReadLengthDelimited(out contentCount);
                            break;
                        case FieldProSignature:
                            int proSignatureCount;
                            reader.ReadLengthDelimited(out proSignatureCount);
                            if (proSignatureCount != ProSignatureSize)
                            {
                                throw Errors.ProSignatureLength(proSignatureCount);
                            }
                            break;
                    }
                }
            }
            catch (MalformedDataException error)
            {
                throw Errors.MalformedLayer("envelope", error);
            }
            if (!hasType)
            {
                throw Errors.MissingField("envelope", "type");
            }
            if (!hasTimestamp)
            {
                throw Errors.MissingField("envelope", "timestamp");
            }
            if (contentOffset < 0)
            {
                throw Errors.MissingField("envelope", "content");
            }
            if (type != SessionMessageType)
            {
                throw Errors.NotSessionMessage(type);
            }
            return new Envelope(ContentMessage.Timestamp(timestamp, "envelope timestamp"), contentOffset, contentCount);
        }
    }
}
