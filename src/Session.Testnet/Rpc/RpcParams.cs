// Reading RPC parameters the way storage-server does (docs/protocol.md §3.1-3.3): integers may come
// as numbers or as strings of digits; binary values are base64; pubkeys are 66 hex digits. A bad
// value ends the request with 400 and says which parameter was wrong.
using System;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Session.Testnet
{
    /// <summary>Typed access to an RPC's params object.</summary>
    public static class RpcParams
    {
        /// <summary>The pubkey (or pubKey): 66 hex digits, returned as hex (lower case) and bytes.</summary>
        public static byte[] Pubkey(JsonObject parameters, out string hex)
        {
            string text = OptionalString(parameters, "pubkey") ?? OptionalString(parameters, "pubKey");
            if (text == null)
            {
                throw Bad("missing 'pubkey'");
            }
            if (text.Length != 66)
            {
                throw Bad("pubkey must be 66 hex digits (prefix byte and 32-byte key), got " + text.Length + " characters");
            }
            try
            {
                byte[] bytes = Convert.FromHexString(text);
                hex = text.ToLowerInvariant();
                return bytes;
            }
            catch (FormatException)
            {
                throw Bad("pubkey is not hex");
            }
        }

        public static string OptionalString(JsonObject parameters, string name)
        {
            if (!parameters.TryGetPropertyValue(name, out JsonNode value) || value == null)
            {
                return null;
            }
            if (value.GetValueKind() != JsonValueKind.String)
            {
                throw Bad("'" + name + "' must be a string");
            }
            return value.GetValue<string>();
        }

        /// <summary>An integer given as a JSON number or a string of digits, or null when absent.</summary>
        public static long? OptionalInteger(JsonObject parameters, string name)
        {
            if (!parameters.TryGetPropertyValue(name, out JsonNode value) || value == null)
            {
                return null;
            }
            switch (value.GetValueKind())
            {
                case JsonValueKind.Number:
                    if (value.AsValue().TryGetValue(out long number))
                    {
                        return number;
                    }
                    if (value.AsValue().TryGetValue(out double real) && real == Math.Floor(real) && Math.Abs(real) < 9e18)
                    {
                        return (long)real;
                    }
                    break;
                case JsonValueKind.String:
                    if (long.TryParse(value.GetValue<string>(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long parsed))
                    {
                        return parsed;
                    }
                    break;
            }
            throw Bad("'" + name + "' must be an integer");
        }

        public static long RequiredInteger(JsonObject parameters, string name)
        {
            return OptionalInteger(parameters, name) ?? throw Bad("missing '" + name + "'");
        }

        /// <summary>The namespace (omitted = 0), which must fit an int16.</summary>
        public static int Namespace(JsonObject parameters)
        {
            long ns = OptionalInteger(parameters, "namespace") ?? 0;
            if (ns < short.MinValue || ns > short.MaxValue)
            {
                throw Bad("namespace must be between -32768 and 32767");
            }
            return (int)ns;
        }

        /// <summary>Standard base64, padded or not; null when absent.</summary>
        public static byte[] OptionalBase64(JsonObject parameters, string name)
        {
            string text = OptionalString(parameters, name);
            if (text == null)
            {
                return null;
            }
            return DecodeBase64(text) ?? throw Bad("'" + name + "' is not base64");
        }

        public static byte[] DecodeBase64(string text)
        {
            int pad = (4 - text.Length % 4) % 4;
            if (pad == 3)
            {
                return null;
            }
            try
            {
                return Convert.FromBase64String(text + new string('=', pad));
            }
            catch (FormatException)
            {
                return null;
            }
        }

        public static RpcException Bad(string reason)
        {
            return new RpcException(400, "invalid request: " + reason);
        }
    }
}
