// The header of a ratchet packet, parsed and written (layout in RatchetPacket.cs and docs/ratchet.md):
// version, flags, sequence, PN, N, ratchet key, and the initiator's ephemeral key when flagged.
// Parse checks the layout only; the tag is checked by RatchetSession. Numbers are big-endian.
using System;
using Session.Core.Micro.Crypto;

namespace Session.Core.Micro.Ratchet
{
    /// <summary>A parsed packet header. Parse checks the layout only; the tag is checked by the session.</summary>
    internal sealed class RatchetHeader
    {
        internal uint Sequence;
        internal uint PreviousChainLength;
        internal uint MessageNumber;
        internal byte[] RatchetKey;
        internal byte[] InitiationKey;
        internal int Size;

        internal static RatchetHeader Parse(byte[] packet)
        {
            if (packet == null)
            {
                throw Errors.Null(nameof(packet));
            }
            if (packet.Length < 1)
            {
                throw Errors.RatchetMalformed("empty packet");
            }
            if (packet[0] != RatchetPacket.Version)
            {
                throw Errors.RatchetVersion("packet", packet[0], RatchetPacket.Version);
            }
            if (packet.Length < RatchetPacket.HeaderSize + RatchetPacket.TagSize)
            {
                throw Errors.RatchetMalformed("packet of " + packet.Length.ToString() + " bytes is shorter than a header and a tag");
            }
            byte flags = packet[RatchetPacket.FlagsOffset];
            if ((flags & ~RatchetPacket.InitiationFlag) != 0)
            {
                throw Errors.RatchetMalformed("unknown flags 0x" + flags.ToString("x2"));
            }
            var header = new RatchetHeader();
            header.Size = RatchetPacket.HeaderSize;
            header.Sequence = ReadUInt32(packet, RatchetPacket.SequenceOffset);
            header.PreviousChainLength = ReadUInt32(packet, RatchetPacket.PreviousChainLengthOffset);
            header.MessageNumber = ReadUInt32(packet, RatchetPacket.MessageNumberOffset);
            if (header.Sequence == 0)
            {
                throw Errors.RatchetMalformed("sequence 0 (counters start at 1)");
            }
            header.RatchetKey = new byte[X25519.KeySize];
            Array.Copy(packet, RatchetPacket.RatchetKeyOffset, header.RatchetKey, 0, X25519.KeySize);
            if ((flags & RatchetPacket.InitiationFlag) != 0)
            {
                if (packet.Length < RatchetPacket.InitiationHeaderSize + RatchetPacket.TagSize)
                {
                    throw Errors.RatchetMalformed("initiation packet of " + packet.Length.ToString() + " bytes is shorter than its header and a tag");
                }
                header.InitiationKey = new byte[X25519.KeySize];
                Array.Copy(packet, RatchetPacket.InitiationKeyOffset, header.InitiationKey, 0, X25519.KeySize);
                header.Size = RatchetPacket.InitiationHeaderSize;
            }
            return header;
        }

        /// <summary>Writes a header at the start of <paramref name="packet"/>; initiationKey null for an ordinary one.</summary>
        internal static void Write(byte[] packet, uint sequence, uint previousChainLength, uint messageNumber, byte[] ratchetKey, byte[] initiationKey)
        {
            packet[0] = RatchetPacket.Version;
            packet[RatchetPacket.FlagsOffset] = initiationKey == null ? (byte)0 : RatchetPacket.InitiationFlag;
            WriteUInt32(packet, RatchetPacket.SequenceOffset, sequence);
            WriteUInt32(packet, RatchetPacket.PreviousChainLengthOffset, previousChainLength);
            WriteUInt32(packet, RatchetPacket.MessageNumberOffset, messageNumber);
            Array.Copy(ratchetKey, 0, packet, RatchetPacket.RatchetKeyOffset, X25519.KeySize);
            if (initiationKey != null)
            {
                Array.Copy(initiationKey, 0, packet, RatchetPacket.InitiationKeyOffset, X25519.KeySize);
            }
        }

        internal static uint ReadUInt32(byte[] data, int offset)
        {
            return (uint)data[offset] << 24 | (uint)data[offset + 1] << 16 | (uint)data[offset + 2] << 8 | data[offset + 3];
        }

        internal static void WriteUInt32(byte[] data, int offset, uint value)
        {
            data[offset] = (byte)(value >> 24);
            data[offset + 1] = (byte)(value >> 16);
            data[offset + 2] = (byte)(value >> 8);
            data[offset + 3] = (byte)value;
        }
    }
}
