// HKDF with HMAC-SHA-256 (RFC 5869 §2.2 Extract, §2.3 Expand).
// PRK 32 bytes; output 0 to 255 * 32 = 8,160 bytes. A missing or empty salt is HashLen zero bytes
// (§2.2), and a missing info is empty. Each call allocates one HMAC instance and its result.
using System;

namespace Session.Core.Micro.Crypto
{
    /// <summary>HKDF-SHA-256 key derivation.</summary>
    public static class HkdfSha256
    {
        /// <summary>Size in bytes of the pseudorandom key from <see cref="Extract"/>; the least <see cref="Expand"/> accepts.</summary>
        public const int PrkSize = HmacSha256.TagSize;

        /// <summary>Largest output of <see cref="Expand"/> in bytes: 255 blocks of the hash size (§2.3).</summary>
        public const int MaxOutputSize = 255 * HmacSha256.TagSize;

        /// <summary>Returns PRK = HMAC-SHA-256(salt, ikm), <see cref="PrkSize"/> bytes.</summary>
        /// <param name="salt">Optional salt; null or empty means <see cref="PrkSize"/> zero bytes.</param>
        /// <param name="ikm">Input keying material.</param>
        /// <exception cref="ArgumentNullException"><paramref name="ikm"/> is null.</exception>
        public static byte[] Extract(byte[] salt, byte[] ikm)
        {
            if (ikm == null)
            {
                throw Errors.Null(nameof(ikm));
            }
            // HMAC pads its key with zeros to a whole block, so the empty key is the RFC's HashLen zeros.
            HmacSha256 mac = new HmacSha256(salt == null ? new byte[0] : salt);
            byte[] prk = new byte[PrkSize];
            mac.Update(ikm, 0, ikm.Length);
            mac.Final(prk, 0);
            mac.Wipe();
            return prk;
        }

        /// <summary>Returns <paramref name="length"/> bytes of OKM = T(1) || T(2) || …, T(i) = HMAC(prk, T(i-1) || info || i).</summary>
        /// <param name="prk">Pseudorandom key, at least <see cref="PrkSize"/> bytes (usually from <see cref="Extract"/>).</param>
        /// <param name="info">Optional context; null means empty.</param>
        /// <param name="length">Output size, 0 to <see cref="MaxOutputSize"/> bytes.</param>
        /// <exception cref="ArgumentNullException"><paramref name="prk"/> is null.</exception>
        /// <exception cref="ArgumentException"><paramref name="prk"/> is shorter than <see cref="PrkSize"/>, or <paramref name="length"/> is out of range.</exception>
        public static byte[] Expand(byte[] prk, byte[] info, int length)
        {
            if (prk == null)
            {
                throw Errors.Null(nameof(prk));
            }
            // §2.3 requires PRK of at least HashLen bytes; a shorter one is a sign that Extract was skipped.
            if (prk.Length < PrkSize)
            {
                throw Errors.MinLength(nameof(prk), PrkSize);
            }
            if (length < 0 || length > MaxOutputSize)
            {
                throw Errors.LengthRange(nameof(length), 0, MaxOutputSize);
            }
            byte[] okm = new byte[length];
            if (length == 0)
            {
                return okm;
            }
            HmacSha256 mac = new HmacSha256(prk);
            byte[] block = new byte[HmacSha256.TagSize];
            byte[] counter = new byte[1];
            try
            {
                int done = 0;
                for (int i = 1; done < length; i++)
                {
                    if (i > 1)
                    {
                        mac.Update(block, 0, HmacSha256.TagSize);
                    }
                    if (info != null)
                    {
                        mac.Update(info, 0, info.Length);
                    }
                    counter[0] = (byte)i;
                    mac.Update(counter, 0, 1);
                    mac.Final(block, 0);
                    int take = length - done < HmacSha256.TagSize ? length - done : HmacSha256.TagSize;
                    Array.Copy(block, 0, okm, done, take);
                    done += take;
                }
            }
            finally
            {
                CryptoBytes.Wipe(block);
                mac.Wipe();
            }
            return okm;
        }

        /// <summary>Extract then Expand: <paramref name="length"/> bytes derived from <paramref name="ikm"/>.</summary>
        /// <param name="ikm">Input keying material.</param>
        /// <param name="salt">Optional salt; null or empty means <see cref="PrkSize"/> zero bytes.</param>
        /// <param name="info">Optional context; null means empty.</param>
        /// <param name="length">Output size, 0 to <see cref="MaxOutputSize"/> bytes.</param>
        /// <exception cref="ArgumentNullException"><paramref name="ikm"/> is null.</exception>
        /// <exception cref="ArgumentException"><paramref name="length"/> is out of range.</exception>
        public static byte[] DeriveKey(byte[] ikm, byte[] salt, byte[] info, int length)
        {
            if (ikm == null)
            {
                throw Errors.Null(nameof(ikm));
            }
            if (length < 0 || length > MaxOutputSize)
            {
                throw Errors.LengthRange(nameof(length), 0, MaxOutputSize);
            }
            byte[] prk = Extract(salt, ikm);
            try
            {
                return Expand(prk, info, length);
            }
            finally
            {
                CryptoBytes.Wipe(prk);
            }
        }
    }
}
