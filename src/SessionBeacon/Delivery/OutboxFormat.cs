// The bytes of one outbox slot version, format 3 (docs/outbox.md, "Record layout"). Big-endian.
//   header H | CRC-32(H) | payload 0 | tag 0 | ... | payload n-1 | tag n-1 | H | CRC-32(H)
//   H = "SBOX" | format 3 | count u8 | flags u8 (1 = removed, 2 = held) | seq u32 | id[16] | kind u8 |
//       created i64 | ttl i64 | count x ( session id: 66 ASCII | state u8 | length u32 ) | count u8
//   state = 0 pending, 1 delivered, 2 waiting for a new pairing (its payload is the alert's text)
//   tag i = CRC-32( CRC-32(H) | i u8 | payload i )
// The header is written twice, and its count first and last, so that the first copy is found from
// the start of the value and the second from its end, each on its own. Every payload has its own
// check, bound to the header's (so to the version and the alert), so a damaged payload costs only
// that recipient, and a torn write (any prefix of the new bytes, or new bytes over an older value's
// start) is told from a whole one. A removed marker ("tombstone") has count 0: 2 x (45 + 4) bytes.
// The checks are CRC-32s, not hashes: they stand against flash damage, not against whoever can write
// the flash, and format 2's SHA-256s were most of what a press waited for (docs/performance.md).
// Limits: 255 recipients, payloads up to MessageEncoder.MaxStoredSize.
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Encoding;
using SessionBeacon.Storage;
using Session.Core.Micro.Identity;
using Session.Core.Micro.Messages;

namespace SessionBeacon.Delivery
{
    internal static class OutboxFormat
    {
        internal const byte Version = 3;
        private const byte RemovedFlag = 1;
        private const byte HeldFlag = 2;
        private const int CountAt = 5;
        private const int FixedSize = 4 + 1 + 1 + 1 + 4 + OutboxRecord.IdSize + 1 + 8 + 8 + 1;
        private const int PerRecipientSize = SessionId.TextLength + 1 + 4;
        private static readonly byte[] s_magic = { 0x53, 0x42, 0x4f, 0x58 };

        internal static byte[] Encode(OutboxRecord record, uint seq, bool removed)
        {
            int count = removed ? 0 : record.RecipientCount;
            byte[] header = Header(record, seq, removed, count);
            uint headerCheck = Crc32.Compute(header, 0, header.Length);
            int copy = header.Length + Crc32.Size;
            int size = 2 * copy;
            for (int i = 0; i < count; i++)
            {
                size += record.PayloadBytes(i).Length + Crc32.Size;
            }
            byte[] value = new byte[size];
            System.Array.Copy(header, value, header.Length);
            WriteUInt32(value, header.Length, headerCheck);
            int at = copy;
            for (int i = 0; i < count; i++)
            {
                byte[] payload = record.PayloadBytes(i);
                System.Array.Copy(payload, 0, value, at, payload.Length);
                at += payload.Length;
                WriteUInt32(value, at, Tag(headerCheck, i, payload, 0, payload.Length));
                at += Crc32.Size;
            }
            System.Array.Copy(value, 0, value, at, copy);
            return value;
        }

        // Whatever of value can be read; null when neither header copy holds (missing, foreign, or damaged in both).
        internal static OutboxCopy Decode(byte[] value)
        {
            if (value == null)
            {
                return null;
            }
            int firstSize = CopySizeFromStart(value);
            int lastSize = CopySizeFromEnd(value);
            bool first = firstSize > 0 && HeaderHolds(value, 0, firstSize);
            bool last = lastSize > 0 && HeaderHolds(value, value.Length - lastSize, lastSize);
            if (!first && !last)
            {
                return null;
            }
            // In a write torn over an older value the first copy is the newer one: it describes the payloads that follow it.
            int start = first ? 0 : value.Length - lastSize;
            int copy = first ? firstSize : lastSize;
            int headerSize = copy - Crc32.Size;
            uint headerCheck = ReadUInt32(value, start + headerSize);
            bool agree = first && last && firstSize == lastSize && headerCheck == ReadUInt32(value, value.Length - Crc32.Size);
            int count = value[start + CountAt];
            var recipients = new string[count];
            var states = new byte[count];
            var lengths = new int[count];
            int row = start + FixedSize - 1;
            for (int i = 0; i < count; i++)
            {
                recipients[i] = Utf8.Decode(value, row, SessionId.TextLength);
                states[i] = value[row + SessionId.TextLength];
                lengths[i] = (int)ReadUInt32(value, row + SessionId.TextLength + 1);
                row += PerRecipientSize;
            }
            var payloads = new byte[count][];
            int end = agree ? value.Length - copy : value.Length;
            int at = copy;
            bool complete = true;
            for (int i = 0; i < count; i++)
            {
                // The lengths come from a header whose hash holds, but a foreign writer could still claim too much.
                if (lengths[i] < 0 || lengths[i] > MessageEncoder.MaxStoredSize || at + lengths[i] + Crc32.Size > end)
                {
                    complete = false;
                    break;
                }
                if (Tag(headerCheck, i, value, at, lengths[i]) == ReadUInt32(value, at + lengths[i]))
                {
                    payloads[i] = new byte[lengths[i]];
                    System.Array.Copy(value, at, payloads[i], 0, lengths[i]);
                }
                else
                {
                    complete = false;
                }
                at += lengths[i] + Crc32.Size;
            }
            byte flags = value[start + 6];
            byte[] id = new byte[OutboxRecord.IdSize];
            System.Array.Copy(value, start + 11, id, 0, OutboxRecord.IdSize);
            return new OutboxCopy(ReadUInt32(value, start + 7), (flags & RemovedFlag) != 0, (flags & HeldFlag) != 0, id, (AlertKind)value[start + 27],
                ReadInt64(value, start + 28), ReadInt64(value, start + 36), recipients, states, payloads, agree && complete && at == end);
        }

