using System;
using Sodium;

namespace Session.Testnet.Tests.Support
{
    /// <summary>A Session account for tests (docs/protocol.md §1.1): Ed25519 key pair, X25519 key and "05" Session ID, by libsodium.</summary>
    public sealed class SessionUser
    {
        public SessionUser()
        {
            KeyPair ed = PublicKeyAuth.GenerateKeyPair();
            Ed25519PublicKey = ed.PublicKey;
            Ed25519SecretKey = ed.PrivateKey;
            X25519PublicKey = PublicKeyAuth.ConvertEd25519PublicKeyToCurve25519PublicKey(ed.PublicKey);
            SessionId = "05" + Convert.ToHexStringLower(X25519PublicKey);
        }

        public byte[] Ed25519PublicKey { get; }

        public byte[] Ed25519SecretKey { get; }

        public byte[] X25519PublicKey { get; }

        public string SessionId { get; }

        public string Ed25519Hex => Convert.ToHexStringLower(Ed25519PublicKey);

        public byte[] PubkeyBytes => Convert.FromHexString(SessionId);

        /// <summary>base64 of Ed25519("retrieve" || NS || timestamp), NS empty for namespace 0 (docs/protocol.md §3.3).</summary>
        public string Sign(string text)
        {
            return Convert.ToBase64String(PublicKeyAuth.SignDetached(System.Text.Encoding.ASCII.GetBytes(text), Ed25519SecretKey));
        }
    }
}
