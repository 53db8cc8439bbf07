// How an onion request ended, from the client's point of view (docs/protocol.md §4.4, §4.6).
namespace Session.Core.Micro.Onion
{
    /// <summary>The outcome classes of an onion request.</summary>
    public enum OnionReplyKind
    {
        /// <summary>The destination answered; see Status and Body (its RPC status may still be an error).</summary>
        Delivered,

        /// <summary>A hop could not reach the next node, named in MissingNode (HTTP 502 "Next node not found: &lt;key&gt;").</summary>
        NextNodeNotFound,

        /// <summary>A node refused the request's timestamp (HTTP 406 or 425): resynchronise the clock.</summary>
        ClockOutOfSync,

        /// <summary>A hop refused the request itself (400, 401, 403, 404, 413): not the path's fault.</summary>
        Rejected,

        /// <summary>The path failed (no answer, 500, 502, 503, 504, ...): counts against the path.</summary>
        PathFailure,

        /// <summary>HTTP 200 but the reply could not be decoded or authenticated: counts against the path.</summary>
        Undecryptable,
    }
}
