// The hash by which a swarm names a stored message (docs/protocol.md §3.2): unpadded base64 of
// BLAKE2b-256(0x05 || 32-byte pubkey || NS || data), with NS the decimal namespace or nothing for
// namespace 0 - always 43 characters. Computed locally so a store receipt can be checked against
// what was sent, not against what a node claims.
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Encoding;
using Session.Core.Micro.Identity;

namespace Session.Core.Micro.Network
{
    /// <summary>The storage server's message hash.</summary>
    public static class MessageHash
    {
        /// <summary>Characters in a hash (32 bytes in unpadded base64).</summary>
        public const int TextLength = 43;

        /// <summary>The hash of <paramref name="data"/> stored for <paramref name="sessionId"/> in <paramref name="messageNamespace"/>.</summary>
        /// <param name="sessionId">The recipient's Session ID, 66 hex digits starting 05.</param>
        /// <param name="messageNamespace">The namespace (-32768..32767).</param>
        /// <param name="data">The raw (not base64) message bytes.</param>
        /// <exception cref="System.ArgumentNullException">sessionId or data is null.</exception>
        /// <exception cref="System.ArgumentException">sessionId is not a Session ID, or the namespace is out of range.</exception>
        public static string Compute(string sessionId, int messageNamespace, byte[] data)
        {
            if (sessionId == null)
            {
                throw Errors.Null("sessionId");
            }
            if (data == null)
            {
                throw Errors.Null("data");
            }
            byte[] publicKey = SessionId.TryParse(sessionId);
            if (publicKey == null)
            {
                throw Errors.NotSessionId("sessionId");
            }
            if (messageNamespace < short.MinValue || messageNamespace > short.MaxValue)
            {
                throw Errors.Range("messageNamespace");
            }
            Blake2b hash = new Blake2b(32, null);
            byte[] prefix = { SessionId.Prefix };
            hash.Update(prefix, 0, 1);
            hash.Update(publicKey, 0, publicKey.Length);
            if (messageNamespace != 0)
            {
                byte[] ns = Utf8.Encode(messageNamespace.ToString());
                hash.Update(ns, 0, ns.Length);
            }
            hash.Update(data, 0, data.Length);
            byte[] digest = new byte[32];
            hash.Final(digest, 0);
            return Base64.EncodeUnpadded(digest);
        }
    }
}
