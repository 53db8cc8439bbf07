// Content.expirationType (docs/protocol.md §2.4, §2.7): how a disappearing message's timer runs.
namespace Session.Core.Micro.Messages
{
    /// <summary>The disappearing-message mode of a Content (field 12).</summary>
    public enum ExpirationType
    {
        /// <summary>No disappearing timer (the field is not written).</summary>
        Unknown = 0,

        /// <summary>The timer starts when the recipient reads the message.</summary>
        DeleteAfterRead = 1,

        /// <summary>The timer starts when the message is sent.</summary>
        DeleteAfterSend = 2,
    }
}
