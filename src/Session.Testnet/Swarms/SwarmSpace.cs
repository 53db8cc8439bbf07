// Which swarm stores a pubkey (docs/protocol.md §3.6, storage-server swarm.cpp): the pubkey's 32 bytes
// after the prefix byte fold into a uint64 "swarm space" position by XOR of four big-endian words,
// and the swarm whose id is nearest on the 2^64 circle owns it (ties go to the left, lower id).
using System;
using System.Buffers.Binary;

namespace Session.Testnet
{
    /// <summary>Pubkey to swarm-space position, and position to swarm id.</summary>
    public static class SwarmSpace
    {
        /// <summary>The id answered when there is no swarm at all.</summary>
        public const ulong InvalidSwarmId = ulong.MaxValue;

        /// <summary>The position of a 33-byte prefixed pubkey (the prefix byte is ignored).</summary>
        /// <exception cref="ArgumentException">The key is not 33 bytes.</exception>
        public static ulong Position(byte[] prefixedPubkey)
        {
            if (prefixedPubkey == null || prefixedPubkey.Length != 33)
            {
                throw Errors.PubkeyLength(nameof(prefixedPubkey));
            }
            ulong position = 0;
            for (int word = 0; word < 4; word++)
            {
                position ^= BinaryPrimitives.ReadUInt64BigEndian(prefixedPubkey.AsSpan(1 + 8 * word, 8));
            }
            return position;
        }

        /// <summary>The swarm id nearest <paramref name="position"/> among <paramref name="sortedIds"/> (ascending).</summary>
        public static ulong Select(ulong[] sortedIds, ulong position)
        {
            if (sortedIds.Length == 0)
            {
                return InvalidSwarmId;
            }
            if (sortedIds.Length == 1)
            {
                return sortedIds[0];
            }
            int right = 0;
            while (right < sortedIds.Length && sortedIds[right] < position)
            {
                right++;
            }
            if (right == sortedIds.Length)
            {
                right = 0;
            }
            int left = right == 0 ? sortedIds.Length - 1 : right - 1;
            // Unsigned subtraction wraps mod 2^64, which is exactly the circular distance.
            ulong toRight = unchecked(sortedIds[right] - position);
            ulong toLeft = unchecked(position - sortedIds[left]);
            return toRight < toLeft ? sortedIds[right] : sortedIds[left];
        }
    }
}
