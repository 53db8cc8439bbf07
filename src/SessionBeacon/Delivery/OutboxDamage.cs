// What Outbox.Start found damaged on flash (docs/outbox.md, "Damaged records"): a stored copy of an
// alert that failed its checks. Either another copy, or the record's own parts, gave the whole alert
// back (IsRecovered) and it is sent as before; or the alert could not be sent to the recipients that
// LostFor names, because their payloads were damaged in every copy; or nothing of it could be read,
// not even its kind or its recipients (IsUnreadable): damaged beyond reading, or (ReadError) the
// store failed to read it, and it stays on flash for the next start. Nothing here is secret.
namespace SessionBeacon.Delivery
{
    /// <summary>An alert whose copy on flash was damaged, and what could be saved of it.</summary>
    public sealed class OutboxDamage
    {
        private readonly string[] _lostFor;

        internal OutboxDamage(AlertKind kind, string[] lostFor, bool unreadable, string readError)
        {
            Kind = kind;
            _lostFor = lostFor;
            IsUnreadable = unreadable;
            ReadError = readError;
        }

        /// <summary>The alert's kind; 0 when it could not be read.</summary>
        public AlertKind Kind { get; }

        /// <summary>True when nothing of the alert could be read: neither its kind nor its recipients.</summary>
        public bool IsUnreadable { get; }

        /// <summary>The store's error when it could not read the slot at all (the alert stays on flash and is read again at the next start); else null.</summary>
        public string ReadError { get; }

        /// <summary>True when the whole alert was recovered: it is sent to every recipient as before.</summary>
        public bool IsRecovered
        {
            get { return !IsUnreadable && _lostFor.Length == 0; }
        }

        /// <summary>How many recipients the alert cannot be sent to (0 when recovered or unreadable).</summary>
        public int LostCount
        {
            get { return _lostFor.Length; }
        }

        /// <summary>The Session ID of lost recipient <paramref name="index"/>.</summary>
        /// <exception cref="System.IndexOutOfRangeException"><paramref name="index"/> is not below LostCount.</exception>
        public string LostFor(int index)
        {
            return _lostFor[index];
        }
    }
}
