// The receiver's signed ratchet pre-key (docs/ratchet.md, "Pairing"): an X25519 public key signed
// with the receiver's Session identity (Ed25519), handed to the beacon at provisioning.
// Layout, 129 bytes:
//   0   1   version, 0x01
//   1  32   identity Ed25519 public key of the receiver
//  33  32   pre-key, X25519 public key
//  65  64   Ed25519 signature over "SessionBeacon ratchet pre-key v1" || bytes 0..64
// The label keeps this signature from ever being mistaken for a Session message signature made
// by the same identity key. The receiver keeps the pre-key's secret until the beacon's first
// packet has been accepted and its session saved; then it can delete it.
using System;
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Encoding;

namespace Session.Core.Micro.Ratchet
{
    /// <summary>Creates and checks the signed pre-key bundle a receiver publishes for pairing.</summary>
    public static class RatchetPreKey
    {
        /// <summary>The bundle format this build writes and reads.</summary>
        public const byte Version = 1;

        /// <summary>Bytes in a bundle.</summary>
        public const int Size = 1 + Ed25519.PublicKeySize + X25519.KeySize + Ed25519.SignatureSize;

        internal const int IdentityOffset = 1;
        internal const int PreKeyOffset = IdentityOffset + Ed25519.PublicKeySize;
        internal const int SignatureOffset = PreKeyOffset + X25519.KeySize;

        private static readonly byte[] s_label = Utf8.Encode("SessionBeacon ratchet pre-key v1");

        /// <summary>
        /// Draws a fresh pre-key from <paramref name="random"/>, writes its secret to
        /// <paramref name="preKeySecretKey"/> and the signed bundle to <paramref name="bundle"/>.
        /// </summary>
        /// <param name="bundle">Receives <see cref="Size"/> bytes.</param>
        /// <param name="preKeySecretKey">Receives the 32-byte X25519 secret; keep it until pairing is done.</param>
        /// <param name="identitySecretKey">The receiver's Ed25519 secret key (seed || public key, 64 bytes).</param>
        /// <param name="random">The source of the pre-key.</param>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        /// <exception cref="ArgumentException">An array has the wrong size.</exception>
        public static void Create(byte[] bundle, byte[] preKeySecretKey, byte[] identitySecretKey, IRandomSource random)
        {
            Arguments.Size(bundle, Size, nameof(bundle));
            Arguments.Size(preKeySecretKey, X25519.ScalarSize, nameof(preKeySecretKey));
            Arguments.Size(identitySecretKey, Ed25519.SecretKeySize, nameof(identitySecretKey));
            if (random == null)
            {
                throw Errors.Null(nameof(random));
            }
            byte[] preKey = new byte[X25519.KeySize];
            random.Fill(preKeySecretKey, 0, X25519.ScalarSize);
            X25519.ScalarMultBase(preKey, preKeySecretKey);
            bundle[0] = Version;
            Array.Copy(identitySecretKey, Ed25519.SeedSize, bundle, IdentityOffset, Ed25519.PublicKeySize);
            Array.Copy(preKey, 0, bundle, PreKeyOffset, X25519.KeySize);
            byte[] signature = new byte[Ed25519.SignatureSize];
            Ed25519.Sign(signature, identitySecretKey, SignedPart(bundle));
            Array.Copy(signature, 0, bundle, SignatureOffset, Ed25519.SignatureSize);
        }

        /// <summary>
        /// <see cref="Create(byte[], byte[], byte[], IRandomSource)"/> signed by <paramref name="identity"/>.
        /// </summary>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        /// <exception cref="ArgumentException">An array has the wrong size.</exception>
        public static void Create(byte[] bundle, byte[] preKeySecretKey, Identity.IdentityKeys identity, IRandomSource random)
        {
            if (identity == null)
            {
                throw Errors.Null(nameof(identity));
            }
            Create(bundle, preKeySecretKey, identity.Ed25519SecretKey, random);
        }

        /// <summary>
        /// Checks <paramref name="bundle"/>: its version, its signature, and that it was signed by the
        /// Session identity whose X25519 key is <paramref name="recipientIdentityKey"/> (the key in the
        /// recipient's Session ID). Writes the pre-key to <paramref name="preKey"/>.
        /// </summary>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        /// <exception cref="ArgumentException">preKey or recipientIdentityKey is not 32 bytes.</exception>
        /// <exception cref="RatchetException">The bundle is malformed, of another version, badly signed, or signed by another identity.</exception>
        public static void Open(byte[] preKey, byte[] bundle, byte[] recipientIdentityKey)
        {
            Arguments.Size(preKey, X25519.KeySize, nameof(preKey));
            Arguments.Size(recipientIdentityKey, X25519.KeySize, nameof(recipientIdentityKey));
            if (bundle == null)
            {
                throw Errors.Null(nameof(bundle));
            }
            if (bundle.Length > 0 && bundle[0] != Version)
            {
                throw Errors.RatchetVersion("pre-key bundle", bundle[0], Version);
            }
            if (bundle.Length != Size)
            {
                throw Errors.RatchetMalformed("a pre-key bundle is " + Size.ToString() + " bytes, not " + bundle.Length.ToString());
            }
            byte[] identity = new byte[Ed25519.PublicKeySize];
            Array.Copy(bundle, IdentityOffset, identity, 0, Ed25519.PublicKeySize);
            byte[] signature = new byte[Ed25519.SignatureSize];
            Array.Copy(bundle, SignatureOffset, signature, 0, Ed25519.SignatureSize);
            if (!Ed25519.Verify(signature, SignedPart(bundle), identity))
            {
                throw Errors.RatchetPreKeySignature();
            }
            byte[] converted = new byte[X25519.KeySize];
            if (!Ed25519ToX25519.PublicKey(converted, identity) || !CryptoBytes.ConstantTimeEquals(converted, recipientIdentityKey))
            {
                throw Errors.RatchetPreKeyIdentity();
            }
            // A small-order pre-key is caught by the first agreement with it (RatchetSession.Initiate).
            Array.Copy(bundle, PreKeyOffset, preKey, 0, X25519.KeySize);
        }

        private static byte[] SignedPart(byte[] bundle)
        {
            byte[] message = new byte[s_label.Length + SignatureOffset];
            Array.Copy(s_label, 0, message, 0, s_label.Length);
            Array.Copy(bundle, 0, message, s_label.Length, SignatureOffset);
            return message;
        }
    }
}
