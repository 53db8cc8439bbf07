namespace Session.Testnet
{
    /// <summary>
    /// What one node saw of one request: where it came from, where the node sent it on, and whether the node
    /// was the destination (then which Session ID the request was about). This is exactly what a real node
    /// could log, and shows that a guard sees the sender's address but not the recipient, and the destination
    /// the recipient but not the sender.
    /// </summary>
    /// <param name="TimeMs">When the node received it, by the node's clock.</param>
    /// <param name="Endpoint">onion_req/v2, storage_rpc/v1, relay (from another node) or replicate.</param>
    /// <param name="From">The IP address the request came from.</param>
    /// <param name="NextHop">Ed25519 key (hex) of the node it was relayed to, or null.</param>
    /// <param name="Destination">True when this node handled the request itself.</param>
    /// <param name="Method">The RPC method(s) handled, or null.</param>
    /// <param name="SessionId">The pubkey(s) the RPC named, or null.</param>
    /// <param name="Status">The HTTP status the node answered (for an onion destination: the inner status).</param>
    public sealed record Observation(long TimeMs, string Endpoint, string From, string NextHop, bool Destination, string Method,
        string SessionId, int Status);
}
