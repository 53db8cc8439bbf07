// Where IHttpTransport hands a response body that is read as it arrives (docs/protocol.md §3.6,
// §3.8): a seed's whole node list (mainnet: about 2,000 nodes, some 450 KB of JSON) is larger than
// the device's heap, so its reader (SeedSwarmReader) keeps only what it needs from each piece.
namespace Session.Core.Micro.Network
{
    /// <summary>Receives a response body piece by piece.</summary>
    public interface IResponseSink
    {
        /// <summary>Takes the next <paramref name="count"/> bytes of the body from <paramref name="buffer"/> at <paramref name="offset"/>; the buffer is reused after the call.</summary>
        /// <returns>False to stop: the transport reads no further and reports the request as failed.</returns>
        bool Write(byte[] buffer, int offset, int count);
    }
}
