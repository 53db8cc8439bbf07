// Ed25519 signatures (RFC 8032 section 5.1; Bernstein, Duif, Lange, Schwabe, Yang, "High-speed
// high-security signatures", 2011) with SHA-512. Seed 32 bytes, public key 32, secret key 64
// (seed || public key, as libsodium stores it), signature 64 (R || S).
// Verification is as strict as libsodium 1.0.18: S must be below L, R and A must not be points of
// small order, A must be canonically encoded, and R is compared byte for byte with the recomputed
// encoding (so a non-canonical R fails too). A signature of the wrong length is a false result.
// Cost and memory: signing is two SHA-512 passes over the message and one constant-time fixed-base
// multiplication; verifying one SHA-512 pass, one point decoding and one variable-time
// double-scalar multiplication. Scratch is allocated once per call (see the report in the tests).
// With a nonce prepared ahead (Ed25519Nonce), signing is the SHA-512 of the seed, one pass over
// the message and a multiply-add: the fixed-base multiplication was done in idle time.
using System.Diagnostics;

namespace Session.Core.Micro.Crypto
{
    /// <summary>Ed25519 key generation, signing and verification (RFC 8032).</summary>
    public static class Ed25519
    {
        /// <summary>Bytes of a seed, the secret from which a key pair is derived.</summary>
        public const int SeedSize = 32;

        /// <summary>Bytes of a public key.</summary>
        public const int PublicKeySize = 32;

        /// <summary>Bytes of a secret key: the seed followed by the public key.</summary>
        public const int SecretKeySize = 64;

        /// <summary>Bytes of a signature: R followed by S.</summary>
        public const int SignatureSize = 64;

        // S starts after the encoded point R; the nonce prefix after the scalar in SHA-512(seed).
        private const int SOffset = GroupElement25519.EncodedSize;
        private const int PrefixOffset = Scalar25519.Size;

        /// <summary>Derives the key pair of <paramref name="seed"/> (RFC 8032 section 5.1.5).</summary>
        /// <exception cref="System.ArgumentNullException">An argument is null.</exception>
        /// <exception cref="System.ArgumentException">An argument has the wrong length.</exception>
        public static void KeyPairFromSeed(byte[] publicKey, byte[] secretKey, byte[] seed)
        {
            CheckLength(publicKey, nameof(publicKey), PublicKeySize);
            CheckLength(secretKey, nameof(secretKey), SecretKeySize);
            CheckLength(seed, nameof(seed), SeedSize);
            byte[] h = new byte[Sha512.HashSize];
            var w = new GroupElement25519.Workspace();
            var a = new GroupElement25519();
            try
            {
                Sha512.Hash(h, 0, seed, 0, SeedSize);
                Clamp(h);
                GroupElement25519.ScalarMultBase(a, h, 0, w);
                GroupElement25519.Encode(publicKey, 0, a, w);
                System.Array.Copy(seed, 0, secretKey, 0, SeedSize);
                System.Array.Copy(publicKey, 0, secretKey, SeedSize, PublicKeySize);
            }
            finally
            {
                CryptoBytes.Wipe(h);
                w.Wipe();
                a.Clear();
            }
        }

        /// <summary>Signs the whole of <paramref name="message"/> into <paramref name="signature"/>.</summary>
        /// <exception cref="System.ArgumentNullException">An argument is null.</exception>
        /// <exception cref="System.ArgumentException">signature or secretKey has the wrong length.</exception>
        public static void Sign(byte[] signature, byte[] secretKey, byte[] message)
        {
            if (message == null)
            {
                throw Errors.Null(nameof(message));
            }
            Sign(signature, secretKey, message, 0, message.Length);
        }

