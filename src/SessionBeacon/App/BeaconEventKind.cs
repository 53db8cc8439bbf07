// What a beacon reports to whoever shows its progress: the debug output on the device, the
// terminal in the harness. Events carry names and counts, never key material or message bodies
// of alerts (a reply's text is the recipient's, shown on purpose).
namespace SessionBeacon.App
{
    /// <summary>The kinds of <see cref="BeaconEvent"/>.</summary>
    public enum BeaconEventKind
    {
        /// <summary>The beacon entered another stage; Text names it.</summary>
        Stage,

        /// <summary>An alert was written to the outbox; Alert says which kind.</summary>
        Queued,

        /// <summary>An alert was stored in one recipient's swarm with a verified receipt; Recipient names it, Text gives the receipt.</summary>
        Stored,

        /// <summary>An alert reached every recipient's swarm with verified receipts.</summary>
        Delivered,

        /// <summary>A send got no verified receipt and will be retried; Text says why when known.</summary>
        Failed,

        /// <summary>An alert's TTL ended before every recipient had it.</summary>
        Expired,

        /// <summary>A companion receiver acknowledged an alert; Recipient names it.</summary>
        HelpReached,

        /// <summary>A recipient wrote back; Recipient names it, Text is the message.</summary>
        Reply,

        /// <summary>Something went wrong that the beacon works around (a refused message, a network stage); Text says what.</summary>
        Problem,

        /// <summary>
        /// A companion receiver's pairing could not be loaded at start (its stored state damaged or unreadable);
        /// Recipient names it, Text says why and how its alerts go now (ratchet.on_damage).
        /// </summary>
        PairingLost,

        /// <summary>
        /// An alert found damaged on flash at start cannot be sent to a recipient; Recipient names it (null: the
        /// recipients could not be read), Alert is its kind when it could be read. The next alert says so.
        /// </summary>
        AlertLost,

        /// <summary>Tracking after a panic or duress alert was ended before its last update; Text says why (docs/location.md).</summary>
        TrackingStopped,
    }
}
