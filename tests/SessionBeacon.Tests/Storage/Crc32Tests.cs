using System;
using System.Text;
using SessionBeacon.Storage;
using Xunit;

namespace SessionBeacon.Tests.Storage
{
    public class Crc32Tests
    {
        // The CRC-32/ISO-HDLC check value and values zlib's crc32() gives.
        [Theory]
        [InlineData("", 0x00000000u)]
        [InlineData("a", 0xe8b7be43u)]
        [InlineData("123456789", 0xcbf43926u)]
        [InlineData("The quick brown fox jumps over the lazy dog", 0x414fa339u)]
        public void Compute_KnownInputs_MatchZlib(string text, uint expected)
        {
            byte[] data = Encoding.ASCII.GetBytes(text);
            Assert.Equal(expected, Crc32.Compute(data, 0, data.Length));
        }

        [Fact]
        public void Update_InPieces_SameAsAtOnce_AndOnlyTheRangeCounts()
        {
            byte[] data = Encoding.ASCII.GetBytes("xxThe quick brown fox jumps over the lazy dogyy");
            uint crc = 0;
            for (int at = 2; at < data.Length - 2; at += 5)
            {
                crc = Crc32.Update(crc, data, at, Math.Min(5, data.Length - 2 - at));
            }
            Assert.Equal(0x414fa339u, crc);
        }

        [Fact]
        public void Compute_NullOrOutsideTheData_Throws()
        {
            Assert.Throws<ArgumentNullException>(() => Crc32.Compute(null, 0, 0));
            Assert.Throws<ArgumentOutOfRangeException>(() => Crc32.Compute(new byte[4], 2, 3));
            Assert.Throws<ArgumentOutOfRangeException>(() => Crc32.Compute(new byte[4], -1, 1));
        }
    }
}
