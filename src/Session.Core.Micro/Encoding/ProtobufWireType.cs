// The protobuf wire types this code reads and writes (protobuf encoding spec, "Message Structure").
// Groups (3 start, 4 end) are deprecated proto2 and unused by Session's schemas (docs/protocol.md
// §2.4): the reader rejects them, so they have no member here. 6 and 7 do not exist.
namespace Session.Core.Micro.Encoding
{
    /// <summary>How a protobuf field's value is laid out on the wire: the low 3 bits of its tag.</summary>
    public enum ProtobufWireType
    {
        /// <summary>A base-128 varint: int32, int64, uint32, uint64, sint32, sint64, bool, enum.</summary>
        Varint = 0,

        /// <summary>8 bytes, little-endian: fixed64, sfixed64, double.</summary>
        Fixed64 = 1,

        /// <summary>A varint length, then that many bytes: string, bytes, embedded messages, packed repeated fields.</summary>
        LengthDelimited = 2,

        /// <summary>4 bytes, little-endian: fixed32, sfixed32, float.</summary>
        Fixed32 = 5,
    }
}
