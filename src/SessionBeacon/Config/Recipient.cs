namespace SessionBeacon.Config
{
    /// <summary>Someone who receives the beacon's alerts in the Session app.</summary>
    public sealed class Recipient
    {
        internal Recipient(string name, string sessionId, byte[] publicKey)
        {
            Name = name;
            SessionId = sessionId;
            PublicKey = publicKey;
        }

        /// <summary>How the owner calls this person, for logs and the harness; never sent.</summary>
        public string Name { get; }

        /// <summary>The recipient's Session ID, 66 hex digits starting 05.</summary>
        public string SessionId { get; }

        /// <summary>The X25519 public key inside the Session ID (32 bytes).</summary>
        public byte[] PublicKey { get; }
    }
}
