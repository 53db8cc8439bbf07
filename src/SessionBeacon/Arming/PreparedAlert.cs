// A flash alert ready to leave (FlashAlert.Take): for each plain Session v1 recipient, the final
// store payload and the whole onion request that stores it (a PreparedStore). Outbox.Add(kind,
// now, alert, random) writes the payloads as they are, so the record on flash holds exactly the
// bytes inside the prepared requests; ServiceNodeAlertSender.Offer lets the first send of each
// payload post its prepared request. Handed out once: adding it marks it taken, and each prepared
// store is used up (wiped) by its send. Wipe() clears an alert that is dropped unsent.
using Session.Core.Micro.Network;

namespace SessionBeacon.Arming
{
    /// <summary>The pre-built flash alert: one payload and one prepared store request per recipient.</summary>
    public sealed class PreparedAlert
    {
        private readonly string[] _ids;
        private readonly byte[][] _payloads;
        private readonly PreparedStore[] _stores;
        private bool _taken;

        internal PreparedAlert(string[] ids, byte[][] payloads, PreparedStore[] stores, long createdMs, long ttlMs)
        {
            _ids = ids;
            _payloads = payloads;
            _stores = stores;
            CreatedMs = createdMs;
            TtlMs = ttlMs;
        }

        /// <summary>The network time of the oldest payload's build, Unix ms; the outbox record is created at it.</summary>
        public long CreatedMs { get; }

        /// <summary>The alert's TTL, ms (nf.config alert.ttl_hours).</summary>
        public long TtlMs { get; }

        /// <summary>When the alert expires: CreatedMs + TtlMs; every prepared store expires no earlier.</summary>
        public long ExpiresMs
        {
            get { return CreatedMs + TtlMs; }
        }

        /// <summary>How many recipients it has payloads for.</summary>
        public int RecipientCount
        {
            get { return _ids.Length; }
        }

        /// <summary>True once it was added to an outbox or wiped: it cannot be added again.</summary>
        public bool IsTaken
        {
            get { return _taken; }
        }

        /// <summary>The Session ID of recipient <paramref name="index"/>.</summary>
        /// <exception cref="System.IndexOutOfRangeException">index is not below RecipientCount.</exception>
        public string RecipientId(int index)
        {
            return _ids[index];
        }

        /// <summary>A copy of recipient <paramref name="index"/>'s payload.</summary>
        /// <exception cref="System.IndexOutOfRangeException">index is not below RecipientCount.</exception>
        public byte[] Payload(int index)
        {
            return (byte[])_payloads[index].Clone();
        }

        /// <summary>The prepared store request of recipient <paramref name="index"/>.</summary>
        /// <exception cref="System.IndexOutOfRangeException">index is not below RecipientCount.</exception>
        public PreparedStore Store(int index)
        {
            return _stores[index];
        }

        /// <summary>Wipes every prepared request and marks the alert taken; for an alert that will not be sent.</summary>
        public void Wipe()
        {
            _taken = true;
            for (int i = 0; i < _stores.Length; i++)
            {
                _stores[i].Wipe();
            }
        }

        internal byte[] PayloadBytes(int index)
        {
            return _payloads[index];
        }

        internal string[] Ids
        {
            get { return _ids; }
        }

        internal void MarkTaken()
        {
            _taken = true;
        }
    }
}
