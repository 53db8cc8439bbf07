using System;
using System.Text;
using SessionBeacon.Harness.Identity;
using Xunit;

namespace SessionBeacon.Harness.Tests.Identity
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
            Assert.Equal(expected, Crc32.Compute(Encoding.ASCII.GetBytes(text)));
        }

        [Fact]
        public void Compute_Null_Throws()
        {
            Assert.Throws<ArgumentNullException>(() => Crc32.Compute(null));
        }
    }
}
