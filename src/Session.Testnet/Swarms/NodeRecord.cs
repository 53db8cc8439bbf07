namespace Session.Testnet
{
    /// <summary>What the seed node publishes about one storage node (docs/protocol.md §3.6, §3.8 get_n_service_nodes).</summary>
    public sealed record NodeRecord(string PublicIp, int StoragePort, string PubkeyEd25519, string PubkeyX25519, ulong SwarmId);
}
