// X25519 Diffie-Hellman (RFC 7748 section 5 and 6.1): the Montgomery ladder on Curve25519 with
// constant-time swaps, over Field25519. Keys, scalars and shared secrets are 32 bytes.
// ScalarMult clamps the scalar, ignores the top bit of u, and fails when the shared secret is all
// zero (a small-order public key), like libsodium's crypto_scalarmult.
// Cost: 255 ladder steps of 5 multiplications, 4 squarings and one small multiplication, and one
// inversion. One call allocates nine 10-limb scratch arrays (9 x 64 = 576 bytes on 64-bit .NET).
// ScalarMultBase instead multiplies the Ed25519 base point with GroupElement25519's constant-time
// fixed-base table and maps the result to u (RFC 7748 section 4.1).
using System.Diagnostics;

namespace Session.Core.Micro.Crypto
{
    /// <summary>X25519 key agreement (RFC 7748).</summary>
    public static class X25519
    {
        /// <summary>Bytes of a public key (a u-coordinate) and of a shared secret.</summary>
        public const int KeySize = 32;

        /// <summary>Bytes of a secret scalar.</summary>
        public const int ScalarSize = 32;

        /// <summary>
        /// Computes the shared secret X25519(secretKey, publicKey) into <paramref name="sharedSecret"/>.
        /// </summary>
        /// <returns>False when the result is all zero (the peer sent a small-order point); the output then holds zeros and must not be used.</returns>
        /// <exception cref="System.ArgumentNullException">An argument is null.</exception>
        /// <exception cref="System.ArgumentException">An argument is not 32 bytes.</exception>
        public static bool ScalarMult(byte[] sharedSecret, byte[] secretKey, byte[] publicKey)
        {
            CheckKey(sharedSecret, nameof(sharedSecret), KeySize);
            CheckKey(secretKey, nameof(secretKey), ScalarSize);
            CheckKey(publicKey, nameof(publicKey), KeySize);
            ScalarMultRaw(sharedSecret, secretKey, publicKey);
            int bits = 0;
            for (int i = 0; i < KeySize; i++)
            {
                bits |= sharedSecret[i];
            }
            // Branch-free "bits != 0": the secret's bytes must not steer the time taken.
            return ((bits - 1) >> 8 & 1) == 0;
        }

        /// <summary>Computes the public key X25519(secretKey, 9) into <paramref name="publicKey"/>.</summary>
        /// <exception cref="System.ArgumentNullException">An argument is null.</exception>
        /// <exception cref="System.ArgumentException">An argument is not 32 bytes.</exception>
        public static void ScalarMultBase(byte[] publicKey, byte[] secretKey)
        {
            CheckKey(publicKey, nameof(publicKey), KeySize);
            CheckKey(secretKey, nameof(secretKey), ScalarSize);
            // u = 9 is the image of the Ed25519 base point, and the fixed-base Edwards multiplication
            // (124 doublings, 64 table additions) is about 40% cheaper than the 255-step ladder.
            byte[] clamped = new byte[ScalarSize];
            var w = new GroupElement25519.Workspace();
            var point = new GroupElement25519();
            try
            {
                System.Array.Copy(secretKey, 0, clamped, 0, ScalarSize);
                clamped[0] &= 248;
                clamped[31] &= 127;
                clamped[31] |= 64;
                GroupElement25519.ScalarMultBase(point, clamped, 0, w);
                GroupElement25519.EncodeMontgomeryU(publicKey, 0, point, w);
            }
            finally
            {
                CryptoBytes.Wipe(clamped);
                w.Wipe();
                point.Clear();
            }
        }

        /// <summary>
        /// The X25519 function itself, with no check of the result: output = X25519(clamp(scalar), u).
        /// Arguments are trusted to be 32-byte arrays; output may be the same array as u.
        /// </summary>
        internal static void ScalarMultRaw(byte[] output, byte[] scalar, byte[] u)
        {
            Debug.Assert(output.Length == KeySize && scalar.Length == ScalarSize && u.Length == KeySize);
            int[] x1 = new int[Field25519.ElementLength];
            int[] x2 = new int[Field25519.ElementLength];
            int[] z2 = new int[Field25519.ElementLength];
            int[] x3 = new int[Field25519.ElementLength];
            int[] z3 = new int[Field25519.ElementLength];
            int[] t0 = new int[Field25519.ElementLength];
            int[] t1 = new int[Field25519.ElementLength];
            int[] t2 = new int[Field25519.ElementLength];
            int[] t3 = new int[Field25519.ElementLength];
            try
            {
                Field25519.FromBytes(x1, u, 0);
                Field25519.One(x2);
                Field25519.Copy(x3, x1);
                Field25519.One(z3);
                int swap = 0;
                for (int t = 254; t >= 0; t--)
                {
                    // Clamping (RFC 7748 section 5) without copying the secret: bit 254 set, bits 0-2 clear.
                    int bit = (scalar[t >> 3] >> (t & 7)) & 1;
                    if (t == 254)
                    {
                        bit = 1;
                    }
                    else if (t < 3)
                    {
                        bit = 0;
                    }
                    swap ^= bit;
                    Field25519.SwapSumsAndDifferences(t0, t1, t2, t3, x2, z2, x3, z3, swap);  // A, B, C, D
                    swap = bit;

                    Field25519.Mul(t3, t3, t0);       // DA
                    Field25519.Mul(t2, t2, t1);       // CB
                    Field25519.Square(t0, t0);        // AA
                    Field25519.Square(t1, t1);        // BB
                    Field25519.Add(x3, t3, t2);
                    Field25519.Square(x3, x3);        // x3 = (DA + CB)^2
                    Field25519.Sub(z3, t3, t2);
                    Field25519.Square(z3, z3);
                    Field25519.Mul(z3, z3, x1);       // z3 = x1 * (DA - CB)^2
                    Field25519.Mul(x2, t0, t1);       // x2 = AA * BB
                    Field25519.Sub(t0, t0, t1);       // E = AA - BB
                    Field25519.Mul121666Add(t2, t0, t1);  // BB + 121666 E = AA + a24 E
                    Field25519.Mul(z2, t0, t2);       // z2 = E * (AA + a24 E)
                }
                Field25519.ConditionalSwap(x2, x3, swap);
                Field25519.ConditionalSwap(z2, z3, swap);
                Field25519.Invert(z2, z2, t0, t1, t2);
                Field25519.Mul(x2, x2, z2);
                Field25519.ToBytes(output, 0, x2);
            }
            finally
            {
                System.Array.Clear(x2, 0, x2.Length);
                System.Array.Clear(z2, 0, z2.Length);
                System.Array.Clear(x3, 0, x3.Length);
                System.Array.Clear(z3, 0, z3.Length);
                System.Array.Clear(t0, 0, t0.Length);
                System.Array.Clear(t1, 0, t1.Length);
                System.Array.Clear(t2, 0, t2.Length);
                System.Array.Clear(t3, 0, t3.Length);
            }
        }

        private static void CheckKey(byte[] value, string name, int size)
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
