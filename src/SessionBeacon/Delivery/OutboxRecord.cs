// One alert in the outbox (docs/outbox.md): its id, kind, creation time and TTL, and for each
// recipient the final store payload (built once, so every resend is byte-identical) and its state:
// pending, delivered (a verified storage receipt came back), or waiting for a new pairing with that
// recipient's companion receiver (ratchet.on_damage = hold; the "payload" is then the alert's text).
using Session.Core.Micro.Crypto;

namespace SessionBeacon.Delivery
{
    /// <summary>An alert waiting in the outbox, with one payload per recipient.</summary>
    public sealed class OutboxRecord
    {
        /// <summary>Bytes in an alert id.</summary>
        public const int IdSize = 16;

        // A recipient's state, as stored (OutboxFormat).
        internal const byte Pending = 0;
        internal const byte Delivered = 1;
        internal const byte Waiting = 2;

        private readonly byte[] _id;
        private readonly string[] _recipients;
        private readonly byte[][] _payloads;
        private readonly byte[] _states;

        internal OutboxRecord(byte[] id, AlertKind kind, long createdMs, long ttlMs, string[] recipients, byte[][] payloads, byte[] states, bool held)
        {
            IsHeld = held;
            _id = id;
            Kind = kind;
            CreatedMs = createdMs;
            TtlMs = ttlMs;
            _recipients = recipients;
            _payloads = payloads;
            _states = states;
        }

        /// <summary>What the alert is about.</summary>
        public AlertKind Kind { get; }

        /// <summary>When it was created, in the clock's Unix milliseconds.</summary>
        /// <summary>
        /// True while the alert waits for the network's time: every "payload" is then the alert's body
        /// text (UTF-8) without its time, nothing is sent, and the TTL has not started (Outbox.Seal).
        /// </summary>
        public bool IsHeld { get; }

        public long CreatedMs { get; }

        /// <summary>How long it is retried, in ms; past CreatedMs + TtlMs it is dropped.</summary>
        public long TtlMs { get; }

        /// <summary>How many recipients it goes to.</summary>
        public int RecipientCount
        {
            get { return _recipients.Length; }
        }

        /// <summary>When the alert expires, in the clock's Unix milliseconds.</summary>
        public long ExpiresMs
        {
            get { return CreatedMs + TtlMs; }
        }

        /// <summary>True once every recipient's payload is provably stored.</summary>
        public bool IsDelivered
        {
            get
            {
                for (int i = 0; i < _states.Length; i++)
                {
                    if (_states[i] != Delivered)
                    {
                        return false;
                    }
                }
                return true;
            }
        }

        internal byte[] IdBytes
        {
            get { return _id; }
        }

        /// <summary>A copy of the 16-byte random id.</summary>
        public byte[] Id()
        {
            return (byte[])_id.Clone();
        }

        /// <summary>The Session ID of recipient <paramref name="index"/>.</summary>
        /// <exception cref="System.IndexOutOfRangeException"><paramref name="index"/> is not below RecipientCount.</exception>
        public string RecipientId(int index)
        {
            return _recipients[index];
        }

        /// <summary>A copy of the payload stored for recipient <paramref name="index"/>.</summary>
        /// <exception cref="System.IndexOutOfRangeException"><paramref name="index"/> is not below RecipientCount.</exception>
        public byte[] Payload(int index)
        {
            return (byte[])_payloads[index].Clone();
        }

        /// <summary>Whether recipient <paramref name="index"/> has a verified receipt.</summary>
        /// <exception cref="System.IndexOutOfRangeException"><paramref name="index"/> is not below RecipientCount.</exception>
        public bool IsDeliveredTo(int index)
        {
            return _states[index] == Delivered;
        }

        /// <summary>True when both hold the same alert id.</summary>
        public bool SameAlert(OutboxRecord other)
        {
            return other != null && CryptoBytes.ConstantTimeEquals(_id, other._id);
        }

        internal byte[] PayloadBytes(int index)
        {
            return _payloads[index];
        }

        /// <summary>
        /// Whether recipient <paramref name="index"/>'s alert waits for a new pairing with its companion receiver
        /// (ratchet.on_damage = hold): nothing is sent to it, and its payload is the alert's text (UTF-8).
        /// </summary>
        /// <exception cref="System.IndexOutOfRangeException"><paramref name="index"/> is not below RecipientCount.</exception>
        public bool IsWaitingFor(int index)
        {
            return _states[index] == Waiting;
        }

        internal byte State(int index)
        {
            return _states[index];
        }

        internal OutboxRecord WithDelivered(int index)
        {
            return With(index, _payloads[index], Delivered);
        }

        // The same alert with recipient index's payload and state replaced.
        internal OutboxRecord With(int index, byte[] payload, byte state)
        {
            var states = (byte[])_states.Clone();
            var payloads = (byte[][])_payloads.Clone();
            states[index] = state;
            payloads[index] = payload;
            return new OutboxRecord(_id, Kind, CreatedMs, TtlMs, _recipients, payloads, states, IsHeld);
        }
    }
}
