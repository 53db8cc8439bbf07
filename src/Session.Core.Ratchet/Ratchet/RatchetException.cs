// The one exception type of the alert ratchet for refused input (packets, pre-key bundles, stored
// state) and for a used-up counter. Argument misuse stays an ArgumentException. Messages name the
// rule that failed and public numbers only (message counters), never key material.
using System;

namespace Session.Core.Micro.Ratchet
{
    /// <summary>The alert ratchet refused a packet, pre-key bundle or stored state; <see cref="Error"/> says why.</summary>
    public sealed class RatchetException : Exception
    {
        /// <summary>Creates the error of kind <paramref name="error"/> with a message that says what was wrong.</summary>
        public RatchetException(RatchetError error, string message)
            : base(message)
        {
            Error = error;
        }

        /// <summary>What was refused and why.</summary>
        public RatchetError Error { get; }
    }
}
