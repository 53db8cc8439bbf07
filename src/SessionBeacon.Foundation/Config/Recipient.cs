// One recipient of the beacon's alerts (nf.config "recipient" and "recipient.prekey" lines): by
// default a stock Session app that receives plain Session v1 alerts; with a pre-key bundle, a
// companion receiver that gets alerts through the alert ratchet (docs/ratchet.md).
namespace SessionBeacon.Config
{
    /// <summary>Someone who receives the beacon's alerts: in the Session app (plain v1) or a companion receiver (ratchet).</summary>
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

        /// <summary>
        /// The receiver's signed ratchet pre-key bundle (129 bytes, checked against <see cref="PublicKey"/>),
        /// or null for a plain Session v1 recipient.
        /// </summary>
        public byte[] PreKeyBundle { get; internal set; }

        /// <summary>True when alerts to this recipient go through the alert ratchet (a companion receiver), false for plain v1.</summary>
        public bool UsesRatchet
        {
            get { return PreKeyBundle != null; }
        }
    }
}
