namespace Session.Testnet
{
    /// <summary>What InboxJunk stores: bytes of no form, or what an ordinary 1-to-1 message looks like from outside.</summary>
    public enum JunkKind
    {
        /// <summary>Random bytes.</summary>
        Random,

        /// <summary>A WebSocketMessage around an Envelope of type 6 whose content is random bytes (docs/protocol.md §2.1).</summary>
        Envelope,
    }
}
