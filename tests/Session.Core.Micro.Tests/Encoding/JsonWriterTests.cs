using System;
using System.Text;
using Session.Core.Micro.Encoding;
using Session.Core.Micro.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Session.Core.Micro.Tests.Encoding
{
    public class JsonWriterTests
    {
        private readonly ITestOutputHelper _output;

        public JsonWriterTests(ITestOutputHelper output)
        {
            _output = output;
        }

        [Fact]
        public void Write_StoreRequest_CompactBytes()
        {
            var w = new JsonWriter(0);
            w.BeginObject();
            w.WriteName("method");
            w.WriteString("store");
            w.WriteName("params");
            w.BeginObject();
            w.WriteName("ttl");
            w.WriteInt64(1209600000);
            w.WriteName("big");
            w.WriteUInt64(ulong.MaxValue);
            w.WriteName("neg");
            w.WriteInt64(long.MinValue);
            w.WriteName("list");
            w.BeginArray();
            w.WriteBoolean(true);
            w.WriteBoolean(false);
            w.WriteNull();
            w.BeginArray();
            w.EndArray();
            w.BeginObject();
            w.EndObject();
            w.EndArray();
            w.EndObject();
            w.EndObject();
            Assert.Equal("{\"method\":\"store\",\"params\":{\"ttl\":1209600000,\"big\":18446744073709551615,\"neg\":-9223372036854775808,\"list\":[true,false,null,[],{}]}}",
                System.Text.Encoding.UTF8.GetString(w.ToArray()));
        }

        [Fact]
        public void WriteString_Escapes_ControlQuoteBackslashAndKeepsUnicode()
        {
            var w = new JsonWriter(4);
            w.WriteString("a\"b\\c\n\r\t\b\f\u0001\u001f/\u00e9\U0001F600");
            Assert.Equal("\"a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0001\\u001f/\u00e9\U0001F600\"", System.Text.Encoding.UTF8.GetString(w.ToArray()));
        }

        [Theory]
        // Escaped, because attribute strings are stored as UTF-8 and cannot hold a lone surrogate.
        [InlineData(@"\ud800", 0)]
        [InlineData(@"ab\ud800", 2)]
        [InlineData(@"a\u00e9\ud83d\ude00\udc00x", 4)]
        [InlineData(@"x\u00e9y\u20ac\ud83d", 4)]
        public void WriteString_LoneSurrogate_ThrowsWithItsIndexInTheValue(string escaped, int index)
        {
            string text = System.Text.RegularExpressions.Regex.Unescape(escaped);
            var value = Assert.Throws<ArgumentException>(() => new JsonWriter(0).WriteString(text));
            Assert.Contains("lone surrogate at index " + index, value.Message);
            var writer = new JsonWriter(0);
            writer.BeginObject();
            var name = Assert.Throws<ArgumentException>(() => writer.WriteName(text));
            Assert.Contains("lone surrogate at index " + index, name.Message);
        }

        [Fact]
        public void WriteString_RandomText_SameBytesAsSystemTextJsonUnescaped()
        {
            var random = new SeededRandom(_output, nameof(WriteString_RandomText_SameBytesAsSystemTextJsonUnescaped));
            // ASCII with the characters that need escapes, two- and three-byte characters, surrogate pairs.
            string[] pieces = { "a", "Z", "0", " ", "\"", "\\", "/", "\n", "\u0001", "\u001f", "\u007f", "\u00e9", "\u07ff", "\u0800", "\u20ac", "\uffff", "\U0001F600", "\U0010FFFF" };
            for (int i = 0; i < SeededRandom.Iterations; i++)
            {
                var text = new StringBuilder();
                int length = random.Next(40);
                for (int k = 0; k < length; k++)
                {
                    text.Append(pieces[random.Next(pieces.Length)]);
                }
                var writer = new JsonWriter(0);
                writer.WriteString(text.ToString());
                string written = System.Text.Encoding.UTF8.GetString(writer.ToArray());
                Assert.Equal(text.ToString(), System.Text.Json.JsonSerializer.Deserialize<string>(written));
                Assert.Equal(Escaped(text.ToString()), written);
            }
        }

        // The writer's escapes (see JsonWriter's header), spelled out independently.
        private static string Escaped(string text)
        {
            var result = new StringBuilder("\"");
            foreach (char c in text)
            {
                switch (c)
                {
                    case '"': result.Append("\\\""); break;
                    case '\\': result.Append("\\\\"); break;
                    case '\n': result.Append("\\n"); break;
                    case '\r': result.Append("\\r"); break;
                    case '\t': result.Append("\\t"); break;
                    case '\b': result.Append("\\b"); break;
                    case '\f': result.Append("\\f"); break;
                    default:
                        result.Append(c < 0x20 ? "\\u" + ((int)c).ToString("x4") : c.ToString());
                        break;
                }
            }
            return result.Append('"').ToString();
        }

        [Fact]
        public void Misuse_Throws()
        {
            var w = new JsonWriter(0);
            w.BeginObject();
            Assert.Throws<InvalidOperationException>(() => w.WriteString("value without a name"));
            Assert.Throws<InvalidOperationException>(() => w.EndArray());
            Assert.Throws<InvalidOperationException>(() => w.ToArray());
            w.WriteName("a");
            Assert.Throws<InvalidOperationException>(() => w.WriteName("b"));
            Assert.Throws<InvalidOperationException>(() => w.EndObject());
            w.WriteInt64(1);
            w.EndObject();
            Assert.Throws<InvalidOperationException>(() => w.WriteNull());
            Assert.Throws<ArgumentException>(() => new JsonWriter(0).WriteString("\ud800"));
            Assert.Throws<InvalidOperationException>(() => new JsonWriter(0).ToArray());
            var deep = new JsonWriter(0);
            for (int i = 0; i < JsonWriter.MaxDepth; i++)
            {
                deep.BeginArray();
            }
            Assert.Throws<InvalidOperationException>(() => deep.BeginArray());
        }

        [Fact]
        public void RoundTrip_RandomDocuments_SystemTextJsonReadsTheSameValues()
        {
            var random = new SeededRandom(_output, nameof(RoundTrip_RandomDocuments_SystemTextJsonReadsTheSameValues));
            for (int i = 0; i < SeededRandom.Iterations; i++)
            {
                var stream = new System.IO.MemoryStream();
                using (var w = new System.Text.Json.Utf8JsonWriter(stream))
                {
                    JsonTestDocuments.Write(w, random, 0);
                }
                JsonValue tree = JsonReader.Parse(stream.ToArray());
                var writer = new JsonWriter(16);
                Rewrite(writer, tree);
                byte[] ours = writer.ToArray();
                using var reparsed = System.Text.Json.JsonDocument.Parse(ours);
                JsonTestDocuments.AssertSame(reparsed.RootElement, tree);
            }
        }

        private static void Rewrite(JsonWriter w, JsonValue v)
        {
            switch (v.Kind)
            {
                case JsonKind.Null: w.WriteNull(); break;
                case JsonKind.Boolean: w.WriteBoolean(v.AsBoolean()); break;
                case JsonKind.String: w.WriteString(v.AsString()); break;
                case JsonKind.Number:
                    if (v.NumberText().StartsWith("-"))
                    {
                        w.WriteInt64(v.AsInt64());
                    }
                    else
                    {
                        w.WriteUInt64(v.AsUInt64());
                    }
                    break;
                case JsonKind.Array:
                    w.BeginArray();
                    for (int i = 0; i < v.Count; i++)
                    {
                        Rewrite(w, v.Item(i));
                    }
                    w.EndArray();
                    break;
                default:
                    w.BeginObject();
                    for (int i = 0; i < v.Count; i++)
                    {
                        w.WriteName(v.Name(i));
                        Rewrite(w, v.Item(i));
                    }
                    w.EndObject();
                    break;
            }
        }
    }
}
