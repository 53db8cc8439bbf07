// The message hash of docs/protocol.md §3.2: unpadded base64 of BLAKE2b-256(prefix byte || 32-byte
// pubkey || NS || data), NS being "" for namespace 0 and the decimal namespace otherwise. Storage
// receipts are each member's Ed25519 signature over the ASCII of this hash string.
using System;
using System.Globalization;
using System.Text;
using Sodium;

namespace Session.Testnet
{
    /// <summary>Computes message hashes.</summary>
    public static class MessageHash
    {
        public static string Compute(byte[] prefixedPubkey, int ns, byte[] data)
        {
            byte[] nsText = ns == 0 ? Array.Empty<byte>() : Encoding.ASCII.GetBytes(ns.ToString(CultureInfo.InvariantCulture));
            byte[] input = new byte[prefixedPubkey.Length + nsText.Length + data.Length];
            prefixedPubkey.CopyTo(input, 0);
            nsText.CopyTo(input, prefixedPubkey.Length);
            data.CopyTo(input, prefixedPubkey.Length + nsText.Length);
            return Convert.ToBase64String(GenericHash.Hash(input, null, 32)).TrimEnd('=');
        }
    }
}
