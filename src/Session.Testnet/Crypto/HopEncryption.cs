// One onion layer's encryption as a storage node does it (docs/protocol.md §4.1): the node derives
// the layer key from its X25519 secret and the client's ephemeral public key, opens the layer, and
// encrypts its reply with the same key. libsodium and the BCL only, never the beacon's core.
//   aes-gcm:   K = HMAC-SHA256(key "LOKI", X25519(n, E));  IV(12) || AES-256-GCM ct || tag(16)
//   xchacha20: K = BLAKE2b-256(X25519(n, E) || E || N);    nonce(24) || XChaCha20-Poly1305 ct || tag(16)
using System;
using System.Security.Cryptography;
using System.Text;
using Sodium;

namespace Session.Testnet
{
    /// <summary>Derives onion layer keys and encrypts or decrypts one layer (aes-gcm or xchacha20).</summary>
    public static class HopEncryption
    {
        public const string AesGcm = "aes-gcm";
        public const string XChaCha20 = "xchacha20";
        public const int KeySize = 32;
        public const int AesGcmIvSize = 12;
        public const int XChaChaNonceSize = 24;
        public const int TagSize = 16;

        private static readonly byte[] s_lokiKey = Encoding.ASCII.GetBytes("LOKI");

        /// <summary>The canonical name of an enc_type (absent means aes-gcm), or null if the node does not speak it.</summary>
        public static string Normalize(string encType)
        {
            switch (encType)
            {
                case null:
                case "aes-gcm":
                case "gcm":
                    return AesGcm;
                case "xchacha20":
                case "xchacha20-poly1305":
                    return XChaCha20;
                default:
                    return null;
            }
        }

        /// <summary>The layer key as the node computes it: from its X25519 key pair (n, N) and the client's ephemeral key E.</summary>
        /// <returns>The key, or null when E is not a usable X25519 key (libsodium refuses low-order points).</returns>
        public static byte[] NodeKey(string encType, byte[] nodeSecret, byte[] nodePublic, byte[] ephemeralPublic)
        {
            byte[] shared;
            try
            {
                shared = ScalarMult.Mult(nodeSecret, ephemeralPublic);
            }
            catch (Exception error) when (error is CryptographicException || error is Sodium.Exceptions.KeyOutOfRangeException)
            {
                return null;
            }
            try
            {
                // libsodium's crypto_scalarmult fails on an all-zero result (a low-order point); the wrapper
                // does not pass that on, so the node checks it itself.
                if (System.Linq.Enumerable.All(shared, b => b == 0))
                {
                    return null;
                }
                return Derive(encType, shared, ephemeralPublic, nodePublic);
            }
            finally
            {
                Array.Clear(shared);
            }
        }

        /// <summary>The key from an X25519 shared secret; the client's public key comes first, the node's second.</summary>
        public static byte[] Derive(string encType, byte[] shared, byte[] clientPublic, byte[] nodePublic)
        {
            if (encType == AesGcm)
            {
                return HMACSHA256.HashData(s_lokiKey, shared);
            }
            byte[] input = new byte[shared.Length + clientPublic.Length + nodePublic.Length];
            shared.CopyTo(input, 0);
            clientPublic.CopyTo(input, shared.Length);
            nodePublic.CopyTo(input, shared.Length + clientPublic.Length);
            try
            {
                return GenericHash.Hash(input, null, KeySize);
            }
            finally
            {
                Array.Clear(input);
            }
        }

        /// <summary>Encrypts with a fresh random IV or nonce, laid out as the protocol says.</summary>
        public static byte[] Encrypt(string encType, byte[] key, byte[] plaintext)
        {
            if (encType == AesGcm)
            {
                byte[] output = new byte[AesGcmIvSize + plaintext.Length + TagSize];
                Span<byte> iv = output.AsSpan(0, AesGcmIvSize);
                RandomNumberGenerator.Fill(iv);
                using var aes = new System.Security.Cryptography.AesGcm(key, TagSize);
                aes.Encrypt(iv, plaintext, output.AsSpan(AesGcmIvSize, plaintext.Length), output.AsSpan(AesGcmIvSize + plaintext.Length));
                return output;
            }
            byte[] nonce = SodiumCore.GetRandomBytes(XChaChaNonceSize);
            byte[] sealedText = SecretAeadXChaCha20Poly1305.Encrypt(plaintext, nonce, key, null);
            byte[] result = new byte[nonce.Length + sealedText.Length];
            nonce.CopyTo(result, 0);
            sealedText.CopyTo(result, nonce.Length);
            return result;
        }

        /// <summary>Opens a layer; a short input or a bad tag gives false, never an exception.</summary>
        public static bool TryDecrypt(string encType, byte[] key, byte[] ciphertext, out byte[] plaintext)
        {
            plaintext = null;
            if (encType == AesGcm)
            {
                if (ciphertext.Length < AesGcmIvSize + TagSize)
                {
                    return false;
                }
                int length = ciphertext.Length - AesGcmIvSize - TagSize;
                byte[] output = new byte[length];
                using var aes = new System.Security.Cryptography.AesGcm(key, TagSize);
                try
                {
                    aes.Decrypt(ciphertext.AsSpan(0, AesGcmIvSize), ciphertext.AsSpan(AesGcmIvSize, length),
                        ciphertext.AsSpan(AesGcmIvSize + length), output);
                }
                catch (AuthenticationTagMismatchException)
                {
                    return false;
                }
                plaintext = output;
                return true;
            }
            if (ciphertext.Length < XChaChaNonceSize + TagSize)
            {
                return false;
            }
            try
            {
                plaintext = SecretAeadXChaCha20Poly1305.Decrypt(ciphertext.AsSpan(XChaChaNonceSize).ToArray(),
                    ciphertext.AsSpan(0, XChaChaNonceSize).ToArray(), key, null);
                return true;
            }
            catch (CryptographicException)
            {
                return false;
            }
        }
    }
}
