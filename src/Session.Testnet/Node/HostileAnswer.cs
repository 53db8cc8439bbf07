// The answers of a node with the hostile_json fault (NodeFaults.HostileJson): its real JSON answer
// with one more member, "junk", written first, so a client must get through it before it reaches
// anything it wants. The junk is valid JSON of the requested size, shaped to hurt a small client:
// one huge string (a reply far past a device's buffer), thousands of short strings of \u escapes
// (a parser that allocates per string or per escape), or arrays nested as deep as the size allows
// (a recursive parser's stack).
using System;
using System.Text;

namespace Session.Testnet
{
    /// <summary>Builds hostile JSON answers and names their kinds.</summary>
    public static class HostileAnswer
    {
        private const string EscapedString = "\"\\u00e9\\u00e8\\u00ea\\u00eb\\u0041\\u0042\\u0043\\u0044\"";

        /// <summary><paramref name="json"/> (a JSON object's text) with a "junk" member of about <paramref name="bytes"/> bytes first.</summary>
        public static string Wrap(string json, HostileJsonKind kind, int bytes)
        {
            if (kind == HostileJsonKind.None || json.Length < 2 || json[0] != '{')
            {
                return json;
            }
            var text = new StringBuilder(bytes + json.Length + 16);
            text.Append("{\"junk\":");
            switch (kind)
            {
                case HostileJsonKind.Huge:
                    text.Append('"').Append('A', Math.Max(0, bytes - 2)).Append('"');
                    break;
                case HostileJsonKind.Escapes:
                    text.Append('[');
                    int strings = Math.Max(1, bytes / (EscapedString.Length + 1));
                    for (int i = 0; i < strings; i++)
                    {
                        text.Append(i == 0 ? "" : ",").Append(EscapedString);
                    }
                    text.Append(']');
                    break;
                default:
                    int depth = Math.Max(1, bytes / 2);
                    text.Append('[', depth).Append(']', depth);
                    break;
            }
            text.Append(json.Length > 2 ? "," : "").Append(json, 1, json.Length - 1);
            return text.ToString();
        }

        /// <summary>The knob's name for <paramref name="kind"/>: null, "huge", "escapes" or "nested".</summary>
        public static string Name(HostileJsonKind kind)
        {
            return kind == HostileJsonKind.None ? null : kind.ToString().ToLowerInvariant();
        }

        /// <summary>The kind named <paramref name="name"/> (null or "none" for None).</summary>
        /// <exception cref="FormatException">Another name; the message lists the kinds.</exception>
        public static HostileJsonKind Parse(string name)
        {
            return name switch
            {
                null or "none" => HostileJsonKind.None,
                "huge" => HostileJsonKind.Huge,
                "escapes" => HostileJsonKind.Escapes,
                "nested" => HostileJsonKind.Nested,
                _ => throw new FormatException("hostile_json must be huge, escapes, nested or none, not '" + name + "'"),
            };
        }
    }
}
