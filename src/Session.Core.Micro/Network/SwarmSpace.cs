// Which swarm holds an account's messages (docs/protocol.md §3.6): the 32 key bytes of the Session ID
// fold into a position on the 2^64 circle (XOR of four big-endian 8-byte words), and of the swarm
// ids the network has, the one nearest that position owns it: the nearest at or above it (wrapping)
// unless the nearest below it (wrapping) is closer, ties going below. The storage server decides
// membership with this rule, so a client that knows every node's swarm id from a source it trusts
// (the pinned seed, SwarmLookup) knows a swarm without asking any node. Checked against the storage
// server's vectors swarm_space and swarm_selection.
using Session.Core.Micro.Crypto;

namespace Session.Core.Micro.Network
{
    /// <summary>Session ID to swarm-space position, and position to owning swarm id.</summary>
    public static class SwarmSpace
    {
        /// <summary>The id of no swarm: oxend gives it to a node that is in none, and it owns nothing.</summary>
        public const ulong InvalidSwarmId = 0xFFFFFFFFFFFFFFFF;

        /// <summary>Bytes of the key a position is computed from (a Session ID without its prefix byte).</summary>
        public const int KeySize = 32;

        private const int WordSize = 8;

        /// <summary>The position of the account whose 32-byte key (Session ID without the 05 prefix) is <paramref name="publicKey"/>.</summary>
        /// <exception cref="System.ArgumentNullException">publicKey is null.</exception>
        /// <exception cref="System.ArgumentException">publicKey is not 32 bytes.</exception>
        public static ulong Position(byte[] publicKey)
        {
            Arguments.Size(publicKey, KeySize, "publicKey");
            ulong position = 0;
            for (int word = 0; word < KeySize; word += WordSize)
            {
                ulong value = 0;
                for (int i = 0; i < WordSize; i++)
                {
                    value = (value << 8) | publicKey[word + i];
                }
                position ^= value;
            }
            return position;
        }

        /// <summary>The swarm id among <paramref name="swarmIds"/> (any order, repeats allowed) that owns <paramref name="position"/>; InvalidSwarmId when there is none.</summary>
        /// <exception cref="System.ArgumentNullException">swarmIds is null.</exception>
        public static ulong Select(ulong[] swarmIds, ulong position)
        {
            if (swarmIds == null)
            {
                throw Errors.Null("swarmIds");
            }
            SwarmChoice choice = new SwarmChoice(position);
            for (int i = 0; i < swarmIds.Length; i++)
            {
                choice.Offer(swarmIds[i], null);
            }
            return choice.SwarmId;
        }
    }
}
