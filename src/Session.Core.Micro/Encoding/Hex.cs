// Hexadecimal as Session writes it: lowercase on output, either case accepted on input
// (docs/protocol.md notation). Used for Session IDs, node keys and configuration values.
namespace Session.Core.Micro.Encoding
{
    /// <summary>Lowercase hexadecimal encoding and strict decoding.</summary>
    public static class Hex
    {
        /// <summary>Encodes <paramref name="data"/> as lowercase hex, two digits per byte.</summary>
        /// <exception cref="System.ArgumentNullException"><paramref name="data"/> is null.</exception>
        public static string Encode(byte[] data)
        {
            if (data == null)
            {
                throw Errors.Null("data");
            }
            char[] chars = new char[data.Length * 2];
            for (int i = 0; i < data.Length; i++)
            {
                chars[2 * i] = Digit(data[i] >> 4);
                chars[2 * i + 1] = Digit(data[i] & 0xF);
            }
            return new string(chars);
        }

        /// <summary>
        /// Decodes an even-length string of hex digits; returns null when <paramref name="text"/> is
        /// null, has an odd length or holds anything but 0-9, a-f, A-F.
        /// </summary>
        public static byte[] TryDecode(string text)
        {
            if (text == null)
            {
                return null;
            }
            // One walk of the string: nanoCLR keeps strings as UTF-8, so text[i] would walk it from
            // its start on every call (docs/portable-csharp.md §5).
            char[] chars = text.ToCharArray();
            return TryDecode(chars, 0, chars.Length);
        }

        // TryDecode for count characters of chars from offset.
        internal static byte[] TryDecode(char[] chars, int offset, int count)
        {
            if ((count & 1) != 0)
            {
                return null;
            }
            byte[] bytes = new byte[count / 2];
            for (int i = 0; i < bytes.Length; i++)
            {
                int high = DigitValue(chars[offset + 2 * i]);
                int low = DigitValue(chars[offset + 2 * i + 1]);
                if (high < 0 || low < 0)
                {
                    return null;
                }
                bytes[i] = (byte)(high << 4 | low);
            }
            return bytes;
        }

        private static char Digit(int value)
        {
            return (char)(value < 10 ? '0' + value : 'a' + value - 10);
        }

        /// <summary>The value of one hex digit (either case), or -1 when <paramref name="c"/> is none.</summary>
        public static int DigitValue(char c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }
            if (c >= 'a' && c <= 'f')
            {
                return c - 'a' + 10;
            }
            if (c >= 'A' && c <= 'F')
            {
                return c - 'A' + 10;
            }
            return -1;
        }
    }
}
