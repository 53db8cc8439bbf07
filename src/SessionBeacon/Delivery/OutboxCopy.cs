// One stored version of an outbox slot, as far as OutboxFormat could read it (docs/outbox.md,
// "Damaged records"): its header (from either of its two copies) and each payload whose own check
// holds; a payload that fails is null. Complete: a header and every payload. Intact: complete,
// both header copies and nothing else in the value, as a whole write leaves it.
namespace SessionBeacon.Delivery
{
    internal sealed class OutboxCopy
    {
        internal OutboxCopy(uint seq, bool removed, bool held, byte[] id, AlertKind kind, long created, long ttl,
            string[] recipients, byte[] states, byte[][] payloads, bool intact)
        {
            Seq = seq;
            Removed = removed;
            Held = held;
            Id = id;
            Kind = kind;
            Created = created;
            Ttl = ttl;
            Recipients = recipients;
            States = states;
            Payloads = payloads;
            Intact = intact;
        }

        internal uint Seq { get; }
        internal bool Removed { get; }
        internal bool Held { get; }
        internal byte[] Id { get; }
        internal AlertKind Kind { get; }
        internal long Created { get; }
        internal long Ttl { get; }
        internal string[] Recipients { get; }
        internal byte[] States { get; }

        /// <summary>Each recipient's payload; null where it failed its check or was cut off.</summary>
        internal byte[][] Payloads { get; }

        /// <summary>Complete, both header copies agree, and the value is exactly as long as the layout says.</summary>
        internal bool Intact { get; }

        internal bool Complete
        {
            get
            {
                for (int i = 0; i < Payloads.Length; i++)
                {
                    if (Payloads[i] == null)
                    {
                        return false;
                    }
                }
                return true;
            }
        }

        /// <summary>The record, once every payload is there.</summary>
        internal OutboxRecord ToRecord()
        {
            return new OutboxRecord(Id, Kind, Created, Ttl, Recipients, Payloads, States, Held);
        }

        /// <summary>True when <paramref name="other"/> is a version of the same alert, in the same held or sealed form.</summary>
        internal bool SameForm(OutboxCopy other)
        {
            if (other == null || other.Held != Held || other.Recipients.Length != Recipients.Length
                || !Session.Core.Micro.Crypto.CryptoBytes.ConstantTimeEquals(other.Id, Id))
            {
                return false;
            }
            for (int i = 0; i < Recipients.Length; i++)
            {
                if (other.Recipients[i] != Recipients[i])
                {
                    return false;
                }
            }
            return true;
        }
    }
}
