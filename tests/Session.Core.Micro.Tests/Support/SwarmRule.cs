using System;
using System.Buffers.Binary;
using System.Linq;

namespace Session.Core.Micro.Tests.Support
{
    /// <summary>docs/protocol.md §3.6 written out for the tests' networks, independently of the core's SwarmSpace.</summary>
    public static class SwarmRule
    {
        /// <summary>The position of a Session ID (66 hex digits): XOR of the four big-endian words after the prefix byte.</summary>
        public static ulong Position(string sessionId)
        {
            byte[] key = Convert.FromHexString(sessionId.Substring(2));
            ulong position = 0;
            for (int word = 0; word < 4; word++)
            {
                position ^= BinaryPrimitives.ReadUInt64BigEndian(key.AsSpan(8 * word, 8));
            }
            return position;
        }

        /// <summary>The owner among <paramref name="ids"/>: sorted, the first at or above the position (wrapping), or the one before it when nearer; ties go to it.</summary>
        public static ulong Owner(ulong[] ids, ulong position)
        {
            ulong[] sorted = ids.Where(id => id != ulong.MaxValue).Distinct().OrderBy(id => id).ToArray();
            if (sorted.Length == 1)
            {
                return sorted[0];
            }
            int right = Array.FindIndex(sorted, id => id >= position);
            right = right < 0 ? 0 : right;
            int left = right == 0 ? sorted.Length - 1 : right - 1;
            return unchecked(sorted[right] - position) < unchecked(position - sorted[left]) ? sorted[right] : sorted[left];
        }
    }
}
