using System;
using Session.Core.Micro.Ratchet;
using Session.Core.Micro.Tests.Support;
using Xunit;

namespace Session.Core.Micro.Tests.Ratchet
{
    public class RatchetPacketTests
    {
        private static byte[] Packet(int seed)
        {
            var pair = new RatchetPair(seed);
            return pair.Initiate().Encrypt(new byte[] { 1, 2, 3 });
        }

        private static RatchetException Refusal(byte[] packet) => Assert.Throws<RatchetException>(() => RatchetPacket.IsInitiation(packet));

        [Fact]
        public void Parse_Empty_Malformed()
        {
            Assert.Equal(RatchetError.Malformed, Refusal(Array.Empty<byte>()).Error);
        }

        [Fact]
        public void Parse_OtherVersion_UnsupportedVersionNamed()
        {
            byte[] packet = Packet(51);
            packet[0] = 2;
            var e = Refusal(packet);
            Assert.Equal(RatchetError.UnsupportedVersion, e.Error);
            Assert.Contains("version 2", e.Message);
        }

        [Fact]
        public void Parse_ShorterThanHeaderAndTag_Malformed()
        {
            byte[] packet = Packet(52);
            Assert.Equal(RatchetError.Malformed, Refusal(packet[..(RatchetPacket.InitiationHeaderSize + RatchetPacket.TagSize - 1)]).Error);
            packet[1] = 0;
            Assert.False(RatchetPacket.IsInitiation(packet[..(RatchetPacket.HeaderSize + RatchetPacket.TagSize)]));
            Assert.Equal(RatchetError.Malformed, Refusal(packet[..(RatchetPacket.HeaderSize + RatchetPacket.TagSize - 1)]).Error);
        }

        [Fact]
        public void Parse_UnknownFlag_Malformed()
        {
            byte[] packet = Packet(53);
            packet[1] |= 0x02;
            Assert.Contains("unknown flags", Refusal(packet).Message);
        }

        [Fact]
        public void Parse_SequenceZero_Malformed()
        {
            byte[] packet = Packet(54);
            packet[5] = 0;
            Assert.Contains("sequence 0", Refusal(packet).Message);
        }

        [Fact]
        public void Sequence_ReadsTheHeader()
        {
            var pair = new RatchetPair(55);
            var beacon = pair.Initiate();
            beacon.Encrypt(new byte[1]);
            beacon.Encrypt(new byte[1]);
            Assert.Equal(3u, RatchetPacket.Sequence(beacon.Encrypt(new byte[1])));
            Assert.Equal(3u, beacon.LastSequenceSent);
        }
    }
}
