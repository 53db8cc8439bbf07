// What MessageReceiver found in one stored item (docs/protocol.md §2.6, §6, §7 step 7). Only
// DataMessage is something to show; the others are recognised and skipped by a receive loop.
namespace Session.Core.Micro.Messages
{
    /// <summary>The kind of a stored item that was read without error.</summary>
    public enum IncomingMessageKind
    {
        /// <summary>A message with a DataMessage (text) from someone else: show it.</summary>
        DataMessage = 1,

        /// <summary>A verified message without a DataMessage (receipt, typing indicator, ...): nothing to show.</summary>
        ControlMessage = 2,

        /// <summary>A message signed by our own key: the sync copy one of our devices stored for the others.</summary>
        OwnSyncCopy = 3,

        /// <summary>A Session Protocol v2 payload (starts 00 02), which a v1 client does not read.</summary>
        Version2 = 4,
    }
}
