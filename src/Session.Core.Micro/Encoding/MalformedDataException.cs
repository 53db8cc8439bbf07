// The one error type for bytes that break their format: invalid UTF-8 (Utf8.Decode) and protobuf
// that cannot be parsed (ProtobufReader). Its message says what was wrong and at which byte, such
// as "UTF-8: overlong encoding at byte 7". It is data from outside that is bad, not the caller:
// argument misuse stays an ArgumentException.
using System;

namespace Session.Core.Micro.Encoding
{
    /// <summary>Encoded data does not follow its format; the message names the problem and the byte offset.</summary>
    public sealed class MalformedDataException : Exception
    {
        /// <summary>Creates the error for a problem found at <paramref name="offset"/>.</summary>
        /// <param name="message">What was wrong, including the offset, e.g. "protobuf: truncated varint at byte 3".</param>
        /// <param name="offset">The index into the input array where the problem starts.</param>
        public MalformedDataException(string message, int offset)
            : base(message)
        {
            Offset = offset;
        }

        /// <summary>The index into the input array where the problem starts.</summary>
        public int Offset { get; }
    }
}
