// CRC-32 as zlib's crc32(), boost::crc_32_type and buffer-crc32 compute it (CRC-32/ISO-HDLC:
// polynomial 0x04C11DB7 reflected as 0xEDB88320, initial value and final XOR 0xFFFFFFFF; check
// value of "123456789" is 0xCBF43926). The recovery phrase's checksum word is chosen with it
// (docs/protocol.md §1.2). System.IO.Hashing has one, but it is a NuGet package, not part of the
// .NET 10 BCL, and a dozen lines do not justify a dependency. Not a hash: it only catches typos.
using System;

namespace SessionBeacon.Harness.Identity
{
    /// <summary>The standard (IEEE, zlib) CRC-32 checksum.</summary>
    public static class Crc32
    {
        private static readonly uint[] s_table = BuildTable();

        /// <summary>The CRC-32 of all of <paramref name="data"/>.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
        public static uint Compute(byte[] data)
        {
            ArgumentNullException.ThrowIfNull(data);
            uint crc = 0xFFFFFFFFu;
            foreach (byte value in data)
            {
                crc = s_table[(crc ^ value) & 0xFF] ^ (crc >> 8);
            }
            return crc ^ 0xFFFFFFFFu;
        }

        // The CRC of each byte value on its own, processed bit by bit, least significant first.
        private static uint[] BuildTable()
        {
            var table = new uint[256];
            for (uint n = 0; n < 256; n++)
            {
                uint c = n;
                for (int bit = 0; bit < 8; bit++)
                {
                    c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
                }
                table[n] = c;
            }
            return table;
        }
    }
}
