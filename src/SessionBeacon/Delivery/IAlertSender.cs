// The network seam of the outbox: the device's implementation stores the payload in the
// recipient's swarm through ServiceNodeClient.Store and checks the storage receipt; tests use a
// fake swarm. The outbox only asks "is it provably stored?".
namespace SessionBeacon.Delivery
{
    /// <summary>Puts one recipient's final payload into that recipient's swarm.</summary>
    public interface IAlertSender
    {
        /// <summary>
        /// Stores <paramref name="payload"/> (the exact bytes to store, never re-encoded) for
        /// <paramref name="recipientSessionId"/> with <paramref name="ttlMs"/> to live.
        /// </summary>
        /// <returns>True only with a verified storage receipt (a resend of stored bytes counts); false to retry later.</returns>
        bool Send(string recipientSessionId, byte[] payload, long ttlMs);
    }
}
