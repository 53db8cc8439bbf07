// Byte helpers for secret data: comparison whose time does not depend on where the inputs differ,
// and wiping of buffers that held keys. (Monocypher's crypto_verify and WIPE_BUFFER play these roles.)
namespace Session.Core.Micro.Crypto
{
    /// <summary>Constant-time comparison and wiping of secret buffers.</summary>
    public static class CryptoBytes
    {
        /// <summary>
        /// True when <paramref name="a"/>[aOffset..] and <paramref name="b"/>[bOffset..] agree on
        /// <paramref name="count"/> bytes. The time taken depends only on <paramref name="count"/>.
        /// </summary>
        public static bool ConstantTimeEquals(byte[] a, int aOffset, byte[] b, int bOffset, int count)
        {
            int difference = 0;
            for (int i = 0; i < count; i++)
            {
                difference |= a[aOffset + i] ^ b[bOffset + i];
            }
            // Turn "any bit set" into 0 or 1 without a data-dependent branch.
            return ((difference - 1) >> 8 & 1) == 1;
        }

        /// <summary>True when both arrays have the same length and contents; constant time for equal lengths.</summary>
        public static bool ConstantTimeEquals(byte[] a, byte[] b)
        {
            return a.Length == b.Length && ConstantTimeEquals(a, 0, b, 0, a.Length);
        }

        /// <summary>Overwrites a secret buffer with zeros. Null is allowed, so it can sit in a finally block.</summary>
        public static void Wipe(byte[] secret)
        {
            if (secret != null)
            {
                System.Array.Clear(secret, 0, secret.Length);
            }
        }

        /// <summary>Overwrites a buffer of secret 32-bit words (field elements, hash states) with zeros.</summary>
        public static void Wipe(uint[] secret)
        {
            if (secret != null)
            {
                System.Array.Clear(secret, 0, secret.Length);
            }
        }
    }
}
