// What a ratchet plaintext is (docs/ratchet.md, "Carriage"): its first byte.
namespace Session.Core.Micro.Ratchet
{
    /// <summary>The kinds of plaintext the carriage puts inside ratchet packets.</summary>
    public enum RatchetContentKind
    {
        /// <summary>An alert from the beacon: UTF-8 text.</summary>
        Alert = 1,

        /// <summary>The receiver's acknowledgement ("help was reached"): the message counters it opened.</summary>
        Acknowledgement = 2,
    }
}
