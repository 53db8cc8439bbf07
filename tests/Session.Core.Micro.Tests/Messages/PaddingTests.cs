using System;
using System.Linq;
using Session.Core.Micro.Messages;
using Xunit;

namespace Session.Core.Micro.Tests.Messages
{
    // pad160 / unpad (docs/protocol.md §2.3). The padding_160 vector is not handed out; these follow the rules.
    public class PaddingTests
    {
        [Theory]
        [InlineData(0, 160)]
        [InlineData(1, 160)]
        [InlineData(158, 160)]
        [InlineData(159, 320)] // the quirk: len + 1 = 160 already, a whole block more
        [InlineData(160, 320)]
        [InlineData(318, 320)]
        [InlineData(319, 480)]
        [InlineData(320, 480)]
        public void PaddedLength_Rule(int length, int padded)
        {
            Assert.Equal(padded, Padding.PaddedLength(length));
        }

        [Fact]
        public void Pad_EveryLengthTo1000_MatchesSpecAndUnpadsBack()
        {
            var random = new Random(160);
            for (int length = 0; length <= 1000; length++)
            {
                byte[] content = new byte[length];
                random.NextBytes(content);
                byte[] padded = Padding.Pad(content);
                Assert.Equal(IndependentSession.Pad(content), padded);
                Assert.Equal(Padding.PaddedLength(length), padded.Length);
                Assert.Equal(0, padded.Length % Padding.BlockSize);
                // Content ending in zero bytes survives: the marker stops the walk.
                Assert.Equal(length, Padding.UnpaddedLength(padded, 0, padded.Length));
            }
        }

        [Fact]
        public void UnpaddedLength_Unpadded_KeepsEverything()
        {
            byte[] data = { 0x0a, 0x01, 0x41 };
            Assert.Equal(3, Padding.UnpaddedLength(data, 0, 3));
            // In a slice: only the slice counts.
            byte[] framed = { 0x00, 0x0a, 0x80, 0x00, 0x00, 0x77 };
            Assert.Equal(1, Padding.UnpaddedLength(framed, 1, 4));
        }

        [Theory]
        [InlineData(new byte[0], "padded message is empty")]
        [InlineData(new byte[] { 0, 0, 0 }, "padded message is 3 zero bytes, no content")]
        [InlineData(new byte[] { 0x0a, 0x00, 0x41, 0x00, 0x00 }, "zero padding follows byte 0x41 at 2, not the 0x80 marker")]
        public void UnpaddedLength_BadPadding_TypedError(byte[] data, string message)
        {
            var error = Assert.Throws<MessageException>(() => Padding.UnpaddedLength(data, 0, data.Length));
            Assert.Equal(MessageError.BadPadding, error.Error);
            Assert.Equal(message, error.Message);
        }

        [Fact]
        public void BadArguments_Throw()
        {
            Assert.Throws<ArgumentNullException>(() => Padding.Pad(null));
            Assert.Throws<ArgumentNullException>(() => Padding.UnpaddedLength(null, 0, 0));
            Assert.Throws<ArgumentException>(() => Padding.UnpaddedLength(new byte[4], 2, 3));
            Assert.Throws<ArgumentException>(() => Padding.PaddedLength(-1));
        }
    }
}
