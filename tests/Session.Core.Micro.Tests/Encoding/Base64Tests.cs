using System;
using System.Text.Json;
using Session.Core.Micro.Encoding;
using Session.Core.Micro.Network;
using Session.Core.Micro.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Session.Core.Micro.Tests.Encoding
{
    // Base64 against .NET's Convert: EncodeTo and the writers built on it, the unpadded forms, and
    // TryDecode's rule for what it accepts.
    public class Base64Tests
    {
        private readonly ITestOutputHelper _output;

        public Base64Tests(ITestOutputHelper output)
        {
            _output = output;
        }

        [Fact]
        public void EncodeTo_EveryLengthAndOffset_SameAsConvert()
        {
            var random = new SeededRandom(_output, nameof(EncodeTo_EveryLengthAndOffset_SameAsConvert));
            for (int length = 0; length < 300; length++)
            {
                byte[] data = random.Bytes(length);
                int offset = random.Next(5);
                byte[] output = random.Bytes(offset + Base64.EncodedLength(length) + 3);
                byte[] before = (byte[])output.Clone();
                int end = Base64.EncodeTo(output, offset, data);
                string expected = Convert.ToBase64String(data);
                Assert.Equal(expected.Length, Base64.EncodedLength(length));
                Assert.Equal(offset + expected.Length, end);
                Assert.Equal(expected, System.Text.Encoding.ASCII.GetString(output, offset, expected.Length));
                // Nothing outside the encoding is touched.
                Assert.Equal(before.AsSpan(0, offset).ToArray(), output.AsSpan(0, offset).ToArray());
                Assert.Equal(before.AsSpan(end).ToArray(), output.AsSpan(end).ToArray());
            }
        }

        [Fact]
        public void EncodeUnpadded_EveryLength_ConvertWithoutPadding()
        {
            var random = new SeededRandom(_output, nameof(EncodeUnpadded_EveryLength_ConvertWithoutPadding));
            for (int length = 0; length < 100; length++)
            {
                byte[] data = random.Bytes(length);
                Assert.Equal(Convert.ToBase64String(data).TrimEnd('='), Base64.EncodeUnpadded(data));
            }
        }

        [Fact]
        public void TryDecode_RandomData_PaddedAndUnpaddedGiveTheBytes()
        {
            var random = new SeededRandom(_output, nameof(TryDecode_RandomData_PaddedAndUnpaddedGiveTheBytes));
            for (int length = 0; length < 300; length++)
            {
                byte[] data = random.Bytes(length);
                string padded = Convert.ToBase64String(data);
                string unpadded = padded.TrimEnd('=');
                Assert.Equal(data, Base64.TryDecode(padded));
                Assert.Equal(data, Base64.TryDecode(unpadded));
                int offset = random.Next(4);
                byte[] ascii = random.Bytes(offset + unpadded.Length + 3);
                System.Text.Encoding.ASCII.GetBytes(unpadded, 0, unpadded.Length, ascii, offset);
                Assert.Equal(data, Base64.TryDecode(ascii, offset, unpadded.Length));
            }
        }

        // Every text up to 9 characters over a few symbols (padding in every place), and up to 4 over
        // more (white space, non-ASCII, the last two alphabet letters): accepted and decoded exactly
        // as the rule in Base64's header says, which is .NET's Convert after padding to whole groups.
        [Theory]
        [InlineData("Q=-", 9)]
        [InlineData("AQz9+/=- \n\u00e9", 4)]
        public void TryDecode_EveryShortText_SameAsConvertAfterPadding(string symbols, int maxLength)
        {
            symbols = System.Text.RegularExpressions.Regex.Unescape(symbols);
            int accepted = 0;
            for (int length = 0; length <= maxLength; length++)
            {
                var text = new char[length];
                int combinations = (int)Math.Pow(symbols.Length, length);
                for (int n = 0; n < combinations; n++)
                {
                    for (int k = 0, rest = n; k < length; k++, rest /= symbols.Length)
                    {
                        text[k] = symbols[rest % symbols.Length];
                    }
                    string candidate = new string(text);
                    byte[] expected = ConvertAfterPadding(candidate);
                    Assert.Equal(expected, Base64.TryDecode(candidate));
                    byte[] utf8 = System.Text.Encoding.UTF8.GetBytes("{" + candidate + "}");
                    Assert.Equal(expected, Base64.TryDecode(utf8, 1, utf8.Length - 2));
                    accepted += expected == null ? 0 : 1;
                }
            }
            _output.WriteLine(accepted + " texts accepted");
            Assert.True(accepted > 0);
        }

        // The rule: only the 64 letters, '=' only in the last two places, not 1 more than a multiple of
        // 4 characters; then the missing padding is added and the text must be what Convert accepts.
        private static byte[] ConvertAfterPadding(string text)
        {
            if (text.Length % 4 == 1)
            {
                return null;
            }
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
                if (!letter && !(c == '=' && i >= text.Length - 2))
                {
                    return null;
                }
            }
            try
            {
                return Convert.FromBase64String(text + new string('=', (4 - text.Length % 4) % 4));
            }
            catch (FormatException)
            {
                return null;
            }
        }

        [Fact]
        public void TryDecode_Null_Null()
        {
            Assert.Null(Base64.TryDecode(null));
        }

        [Fact]
        public void EncodeTo_OutputTooShort_Refused()
        {
            Assert.Throws<ArgumentException>(() => Base64.EncodeTo(new byte[7], 0, new byte[4]));
            Assert.Throws<ArgumentException>(() => Base64.EncodeTo(new byte[8], 1, new byte[4]));
            Assert.Throws<ArgumentNullException>(() => Base64.EncodeTo(null, 0, new byte[1]));
            Assert.Throws<ArgumentNullException>(() => Base64.EncodeTo(new byte[4], 0, null));
        }

        [Fact]
        public void JsonWriterWriteBase64_SameAsWriteStringOfTheEncoding()
        {
            var random = new SeededRandom(_output, nameof(JsonWriterWriteBase64_SameAsWriteStringOfTheEncoding));
            for (int length = 0; length < 40; length++)
            {
                byte[] data = random.Bytes(length);
                var a = new JsonWriter(4);
                a.BeginArray();
                a.WriteBase64(data);
                a.WriteBase64(data);
                a.EndArray();
                var b = new JsonWriter(4);
                b.BeginArray();
                b.WriteString(Convert.ToBase64String(data));
                b.WriteString(Convert.ToBase64String(data));
                b.EndArray();
                Assert.Equal(b.ToArray(), a.ToArray());
            }
        }

        [Fact]
        public void RequestsStore_FieldsRoundTrip()
        {
            var random = new SeededRandom(_output, nameof(RequestsStore_FieldsRoundTrip));
            string id = "05" + Convert.ToHexStringLower(random.Bytes(32));
            foreach (int length in new[] { 0, 1, 2, 3, 558, 1358 })
            {
                byte[] data = random.Bytes(length);
                byte[] body = Requests.Store(id, 1_764_237_600_123, 3_600_000, data, 0);
                using JsonDocument json = JsonDocument.Parse(body);
                JsonElement p = json.RootElement.GetProperty("params");
                Assert.Equal("store", json.RootElement.GetProperty("method").GetString());
                Assert.Equal(id, p.GetProperty("pubkey").GetString());
                Assert.Equal(1_764_237_600_123, p.GetProperty("timestamp").GetInt64());
                Assert.Equal(3_600_000, p.GetProperty("ttl").GetInt64());
                Assert.Equal(data, Convert.FromBase64String(p.GetProperty("data").GetString()));
                Assert.Equal(0, p.GetProperty("namespace").GetInt32());
            }
        }
    }
}
