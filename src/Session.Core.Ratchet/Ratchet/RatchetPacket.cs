// The binary ratchet packet, format version 1 (docs/ratchet.md, "Packet"). Big-endian numbers.
//   0   1   version, 0x01
//   1   1   flags: bit 0 = initiation (the initiator's ephemeral key follows); other bits zero
//   2   4   sequence: the sender's message counter, 1 for its first message, +1 for each one after
//   6   4   PN: length of the sender's previous sending chain
//  10   4   N: message number in the current sending chain
//  14  32   the sender's current ratchet public key (X25519)
//  46  32   only with the initiation flag: the initiator's ephemeral public key
//  then     XChaCha20-Poly1305 ciphertext || 16-byte tag
// The header (all bytes before the ciphertext) is associated data, after the 66 bytes that bind
// both identities (05 || initiator key || 05 || responder key). RatchetHeader parses and writes
// the header; RatchetSession does the cryptography.
using System;
using Session.Core.Micro.Crypto;

namespace Session.Core.Micro.Ratchet
{
    /// <summary>Layout of a ratchet packet and the public facts a carrier may read from it before opening it.</summary>
    public static class RatchetPacket
    {
        /// <summary>The packet format this build writes and reads.</summary>
        public const byte Version = 1;

        /// <summary>Header bytes of an ordinary packet.</summary>
        public const int HeaderSize = 46;

        /// <summary>Header bytes of a packet that carries the initiation (the initiator's ephemeral key).</summary>
        public const int InitiationHeaderSize = HeaderSize + X25519.KeySize;

        /// <summary>The authentication tag after the ciphertext.</summary>
        public const int TagSize = XChaCha20Poly1305.TagSize;

        /// <summary>Flag bit: the initiator's ephemeral key follows the fixed header.</summary>
        public const byte InitiationFlag = 0x01;

        internal const int FlagsOffset = 1;
        internal const int SequenceOffset = 2;
        internal const int PreviousChainLengthOffset = 6;
        internal const int MessageNumberOffset = 10;
        internal const int RatchetKeyOffset = 14;
        internal const int InitiationKeyOffset = HeaderSize;

        /// <summary>True when <paramref name="packet"/> carries an initiation, so a receiver without a session can pair with it.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="packet"/> is null.</exception>
        /// <exception cref="RatchetException">The packet is malformed or of another version.</exception>
        public static bool IsInitiation(byte[] packet)
        {
            return RatchetHeader.Parse(packet).InitiationKey != null;
        }

        /// <summary>The sender's message counter (public; for logs and for ordering a receiver's inbox).</summary>
        /// <exception cref="ArgumentNullException"><paramref name="packet"/> is null.</exception>
        /// <exception cref="RatchetException">The packet is malformed or of another version.</exception>
        public static uint Sequence(byte[] packet)
        {
            return RatchetHeader.Parse(packet).Sequence;
        }
    }
}
