// A small state record on flash that must never be taken for good when it is not (docs/location.md):
// its fields, then the first CheckSize bytes of their SHA-256. FileKeyValueStore replaces a file
// atomically; this check catches the rest (bit rot, a truncated or foreign file), so a reader gets
// the fields back or null, never a half-right value. Integers are big-endian.
using Session.Core.Micro.Crypto;

namespace SessionBeacon.Storage
{
    /// <summary>Seals fields with a short hash and opens them again, refusing any damage.</summary>
    internal static class CheckedRecord
    {
        /// <summary>Bytes of the hash at the end of a record.</summary>
        internal const int CheckSize = 8;

        /// <summary>A record of <paramref name="fieldsSize"/> bytes of fields and room for the check; fill the fields, then <see cref="Seal"/>.</summary>
        internal static byte[] New(int fieldsSize)
        {
            return new byte[fieldsSize + CheckSize];
        }

        /// <summary>Writes the check after the fields of <paramref name="record"/>.</summary>
        internal static byte[] Seal(byte[] record)
        {
            System.Array.Copy(Check(record), 0, record, record.Length - CheckSize, CheckSize);
            return record;
        }

        /// <summary>True when <paramref name="record"/> has <paramref name="fieldsSize"/> bytes of fields and its check matches.</summary>
        internal static bool IsIntact(byte[] record, int fieldsSize)
        {
            return record != null && record.Length == fieldsSize + CheckSize
                && CryptoBytes.ConstantTimeEquals(Check(record), 0, record, fieldsSize, CheckSize);
        }

        internal static void PutInt(byte[] record, int at, int value)
        {
            record[at] = (byte)(value >> 24);
            record[at + 1] = (byte)(value >> 16);
            record[at + 2] = (byte)(value >> 8);
            record[at + 3] = (byte)value;
        }

        internal static int GetInt(byte[] record, int at)
        {
            return (record[at] << 24) | (record[at + 1] << 16) | (record[at + 2] << 8) | record[at + 3];
        }

        internal static void PutLong(byte[] record, int at, long value)
        {
            PutInt(record, at, (int)(value >> 32));
            PutInt(record, at + 4, (int)value);
        }

        internal static long GetLong(byte[] record, int at)
        {
            return ((long)GetInt(record, at) << 32) | (uint)GetInt(record, at + 4);
        }

        private static byte[] Check(byte[] record)
        {
            byte[] hash = new byte[Sha256.HashSize];
            Sha256.Hash(hash, 0, record, 0, record.Length - CheckSize);
            return hash;
        }
    }
}
