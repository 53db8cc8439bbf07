using System;
using System.Text;
using Session.Core.Micro.Encoding;
using Session.Core.Micro.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Session.Core.Micro.Tests.Encoding
{
    public class Utf8Tests
    {
        // .NET's decoder that throws instead of substituting U+FFFD: the reference for strictness.
        private static readonly UTF8Encoding s_strict = new UTF8Encoding(false, true);

        private readonly ITestOutputHelper _output;

        public Utf8Tests(ITestOutputHelper output)
        {
            _output = output;
        }

        [Fact]
        public void EncodeDecode_RandomStrings_MatchDotNet()
        {
            var random = new SeededRandom(_output, nameof(EncodeDecode_RandomStrings_MatchDotNet));
            for (int i = 0; i < SeededRandom.Iterations; i++)
            {
                string text = ProtobufField.RandomText(random, random.Next(60));
                byte[] expected = System.Text.Encoding.UTF8.GetBytes(text);

                Assert.Equal(expected, Utf8.Encode(text));
                Assert.Equal(expected.Length, Utf8.ByteCount(text));
                Assert.Equal(text, Utf8.Decode(expected, 0, expected.Length));
            }
        }

        [Fact]
        public void Decode_RandomBytes_AcceptsExactlyWhatStrictDotNetAccepts()
        {
            var random = new SeededRandom(_output, nameof(Decode_RandomBytes_AcceptsExactlyWhatStrictDotNetAccepts));
            int valid = 0;
            for (int i = 0; i < 20 * SeededRandom.Iterations; i++)
            {
                byte[] data = RandomUtf8ish(random);
                string expected;
                try
                {
                    expected = s_strict.GetString(data);
                }
                catch (DecoderFallbackException)
                {
                    expected = null;
                }
                if (expected == null)
                {
                    Assert.Throws<MalformedDataException>(() => Utf8.Decode(data, 0, data.Length));
                }
                else
                {
                    valid++;
                    Assert.Equal(expected, Utf8.Decode(data, 0, data.Length));
                }
            }
            _output.WriteLine(valid + " of " + 20 * SeededRandom.Iterations + " random inputs were valid UTF-8");
            Assert.True(valid > 0);
        }

        [Theory]
        [InlineData("", "")]
        [InlineData("41", "A")]
        [InlineData("c280", "\u0080")]
        [InlineData("dfbf", "\u07ff")]
        [InlineData("e0a080", "\u0800")]
        [InlineData("ed9fbf", "\ud7ff")]
        [InlineData("ee8080", "\ue000")]
        [InlineData("efbfbf", "\uffff")]
        [InlineData("f0908080", "\ud800\udc00")]
        [InlineData("f09f9880", "\ud83d\ude00")]
        [InlineData("f48fbfbf", "\udbff\udfff")]
        public void Decode_Boundaries_Accepted(string hex, string expected)
        {
            byte[] data = Convert.FromHexString(hex);
            Assert.Equal(expected, Utf8.Decode(data, 0, data.Length));
            Assert.Equal(data, Utf8.Encode(expected));
        }

        [Theory]
        [InlineData("80", 0, "continuation byte without a lead byte")]
        [InlineData("41bf", 1, "continuation byte without a lead byte")]
        [InlineData("c3a9a9", 2, "continuation byte without a lead byte")]
        [InlineData("f8", 0, "byte 0xf8 never starts a character")]
        [InlineData("41ff", 1, "byte 0xff never starts a character")]
        [InlineData("c241", 1, "expected a continuation byte")]
        [InlineData("e282c0", 2, "expected a continuation byte")]
        [InlineData("c2", 0, "sequence cut short by the end of the data")]
        [InlineData("41e282", 1, "sequence cut short by the end of the data")]
        [InlineData("f09f98", 0, "sequence cut short by the end of the data")]
        [InlineData("c080", 0, "overlong encoding")]
        [InlineData("c1bf", 0, "overlong encoding")]
        [InlineData("e08080", 0, "overlong encoding")]
        [InlineData("e09fbf", 0, "overlong encoding")]
        [InlineData("f08fbfbf", 0, "overlong encoding")]
        [InlineData("eda080", 0, "encoded surrogate")]
        [InlineData("41edbfbf", 1, "encoded surrogate")]
        [InlineData("f4908080", 0, "code point above U+10FFFF")]
        [InlineData("f7bfbfbf", 0, "code point above U+10FFFF")]
        public void Decode_Invalid_ThrowsNamingProblemAndOffset(string hex, int offset, string problem)
        {
            byte[] data = Convert.FromHexString(hex);
            Assert.Throws<DecoderFallbackException>(() => s_strict.GetString(data));

            var error = Assert.Throws<MalformedDataException>(() => Utf8.Decode(data, 0, data.Length));
            Assert.Equal(offset, error.Offset);
            Assert.Contains(problem, error.Message);
            Assert.Contains("UTF-8", error.Message);
            Assert.Contains("at byte " + offset, error.Message);
        }

        [Fact]
        public void Decode_Range_ReadsOnlyItAndReportsOffsetsInTheArray()
        {
            byte[] data = Convert.FromHexString("ff41c3a942ff");
            Assert.Equal("A\u00e9B", Utf8.Decode(data, 1, 4));
            Assert.Equal("", Utf8.Decode(data, 6, 0));

            // c3 cut off by the end of the range, not of the array.
            var error = Assert.Throws<MalformedDataException>(() => Utf8.Decode(data, 1, 2));
            Assert.Equal(2, error.Offset);
            Assert.Contains("cut short", error.Message);
        }

        [Theory]
        // Escaped, because attribute strings are stored as UTF-8 and cannot hold a lone surrogate.
        [InlineData(@"\ud800", 0)]
        [InlineData(@"ab\ud83d", 2)]
        [InlineData(@"a\ud83dx", 1)]
        [InlineData(@"a\ud83d\ud83d\ude00", 1)]
        [InlineData(@"\udc00", 0)]
        [InlineData(@"\ud83d\ude00\ude00", 2)]
        public void Encode_LoneSurrogate_ThrowsWithIndex(string escaped, int index)
        {
            string text = System.Text.RegularExpressions.Regex.Unescape(escaped);
            var error = Assert.Throws<ArgumentException>(() => Utf8.Encode(text));
            Assert.Equal("text", error.ParamName);
            Assert.Contains("lone surrogate at index " + index, error.Message);
            Assert.Throws<ArgumentException>(() => Utf8.ByteCount(text));
        }

        [Fact]
        public void Encode_IntoArray_WritesAtOffsetAndReturnsCount()
        {
            byte[] destination = new byte[8];
            Assert.Equal(6, Utf8.Encode("a\u00e9\u20ac", destination, 2));
            Assert.Equal(Convert.FromHexString("000061c3a9e282ac"), destination);
        }

        [Fact]
        public void Encode_IntoTooSmallArray_Throws()
        {
            Assert.Throws<ArgumentException>(() => Utf8.Encode("a\u00e9\u20ac", new byte[7], 3));
            Assert.Throws<ArgumentException>(() => Utf8.Encode("a", new byte[1], -1));
            Assert.Throws<ArgumentNullException>(() => Utf8.Encode("a", null, 0));
        }

        [Fact]
        public void Arguments_NullOrOutsideArray_Throw()
        {
            Assert.Throws<ArgumentNullException>(() => Utf8.Encode(null));
            Assert.Throws<ArgumentNullException>(() => Utf8.ByteCount(null));
            Assert.Throws<ArgumentNullException>(() => Utf8.Decode(null, 0, 0));
            Assert.Throws<ArgumentException>(() => Utf8.Decode(new byte[4], -1, 1));
            Assert.Throws<ArgumentException>(() => Utf8.Decode(new byte[4], 0, -1));
            Assert.Throws<ArgumentException>(() => Utf8.Decode(new byte[4], 3, 2));
            Assert.Throws<ArgumentException>(() => Utf8.Decode(new byte[4], 5, 0));
        }

        // Mostly valid sequences with random damage, so both outcomes are common.
        private static byte[] RandomUtf8ish(SeededRandom random)
        {
            byte[] valid = System.Text.Encoding.UTF8.GetBytes(ProtobufField.RandomText(random, random.Next(6)));
            byte[] data = new byte[valid.Length + random.Next(3)];
            Array.Copy(valid, data, valid.Length);
            byte[] noise = random.Bytes(data.Length);
            for (int i = 0; i < data.Length; i++)
            {
                if (i >= valid.Length || random.Next(8) == 0)
                {
                    data[i] = noise[i];
                }
            }
            if (data.Length > 0 && random.Next(4) == 0)
            {
                Array.Resize(ref data, random.Next(data.Length));
            }
            return data;
        }
    }
}
