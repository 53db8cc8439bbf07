using System;
using System.Collections.Generic;

namespace Session.Core.Micro.Tests.Support
{
    /// <summary>One SHAVS ShortMsg/LongMsg record: the message (Len/8 bytes of Msg) and its digest.</summary>
    public sealed class ShavsMessage
    {
        public ShavsMessage(int lengthBits, byte[] message, byte[] digest)
        {
            LengthBits = lengthBits;
            Message = message;
            Digest = digest;
        }

        public int LengthBits { get; }

        public byte[] Message { get; }

        public byte[] Digest { get; }
    }

    /// <summary>
    /// Reads NIST CAVP SHAVS .rsp files (tests/vectors/README.md, "NIST SHAVS"): '#' comments, '[L = n]' headers,
    /// 'Key = value' lines, records separated by blank lines.
    /// </summary>
    public static class Shavs
    {
        /// <summary>Every Len/Msg/MD record of a ShortMsg or LongMsg file. Len = 0 is the empty message.</summary>
        public static List<ShavsMessage> Messages(string relative)
        {
            var records = new List<ShavsMessage>();
            int length = -1;
            byte[] message = null;
            foreach (string line in TestVectors.Lines(relative))
            {
                if (!TrySplit(line, out string key, out string value))
                {
                    continue;
                }
                switch (key)
                {
                    case "Len":
                        length = int.Parse(value);
                        message = null;
                        break;
                    case "Msg":
                        byte[] all = Convert.FromHexString(value);
                        if (length < 0 || length % 8 != 0 || length / 8 > all.Length)
                        {
                            throw new FormatException(relative + ": Msg without a usable Len before it");
                        }
                        message = all.AsSpan(0, length / 8).ToArray();
                        break;
                    case "MD":
                        if (message == null)
                        {
                            throw new FormatException(relative + ": MD without Msg");
                        }
                        records.Add(new ShavsMessage(length, message, Convert.FromHexString(value)));
                        length = -1;
                        message = null;
                        break;
                }
            }
            return records;
        }

        /// <summary>The Seed and the 100 checkpoint digests (COUNT = 0..99, in order) of a Monte file.</summary>
        public static byte[] Monte(string relative, List<byte[]> checkpoints)
        {
            byte[] seed = null;
            int expectedCount = 0;
            foreach (string line in TestVectors.Lines(relative))
            {
                if (!TrySplit(line, out string key, out string value))
                {
                    continue;
                }
                switch (key)
                {
                    case "Seed":
                        seed = Convert.FromHexString(value);
                        break;
                    case "COUNT":
                        if (int.Parse(value) != expectedCount)
                        {
                            throw new FormatException(relative + ": COUNT out of order at " + value);
                        }
                        expectedCount++;
                        break;
                    case "MD":
                        checkpoints.Add(Convert.FromHexString(value));
                        break;
                }
            }
            if (seed == null || checkpoints.Count != expectedCount)
            {
                throw new FormatException(relative + ": no Seed, or COUNT and MD lines do not pair up");
            }
            return seed;
        }

        private static bool TrySplit(string line, out string key, out string value)
        {
            key = null;
            value = null;
            string trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed[0] == '#' || trimmed[0] == '[')
            {
                return false;
            }
            int equals = trimmed.IndexOf('=');
            if (equals < 0)
            {
                return false;
            }
            key = trimmed.Substring(0, equals).Trim();
            value = trimmed.Substring(equals + 1).Trim();
            return true;
        }
    }
}