        private static byte[] Header(OutboxRecord record, uint seq, bool removed, int count)
        {
            byte[] header = new byte[FixedSize + count * PerRecipientSize];
            System.Array.Copy(s_magic, header, 4);
            header[4] = Version;
            header[CountAt] = (byte)count;
            header[6] = (byte)((removed ? RemovedFlag : 0) | (record.IsHeld ? HeldFlag : 0));
            WriteUInt32(header, 7, seq);
            System.Array.Copy(record.IdBytes, 0, header, 11, OutboxRecord.IdSize);
            header[27] = (byte)record.Kind;
            WriteInt64(header, 28, record.CreatedMs);
            WriteInt64(header, 36, record.TtlMs);
            int at = FixedSize - 1;
            for (int i = 0; i < count; i++)
            {
                byte[] id = Utf8.Encode(record.RecipientId(i));
                System.Diagnostics.Debug.Assert(id.Length == SessionId.TextLength);
                System.Array.Copy(id, 0, header, at, SessionId.TextLength);
                header[at + SessionId.TextLength] = record.State(i);
                WriteUInt32(header, at + SessionId.TextLength + 1, (uint)record.PayloadBytes(i).Length);
                at += PerRecipientSize;
            }
            header[at] = (byte)count;
            return header;
        }

        // The size of the header copy (with its check) that the count at the start of value announces; 0 when it cannot be there.
        private static int CopySizeFromStart(byte[] value)
        {
            if (value.Length <= CountAt)
            {
                return 0;
            }
            int size = FixedSize + value[CountAt] * PerRecipientSize + Crc32.Size;
            return size <= value.Length ? size : 0;
        }

        // The same for the copy at the end of value, whose count is its last byte before the hash.
        private static int CopySizeFromEnd(byte[] value)
        {
            if (value.Length < Crc32.Size + 1)
            {
                return 0;
            }
            int size = FixedSize + value[value.Length - Crc32.Size - 1] * PerRecipientSize + Crc32.Size;
            return size <= value.Length ? size : 0;
        }

        // True when the copy at start holds: its check, the magic, the format and both counts.
        private static bool HeaderHolds(byte[] value, int start, int copy)
        {
            int headerSize = copy - Crc32.Size;
            return Crc32.Compute(value, start, headerSize) == ReadUInt32(value, start + headerSize)
                && CryptoBytes.ConstantTimeEquals(s_magic, 0, value, start, 4) && value[start + 4] == Version
                && value[start + CountAt] == value[start + headerSize - 1] && (value[start + 6] & ~(RemovedFlag | HeldFlag)) == 0;
        }

        // CRC-32( CRC-32(H) | index | payload ): the header's check and the index written out first.
        private static uint Tag(uint headerCheck, int index, byte[] payload, int offset, int count)
        {
            byte[] prefix = new byte[Crc32.Size + 1];
            WriteUInt32(prefix, 0, headerCheck);
            prefix[Crc32.Size] = (byte)index;
            return Crc32.Update(Crc32.Compute(prefix, 0, prefix.Length), payload, offset, count);
        }

        private static void WriteUInt32(byte[] buffer, int at, uint value)
        {
            buffer[at] = (byte)(value >> 24);
            buffer[at + 1] = (byte)(value >> 16);
            buffer[at + 2] = (byte)(value >> 8);
            buffer[at + 3] = (byte)value;
        }

        private static void WriteInt64(byte[] buffer, int at, long value)
        {
            WriteUInt32(buffer, at, (uint)((ulong)value >> 32));
            WriteUInt32(buffer, at + 4, (uint)value);
        }

        private static uint ReadUInt32(byte[] buffer, int at)
        {
            return ((uint)buffer[at] << 24) | ((uint)buffer[at + 1] << 16) | ((uint)buffer[at + 2] << 8) | buffer[at + 3];
        }

        private static long ReadInt64(byte[] buffer, int at)
        {
            return (long)(((ulong)ReadUInt32(buffer, at) << 32) | ReadUInt32(buffer, at + 4));
        }
    }
}
