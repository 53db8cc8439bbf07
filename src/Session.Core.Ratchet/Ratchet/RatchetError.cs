// Why the alert ratchet refused a packet, a pre-key or a stored state (docs/ratchet.md, "Errors").
// Each value has its own message in Errors.cs; RatchetException carries the value so that a caller
// (the beacon's inbox, the harness's listen) can react without parsing text.
namespace Session.Core.Micro.Ratchet
{
    /// <summary>The kinds of refusal of the alert ratchet.</summary>
    public enum RatchetError
    {
        /// <summary>The bytes do not follow the packet or bundle layout.</summary>
        Malformed = 1,

        /// <summary>The packet, bundle or stored state has a format version this build does not read.</summary>
        UnsupportedVersion = 2,

        /// <summary>The packet starts a different pairing (another initiator ephemeral key) than this session's.</summary>
        OtherSession = 3,

        /// <summary>The packet's tag does not verify: corrupted, forged, or meant for another session.</summary>
        AuthenticationFailed = 4,

        /// <summary>The same message was already opened: a duplicate delivery or a replay.</summary>
        Duplicate = 5,

        /// <summary>A message counter the receiver already saw comes back with different content: the sender's stored state was rolled back.</summary>
        RolledBack = 6,

        /// <summary>No key is left for the message: a replay older than the replay memory, or a reorder beyond the skipped-key bound or lifetime.</summary>
        TooOld = 7,

        /// <summary>The message skips more of its chain than the forward limit allows.</summary>
        TooFarAhead = 8,

        /// <summary>A peer's public key is a small-order point.</summary>
        BadKey = 9,

        /// <summary>A pre-key bundle's signature does not verify, or it belongs to another Session ID.</summary>
        PreKeyRejected = 10,

        /// <summary>The state store holds no ratchet state.</summary>
        NoState = 11,

        /// <summary>The 2^32 - 1 message counter of this side is used up: pair again.</summary>
        CounterExhausted = 12,

        /// <summary>The Session message that carried the packet was signed by someone other than the paired peer.</summary>
        NotPeer = 13,
    }
}
