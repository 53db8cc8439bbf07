using System;

namespace Session.Core.Micro
{
    /// <summary>
    /// The core's messages for misuse, in one place. Kept short: the device stores every string.
    /// A failed tag or signature is not an error but a false result.
    /// </summary>
    internal static class Errors
    {
        public static ArgumentException Length(string parameter, int expected)
        {
            return new ArgumentException(parameter + " must be " + expected.ToString() + " bytes", parameter);
        }

        public static ArgumentException LengthRange(string parameter, int min, int max)
        {
            return new ArgumentException(parameter + " must be " + min.ToString() + " to " + max.ToString() + " bytes", parameter);
        }

        public static ArgumentNullException Null(string parameter)
        {
            return new ArgumentNullException(parameter);
        }

        public static ArgumentException Slice(string parameter)
        {
            return new ArgumentException("offset and count must lie inside " + parameter, parameter);
        }

        public static ArgumentException MinLength(string parameter, int min)
        {
            return new ArgumentException(parameter + " must be at least " + min.ToString() + " bytes", parameter);
        }
    }
}
