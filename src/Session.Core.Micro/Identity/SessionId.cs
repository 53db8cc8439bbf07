// A Session ID (docs/protocol.md §1.1): "05" followed by the 64 hex digits of an X25519 public key,
// 66 characters; as bytes 0x05 || 32-byte key. Other prefixes (03 groups, 15/25 blinded ids) are
// not 1-to-1 recipients and are refused here.
using Session.Core.Micro.Encoding;

namespace Session.Core.Micro.Identity
{
    /// <summary>The text form of a 1-to-1 Session ID and its X25519 public key.</summary>
    public static class SessionId
    {
        /// <summary>Characters in a Session ID: 2 for the prefix, 64 for the key.</summary>
        public const int TextLength = 66;

        /// <summary>The prefix byte of a 1-to-1 Session ID.</summary>
        public const byte Prefix = 0x05;

        /// <summary>Bytes in the X25519 public key that a Session ID carries.</summary>
        public const int PublicKeySize = 32;

        /// <summary>
        /// The X25519 public key in <paramref name="text"/>, or null when it is not a Session ID
        /// (66 hex digits starting with 05, either case, surrounding white space ignored).
        /// </summary>
        public static byte[] TryParse(string text)
        {
            string problem;
            return TryParse(text, out problem);
        }

        /// <summary>
        /// The X25519 public key in a Session ID typed by a user: white space around it is ignored and
        /// upper-case hex is accepted.
        /// </summary>
        /// <exception cref="System.FormatException">
        /// <paramref name="text"/> is not a Session ID; the message says which rule failed: empty, not 66
        /// characters, a character that is not a hex digit, or a prefix other than 05.
        /// </exception>
        public static byte[] Parse(string text)
        {
            string problem;
            byte[] key = TryParse(text, out problem);
            if (key == null)
            {
                throw new System.FormatException(problem);
            }
            return key;
        }

        /// <summary>
        /// The X25519 public key in <paramref name="text"/> as <see cref="Parse"/> reads it, or null with
        /// <paramref name="problem"/> saying which rule failed (for callers that collect problems).
        /// </summary>
        public static byte[] TryParse(string text, out string problem)
        {
            // One walk of the text (docs/portable-csharp.md §5): a user may paste anything here.
            char[] id = text == null ? new char[0] : text.Trim().ToCharArray();
            if (id.Length == 0)
            {
                problem = Errors.SessionIdEmpty();
                return null;
            }
            if (id.Length != TextLength)
            {
                problem = Errors.SessionIdLength(id.Length);
                return null;
            }
            for (int i = 0; i < id.Length; i++)
            {
                if (!IsHexDigit(id[i]))
                {
                    problem = Errors.SessionIdNotHex(id[i], i);
                    return null;
                }
            }
            if (id[0] != '0' || id[1] != '5')
            {
                problem = Errors.SessionIdPrefix(new string(id, 0, 2));
                return null;
            }
            problem = null;
            return Hex.TryDecode(id, 2, TextLength - 2);
        }

        /// <summary>The Session ID of an X25519 public key.</summary>
        /// <exception cref="System.ArgumentException"><paramref name="x25519PublicKey"/> is not 32 bytes.</exception>
        public static string FromPublicKey(byte[] x25519PublicKey)
        {
            if (x25519PublicKey == null || x25519PublicKey.Length != PublicKeySize)
            {
                throw Errors.Length("x25519PublicKey", PublicKeySize);
            }
            return "05" + Hex.Encode(x25519PublicKey);
        }

        private static bool IsHexDigit(char c)
        {
            return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        }
    }
}
