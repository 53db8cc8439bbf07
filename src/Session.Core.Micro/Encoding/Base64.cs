// Base64 with the standard alphabet (+/), as the service-node JSON uses it (protocol.md notation):
// padded on output unless asked, padded or unpadded accepted on input. Convert does the work; this
// only adds the unpadded forms (message hashes are unpadded, 43 characters for 32 bytes).
using System;

namespace Session.Core.Micro.Encoding
{
    /// <summary>Standard base64, padded or unpadded.</summary>
    public static class Base64
    {
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