        /// <summary>
        /// Signs message[offset..offset+count] into <paramref name="signature"/> (RFC 8032 section 5.1.6).
        /// The public key is taken from the second half of <paramref name="secretKey"/>, as libsodium does.
        /// </summary>
        /// <exception cref="System.ArgumentNullException">An argument is null.</exception>
        /// <exception cref="System.ArgumentException">A length is wrong or offset and count lie outside message.</exception>
        public static void Sign(byte[] signature, byte[] secretKey, byte[] message, int offset, int count)
        {
            CheckLength(signature, nameof(signature), SignatureSize);
            CheckLength(secretKey, nameof(secretKey), SecretKeySize);
            CheckSlice(message, nameof(message), offset, count);
            var sha = new Sha512();
            byte[] h = new byte[Sha512.HashSize];        // clamped scalar s || prefix
            byte[] digest = new byte[Sha512.HashSize];
            byte[] r = new byte[Scalar25519.Size];
            byte[] encodedR = new byte[GroupElement25519.EncodedSize];
            long[] work = new long[Scalar25519.WorkLength];
            var w = new GroupElement25519.Workspace();
            var point = new GroupElement25519();
            try
            {
                // One SHA-512 instance for all three hashes: each costs about 1 KB of heap on the device.
                sha.Update(secretKey, 0, SeedSize);
                sha.Final(h, 0);
                Clamp(h);

                // r = SHA-512(prefix || M) mod L; R = r B.
                sha.Update(h, PrefixOffset, Sha512.HashSize - PrefixOffset);
                sha.Update(message, offset, count);
                sha.Final(digest, 0);
                Scalar25519.Reduce(r, 0, digest, 0, work);
                GroupElement25519.ScalarMultBase(point, r, 0, w);
                GroupElement25519.Encode(encodedR, 0, point, w);

                Finish(signature, sha, encodedR, r, h, secretKey, message, offset, count, digest, work);
            }
            finally
            {
                sha.Reset();
                CryptoBytes.Wipe(h);
                CryptoBytes.Wipe(digest);
                CryptoBytes.Wipe(r);
                System.Array.Clear(work, 0, work.Length);
                w.Wipe();
                point.Clear();
            }
        }

        /// <summary>
        /// Signs message[offset..offset+count] with a nonce prepared ahead (<see cref="Ed25519Nonce"/>):
        /// only k = SHA-512(R || A || M) and S = r + k s are left to compute. The signature verifies like
        /// any other. The nonce is used up and wiped, whether signing succeeds or not.
        /// </summary>
        /// <exception cref="System.ArgumentNullException">An argument is null.</exception>
        /// <exception cref="System.ArgumentException">A length is wrong, offset and count lie outside message, or the nonce was made for another key.</exception>
        /// <exception cref="System.InvalidOperationException">The nonce was used or wiped already.</exception>
        public static void Sign(byte[] signature, byte[] secretKey, byte[] message, int offset, int count, Ed25519Nonce nonce)
        {
            CheckLength(signature, nameof(signature), SignatureSize);
            CheckLength(secretKey, nameof(secretKey), SecretKeySize);
            CheckSlice(message, nameof(message), offset, count);
            if (nonce == null)
            {
                throw Errors.Null(nameof(nonce));
            }
            if (!nonce.IsFor(secretKey))
            {
                throw Errors.NonceForOtherKey(nameof(nonce));
            }
            nonce.Take();
            var sha = new Sha512();
            byte[] h = new byte[Sha512.HashSize];
            byte[] digest = new byte[Sha512.HashSize];
            long[] work = new long[Scalar25519.WorkLength];
            try
            {
                sha.Update(secretKey, 0, SeedSize);
                sha.Final(h, 0);
                Clamp(h);
                Finish(signature, sha, nonce.EncodedR, nonce.R, h, secretKey, message, offset, count, digest, work);
            }
            finally
            {
                nonce.Wipe();
                sha.Reset();
                CryptoBytes.Wipe(h);
                CryptoBytes.Wipe(digest);
                System.Array.Clear(work, 0, work.Length);
            }
        }

