// The one exception for a Session message that cannot be built or read: its Error says which
// class of problem (MessageError), its message says what exactly, e.g. "envelope: content is 100
// bytes, a signed sealed message needs at least 144". Messages never contain keys or plaintext.
using System;

namespace Session.Core.Micro.Messages
{
    /// <summary>A message is malformed, does not decrypt or verify, or is too large.</summary>
    public sealed class MessageException : Exception
    {
        /// <summary>Creates the error of class <paramref name="error"/>.</summary>
        /// <param name="error">The class of problem.</param>
        /// <param name="message">What was wrong.</param>
        public MessageException(MessageError error, string message)
            : base(message)
        {
            Error = error;
        }

        /// <summary>Creates the error of class <paramref name="error"/> caused by <paramref name="inner"/>.</summary>
        public MessageException(MessageError error, string message, Exception inner)
            : base(message, inner)
        {
            Error = error;
        }

        /// <summary>The class of problem.</summary>
        public MessageError Error { get; }
    }
}
