// Base64 with the standard alphabet (+/), as the service-node JSON uses it (docs/protocol.md
// notation): padded on output unless asked, padded or unpadded accepted on input. Convert does the
// work; this only adds the unpadded forms (message hashes are unpadded, 43 characters for 32 bytes)
// and EncodeTo, which writes the ASCII straight into a byte array: a store request's "data" goes
// into the request that way, without a string of twice its size in between (device heap).
using System;

namespace Session.Core.Micro.Encoding
{
    /// <summary>Standard base64, padded or unpadded.</summary>
    public static class Base64
    {
        private static readonly byte[] s_alphabet =
        {
            (byte)'A', (byte)'B', (byte)'C', (byte)'D', (byte)'E', (byte)'F', (byte)'G', (byte)'H', (byte)'I', (byte)'J', (byte)'K',
            (byte)'L', (byte)'M', (byte)'N', (byte)'O', (byte)'P', (byte)'Q', (byte)'R', (byte)'S', (byte)'T', (byte)'U', (byte)'V',
            (byte)'W', (byte)'X', (byte)'Y', (byte)'Z', (byte)'a', (byte)'b', (byte)'c', (byte)'d', (byte)'e', (byte)'f', (byte)'g',
            (byte)'h', (byte)'i', (byte)'j', (byte)'k', (byte)'l', (byte)'m', (byte)'n', (byte)'o', (byte)'p', (byte)'q', (byte)'r',
            (byte)'s', (byte)'t', (byte)'u', (byte)'v', (byte)'w', (byte)'x', (byte)'y', (byte)'z', (byte)'0', (byte)'1', (byte)'2',
            (byte)'3', (byte)'4', (byte)'5', (byte)'6', (byte)'7', (byte)'8', (byte)'9', (byte)'+', (byte)'/',
        };

        /// <summary>Encodes with '=' padding.</summary>
        /// <exception cref="ArgumentNullException">data is null.</exception>
        public static string Encode(byte[] data)
        {
            if (data == null)
            {
                throw Errors.Null("data");
            }
            return Convert.ToBase64String(data);
        }

        /// <summary>Characters of the padded encoding of <paramref name="length"/> bytes: 4 per started 3.</summary>
        public static int EncodedLength(int length)
        {
            return (length + 2) / 3 * 4;
        }

        /// <summary>
        /// Writes the padded encoding of <paramref name="data"/> as ASCII bytes into <paramref name="output"/>
        /// at <paramref name="offset"/>; returns the offset after it.
        /// </summary>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        /// <exception cref="ArgumentException">output has less than EncodedLength(data.Length) bytes from offset.</exception>
        public static int EncodeTo(byte[] output, int offset, byte[] data)
        {
            if (output == null)
            {
                throw Errors.Null("output");
            }
            if (data == null)
            {
                throw Errors.Null("data");
            }
            if (offset < 0 || offset > output.Length || output.Length - offset < EncodedLength(data.Length))
            {
                throw Errors.Slice("output");
            }
            int at = offset;
            int whole = data.Length - data.Length % 3;
            for (int i = 0; i < whole; i += 3)
            {
                int v = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
                output[at] = s_alphabet[v >> 18];
                output[at + 1] = s_alphabet[(v >> 12) & 63];
                output[at + 2] = s_alphabet[(v >> 6) & 63];
                output[at + 3] = s_alphabet[v & 63];
                at += 4;
            }
            int rest = data.Length - whole;
            if (rest > 0)
            {
                int v = data[whole] << 16;
                if (rest == 2)
                {
                    v |= data[whole + 1] << 8;
                }
                output[at] = s_alphabet[v >> 18];
                output[at + 1] = s_alphabet[(v >> 12) & 63];
                output[at + 2] = rest == 2 ? s_alphabet[(v >> 6) & 63] : (byte)'=';
                output[at + 3] = (byte)'=';
                at += 4;
            }
            return at;
        }

        /// <summary>Encodes without the trailing '=' padding.</summary>
        /// <exception cref="ArgumentNullException">data is null.</exception>
        public static string EncodeUnpadded(byte[] data)
        {
            string text = Encode(data);
            int end = text.Length;
            while (end > 0 && text[end - 1] == '=')
            {
                end--;
            }
            return text.Substring(0, end);
        }

        /// <summary>Decodes padded or unpadded base64; null when the text is null or not base64.</summary>
        public static byte[] TryDecode(string text)
        {
            if (text == null)
            {
                return null;
            }
            int remainder = text.Length % 4;
            if (remainder == 1)
            {
                return null;
            }
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/'
                    || (c == '=' && i >= text.Length - 2);
                if (!ok)
                {
                    return null;
                }
            }
            if (remainder == 2)
            {
                text += "==";
            }
            else if (remainder == 3)
            {
                text += "=";
            }
            try
            {
                return Convert.FromBase64String(text);
            }
            catch (Exception)
            {
                return null;
            }
        }
    }
}
