// Base64 with the standard alphabet (+/), as the service-node JSON uses it (docs/protocol.md
// notation): padded on output unless asked, padded or unpadded accepted on input. Convert encodes
// strings; this adds the unpadded forms (message hashes are unpadded, 43 characters for 32 bytes)
// and EncodeTo, which writes the ASCII straight into a byte array: a store request's "data" goes
// into the request that way, without a string of twice its size in between (device heap).
// Decoding accepts only the 64 letters, with '=' in the last two places at most and never a
// length of 4k + 1; the text is decoded as if padded to whole groups of four, which must leave at
// most two '=' at its end. Unused low bits of the last group are ignored, as Convert does. It works
// on ASCII bytes, so an onion reply (tens of KB of base64) is decoded without a string in
// between; a string is walked once through ToCharArray, since nanoCLR keeps strings as UTF-8 and
// text[i] would walk it from its start on every call (docs/portable-csharp.md §5).
using System;
using System.Diagnostics;

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
            // 4 characters per 3 bytes, rounded up: the padded form less its '='.
            return text.Substring(0, (data.Length * 4 + 2) / 3);
        }

        /// <summary>Decodes padded or unpadded base64; null when the text is null or not base64.</summary>
        public static byte[] TryDecode(string text)
        {
            if (text == null)
            {
                return null;
            }
            char[] chars = text.ToCharArray();
            byte[] ascii = new byte[chars.Length];
            for (int i = 0; i < chars.Length; i++)
            {
                if (chars[i] >= 0x80)
                {
                    return null;
                }
                ascii[i] = (byte)chars[i];
            }
            return TryDecode(ascii, 0, ascii.Length);
        }

        // Decodes count ASCII bytes of text from offset (the rule in the header); null when they are
        // not base64. Allocates only the result.
        internal static byte[] TryDecode(byte[] text, int offset, int count)
        {
            Debug.Assert(text != null && offset >= 0 && count >= 0 && offset <= text.Length && text.Length - offset >= count);
            if (count % 4 == 1)
            {
                return null;
            }
            int letters = count;
            while (letters > 0 && count - letters < 2 && text[offset + letters - 1] == (byte)'=')
            {
                letters--;
            }
            // Letters and padding make whole groups of four with at most two '=' (letters % 4 is 0, 2 or 3).
            if ((count + 3) / 4 * 4 - letters > 2)
            {
                return null;
            }
            byte[] data = new byte[letters / 4 * 3 + (letters % 4 == 0 ? 0 : letters % 4 - 1)];
            int at = 0;
            int bits = 0;
            int end = offset + letters;
            // One pass; the letter's value is computed inline (a call per character costs a dozen
            // instructions on the device, docs/portable-csharp.md §5).
            for (int i = offset; i < end; i++)
            {
                int c = text[i];
                int value;
                if (c >= 'A' && c <= 'Z')
                {
                    value = c - 'A';
                }
                else if (c >= 'a' && c <= 'z')
                {
                    value = c - 'a' + 26;
                }
                else if (c >= '0' && c <= '9')
                {
                    value = c - '0' + 52;
                }
                else if (c == '+')
                {
                    value = 62;
                }
                else if (c == '/')
                {
                    value = 63;
                }
                else
                {
                    return null;
                }
                bits = bits << 6 | value;
                if (((i - offset) & 3) == 3)
                {
                    data[at] = (byte)(bits >> 16);
                    data[at + 1] = (byte)(bits >> 8);
                    data[at + 2] = (byte)bits;
                    at += 3;
                    bits = 0;
                }
            }
            // A last group of 2 or 3 letters carries 12 or 18 bits: 1 or 2 bytes and 4 or 2 unused bits.
            if (letters % 4 == 2)
            {
                data[at] = (byte)(bits >> 4);
            }
            else if (letters % 4 == 3)
            {
                data[at] = (byte)(bits >> 10);
                data[at + 1] = (byte)(bits >> 2);
            }
            return data;
        }
    }
}
