// The one network operation the core needs: POST bytes to an HTTPS URL and read status and body,
// synchronously, within a timeout (docs/protocol.md §3.8, §4.2). The device implements it over its one
// TLS session at a time; the harness over HttpClient. Service nodes use self-signed certificates
// that are not checked (the onion layer authenticates the node); seed nodes are pinned by the
// implementation from the NetworkProfile. A request must not keep a connection per node open.
namespace Session.Core.Micro.Network
{
    /// <summary>Posts a request body and returns the answer; never throws for network failures.</summary>
    public interface IHttpTransport
    {
        /// <summary>
        /// POSTs <paramref name="body"/> to <paramref name="url"/> and waits at most
        /// <paramref name="timeoutMilliseconds"/> for the whole answer.
        /// </summary>
        /// <returns>The HTTP status and body, or status 0 with an error text when nothing usable came back (refused, timed out, TLS or pin failure).</returns>
        HttpResponse Post(string url, byte[] body, int timeoutMilliseconds);
    }
}
