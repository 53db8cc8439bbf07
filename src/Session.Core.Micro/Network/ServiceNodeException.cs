// A service-node request that could not be completed: every attempt failed, the network refused
// it (401 bad signature, 400/403/404), a seed could not be reached, or the pool ran short of
// nodes. The message says which and quotes at most the start of what a node answered.
using System;

namespace Session.Core.Micro.Network
{
    /// <summary>A request to the Session network failed; the message says why.</summary>
    public sealed class ServiceNodeException : Exception
    {
        /// <summary>Creates the error; <paramref name="status"/> is the last HTTP or RPC status seen (0 for none).</summary>
        public ServiceNodeException(string message, int status)
            : base(message)
        {
            Status = status;
        }

        /// <summary>The last HTTP or RPC status seen, 0 when no node answered.</summary>
        public int Status { get; }
    }
}
