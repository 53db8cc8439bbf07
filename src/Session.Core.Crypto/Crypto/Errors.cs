using System;

namespace Session.Core.Micro.Crypto
{
    /// <summary>
    /// The messages of the cryptographic primitives (CONTRIBUTING.md rule 6: one Errors.cs per
    /// assembly): misuse by the caller only, since a failed tag or signature is a false result, not
    /// an error. Kept short: the device stores every string. The general ones (null, length, range,
    /// slice) say what the core's own Errors.cs says in the same words, so a caller cannot tell which
    /// assembly checked; the core cannot share these, as internals do not cross assemblies on the device.
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

        public static ArgumentException Range(string parameter)
        {
            return new ArgumentException(parameter + " is out of range", parameter);
        }

        public static InvalidOperationException Finished(string what)
        {
            return new InvalidOperationException(what + " was already finalized");
        }

        public static ArgumentException SmallOrderKey(string parameter)
        {
            return new ArgumentException(parameter + " is a small-order point, not a usable public key", parameter);
        }

        public static InvalidOperationException NonceUsed()
        {
            return new InvalidOperationException("Ed25519 nonce was already used or wiped; a nonce signs one message only, prepare a new one");
        }

        public static ArgumentException NonceForOtherKey(string parameter)
        {
            return new ArgumentException(parameter + " was prepared for another key", parameter);
        }
    }
}
