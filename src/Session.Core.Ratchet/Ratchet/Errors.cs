using System;

namespace Session.Core.Micro.Ratchet
{
    /// <summary>
    /// The messages of the alert ratchet (CONTRIBUTING.md rule 6: one Errors.cs per assembly): misuse
    /// by the caller, then packets, pre-keys, carriage and stored state that are refused. Kept short:
    /// the device stores every string. Null and Range say what the core's own Errors.cs says in the
    /// same words; the ratchet cannot share them, as internals do not cross assemblies on the device.
    /// </summary>
    internal static class Errors
    {
        public static ArgumentNullException Null(string parameter)
        {
            return new ArgumentNullException(parameter);
        }

        public static ArgumentException Range(string parameter)
        {
            return new ArgumentException(parameter + " is out of range", parameter);
        }

        // Refused packets, pre-keys and stored state. Counters are public.

        public static RatchetException RatchetMalformed(string what)
        {
            return new RatchetException(RatchetError.Malformed, "ratchet: " + what);
        }

        public static RatchetException RatchetVersion(string what, int version, int supported)
        {
            return new RatchetException(RatchetError.UnsupportedVersion,
                "ratchet: " + what + " version " + version.ToString() + " is not supported (this build reads " + supported.ToString() + ")");
        }

        public static RatchetException RatchetOtherSession()
        {
            return new RatchetException(RatchetError.OtherSession,
                "ratchet: the packet starts another pairing than this session's (was the sender provisioned again?)");
        }

        public static RatchetException RatchetAuthentication(uint sequence)
        {
            return new RatchetException(RatchetError.AuthenticationFailed,
                "ratchet: message " + sequence.ToString() + " failed authentication (corrupted, forged, or from another session)");
        }

        public static RatchetException RatchetDuplicate(uint sequence)
        {
            return new RatchetException(RatchetError.Duplicate,
                "ratchet: message " + sequence.ToString() + " was already opened (duplicate delivery or replay)");
        }

        public static RatchetException RatchetRolledBack(uint sequence)
        {
            return new RatchetException(RatchetError.RolledBack,
                "ratchet: message counter " + sequence.ToString() + " came back with different content: the sender's stored state was rolled back");
        }

        public static RatchetException RatchetTooOld(uint sequence, int skippedKeys, int lifetime)
        {
            return new RatchetException(RatchetError.TooOld,
                "ratchet: no key left for message " + sequence.ToString() + ": a replay, or reordered beyond the bound of "
                + skippedKeys.ToString() + " skipped keys kept for " + lifetime.ToString() + " messages");
        }

        public static RatchetException RatchetTooFarAhead(uint sequence, uint skip, int limit)
        {
            return new RatchetException(RatchetError.TooFarAhead,
                "ratchet: message " + sequence.ToString() + " skips " + skip.ToString() + " messages of its chain, more than the limit of " + limit.ToString());
        }

        public static RatchetException RatchetBadKey(string what)
        {
            return new RatchetException(RatchetError.BadKey, "ratchet: " + what + " is a small-order point, not a usable public key");
        }

        public static RatchetException RatchetPreKeySignature()
        {
            return new RatchetException(RatchetError.PreKeyRejected,
                "ratchet pre-key: the signature does not verify (bundle damaged or not made by that Session ID)");
        }

        public static RatchetException RatchetPreKeyIdentity()
        {
            return new RatchetException(RatchetError.PreKeyRejected,
                "ratchet pre-key: the bundle was signed by another Session ID than the recipient's");
        }

        public static RatchetException RatchetNoState()
        {
            return new RatchetException(RatchetError.NoState, "ratchet: the state store holds no session (pair first)");
        }

        public static RatchetException RatchetCounterExhausted()
        {
            return new RatchetException(RatchetError.CounterExhausted,
                "ratchet: this side's message counter is used up; pair again");
        }

        public static InvalidOperationException RatchetNeedsReload()
        {
            return new InvalidOperationException("ratchet: a state save failed, so this session may be behind its store; load it again");
        }

        // The carriage in Session v1 messages (RatchetCarriage, RatchetLink, KeyValueRatchetStore).

        public static RatchetException RatchetNotPeer(string sender, string peer)
        {
            return new RatchetException(RatchetError.NotPeer,
                "ratchet: the Session message was signed by " + sender + ", not by the paired peer " + peer + "; refused");
        }

        public static RatchetException RatchetNotCarried(string why)
        {
            return new RatchetException(RatchetError.Malformed, "ratchet carriage: " + why);
        }

        public static RatchetException RatchetStoreDamaged(string name)
        {
            return new RatchetException(RatchetError.Malformed,
                "ratchet state store '" + name + "': both slots are present and neither holds a valid state (not a torn write: the storage is damaged)");
        }
    }
}
