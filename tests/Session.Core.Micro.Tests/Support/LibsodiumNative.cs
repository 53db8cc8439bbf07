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

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        private static extern int sodium_init();

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        private static extern int crypto_generichash_blake2b_salt_personal(
            byte[] output, UIntPtr outputLength, byte[] input, ulong inputLength, byte[] key, UIntPtr keyLength, byte[] salt, byte[] personal);
    }
}
