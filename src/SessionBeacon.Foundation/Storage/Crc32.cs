// CRC-32 as zlib's crc32() and boost::crc_32_type compute it (CRC-32/ISO-HDLC: polynomial
// 0x04C11DB7 reflected as 0xEDB88320, initial value and final XOR 0xFFFFFFFF; "123456789" gives
// 0xCBF43926). Two uses: the outbox's check against flash damage and torn writes, where the press
// waits for it and SHA-256 cost the device about three times as much (docs/performance.md), and the
// recovery phrase's checksum word (docs/protocol.md §1.2). Not a hash: it finds every error of up to
// 32 bits in a row and misses any other with a chance of 1 in 2^32, and it protects nothing against
// someone who can write the flash, who owns the device anyway. Four bits at a time from a 16-entry
// table: 64 bytes of static table instead of a kilobyte on a small heap.
namespace SessionBeacon.Storage
{
    /// <summary>The standard (IEEE, zlib) CRC-32 checksum.</summary>
    public static class Crc32
    {
        /// <summary>Bytes of a CRC-32 written out.</summary>
        public const int Size = 4;

        private static readonly uint[] s_table =
        {
            0x00000000, 0x1DB71064, 0x3B6E20C8, 0x26D930AC, 0x76DC4190, 0x6B6B51F4, 0x4DB26158, 0x5005713C,
            0xEDB88320, 0xF00F9344, 0xD6D6A3E8, 0xCB61B38C, 0x9B64C2B0, 0x86D3D2D4, 0xA00AE278, 0xBDBDF21C,
        };

        /// <summary>The CRC-32 of <paramref name="count"/> bytes of <paramref name="data"/> from <paramref name="offset"/>.</summary>
        /// <exception cref="System.ArgumentNullException"><paramref name="data"/> is null.</exception>
        /// <exception cref="System.ArgumentOutOfRangeException">The range is not inside <paramref name="data"/>.</exception>
        public static uint Compute(byte[] data, int offset, int count)
        {
            return Update(0, data, offset, count);
        }

        /// <summary>
        /// The CRC-32 of the bytes <paramref name="crc"/> was computed over followed by <paramref name="count"/> bytes of
        /// <paramref name="data"/> from <paramref name="offset"/> (0 for none before them).
        /// </summary>
        /// <exception cref="System.ArgumentNullException"><paramref name="data"/> is null.</exception>
        /// <exception cref="System.ArgumentOutOfRangeException">The range is not inside <paramref name="data"/>.</exception>
        public static uint Update(uint crc, byte[] data, int offset, int count)
        {
            if (data == null)
            {
                throw Errors.Null("data");
            }
            if (offset < 0 || count < 0 || offset > data.Length - count)
            {
                throw new System.ArgumentOutOfRangeException("count", "the range is not inside the data");
            }
            crc = ~crc;
            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                crc ^= data[i];
                crc = (crc >> 4) ^ s_table[crc & 15];
                crc = (crc >> 4) ^ s_table[crc & 15];
            }
            return ~crc;
        }
    }
}
