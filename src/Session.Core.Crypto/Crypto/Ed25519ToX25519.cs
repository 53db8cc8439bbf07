// Conversion of Ed25519 keys to X25519 keys, as libsodium 1.0.18's crypto_sign_ed25519_pk_to_curve25519
// and crypto_sign_ed25519_sk_to_curve25519 do: the Edwards point (x, y) maps to the Montgomery
// u = (1 + y) / (1 - y) (RFC 7748 section 4.1), and the secret scalar is the clamped first half of
// SHA-512(seed) (RFC 8032 section 5.1.5), which X25519 then clamps the same way again.
// The public-key conversion rejects small-order encodings, non-points and points outside the
// prime-order subgroup; it works on public data and is variable time.
namespace Session.Core.Micro.Crypto
{
    /// <summary>Turns Ed25519 key pairs into X25519 key pairs (libsodium's conversion).</summary>
    public static class Ed25519ToX25519
    {
        /// <summary>Writes the X25519 public key that corresponds to an Ed25519 public key.</summary>
        /// <returns>False (and zeros in the output) when the key is of small order, not a point, or not in the prime-order subgroup.</returns>
        /// <exception cref="System.ArgumentNullException">An argument is null.</exception>
        /// <exception cref="System.ArgumentException">An argument is not 32 bytes.</exception>
        public static bool PublicKey(byte[] x25519PublicKey, byte[] ed25519PublicKey)
        {
            CheckLength(x25519PublicKey, nameof(x25519PublicKey), X25519.KeySize);
            CheckLength(ed25519PublicKey, nameof(ed25519PublicKey), Ed25519.PublicKeySize);
            var w = new GroupElement25519.Workspace();
            var a = new GroupElement25519();
            if (GroupElement25519.HasSmallOrder(ed25519PublicKey, 0, w)
                || !GroupElement25519.Decode(a, ed25519PublicKey, 0, w)
                || !GroupElement25519.IsInPrimeOrderSubgroup(a, w))
            {
                System.Array.Clear(x25519PublicKey, 0, X25519.KeySize);
                return false;
            }
            GroupElement25519.EncodeMontgomeryU(x25519PublicKey, 0, a, w);
            return true;
        }

        /// <summary>Writes the X25519 secret key of an Ed25519 secret key (seed || public key).</summary>
        /// <exception cref="System.ArgumentNullException">An argument is null.</exception>
        /// <exception cref="System.ArgumentException">An argument has the wrong length.</exception>
        public static void SecretKey(byte[] x25519SecretKey, byte[] ed25519SecretKey)
        {
            CheckLength(x25519SecretKey, nameof(x25519SecretKey), X25519.ScalarSize);
            CheckLength(ed25519SecretKey, nameof(ed25519SecretKey), Ed25519.SecretKeySize);
            byte[] h = new byte[Sha512.HashSize];
            try
            {
                Sha512.Hash(h, 0, ed25519SecretKey, 0, Ed25519.SeedSize);
                Ed25519.Clamp(h);
                System.Array.Copy(h, 0, x25519SecretKey, 0, X25519.ScalarSize);
            }
            finally
            {
                CryptoBytes.Wipe(h);
            }
        }

        private static void CheckLength(byte[] value, string name, int size)
        {
            if (value == null)
            {
                throw Errors.Null(name);
            }
            if (value.Length != size)
            {
                throw Errors.Length(name, size);
            }
        }
    }
}