        // k = SHA-512(R || A || M) mod L; S = r + k s mod L; signature = R || S. h holds the clamped s.
        private static void Finish(byte[] signature, Sha512 sha, byte[] encodedR, byte[] r, byte[] h, byte[] secretKey,
            byte[] message, int offset, int count, byte[] digest, long[] work)
        {
            sha.Update(encodedR, 0, GroupElement25519.EncodedSize);
            sha.Update(secretKey, SeedSize, PublicKeySize);
            sha.Update(message, offset, count);
            sha.Final(digest, 0);
            Scalar25519.Reduce(digest, 0, digest, 0, work);
            // The signature is written only now, so it may share an array with the message.
            Scalar25519.MulAdd(signature, SOffset, digest, 0, h, 0, r, 0, work);
            System.Array.Copy(encodedR, 0, signature, 0, GroupElement25519.EncodedSize);
        }

        /// <summary>Checks a signature of the whole of <paramref name="message"/>.</summary>
        /// <returns>True when the signature is valid; false otherwise, including a signature of the wrong length.</returns>
        /// <exception cref="System.ArgumentNullException">An argument is null.</exception>
        /// <exception cref="System.ArgumentException">publicKey is not 32 bytes.</exception>
        public static bool Verify(byte[] signature, byte[] message, byte[] publicKey)
        {
            if (message == null)
            {
                throw Errors.Null(nameof(message));
            }
            return Verify(signature, message, 0, message.Length, publicKey);
        }

        /// <summary>
        /// Checks a signature of message[offset..offset+count] (RFC 8032 section 5.1.7 with
        /// libsodium's extra checks, see the file header).
        /// </summary>
        /// <returns>True when the signature is valid; false otherwise, including a signature of the wrong length.</returns>
        /// <exception cref="System.ArgumentNullException">An argument is null.</exception>
        /// <exception cref="System.ArgumentException">publicKey is not 32 bytes, or offset and count lie outside message.</exception>
        public static bool Verify(byte[] signature, byte[] message, int offset, int count, byte[] publicKey)
        {
            if (signature == null)
            {
                throw Errors.Null(nameof(signature));
            }
            CheckSlice(message, nameof(message), offset, count);
            CheckLength(publicKey, nameof(publicKey), PublicKeySize);
            if (signature.Length != SignatureSize || Scalar25519.IsCanonical(signature, SOffset) == 0)
            {
                return false;
            }
            var w = new GroupElement25519.Workspace();
            if (GroupElement25519.HasSmallOrder(signature, 0, w)
                || !GroupElement25519.IsCanonical(publicKey, 0)
                || GroupElement25519.HasSmallOrder(publicKey, 0, w))
            {
                return false;
            }
            var a = new GroupElement25519();
            if (!GroupElement25519.Decode(a, publicKey, 0, w))
            {
                return false;
            }
            // R' = S B - k A; the signature holds when R' encodes to R.
            Field25519.Negate(a.X, a.X);
            Field25519.Negate(a.T, a.T);
            var sha = new Sha512();
            byte[] k = new byte[Sha512.HashSize];
            sha.Update(signature, 0, GroupElement25519.EncodedSize);
            sha.Update(publicKey, 0, PublicKeySize);
            sha.Update(message, offset, count);
            sha.Final(k, 0);
            Scalar25519.Reduce(k, 0, k, 0, new long[Scalar25519.WorkLength]);
            var check = new GroupElement25519();
            GroupElement25519.DoubleScalarMultVartime(check, k, a, CopyS(signature), w);
            byte[] encoded = new byte[GroupElement25519.EncodedSize];
            GroupElement25519.Encode(encoded, 0, check, w);
            return CryptoBytes.ConstantTimeEquals(encoded, 0, signature, 0, GroupElement25519.EncodedSize);
        }

        // RFC 8032 section 5.1.5: clear the low three bits and the top bit, set bit 254.
        internal static void Clamp(byte[] h)
        {
            h[0] &= 248;
            h[31] &= 127;
            h[31] |= 64;
        }

        private static byte[] CopyS(byte[] signature)
        {
            byte[] s = new byte[Scalar25519.Size];
            System.Array.Copy(signature, SOffset, s, 0, Scalar25519.Size);
            return s;
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

        private static void CheckSlice(byte[] value, string name, int offset, int count)
        {
            if (value == null)
            {
                throw Errors.Null(name);
            }
            if (offset < 0 || count < 0 || offset > value.Length - count)
            {
                throw Errors.Slice(name);
            }
        }
    }
}
