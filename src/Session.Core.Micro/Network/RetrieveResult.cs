// What one retrieve from one swarm member returned (docs/protocol.md §3.3).
namespace Session.Core.Micro.Network
{
    /// <summary>Messages read from one swarm member, and whether it has more.</summary>
    public sealed class RetrieveResult
    {
        private readonly RetrievedMessage[] _messages;

        internal RetrieveResult(RetrievedMessage[] messages, bool more, string node, string cursorKey)
        {
            _messages = messages;
            More = more;
            Node = node;
            CursorKey = cursorKey;
        }

        /// <summary>Messages received, oldest first.</summary>
        public int Count
        {
            get { return _messages.Length; }
        }

        /// <summary>The message at <paramref name="index"/>.</summary>
        /// <exception cref="System.ArgumentException">index is outside 0 .. Count - 1.</exception>
        public RetrievedMessage Message(int index)
        {
            if (index < 0 || index >= _messages.Length)
            {
                throw Errors.Range("index");
            }
            return _messages[index];
        }

        /// <summary>True when the node has more messages after these (ask again).</summary>
        public bool More { get; }

        /// <summary>The Ed25519 hex key of the member that answered.</summary>
        public string Node { get; }

        // Where that member's last_hash cursor is kept (ServiceNodeClient.MoveCursor).
        internal string CursorKey { get; }
    }
}
