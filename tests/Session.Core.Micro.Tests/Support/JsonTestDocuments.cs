using System.Text.Json;
using Session.Core.Micro.Encoding;
using Xunit;

namespace Session.Core.Micro.Tests.Support
{
    /// <summary>Random JSON documents written with System.Text.Json, and a deep comparison with the core's tree.</summary>
    public static class JsonTestDocuments
    {
        public static void Write(Utf8JsonWriter w, SeededRandom random, int depth)
        {
            int kind = depth >= 4 ? random.Next(5) : random.Next(7);
            switch (kind)
            {
                case 0: w.WriteNullValue(); break;
                case 1: w.WriteBooleanValue(random.Next(2) == 0); break;
                case 2: w.WriteNumberValue(System.BitConverter.ToInt64(random.Bytes(8))); break;
                case 3: w.WriteNumberValue(System.BitConverter.ToUInt64(random.Bytes(8))); break;
                case 4: w.WriteStringValue(RandomString(random)); break;
                case 5:
                    w.WriteStartArray();
                    for (int i = random.Next(5); i > 0; i--)
                    {
                        Write(w, random, depth + 1);
                    }
                    w.WriteEndArray();
                    break;
                default:
                    w.WriteStartObject();
                    for (int i = random.Next(5); i > 0; i--)
                    {
                        w.WritePropertyName(RandomString(random) + i);
                        Write(w, random, depth + 1);
                    }
                    w.WriteEndObject();
                    break;
            }
        }

        public static string RandomString(SeededRandom random)
        {
            char[] chars = new char[random.Next(12)];
            for (int i = 0; i < chars.Length; i++)
            {
                int pick = random.Next(6);
                chars[i] = pick switch
                {
                    0 => (char)random.Next(0x20),
                    1 => '"',
                    2 => '\\',
                    3 => (char)(0x80 + random.Next(0xD000)),
                    _ => (char)(0x20 + random.Next(0x5F)),
                };
            }
            return new string(chars);
        }

        public static void AssertSame(JsonElement expected, JsonValue actual)
        {
            switch (expected.ValueKind)
            {
                case JsonValueKind.Null: Assert.Equal(JsonKind.Null, actual.Kind); break;
                case JsonValueKind.True: Assert.True(actual.AsBoolean()); break;
                case JsonValueKind.False: Assert.False(actual.AsBoolean()); break;
                case JsonValueKind.String: Assert.Equal(expected.GetString(), actual.AsString()); break;
                case JsonValueKind.Number: Assert.Equal(expected.GetRawText(), actual.NumberText()); break;
                case JsonValueKind.Array:
                    Assert.Equal(expected.GetArrayLength(), actual.Count);
                    int i = 0;
                    foreach (JsonElement item in expected.EnumerateArray())
                    {
                        AssertSame(item, actual.Item(i++));
                    }
                    break;
                default:
                    int m = 0;
                    foreach (JsonProperty property in expected.EnumerateObject())
                    {
                        Assert.Equal(property.Name, actual.Name(m));
                        AssertSame(property.Value, actual.Item(m++));
                    }
                    Assert.Equal(m, actual.Count);
                    break;
            }
        }
    }
}
