// The bytes of one outbox slot version (docs/outbox.md). Big-endian, then a SHA-256 over all of it,
// so a torn write (any prefix of the new bytes, or the old bytes with new ones over their start)
// is recognised and ignored rather than read as an alert:
//   "SBOX" | format 1 | flags (1 = removed, 2 = held) | seq u32 | id[16] | kind u8 | created i64 | ttl i64 |
//   count u8 | count x ( session id: 66 ASCII | delivered u8 | length u32 | payload ) | SHA-256[32]
// A removed marker ("tombstone") has count 0. Limits: 255 recipients, payloads up to
// MessageEncoder.MaxStoredSize.
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Encoding;
using Session.Core.Micro.Identity;
using Session.Core.Micro.Messages;

namespace SessionBeacon.Delivery
{
    internal static class OutboxFormat
    {
        internal const byte Version = 1;
        private const byte RemovedFlag = 1;
        private const byte HeldFlag = 2;
        private const int HeaderSize = 4 + 1 + 1 + 4 + OutboxRecord.IdSize + 1 + 8 + 8 + 1;
        private const int PerRecipientSize = SessionId.TextLength + 1 + 4;
        private static readonly byte[] s_magic = { 0x53, 0x42, 0x4f, 0x58 };

        internal static byte[] Encode(OutboxRecord record, uint seq, bool removed)
        {
            int count = removed ? 0 : record.RecipientCount;
            int size = HeaderSize + Sha256.HashSize;
            for (int i = 0; i < count; i++)
            {
                size += PerRecipientSize + record.PayloadBytes(i).Length;
            }
            byte[] value = new byte[size];
            System.Array.Copy(s_magic, value, 4);
            value[4] = Version;
            value[5] = (byte)((removed ? RemovedFlag : 0) | (record.IsHeld ? HeldFlag : 0));
            WriteUInt32(value, 6, seq);
            System.Array.Copy(record.IdBytes, 0, value, 10, OutboxRecord.IdSize);
            value[26] = (byte)record.Kind;
            WriteInt64(value, 27, record.CreatedMs);
            WriteInt64(value, 35, record.TtlMs);
            value[43] = (byte)count;
            int at = HeaderSize;
            for (int i = 0; i < count; i++)
            {
                byte[] id = Utf8.Encode(record.RecipientId(i));
                System.Diagnostics.Debug.Assert(id.Length == SessionId.TextLength);
                System.Array.Copy(id, 0, value, at, SessionId.TextLength);
                at += SessionId.TextLength;
                value[at++] = record.IsDeliveredTo(i) ? (byte)1 : (byte)0;
                byte[] payload = record.PayloadBytes(i);
                WriteUInt32(value, at, (uint)payload.Length);
                at += 4;
                System.Array.Copy(payload, 0, value, at, payload.Length);
                at += payload.Length;
            }
            Sha256.Hash(value, at, value, 0, at);
            return value;
        }

        // False for anything that is not a complete, intact version: missing, torn, foreign or corrupt.
        internal static bool TryDecode(byte[] value, out uint seq, out bool removed, out OutboxRecord record)
        {
            seq = 0;
            removed = false;
            record = null;
            if (value == null || value.Length < HeaderSize + Sha256.HashSize)
            {
                return false;
            }
            int end = value.Length - Sha256.HashSize;
            byte[] digest = new byte[Sha256.HashSize];
            Sha256.Hash(digest, 0, value, 0, end);
            if (!CryptoBytes.ConstantTimeEquals(digest, 0, value, end, Sha256.HashSize)
                || !CryptoBytes.ConstantTimeEquals(s_magic, 0, value, 0, 4) || value[4] != Version || (value[5] & ~(RemovedFlag | HeldFlag)) != 0)
            {
                return false;
            }
            seq = ReadUInt32(value, 6);
            removed = (value[5] & RemovedFlag) != 0;
            bool held = (value[5] & HeldFlag) != 0;
            byte[] id = new byte[OutboxRecord.IdSize];
            System.Array.Copy(value, 10, id, 0, OutboxRecord.IdSize);
            var kind = (AlertKind)value[26];
            long created = ReadInt64(value, 27);
            long ttl = ReadInt64(value, 35);
            int count = value[43];
            var recipients = new string[count];
            var payloads = new byte[count][];
            var delivered = new bool[count];
            int at = HeaderSize;
            for (int i = 0; i < count; i++)
            {
                if (end - at < PerRecipientSize)
                {
                    return false;
                }
                recipients[i] = Utf8.Decode(value, at, SessionId.TextLength);
                at += SessionId.TextLength;
                delivered[i] = value[at++] != 0;
                uint length = ReadUInt32(value, at);
                at += 4;
                if (length > MessageEncoder.MaxStoredSize || length > (uint)(end - at))
                {
                    return false;
                }
                payloads[i] = new byte[length];
                System.Array.Copy(value, at, payloads[i], 0, (int)length);
                at += (int)length;
            }
            if (at != end || (count == 0 && !removed))
            {
                return false;
            }
            record = new OutboxRecord(id, kind, created, ttl, recipients, payloads, delivered, held);
            return true;
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
