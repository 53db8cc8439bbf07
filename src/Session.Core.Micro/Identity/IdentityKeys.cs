// A Session account's keys (docs/protocol.md §1.1): 32-byte seed -> Ed25519 key pair (libsodium
// crypto_sign_seed_keypair) -> X25519 key pair (crypto_sign_ed25519_pk_to_curve25519 and
// _sk_to_curve25519) -> Session ID "05" + hex(X25519 public key).
// The Ed25519 keys sign messages; the X25519 keys receive sealed boxes. Deriving them costs one
// fixed-base multiplication and one field inversion, so a device derives them once at start.
// The arrays are shared, not copied, to spare the device heap: callers must not change them.
using Session.Core.Micro.Crypto;

namespace Session.Core.Micro.Identity
{
    /// <summary>The Ed25519 and X25519 key pairs and the Session ID of one account.</summary>
    public sealed class IdentityKeys
    {
        /// <summary>Bytes of the seed an account's keys are derived from.</summary>
        public const int SeedSize = Ed25519.SeedSize;

        private readonly byte[] _ed25519PublicKey = new byte[Ed25519.PublicKeySize];
        private readonly byte[] _ed25519SecretKey = new byte[Ed25519.SecretKeySize];
        private readonly byte[] _x25519PublicKey = new byte[X25519.KeySize];
        private readonly byte[] _x25519SecretKey = new byte[X25519.ScalarSize];
        private readonly string _sessionId;

        private IdentityKeys(byte[] seed)
        {
            Ed25519.KeyPairFromSeed(_ed25519PublicKey, _ed25519SecretKey, seed);
            Ed25519ToX25519.SecretKey(_x25519SecretKey, _ed25519SecretKey);
            // A key pair made from a seed is always a prime-order point, so the conversion cannot fail.
            bool converted = Ed25519ToX25519.PublicKey(_x25519PublicKey, _ed25519PublicKey);
            System.Diagnostics.Debug.Assert(converted);
            _sessionId = Identity.SessionId.FromPublicKey(_x25519PublicKey);
        }

        /// <summary>Derives every key of the account whose seed is <paramref name="seed"/>.</summary>
        /// <exception cref="System.ArgumentNullException"><paramref name="seed"/> is null.</exception>
        /// <exception cref="System.ArgumentException"><paramref name="seed"/> is not 32 bytes.</exception>
        public static IdentityKeys FromSeed(byte[] seed)
        {
            if (seed == null)
            {
                throw Errors.Null("seed");
            }
            if (seed.Length != SeedSize)
            {
                throw Errors.Length("seed", SeedSize);
            }
            return new IdentityKeys(seed);
        }

        /// <summary>The Ed25519 public key (32 bytes), the key that signs this account's messages.</summary>
        public byte[] Ed25519PublicKey
        {
            get { return _ed25519PublicKey; }
        }

        /// <summary>The Ed25519 secret key as libsodium stores it: seed || public key (64 bytes).</summary>
        public byte[] Ed25519SecretKey
        {
            get { return _ed25519SecretKey; }
        }

        /// <summary>The X25519 public key (32 bytes) that messages to this account are sealed to.</summary>
        public byte[] X25519PublicKey
        {
            get { return _x25519PublicKey; }
        }

        /// <summary>The X25519 secret key (32 bytes): the clamped first half of SHA-512(seed).</summary>
        public byte[] X25519SecretKey
        {
            get { return _x25519SecretKey; }
        }

        /// <summary>The Session ID: "05" followed by the X25519 public key in lowercase hex, 66 characters.</summary>
        public string SessionId
        {
            get { return _sessionId; }
        }

        /// <summary>Overwrites the secret keys with zeros; the object is unusable for signing and opening afterwards.</summary>
        public void Wipe()
        {
            CryptoBytes.Wipe(_ed25519SecretKey);
            CryptoBytes.Wipe(_x25519SecretKey);
        }
    }
}
