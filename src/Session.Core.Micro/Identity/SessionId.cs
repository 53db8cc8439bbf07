// A Session ID (protocol.md §1.1): "05" followed by the 64 hex digits of an X25519 public key,
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
        /// (66 hex digits starting with 05).
        /// </summary>
        public static byte[] TryParse(string text)
        {
            if (text == null || text.Length != TextLength || text[0] != '0' || text[1] != '5')
            {
                return null;
            }
            return Hex.TryDecode(text.Substring(2));
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
    }
}
