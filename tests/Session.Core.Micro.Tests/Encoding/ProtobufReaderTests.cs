using System;
using Google.Protobuf;
using Session.Core.Micro.Encoding;
using Session.Core.Micro.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Session.Core.Micro.Tests.Encoding
{
    public class ProtobufReaderTests
    {
        private readonly ITestOutputHelper _output;

        public ProtobufReaderTests(ITestOutputHelper output)
        {
            _output = output;
        }

        [Fact]
        public void Read_RandomFieldSetsWrittenByGoogle_GivesEveryValue()
        {
            var random = new SeededRandom(_output, nameof(Read_RandomFieldSetsWrittenByGoogle_GivesEveryValue));
            for (int i = 0; i < SeededRandom.Iterations; i++)
            {
                ProtobufField[] message = ProtobufField.RandomMessage(random, 12, 3);
                byte[] data = ProtobufField.WriteWithGoogle(message);
                ProtobufField.ReadWithCore(new ProtobufReader(data), message);
            }
        }

        [Fact]
        public void Skip_RandomFieldSetsWrittenByGoogle_VisitsEveryFieldToTheEnd()
        {
            var random = new SeededRandom(_output, nameof(Skip_RandomFieldSetsWrittenByGoogle_VisitsEveryFieldToTheEnd));
            for (int i = 0; i < SeededRandom.Iterations; i++)
            {
                ProtobufField[] message = ProtobufField.RandomMessage(random, 12, 2);
                byte[] data = ProtobufField.WriteWithGoogle(message);
                var reader = new ProtobufReader(data);
                foreach (ProtobufField field in message)
                {
                    Assert.True(reader.Next());
                    Assert.Equal(field.Number, reader.FieldNumber);
                    // Half explicitly, half by moving on: Next skips a value left unread.
                    if (random.Next(2) == 0)
                    {
                        reader.SkipField();
                    }
                }
                Assert.False(reader.Next());
                Assert.Equal(data.Length, reader.Position);
            }
        }

        [Fact]
        public void Read_RangeOfLargerArray_ReadsOnlyTheRange()
        {
            byte[] message = Google(o => { o.WriteTag(1, WireFormat.WireType.Varint); o.WriteUInt64(150); o.WriteTag(2, WireFormat.WireType.LengthDelimited); o.WriteString("hi"); });
            byte[] data = new byte[message.Length + 4];
            data[0] = 0xff;
            data[1] = 0xff;
            Array.Copy(message, 0, data, 2, message.Length);
            data[data.Length - 1] = 0xff;

            var reader = new ProtobufReader(data, 2, message.Length);
            Assert.True(reader.Next());
            Assert.Equal(1, reader.FieldNumber);
            Assert.Equal(ProtobufWireType.Varint, reader.WireType);
            Assert.Equal(150UL, reader.ReadVarint());
            Assert.True(reader.Next());
            Assert.Equal(ProtobufWireType.LengthDelimited, reader.WireType);
            int offset = reader.ReadLengthDelimited(out int count);
            Assert.Same(data, reader.Data);
            Assert.Equal(2, count);
            Assert.Equal("hi", System.Text.Encoding.ASCII.GetString(data, offset, count));
            Assert.False(reader.Next());
        }

        [Fact]
        public void ReadMessage_ReadsTheEmbeddedFieldsOnly()
        {
            var writer = new ProtobufWriter(new ByteBuffer(16));
            int token = writer.BeginMessage(1);
            writer.WriteFixed32(2, 0xdeadbeef);
            writer.EndMessage(token);
            writer.WriteFixed64(3, 0x0102030405060708UL);

            var reader = new ProtobufReader(writer.Output.ToArray());
            Assert.True(reader.Next());
            ProtobufReader inner = reader.ReadMessage();
            Assert.True(inner.Next());
            Assert.Equal(ProtobufWireType.Fixed32, inner.WireType);
            Assert.Equal(0xdeadbeefu, inner.ReadFixed32());
            Assert.False(inner.Next());
            Assert.True(reader.Next());
            Assert.Equal(0x0102030405060708UL, reader.ReadFixed64());
            Assert.False(reader.Next());
        }

        [Fact]
        public void ReadUInt32AndEnumAndBool_FollowGoogleOnWideVarints()
        {
            // Protobuf parsers keep the low 32 bits of a wide varint for uint32/enum and treat any non-zero as true.
            byte[] data = Google(o =>
            {
                o.WriteTag(1, WireFormat.WireType.Varint); o.WriteUInt64(0x1_0000_0005UL);
                o.WriteTag(2, WireFormat.WireType.Varint); o.WriteUInt64(ulong.MaxValue);
                o.WriteTag(3, WireFormat.WireType.Varint); o.WriteUInt64(2);
            });
            var google = new CodedInputStream(data);
            var reader = new ProtobufReader(data);
            google.ReadTag(); reader.Next();
            Assert.Equal(google.ReadUInt32(), reader.ReadUInt32());
            google.ReadTag(); reader.Next();
            Assert.Equal(google.ReadEnum(), reader.ReadEnum());
            google.ReadTag(); reader.Next();
            Assert.Equal(google.ReadBool(), reader.ReadBool());
        }

        // Every malformed class: the exception type, the problem named, and where.
        [Theory]
        [InlineData("80", 0, "truncated varint")]                                   // tag cut short
        [InlineData("0880", 1, "truncated varint")]                                 // value cut short
        [InlineData("08ffffffffffffffffff", 1, "truncated varint")]                 // 9 bytes then the end
        [InlineData("08ffffffffffffffffff8001", 1, "varint longer than 10 bytes")]
        [InlineData("08ffffffffffffffffffff01", 1, "varint longer than 10 bytes")]
        [InlineData("08ffffffffffffffffff02", 1, "varint above 64 bits")]
        [InlineData("1280", 1, "truncated varint")]                                 // length cut short
        [InlineData("12056162", 1, "length 5 runs past the end (2 bytes left)")]    // body cut short
        [InlineData("1280808080808001", 1, "length 4398046511104 runs past the end (0 bytes left)")]
        [InlineData("12ffffffffffffffffff01", 1, "length 18446744073709551615 runs past the end (0 bytes left)")]
        [InlineData("0901020304", 1, "truncated fixed64 (8 bytes needed)")]
        [InlineData("0d0102", 1, "truncated fixed32 (4 bytes needed)")]
        [InlineData("0e00", 0, "wire type 6 does not exist")]
        [InlineData("0800" + "0f00", 2, "wire type 7 does not exist")]
        [InlineData("0000", 0, "field number 0")]
        [InlineData("0200", 0, "field number 0")]
        [InlineData("0b0c", 0, "field 1 is a group")]
        [InlineData("0c", 0, "field 1 is a group")]
        [InlineData("a3060800a406", 0, "field 100 is a group")]
        [InlineData("8080808010", 0, "tag above 32 bits")]
        [InlineData("1202c328", 3, "UTF-8: expected a continuation byte")]
        public void Read_Malformed_ThrowsNamingProblemAndOffset(string hex, int offset, string problem)
        {
            byte[] data = Convert.FromHexString(hex);
            var error = Assert.Throws<MalformedDataException>(() => ReadAll(data));
            _output.WriteLine(error.Message);
            Assert.Contains(problem, error.Message);
            Assert.Equal(offset, error.Offset);
            Assert.Contains("at byte " + offset, error.Message);
        }

        // Google rejects the same inputs (groups aside, which it can skip but we refuse on purpose).
        [Theory]
        [InlineData("80")]
        [InlineData("0880")]
        [InlineData("08ffffffffffffffffffff01")]
        [InlineData("1280")]
        [InlineData("12056162")]
        [InlineData("0901020304")]
        [InlineData("0d0102")]
        [InlineData("0e00")]
        [InlineData("0000")]
        public void Read_Malformed_GoogleRejectsItToo(string hex)
        {
            byte[] data = Convert.FromHexString(hex);
            Assert.ThrowsAny<InvalidProtocolBufferException>(() =>
            {
                var input = new CodedInputStream(data);
                uint tag;
                while ((tag = input.ReadTag()) != 0)
                {
                    input.SkipLastField();
                }
            });
        }

        [Fact]
        public void Read_AsAnotherWireType_ThrowsNamingBoth()
        {
            var reader = new ProtobufReader(Convert.FromHexString("0801" + "1d01020304"));
            Assert.True(reader.Next());
            var error = Assert.Throws<MalformedDataException>(() => reader.ReadString());
            Assert.Contains("field 1 has wire type 0, read as wire type 2 at byte 0", error.Message);
            Assert.Equal(0, error.Offset);
            Assert.Equal(1UL, reader.ReadVarint());

            Assert.True(reader.Next());
            error = Assert.Throws<MalformedDataException>(() => reader.ReadFixed64());
            Assert.Contains("field 3 has wire type 5, read as wire type 1 at byte 2", error.Message);
            Assert.Equal(0x04030201u, reader.ReadFixed32());
        }

        [Fact]
        public void Read_WithoutCurrentField_Throws()
        {
            var reader = new ProtobufReader(new byte[] { 0x08, 0x01 });
            var error = Assert.Throws<InvalidOperationException>(() => reader.ReadVarint());
            Assert.Contains("call Next first", error.Message);
            Assert.Throws<InvalidOperationException>(() => reader.SkipField());
            Assert.True(reader.Next());
            Assert.Equal(1UL, reader.ReadVarint());
            Assert.Throws<InvalidOperationException>(() => reader.ReadVarint());
            Assert.False(reader.Next());
            Assert.Equal(0, reader.FieldNumber);
            Assert.Throws<InvalidOperationException>(() => reader.ReadBytes());
        }

        [Fact]
        public void Arguments_NullOrOutsideArray_Throw()
        {
            Assert.Throws<ArgumentNullException>(() => new ProtobufReader(null));
            Assert.Throws<ArgumentNullException>(() => new ProtobufReader(null, 0, 0));
            Assert.Throws<ArgumentException>(() => new ProtobufReader(new byte[4], 3, 2));
            Assert.Throws<ArgumentException>(() => new ProtobufReader(new byte[4], -1, 2));
            Assert.False(new ProtobufReader(new byte[0]).Next());
        }

        // Reads every field as the type its wire type implies, length-delimited ones as strings.
        private static void ReadAll(byte[] data)
        {
            var reader = new ProtobufReader(data);
            while (reader.Next())
            {
                switch (reader.WireType)
                {
                    case ProtobufWireType.Varint:
                        reader.ReadVarint();
                        break;
                    case ProtobufWireType.LengthDelimited:
                        reader.ReadString();
                        break;
                    default:
                        reader.SkipField();
                        break;
                }
            }
        }

        private static byte[] Google(Action<CodedOutputStream> write)
        {
            var stream = new System.IO.MemoryStream();
            var output = new CodedOutputStream(stream);
            write(output);
            output.Flush();
            return stream.ToArray();
        }
    }
}
