using System;
using System.Runtime.InteropServices;

namespace Session.Core.Micro.Tests.Support
{
    /// <summary>
    /// Direct calls into the libsodium that Sodium.Core ships, for parameters its wrapper does not
    /// pass through (BLAKE2b outputs and keys shorter than 16 bytes, salt and personal with any key).
    /// </summary>
    public static class LibsodiumNative
    {
        private const string Library = "libsodium";

        static LibsodiumNative()
        {
            if (sodium_init() < 0)
            {
                throw new InvalidOperationException("sodium_init failed");
            }
        }

        /// <summary>crypto_generichash_blake2b_salt_personal: any output 1..64, key 0..64, salt/personal 16 bytes or null (zeros).</summary>
        public static byte[] Blake2b(int outputLength, byte[] key, byte[] salt, byte[] personal, byte[] data)
        {
            byte[] output = new byte[outputLength];
            int keyLength = key == null ? 0 : key.Length;
            int result = crypto_generichash_blake2b_salt_personal(
                output, (UIntPtr)outputLength, data, (ulong)data.Length, keyLength == 0 ? null : key, (UIntPtr)keyLength, salt, personal);
            if (result != 0)
            {
                throw new InvalidOperationException("crypto_generichash_blake2b_salt_personal returned " + result);
            }
            return output;
        }

        /// <summary>crypto_core_ed25519_scalar_reduce: 64 bytes little-endian mod L.</summary>
        public static byte[] Ed25519ScalarReduce(byte[] wide)
        {
            byte[] scalar = new byte[32];
            crypto_core_ed25519_scalar_reduce(scalar, wide);
            return scalar;
        }

        /// <summary>crypto_scalarmult_ed25519_base_noclamp: the encoding of scalar times the base point.</summary>
        public static byte[] Ed25519ScalarMultBaseNoClamp(byte[] scalar)
        {
            byte[] point = new byte[32];
            if (crypto_scalarmult_ed25519_base_noclamp(point, scalar) != 0)
            {
                throw new InvalidOperationException("crypto_scalarmult_ed25519_base_noclamp failed");
            }
            return point;
        }

        /// <summary>crypto_core_ed25519_is_valid_point: canonical, on the curve, in the prime-order subgroup, not of small order.</summary>
        public static bool Ed25519IsValidPoint(byte[] point) => crypto_core_ed25519_is_valid_point(point) == 1;

        /// <summary>crypto_core_ed25519_add: p + q for any points on the curve (also outside the prime-order subgroup).</summary>
        public static byte[] Ed25519Add(byte[] p, byte[] q)
        {
            byte[] sum = new byte[32];
            if (crypto_core_ed25519_add(sum, p, q) != 0)
            {
                throw new InvalidOperationException("crypto_core_ed25519_add failed");
            }
            return sum;
        }

        /// <summary>crypto_core_ed25519_scalar_mul and _scalar_add: x * y + z mod L.</summary>
        public static byte[] Ed25519ScalarMulAdd(byte[] x, byte[] y, byte[] z)
        {
            byte[] product = new byte[32];
            crypto_core_ed25519_scalar_mul(product, x, y);
            byte[] sum = new byte[32];
            crypto_core_ed25519_scalar_add(sum, product, z);
            return sum;
        }

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        private static extern int sodium_init();

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        private static extern int crypto_generichash_blake2b_salt_personal(
            byte[] output, UIntPtr outputLength, byte[] input, ulong inputLength, byte[] key, UIntPtr keyLength, byte[] salt, byte[] personal);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        private static extern void crypto_core_ed25519_scalar_reduce(byte[] result, byte[] wide);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        private static extern int crypto_scalarmult_ed25519_base_noclamp(byte[] point, byte[] scalar);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        private static extern int crypto_core_ed25519_is_valid_point(byte[] point);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        private static extern int crypto_core_ed25519_add(byte[] r, byte[] p, byte[] q);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        private static extern void crypto_core_ed25519_scalar_mul(byte[] z, byte[] x, byte[] y);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        private static extern void crypto_core_ed25519_scalar_add(byte[] z, byte[] x, byte[] y);
    }
}
