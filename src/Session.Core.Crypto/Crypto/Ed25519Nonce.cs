// A single-use Ed25519 signing nonce prepared ahead (pre-arming). RFC 8032 derives the
// nonce r from the message (r = SHA-512(prefix || M) mod L), so R = r·B, the one fixed-base
// multiplication of signing, can only start once the message is known. Here r is instead
//   r = SHA-512(prefix || Z) mod L,   Z = 32 fresh random bytes,   R = r·B,
// computed in idle time, so a signature at press time is two SHA-512 passes and one scalar
// multiply-add (Ed25519.Sign with a nonce). Such signatures verify like any Ed25519 signature: a
// verifier never sees how r was chosen (this is the "hedged" construction; the secret prefix keeps
// r unpredictable even if the random source is observed).
// Security: r must never sign two different messages, or the secret key follows from the two
// signatures. So a nonce is single use: signing marks it used and wipes it before returning, a
// second use throws, and a nonce is bound to the key it was made for. It relies on the random
// source not repeating Z (the device's hardware generator); a repeated Z with the same key gives the
// same r, which is why each nonce must also be used at most once.
// Memory: 96 bytes (r, R, A). Cost to create: one SHA-512 of the seed, one of 64 bytes, one
// fixed-base multiplication (about the cost of Ed25519.Sign without its second hash).
namespace Session.Core.Micro.Crypto
{
    /// <summary>A prepared, single-use Ed25519 nonce r and its point R = r·B, for one key.</summary>
    public sealed class Ed25519Nonce
    {
        /// <summary>Bytes drawn from the random source per nonce.</summary>
        public const int RandomSize = 32;

        private readonly byte[] _r = new byte[Scalar25519.Size];
        private readonly byte[] _encodedR = new byte[GroupElement25519.EncodedSize];
        private readonly byte[] _publicKey = new byte[Ed25519.PublicKeySize];
        private bool _used;

        private Ed25519Nonce()
        {
        }

        /// <summary>
        /// Prepares a nonce for <paramref name="secretKey"/> (64 bytes, seed || public key) with
        /// <see cref="RandomSize"/> fresh bytes from <paramref name="random"/>.
        /// </summary>
        /// <exception cref="System.ArgumentNullException">An argument is null.</exception>
        /// <exception cref="System.ArgumentException">secretKey is not 64 bytes.</exception>
        public static Ed25519Nonce Create(byte[] secretKey, IRandomSource random)
        {
            if (secretKey == null)
            {
                throw Errors.Null("secretKey");
            }
            if (secretKey.Length != Ed25519.SecretKeySize)
            {
                throw Errors.Length("secretKey", Ed25519.SecretKeySize);
            }
            if (random == null)
            {
                throw Errors.Null("random");
            }
            var nonce = new Ed25519Nonce();
            var sha = new Sha512();
            byte[] h = new byte[Sha512.HashSize];
            byte[] fresh = new byte[RandomSize];
            long[] work = new long[Scalar25519.WorkLength];
            var w = new GroupElement25519.Workspace();
            var point = new GroupElement25519();
            try
            {
                sha.Update(secretKey, 0, Ed25519.SeedSize);
                sha.Final(h, 0);
                random.Fill(fresh, 0, RandomSize);
                // r = SHA-512(prefix || Z) mod L, with prefix the second half of SHA-512(seed) as in RFC 8032.
                sha.Update(h, Scalar25519.Size, Sha512.HashSize - Scalar25519.Size);
                sha.Update(fresh, 0, RandomSize);
                sha.Final(h, 0);
                Scalar25519.Reduce(nonce._r, 0, h, 0, work);
                GroupElement25519.ScalarMultBase(point, nonce._r, 0, w);
                GroupElement25519.Encode(nonce._encodedR, 0, point, w);
                System.Array.Copy(secretKey, Ed25519.SeedSize, nonce._publicKey, 0, Ed25519.PublicKeySize);
                return nonce;
            }
            finally
            {
                sha.Reset();
                CryptoBytes.Wipe(h);
                CryptoBytes.Wipe(fresh);
                System.Array.Clear(work, 0, work.Length);
                w.Wipe();
                point.Clear();
            }
        }

        /// <summary>True once it has signed a message or been wiped: it cannot sign again.</summary>
        public bool IsUsed
        {
            get { return _used; }
        }

        /// <summary>Clears r and R and marks the nonce used (for a nonce dropped unused).</summary>
        public void Wipe()
        {
            _used = true;
            CryptoBytes.Wipe(_r);
            CryptoBytes.Wipe(_encodedR);
        }

        /// <summary>True when the nonce was made for the key pair whose public key is secretKey[32..64].</summary>
        internal bool IsFor(byte[] secretKey)
        {
            return CryptoBytes.ConstantTimeEquals(_publicKey, 0, secretKey, Ed25519.SeedSize, Ed25519.PublicKeySize);
        }

        /// <summary>Marks the nonce used; the caller signs with R and r, then calls Wipe.</summary>
        internal void Take()
        {
            if (_used)
            {
                throw Errors.NonceUsed();
            }
            _used = true;
        }

        internal byte[] R
        {
            get { return _r; }
        }

        internal byte[] EncodedR
        {
            get { return _encodedR; }
        }
    }
}
