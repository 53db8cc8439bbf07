using System;

namespace Session.Testnet
{
    /// <summary>Messages for misuse of the testnet's API, in one place.</summary>
    internal static class Errors
    {
        public static ArgumentException PubkeyLength(string parameter)
        {
            return new ArgumentException("a prefixed pubkey is 33 bytes (66 hex digits, such as a 05... Session ID)", parameter);
        }

        public static ArgumentException Options(string problem)
        {
            return new ArgumentException(problem);
        }

        public static ArgumentOutOfRangeException NodeIndex(int index, int count)
        {
            return new ArgumentOutOfRangeException("index", index, "the network has nodes 0 to " + (count - 1));
        }
    }
}
