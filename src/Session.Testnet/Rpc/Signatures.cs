// The request signatures of store and retrieve (docs/protocol.md §3.2-3.3): Ed25519 over
// "method" || NS || timestamp, NS empty for namespace 0. For a 05 Session ID the signing key is the
// client's pubkey_ed25519, which must map to the Session ID's X25519 key.
using System;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Sodium;

namespace Session.Testnet
{
    /// <summary>The Ed25519 request signatures of store and retrieve: "method" || NS || timestamp.</summary>
    public static class Signatures
    {
        /// <summary>Checks the request's signature, or ends it with 401 (missing, malformed or wrong) or 406 (stale).</summary>
        public static void Require(StorageNode node, JsonObject parameters, byte[] pubkey, string method, int ns, long timestamp)
        {
            string signatureText = RpcParams.OptionalString(parameters, "signature");
            if (signatureText == null)
            {
                throw new RpcException(401, method + ": request signature required");
            }
            if (Math.Abs(timestamp - node.Now) > StoreRpc.SignatureToleranceMs)
            {
                throw new RpcException(406, method + " timestamp too far from current time");
            }
            byte[] signature = RpcParams.DecodeBase64(signatureText);
            if (signature == null || signature.Length != 64)
            {
                throw new RpcException(401, method + ": signature must be 64 bytes of base64");
            }
            byte[] verifier = VerifyingKey(parameters, pubkey);
            string ns0 = ns == 0 ? "" : ns.ToString(CultureInfo.InvariantCulture);
            byte[] signed = Encoding.ASCII.GetBytes(method + ns0 + timestamp.ToString(CultureInfo.InvariantCulture));
            bool valid;
            try
            {
                valid = PublicKeyAuth.VerifyDetached(signature, signed, verifier);
            }
            catch (Exception error) when (error is Sodium.Exceptions.SignatureOutOfRangeException || error is Sodium.Exceptions.KeyOutOfRangeException)
            {
                valid = false;
            }
            if (!valid)
            {
                throw new RpcException(401, method + " signature verification failed");
            }
        }

        // For a 05 Session ID the 32 bytes are an X25519 key, so the client names its Ed25519 key, which must map to it.
        private static byte[] VerifyingKey(JsonObject parameters, byte[] pubkey)
        {
            byte[] key = pubkey.AsSpan(1).ToArray();
            if (pubkey[0] != 0x05)
            {
                return key;
            }
            string edHex = RpcParams.OptionalString(parameters, "pubkey_ed25519");
            if (edHex == null)
            {
                throw new RpcException(401, "pubkey_ed25519 is required to check a signature for a 05 Session ID");
            }
            byte[] ed;
            try
            {
                ed = Convert.FromHexString(edHex);
            }
            catch (FormatException)
            {
                throw new RpcException(401, "pubkey_ed25519 is not hex");
            }
            if (ed.Length != 32)
            {
                throw new RpcException(401, "pubkey_ed25519 must be 32 bytes");
            }
            byte[] x;
            try
            {
                x = PublicKeyAuth.ConvertEd25519PublicKeyToCurve25519PublicKey(ed);
            }
            catch (Exception)
            {
                throw new RpcException(401, "pubkey_ed25519 is not a valid Ed25519 key");
            }
            if (!x.AsSpan().SequenceEqual(key))
            {
                throw new RpcException(401, "pubkey_ed25519 does not belong to pubkey");
            }
            return ed;
        }
    }
}
