using System;
using System.Text;
using Session.Core.Micro.Encoding;
using Session.Core.Micro.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Session.Core.Micro.Tests.Encoding
{
    public class JsonReaderTests
    {
        private readonly ITestOutputHelper _output;

        public JsonReaderTests(ITestOutputHelper output)
        {
            _output = output;
        }

        private static JsonValue Parse(string text) => JsonReader.Parse(System.Text.Encoding.UTF8.GetBytes(text));

        [Fact]
        public void Parse_ServiceNodeReply_ReadsEveryKind()
        {
            JsonValue v = Parse(" {\"snodes\":[{\"ip\":\"1.2.3.4\",\"port_https\":22021,\"ok\":true,\"bad\":false,\"x\":null}],"
                + "\"t\":1700000000000,\"hf\":[19,3],\"f\":-1.5e3,\"s\":\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\"}\r\n");
            Assert.Equal(JsonKind.Object, v.Kind);
            Assert.Equal(5, v.Count);
            JsonValue node = v.Require("snodes").Item(0);
            Assert.Equal("1.2.3.4", node.Require("ip").AsString());
            Assert.Equal(22021, node.Require("port_https").AsInt32());
            Assert.True(node.Require("ok").AsBoolean());
            Assert.False(node.Require("bad").AsBoolean());
            Assert.Equal(JsonKind.Null, node.Require("x").Kind);
            Assert.Equal(1700000000000L, v.Require("t").AsInt64());
            Assert.Equal(3, v.Require("hf").Item(1).AsInt64());
            Assert.False(v.Require("f").IsInteger);
            Assert.Equal("-1.5e3", v.Require("f").NumberText());
            Assert.Equal("a\"b\\c/d\b\f\n\r\t\u00e9\U0001F600", v.Require("s").AsString());
            Assert.Equal("t", v.Name(1));
            Assert.Null(v.Get("absent"));
        }

        [Fact]
        public void Parse_IntegerLimits_ExactValues()
        {
            Assert.Equal(long.MinValue, Parse("-9223372036854775808").AsInt64());
            Assert.Equal(long.MaxValue, Parse("9223372036854775807").AsInt64());
            Assert.Equal(ulong.MaxValue, Parse("18446744073709551615").AsUInt64());
            Assert.Equal(0L, Parse("-0").AsInt64());
            Assert.Throws<MalformedDataException>(() => Parse("18446744073709551615").AsInt64());
            Assert.Throws<MalformedDataException>(() => Parse("-1").AsUInt64());
            Assert.Throws<MalformedDataException>(() => Parse("4294967296").AsInt32());
        }

        [Theory]
        [InlineData("", 0, "end of the data")]
        [InlineData("   ", 3, "end of the data")]
        [InlineData("{\"a\":1,}", 7, "member name")]
        [InlineData("[1,]", 3, "unexpected character ']'")]
        [InlineData("[1 2]", 3, "expected ',' or ']'")]
        [InlineData("{\"a\" 1}", 5, "expected ':'")]
        [InlineData("{\"a\":1", 6, "object not closed")]
        [InlineData("[1", 2, "array not closed")]
        [InlineData("\"abc", 0, "string not closed")]
        [InlineData("\"\\", 1, "escape cut short")]
        [InlineData("\"\\u12", 1, "4 hex digits")]
        [InlineData("\"\\u12g4\"", 5, "4 hex digits")]
        [InlineData("\"\\x\"", 1, "unknown escape")]
        [InlineData("\"\\ud800\"", 1, "without a low surrogate")]
        [InlineData("\"\\ud800\\u0041\"", 7, "not a low surrogate")]
        [InlineData("\"\\udc00\"", 1, "without a high surrogate")]
        [InlineData("\"a\tb\"", 2, "control character")]
        [InlineData("01", 0, "leading zeros")]
        [InlineData("-", 0, "digit after '-'")]
        [InlineData("1.", 0, "digit after '.'")]
        [InlineData("1e+", 0, "exponent")]
        [InlineData("18446744073709551616", 0, "does not fit in 64 bits")]
        [InlineData("-9223372036854775809", 0, "does not fit in 64 bits")]
        [InlineData("123456789012345678901234567890123456789012345678901234567890", 0, "does not fit in 64 bits")]
        [InlineData("tru", 0, "literal true")]
        [InlineData("nul", 0, "literal null")]
        [InlineData("{} x", 3, "after the value")]
        [InlineData("'a'", 0, "unexpected character")]
        [InlineData("NaN", 0, "unexpected character")]
        [InlineData("{\"a\":1}/*c*/", 7, "after the value")]
        public void Parse_Malformed_ThrowsWithOffset(string text, int offset, string message)
        {
            var error = Assert.Throws<MalformedDataException>(() => Parse(text));
            _output.WriteLine(error.Message);
            Assert.Equal(offset, error.Offset);
            Assert.Contains(message, error.Message);
            Assert.StartsWith("JSON: ", error.Message);
        }

        [Fact]
        public void Parse_InvalidUtf8InString_ThrowsAtTheByte()
        {
            byte[] data = { (byte)'"', (byte)'a', 0xC0, 0x80, (byte)'"' };
            var error = Assert.Throws<MalformedDataException>(() => JsonReader.Parse(data));
            Assert.Equal(2, error.Offset);
            Assert.Contains("UTF-8", error.Message);
            // After an escape the string is put together piece by piece; the offset is still the byte's.
            byte[] escaped = { (byte)' ', (byte)'"', (byte)'\\', (byte)'n', (byte)'a', 0xC0, 0x80, (byte)'"' };
            error = Assert.Throws<MalformedDataException>(() => JsonReader.Parse(escaped));
            Assert.Equal(5, error.Offset);
            Assert.Contains("UTF-8", error.Message);
        }

        [Fact]
        public void Parse_ManyEscapedStrings_AllocatesInProportionToTheInput()
        {
            // 4,000 short strings with an escape each: a string's characters are gathered in an array
            // the size of that string, not of the rest of the input (which made the work quadratic).
            string text = "[" + string.Join(",", System.Linq.Enumerable.Repeat("\"ab\\n\\u00e9c\"", 4000)) + "]";
            byte[] data = System.Text.Encoding.UTF8.GetBytes(text);
            JsonValue parsed = JsonReader.Parse(data);
            Assert.Equal(4000, parsed.Count);
            Assert.Equal("ab\n\u00e9c", parsed.Item(3999).AsString());
            long before = GC.GetAllocatedBytesForCurrentThread();
            JsonReader.Parse(data);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            _output.WriteLine(data.Length + " bytes of JSON, " + allocated + " bytes allocated to parse them");
            // Per string: its JsonValue, its text and the array it was gathered in; plus the list of items.
            Assert.InRange(allocated, 1, 16 * data.Length);
        }

        [Fact]
        public void Parse_DeepNesting_StopsAtTheLimitWithoutRecursingFurther()
        {
            string ok = new string('[', JsonReader.MaxDepth) + new string(']', JsonReader.MaxDepth);
            Assert.Equal(JsonKind.Array, Parse(ok).Kind);
            var error = Assert.Throws<MalformedDataException>(() => Parse(new string('[', JsonReader.MaxDepth + 1) + new string(']', JsonReader.MaxDepth + 1)));
            Assert.Equal(JsonReader.MaxDepth, error.Offset);
            // A hostile million-deep nest fails at the limit instead of overflowing the stack.
            error = Assert.Throws<MalformedDataException>(() => Parse(new string('[', 1_000_000)));
            Assert.Contains("nesting deeper than 32", error.Message);
            error = Assert.Throws<MalformedDataException>(() => Parse(string.Concat(System.Linq.Enumerable.Repeat("{\"a\":", 100))));
            Assert.Equal(5 * JsonReader.MaxDepth, error.Offset);
        }

        [Fact]
        public void Parse_CallerDepthAndSlice_Respected()
        {
            byte[] data = System.Text.Encoding.UTF8.GetBytes("xx[[1]]yy");
            Assert.Equal(1, JsonReader.Parse(data, 2, 5, 2).Item(0).Item(0).AsInt64());
            var error = Assert.Throws<MalformedDataException>(() => JsonReader.Parse(data, 2, 5, 1));
            Assert.Equal(3, error.Offset);
            Assert.Throws<ArgumentException>(() => JsonReader.Parse(data, 5, 5, 2));
            Assert.Throws<ArgumentException>(() => JsonReader.Parse(data, 0, 1, 0));
            Assert.Throws<ArgumentNullException>(() => JsonReader.Parse((byte[])null));
        }

        [Fact]
        public void Parse_OversizedInput_Rejected()
        {
            byte[] data = new byte[JsonReader.MaxSize + 1];
            var error = Assert.Throws<MalformedDataException>(() => JsonReader.Parse(data));
            Assert.Contains("larger than the limit", error.Message);
        }

        [Fact]
        public void Shape_WrongKinds_ThrowWithTheValuesOffset()
        {
            JsonValue v = Parse("{\"a\": \"x\", \"b\": 1}");
            var error = Assert.Throws<MalformedDataException>(() => v.Require("a").AsInt64());
            Assert.Equal(6, error.Offset);
            error = Assert.Throws<MalformedDataException>(() => v.Require("b").AsString());
            Assert.Equal(16, error.Offset);
            error = Assert.Throws<MalformedDataException>(() => v.Require("c"));
            Assert.Contains("missing member \"c\"", error.Message);
            Assert.Throws<ArgumentException>(() => v.Item(2));
        }

        [Fact]
        public void Parse_RandomDocuments_AgreeWithSystemTextJson()
        {
            var random = new SeededRandom(_output, nameof(Parse_RandomDocuments_AgreeWithSystemTextJson));
            for (int i = 0; i < SeededRandom.Iterations; i++)
            {
                var stream = new System.IO.MemoryStream();
                using (var w = new System.Text.Json.Utf8JsonWriter(stream, new System.Text.Json.JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
                {
                    JsonTestDocuments.Write(w, random, 0);
                }
                byte[] data = stream.ToArray();
                using var expected = System.Text.Json.JsonDocument.Parse(data);
                JsonTestDocuments.AssertSame(expected.RootElement, JsonReader.Parse(data));
            }
        }
    }
}
