// The proof that a message was stored (docs/protocol.md §3.2). A store reply carries, per swarm
// member, {"hash", "signature" (base64 Ed25519 by the member's key over the ASCII hash), "expiry",
// "already"?} or {"failed": true, ...}. A member's entry counts only when: the member is in the
// swarm the client chose (a node outside it cannot vouch), its hash equals the hash computed
// locally from the bytes sent, and its signature verifies under the member's Ed25519 key, which is
// the dict key; each member counts once. Success = at least k such signatures (k >= 1, chosen by the
// caller; ServiceNodeClient asks for 2 distinct members of the authenticated swarm when it has 2). "already" from
// any verified member marks a resend of bytes the swarm had stored before.
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Encoding;

namespace Session.Core.Micro.Network
{
    /// <summary>A checked store receipt: how many swarm members provably hold the message.</summary>
    public sealed class StoreReceipt
    {
        private readonly string _hash;
        private readonly string[] _verifiedMembers;
        private readonly int _rejected;
        private readonly int _failed;
        private readonly bool _already;
        private readonly long _expiry;
        private readonly int _required;

        private StoreReceipt(string hash, string[] verifiedMembers, int rejected, int failed, bool already, long expiry, int required)
        {
            _hash = hash;
            _verifiedMembers = verifiedMembers;
            _rejected = rejected;
            _failed = failed;
            _already = already;
            _expiry = expiry;
            _required = required;
        }

        /// <summary>The locally computed message hash (43 characters).</summary>
        public string Hash
        {
            get { return _hash; }
        }

        /// <summary>Members whose signature over the hash verified.</summary>
        public int VerifiedCount
        {
            get { return _verifiedMembers.Length; }
        }

        /// <summary>The Ed25519 hex keys of the members whose signature verified.</summary>
        public string[] VerifiedMembers
        {
            get { return (string[])_verifiedMembers.Clone(); }
        }

        /// <summary>Entries that claimed success but failed a check (outside the swarm, wrong hash, bad or missing signature).</summary>
        public int RejectedCount
        {
            get { return _rejected; }
        }

        /// <summary>Entries that reported failure ("failed": true).</summary>
        public int FailedCount
        {
            get { return _failed; }
        }

        /// <summary>True when a verified member said it already had the message (a resend of the same bytes).</summary>
        public bool Already
        {
            get { return _already; }
        }

        /// <summary>The latest expiry (Unix ms) among verified members, 0 when none gave one.</summary>
        public long Expiry
        {
            get { return _expiry; }
        }

        /// <summary>The verified signatures needed for success.</summary>
        public int RequiredCount
        {
            get { return _required; }
        }

        /// <summary>True when at least the required number of members verified.</summary>
        public bool IsSuccess
        {
            get { return _verifiedMembers.Length >= _required; }
        }

        /// <summary>Checks the "swarm" entries of a store reply.</summary>
        /// <param name="response">The parsed reply body.</param>
        /// <param name="expectedHash">The hash computed locally with MessageHash.Compute.</param>
        /// <param name="swarm">The swarm the message was sent to; only its members count.</param>
        /// <param name="requiredSignatures">k: verified signatures needed for success (at least 1).</param>
        /// <exception cref="System.ArgumentNullException">An argument is null.</exception>
        /// <exception cref="System.ArgumentException">requiredSignatures is below 1.</exception>
        /// <exception cref="MalformedDataException">The reply has no "swarm" object.</exception>
        public static StoreReceipt Verify(JsonValue response, string expectedHash, ServiceNode[] swarm, int requiredSignatures)
        {
            if (response == null)
            {
                throw Errors.Null("response");
            }
            if (expectedHash == null)
            {
                throw Errors.Null("expectedHash");
            }
            if (swarm == null)
            {
                throw Errors.Null("swarm");
            }
            if (requiredSignatures < 1)
            {
                throw Errors.Range("requiredSignatures");
            }
            JsonValue entries = response.Require("swarm");
            if (entries.Kind != JsonKind.Object)
            {
                throw Errors.JsonShape(entries.Offset, "an object of swarm members");
            }
            byte[] hashBytes = Utf8.Encode(expectedHash);
            string[] verified = new string[entries.Count];
            int verifiedCount = 0;
            int rejected = 0;
            int failed = 0;
            bool already = false;
            long expiry = 0;
            for (int i = 0; i < entries.Count; i++)
            {
                JsonValue entry = entries.Item(i);
                JsonValue failedFlag = entry.Get("failed");
                if (failedFlag != null && failedFlag.Kind == JsonKind.Boolean && failedFlag.AsBoolean())
                {
                    failed++;
                    continue;
                }
                ServiceNode member = FindMember(swarm, entries.Name(i));
                if (member == null || !Counts(entry, expectedHash, hashBytes, member, verified, verifiedCount))
                {
                    rejected++;
                    continue;
                }
                verified[verifiedCount++] = member.Ed25519Hex;
                JsonValue alreadyFlag = entry.Get("already");
                if (alreadyFlag != null && alreadyFlag.Kind == JsonKind.Boolean && alreadyFlag.AsBoolean())
                {
                    already = true;
                }
                JsonValue memberExpiry = entry.Get("expiry");
                if (memberExpiry != null && memberExpiry.IsInteger && memberExpiry.AsInt64() > expiry)
                {
                    expiry = memberExpiry.AsInt64();
                }
            }
            string[] members = new string[verifiedCount];
            System.Array.Copy(verified, members, verifiedCount);
            return new StoreReceipt(expectedHash, members, rejected, failed, already, expiry, requiredSignatures);
        }

        private static bool Counts(JsonValue entry, string expectedHash, byte[] hashBytes, ServiceNode member, string[] verified, int verifiedCount)
        {
            JsonValue hash = entry.Get("hash");
            JsonValue signature = entry.Get("signature");
            if (hash == null || hash.Kind != JsonKind.String || hash.AsString() != expectedHash
                || signature == null || signature.Kind != JsonKind.String)
            {
                return false;
            }
            for (int j = 0; j < verifiedCount; j++)
            {
                if (verified[j] == member.Ed25519Hex)
                {
                    return false;
                }
            }
            byte[] signatureBytes = Base64.TryDecode(signature.AsString());
            return signatureBytes != null && signatureBytes.Length == Ed25519.SignatureSize
                && Ed25519.Verify(signatureBytes, hashBytes, member.Ed25519Raw);
        }

        private static ServiceNode FindMember(ServiceNode[] swarm, string ed25519Hex)
        {
            string key = ed25519Hex.ToLower();
            for (int i = 0; i < swarm.Length; i++)
            {
                if (swarm[i] != null && swarm[i].Ed25519Hex == key)
                {
                    return swarm[i];
                }
            }
            return null;
        }
    }
}
