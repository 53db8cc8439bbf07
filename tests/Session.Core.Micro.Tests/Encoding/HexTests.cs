using System;
using Session.Core.Micro.Encoding;
using Session.Core.Micro.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Session.Core.Micro.Tests.Encoding
{
    public class HexTests
    {
        private readonly ITestOutputHelper _output;

        public HexTests(ITestOutputHelper output)
        {
            _output = output;
        }

        [Fact]
        public void EncodeDecode_RandomBytes_MatchDotNet()
        {
            var random = new SeededRandom(_output, nameof(HexTests));
            for (int i = 0; i < SeededRandom.Iterations; i++)
            {
                byte[] data = random.Bytes(random.Next(80));
                string hex = Hex.Encode(data);
                Assert.Equal(Convert.ToHexStringLower(data), hex);
                Assert.Equal(data, Hex.TryDecode(hex));
                Assert.Equal(data, Hex.TryDecode(hex.ToUpperInvariant()));
            }
        }

        [Theory]
        [InlineData("a")]
        [InlineData("0g")]
        [InlineData("g0")]
        [InlineData("0 ")]
        [InlineData("/0")]
        [InlineData(":0")]
        [InlineData("@0")]
        [InlineData("G0")]
        [InlineData("`0")]
        public void TryDecode_NotHex_Null(string text)
        {
            Assert.Null(Hex.TryDecode(text));
        }

        [Fact]
        public void TryDecode_NullOrEmpty()
        {
            Assert.Null(Hex.TryDecode(null));
            Assert.Empty(Hex.TryDecode(""));
        }

        [Fact]
        public void Encode_Null_Throws()
        {
            Assert.Throws<ArgumentNullException>(() => Hex.Encode(null));
        }
    }
}
