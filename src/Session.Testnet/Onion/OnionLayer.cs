// The wire form of one onion layer (docs/protocol.md §4.2): LE32(len(C)) || C || JSON, where JSON
// is a UTF-8 object that runs to the end of the buffer. The same form carries the outer request to
// the guard and the plaintext each node finds after opening its layer.
using System;
using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Session.Testnet
{
    /// <summary>A parsed layer: the length-prefixed blob and the JSON object after it.</summary>
    public sealed class OnionLayer
    {
        public const int LengthPrefixSize = 4;

        private OnionLayer(byte[] blob, JsonObject json)
        {
            Blob = blob;
            Json = json;
        }

        /// <summary>The length-prefixed part: a ciphertext, or the request body at the destination.</summary>
        public byte[] Blob { get; }

        /// <summary>The routing or control object after the blob.</summary>
        public JsonObject Json { get; }

        /// <summary>Parses <paramref name="buffer"/>.</summary>
        /// <exception cref="FormatException">The buffer is shorter than its prefix says, or the rest is not one JSON object; the message says which.</exception>
        public static OnionLayer Parse(byte[] buffer)
        {
            if (buffer.Length < LengthPrefixSize)
            {
                throw new FormatException("the layer is " + buffer.Length + " bytes, too short for its 4-byte length prefix");
            }
            uint length = BinaryPrimitives.ReadUInt32LittleEndian(buffer);
            if (length > (uint)(buffer.Length - LengthPrefixSize))
            {
                throw new FormatException("the length prefix says " + length + " bytes but only " + (buffer.Length - LengthPrefixSize) + " follow it");
            }
            int jsonStart = LengthPrefixSize + (int)length;
            if (!System.Text.Unicode.Utf8.IsValid(buffer.AsSpan(jsonStart)))
            {
                throw new FormatException("the routing JSON after the blob is not UTF-8");
            }
            JsonNode json;
            try
            {
                json = JsonNode.Parse(buffer.AsSpan(jsonStart));
            }
            catch (JsonException error)
            {
                throw new FormatException("the routing JSON after the blob does not parse: " + error.Message);
            }
            if (json is not JsonObject routing)
            {
                throw new FormatException("the routing JSON after the blob must be an object");
            }
            return new OnionLayer(buffer.AsSpan(LengthPrefixSize, (int)length).ToArray(), routing);
        }

        /// <summary>Builds LE32(len(blob)) || blob || json.</summary>
        public static byte[] Build(byte[] blob, JsonObject json)
        {
            byte[] jsonBytes = Encoding.UTF8.GetBytes(json.ToJsonString());
            byte[] output = new byte[LengthPrefixSize + blob.Length + jsonBytes.Length];
            BinaryPrimitives.WriteUInt32LittleEndian(output, (uint)blob.Length);
            blob.CopyTo(output, LengthPrefixSize);
            jsonBytes.CopyTo(output, LengthPrefixSize + blob.Length);
            return output;
        }

        /// <summary>A string member, or null when absent; a member of another type is a format error.</summary>
        /// <exception cref="FormatException">The member is present but not a string.</exception>
        public string OptionalString(string name)
        {
            if (!Json.TryGetPropertyValue(name, out JsonNode value) || value == null)
            {
                return null;
            }
            if (value.GetValueKind() != JsonValueKind.String)
            {
                throw new FormatException("'" + name + "' must be a string");
            }
            return value.GetValue<string>();
        }
    }
}
