namespace Session.Testnet
{
    /// <summary>One message in a node's database (docs/protocol.md §3.2): its hash, owner, namespace, times and raw data.</summary>
    public sealed record StoredMessage(string Hash, string Pubkey, int Namespace, long Timestamp, long Expiry, byte[] Data);
}
