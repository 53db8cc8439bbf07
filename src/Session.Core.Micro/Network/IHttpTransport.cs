// The one network operation the core needs: POST bytes to an HTTPS URL and read status and body,
// synchronously, within a timeout (docs/protocol.md §3.8, §4.2). The device implements it over its one
// TLS session at a time; the harness over HttpClient. Service nodes use self-signed certificates
// that are not checked (the onion layer authenticates the node); seed nodes are pinned by the
// implementation from the NetworkProfile. A request must not keep a connection per node open.
// A body too large to hold (a seed's whole node list) is read through the second Post, which hands
// it to an IResponseSink as it arrives and keeps none of it.
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

        /// <summary>
        /// POSTs <paramref name="body"/> and hands the answer's body, whatever the status, to
        /// <paramref name="sink"/> piece by piece as it arrives, with no size limit of its own (the sink
        /// keeps what it needs), within <paramref name="timeoutMilliseconds"/> for the whole answer.
        /// </summary>
        /// <returns>The HTTP status with an empty body, or status 0 with an error text when nothing usable came back or the sink refused a piece.</returns>
        HttpResponse Post(string url, byte[] body, int timeoutMilliseconds, IResponseSink sink);
    }
}
