using System;
using System.IO;
using Google.Protobuf;
using Session.Core.Micro.Encoding;
using Session.Core.Micro.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Session.Core.Micro.Tests.Encoding
{
    public class ProtobufWriterTests
    {
        private readonly ITestOutputHelper _output;

        public ProtobufWriterTests(ITestOutputHelper output)
        {
            _output = output;
        }

        [Fact]
        public void Write_RandomFieldSets_GoogleParsesThemAndWritesTheSameBytes()
        {
            var random = new SeededRandom(_output, nameof(Write_RandomFieldSets_GoogleParsesThemAndWritesTheSameBytes));
            for (int i = 0; i < SeededRandom.Iterations; i++)
            {
                ProtobufField[] message = ProtobufField.RandomMessage(random, 12, 3);
                var writer = new ProtobufWriter(new ByteBuffer(random.Next(64)));
                ProtobufField.WriteWithCore(writer, message);
                byte[] ours = writer.Output.ToArray();

                ProtobufField.ReadWithGoogle(ours, message);
                Assert.Equal(ProtobufField.WriteWithGoogle(message), ours);
            }
        }

        [Fact]
        public void WriteMessage_BodiesAroundLengthVarintSizes_MatchGoogle()
        {
            // Nested bodies crossing 127/128 and 16383/16384 bytes need 1, 2 and 3 length bytes, so
            // EndMessage has to move them up.
            for (int size = 0; size < 16400; size = size == 3 ? 118 : size == 136 ? 16370 : size + 1)
            {
                byte[] payload = new byte[size];
                for (int i = 0; i < size; i++)
                {
                    payload[i] = (byte)(i * 7 + 1);
                }
                var writer = new ProtobufWriter(new ByteBuffer(4));
                writer.WriteUInt32(1, 7);
                int outer = writer.BeginMessage(2);
                int inner = writer.BeginMessage(3);
                writer.WriteBytes(4, payload);
                writer.EndMessage(inner);
                writer.EndMessage(outer);
                writer.WriteBool(5, true);

                byte[] innerBody = Google(o => { o.WriteTag(4, WireFormat.WireType.LengthDelimited); o.WriteBytes(ByteString.CopyFrom(payload)); });
                byte[] outerBody = Google(o => { o.WriteTag(3, WireFormat.WireType.LengthDelimited); o.WriteBytes(ByteString.CopyFrom(innerBody)); });
                byte[] expected = Google(o =>
                {
                    o.WriteTag(1, WireFormat.WireType.Varint);
                    o.WriteUInt32(7);
                    o.WriteTag(2, WireFormat.WireType.LengthDelimited);
                    o.WriteBytes(ByteString.CopyFrom(outerBody));
                    o.WriteTag(5, WireFormat.WireType.Varint);
                    o.WriteBool(true);
                });
                Assert.Equal(expected, writer.Output.ToArray());
            }
        }

        [Fact]
        public void WriteMessage_Empty_IsTagAndZeroLength()
        {
            var writer = new ProtobufWriter(new ByteBuffer(0));
            writer.EndMessage(writer.BeginMessage(1));
            Assert.Equal(new byte[] { 0x0a, 0x00 }, writer.Output.ToArray());
        }

        [Fact]
        public void WriteEnum_Negative_TakesTenBytesAsGoogleDoes()
        {
            var writer = new ProtobufWriter(new ByteBuffer(16));
            writer.WriteEnum(1, -1);
            byte[] expected = Google(o => { o.WriteTag(1, WireFormat.WireType.Varint); o.WriteEnum(-1); });
            Assert.Equal(expected, writer.Output.ToArray());
            Assert.Equal(11, expected.Length);
        }

        [Fact]
        public void WriteVarint_SessionEnvelopeFields_KnownBytes()
        {
            // Envelope { type = SESSION_MESSAGE (6), timestamp = 1700000000000 } (docs/protocol.md §2.4).
            var writer = new ProtobufWriter(new ByteBuffer(16));
            writer.WriteEnum(1, 6);
            writer.WriteUInt64(5, 1700000000000UL);
            Assert.Equal(Convert.FromHexString("0806" + "2880d095ffbc31"), writer.Output.ToArray());
        }

        [Theory]
        [InlineData(0)]
        [InlineData(-1)]
        [InlineData(ProtobufWriter.MaxFieldNumber + 1)]
        [InlineData(int.MaxValue)]
        public void Write_FieldNumberOutOfRange_ThrowsAndWritesNothing(int field)
        {
            var writer = new ProtobufWriter(new ByteBuffer(16));
            AssertField(() => writer.WriteVarint(field, 1), field);
            AssertField(() => writer.WriteUInt32(field, 1), field);
            AssertField(() => writer.WriteUInt64(field, 1), field);
            AssertField(() => writer.WriteEnum(field, 1), field);
            AssertField(() => writer.WriteBool(field, true), field);
            AssertField(() => writer.WriteFixed64(field, 1), field);
            AssertField(() => writer.WriteFixed32(field, 1), field);
            AssertField(() => writer.WriteBytes(field, new byte[1]), field);
            AssertField(() => writer.WriteString(field, "a"), field);
            AssertField(() => writer.BeginMessage(field), field);
            Assert.Equal(0, writer.Output.Length);
        }

        [Fact]
        public void EndMessage_NotTheInnermost_Throws()
        {
            var writer = new ProtobufWriter(new ByteBuffer(16));
            Assert.Throws<ArgumentException>(() => writer.EndMessage(0));
            int outer = writer.BeginMessage(1);
            int inner = writer.BeginMessage(2);
            var error = Assert.Throws<ArgumentException>(() => writer.EndMessage(outer));
            Assert.Contains("not the innermost open message", error.Message);
            writer.EndMessage(inner);
            writer.EndMessage(outer);
            Assert.Throws<ArgumentException>(() => writer.EndMessage(outer));
        }

        [Fact]
        public void BeginMessage_DeeperThanMaxDepth_Throws()
        {
            var writer = new ProtobufWriter(new ByteBuffer(64));
            for (int i = 0; i < ProtobufWriter.MaxDepth; i++)
            {
                writer.BeginMessage(1);
            }
            var error = Assert.Throws<InvalidOperationException>(() => writer.BeginMessage(1));
            Assert.Contains("nest at most " + ProtobufWriter.MaxDepth, error.Message);
        }

        [Fact]
        public void WriteBytes_Range_WritesOnlyIt()
        {
            var writer = new ProtobufWriter(new ByteBuffer(16));
            writer.WriteBytes(3, new byte[] { 1, 2, 3, 4 }, 1, 2);
            Assert.Equal(new byte[] { 0x1a, 2, 2, 3 }, writer.Output.ToArray());
        }

        [Fact]
        public void Arguments_NullOrInvalid_Throw()
        {
            Assert.Throws<ArgumentNullException>(() => new ProtobufWriter(null));
            var writer = new ProtobufWriter(new ByteBuffer(16));
            Assert.Throws<ArgumentNullException>(() => writer.WriteBytes(1, null));
            Assert.Throws<ArgumentNullException>(() => writer.WriteBytes(1, null, 0, 0));
            Assert.Throws<ArgumentException>(() => writer.WriteBytes(1, new byte[2], 1, 2));
            Assert.Throws<ArgumentNullException>(() => writer.WriteString(1, null));
            var surrogate = Assert.Throws<ArgumentException>(() => writer.WriteString(1, "ab\ud800"));
            Assert.Contains("lone surrogate at index 2", surrogate.Message);
            Assert.Equal(0, writer.Output.Length);
        }

        [Fact]
        public void VarintSize_MatchesGoogle()
        {
            for (int bits = 0; bits <= 64; bits++)
            {
                ulong value = bits == 64 ? ulong.MaxValue : (1UL << bits) - 1;
                Assert.Equal(CodedOutputStream.ComputeUInt64Size(value), ProtobufWriter.VarintSize(value));
            }
        }

        private static void AssertField(Action write, int field)
        {
            var error = Assert.Throws<ArgumentException>(write);
            Assert.Equal("field", error.ParamName);
            Assert.Contains("not " + field, error.Message);
        }

        private static byte[] Google(Action<CodedOutputStream> write)
        {
            var stream = new MemoryStream();
            var output = new CodedOutputStream(stream);
            write(output);
            output.Flush();
            return stream.ToArray();
        }
    }
}
