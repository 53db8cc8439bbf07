// The key derivations of the alert ratchet (docs/ratchet.md, "Key derivation"), after the Double
// Ratchet specification (Perrin and Marlinspike, 2016, section 5.2) and X3DH (section 3.3):
//   initial secret  HKDF-SHA256(salt = 32 zero bytes, ikm = 32 x 0xFF || DH1 || DH2 || DH3,
//                   info = "SessionBeacon ratchet v1 initial" || 05 || IK_initiator || 05 || IK_responder), 32 bytes
//   KDF_RK(rk, dh)  HKDF-SHA256(salt = rk, ikm = dh, info = "SessionBeacon ratchet v1 root"), 64 bytes
//                   = new root key || new chain key
//   KDF_CK(ck)      message key = HMAC-SHA256(ck, 0x01), next chain key = HMAC-SHA256(ck, 0x02)
//   message keys    HKDF-SHA256(salt = none, ikm = message key, info = "SessionBeacon ratchet v1 message"), 56 bytes
//                   = XChaCha20-Poly1305 key (32) || nonce (24)
// Every key is 32 bytes. The nonce is derived, not random: each message key encrypts one message.
using System;
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Encoding;

namespace Session.Core.Micro.Ratchet
{
    internal static class RatchetKdf
    {
        internal const int KeySize = 32;

        // X3DH section 2.2: 32 0xFF bytes first, so these inputs never collide with XEdDSA's.
        private const byte Filler = 0xFF;

        private static readonly byte[] s_initialInfo = Utf8.Encode("SessionBeacon ratchet v1 initial");
        private static readonly byte[] s_rootInfo = Utf8.Encode("SessionBeacon ratchet v1 root");
        private static readonly byte[] s_messageInfo = Utf8.Encode("SessionBeacon ratchet v1 message");
        private static readonly byte[] s_messageConstant = new byte[] { 0x01 };
        private static readonly byte[] s_chainConstant = new byte[] { 0x02 };

        /// <summary>SK from the three agreements, bound to both identities by <paramref name="sessionAd"/>.</summary>
        internal static void InitialSecret(byte[] secret, byte[] dh1, byte[] dh2, byte[] dh3, byte[] sessionAd)
        {
            byte[] ikm = new byte[4 * KeySize];
            byte[] info = new byte[s_initialInfo.Length + sessionAd.Length];
            byte[] okm = null;
            try
            {
                for (int i = 0; i < KeySize; i++)
                {
                    ikm[i] = Filler;
                }
                Array.Copy(dh1, 0, ikm, KeySize, KeySize);
                Array.Copy(dh2, 0, ikm, 2 * KeySize, KeySize);
                Array.Copy(dh3, 0, ikm, 3 * KeySize, KeySize);
                Array.Copy(s_initialInfo, 0, info, 0, s_initialInfo.Length);
                Array.Copy(sessionAd, 0, info, s_initialInfo.Length, sessionAd.Length);
                okm = HkdfSha256.DeriveKey(ikm, new byte[KeySize], info, KeySize);
                Array.Copy(okm, 0, secret, 0, KeySize);
            }
            finally
            {
                CryptoBytes.Wipe(ikm);
                if (okm != null)
                {
                    CryptoBytes.Wipe(okm);
                }
            }
        }

        /// <summary>KDF_RK: replaces <paramref name="rootKey"/> and writes the new chain key.</summary>
        internal static void Root(byte[] rootKey, byte[] chainKey, byte[] dhOutput)
        {
            byte[] okm = HkdfSha256.DeriveKey(dhOutput, rootKey, s_rootInfo, 2 * KeySize);
            Array.Copy(okm, 0, rootKey, 0, KeySize);
            Array.Copy(okm, KeySize, chainKey, 0, KeySize);
            CryptoBytes.Wipe(okm);
        }

        /// <summary>KDF_CK: writes the message key and steps <paramref name="chainKey"/> forward in place.</summary>
        internal static void Chain(byte[] chainKey, byte[] messageKey)
        {
            HmacSha256 mac = new HmacSha256(chainKey);
            mac.Update(s_messageConstant, 0, 1);
            mac.Final(messageKey, 0);
            mac.Update(s_chainConstant, 0, 1);
            mac.Final(chainKey, 0);
            mac.Wipe();
        }

        /// <summary>The AEAD key and nonce of one message key.</summary>
        internal static void MessageKeys(byte[] key, byte[] nonce, byte[] messageKey)
        {
            byte[] okm = HkdfSha256.DeriveKey(messageKey, null, s_messageInfo, XChaCha20Poly1305.KeySize + XChaCha20Poly1305.NonceSize);
            Array.Copy(okm, 0, key, 0, XChaCha20Poly1305.KeySize);
            Array.Copy(okm, XChaCha20Poly1305.KeySize, nonce, 0, XChaCha20Poly1305.NonceSize);
            CryptoBytes.Wipe(okm);
        }
    }
}
