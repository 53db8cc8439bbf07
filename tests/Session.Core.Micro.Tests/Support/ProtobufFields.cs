using System;
using System.IO;
using Google.Protobuf;
using Session.Core.Micro.Encoding;
using Xunit;

namespace Session.Core.Micro.Tests.Support
{
    /// <summary>
    /// Random protobuf messages as a tree of typed fields, written and read both by the core and by
    /// Google.Protobuf (the independent implementation), so each side can be checked against the other.
    /// </summary>
    public sealed class ProtobufField
    {
        public enum FieldKind { UInt64, UInt32, Enum, Bool, Fixed64, Fixed32, Bytes, String, Message }

        public int Number;
        public FieldKind Kind;
        public ulong Value;
        public byte[] Bytes;
        public string Text;
        public ProtobufField[] Children;

        /// <summary>A random message of up to <paramref name="maxFields"/> fields, nesting at most <paramref name="depth"/> more levels.</summary>
        public static ProtobufField[] RandomMessage(SeededRandom random, int maxFields, int depth)
        {
            var fields = new ProtobufField[random.Next(maxFields + 1)];
            for (int i = 0; i < fields.Length; i++)
            {
                fields[i] = RandomField(random, depth);
            }
            return fields;
        }

        private static ProtobufField RandomField(SeededRandom random, int depth)
        {
            var kinds = (FieldKind[])Enum.GetValues(typeof(FieldKind));
            var field = new ProtobufField
            {
                Number = RandomFieldNumber(random),
                Kind = kinds[random.Next(depth > 0 ? kinds.Length : kinds.Length - 1)],
            };
            switch (field.Kind)
            {
                case FieldKind.UInt64:
                case FieldKind.Fixed64:
                    field.Value = RandomUInt64(random);
                    break;
                case FieldKind.UInt32:
                case FieldKind.Fixed32:
                    field.Value = (uint)RandomUInt64(random);
                    break;
                case FieldKind.Enum:
                    field.Value = (ulong)(long)(int)RandomUInt64(random);
                    break;
                case FieldKind.Bool:
                    field.Value = (ulong)random.Next(2);
                    break;
                case FieldKind.Bytes:
                    field.Bytes = random.Bytes(RandomLength(random));
                    break;
                case FieldKind.String:
                    field.Text = RandomText(random, RandomLength(random));
                    break;
                case FieldKind.Message:
                    field.Children = RandomMessage(random, 6, depth - 1);
                    break;
            }
            return field;
        }

        // Small numbers mostly (1-byte tags), with 2- to 5-byte tags and the limits now and then.
        private static int RandomFieldNumber(SeededRandom random)
        {
            switch (random.Next(4))
            {
                case 0: return 1 + random.Next(15);
                case 1: return 16 + random.Next(2048 - 16);
                case 2: return random.Next(2) == 0 ? 1 : ProtobufWriter.MaxFieldNumber;
                default: return 1 + random.Next(ProtobufWriter.MaxFieldNumber);
            }
        }

        // Values of every varint length, 1 to 10 bytes.
        private static ulong RandomUInt64(SeededRandom random)
        {
            ulong value = BitConverter.ToUInt64(random.Bytes(8), 0);
            int bits = random.Next(65);
            return bits == 64 ? value : value & ((1UL << bits) - 1);
        }

        // Lengths around the one-byte and two-byte length varints (127/128, 16383/16384) too.
        private static int RandomLength(SeededRandom random)
        {
            switch (random.Next(4))
            {
                case 0: return random.Next(4);
                case 1: return 120 + random.Next(16);
                case 2: return random.Next(300);
                default: return random.Next(10) == 0 ? 16380 + random.Next(8) : random.Next(40);
            }
        }

        /// <summary>A random string of every UTF-8 length class: ASCII, 2-byte, 3-byte and surrogate pairs (emoji).</summary>
        public static string RandomText(SeededRandom random, int codePoints)
        {
            var text = new System.Text.StringBuilder();
            for (int i = 0; i < codePoints; i++)
            {
                int codePoint;
                switch (random.Next(5))
                {
                    case 0: codePoint = random.Next(0x80); break;
                    case 1: codePoint = 0x80 + random.Next(0x800 - 0x80); break;
                    case 2: codePoint = 0x800 + random.Next(0xD800 - 0x800); break;
                    case 3: codePoint = 0xE000 + random.Next(0x10000 - 0xE000); break;
                    default: codePoint = random.Next(2) == 0 ? 0x1F300 + random.Next(0x300) : 0x10000 + random.Next(0x100000); break;
                }
                text.Append(char.ConvertFromUtf32(codePoint));
            }
            return text.ToString();
        }

        // ---- The core's writer and reader ----

        public static void WriteWithCore(ProtobufWriter writer, ProtobufField[] fields)
        {
            foreach (ProtobufField field in fields)
            {
                switch (field.Kind)
                {
                    case FieldKind.UInt64: writer.WriteUInt64(field.Number, field.Value); break;
                    case FieldKind.UInt32: writer.WriteUInt32(field.Number, (uint)field.Value); break;
                    case FieldKind.Enum: writer.WriteEnum(field.Number, (int)field.Value); break;
                    case FieldKind.Bool: writer.WriteBool(field.Number, field.Value != 0); break;
                    case FieldKind.Fixed64: writer.WriteFixed64(field.Number, field.Value); break;
                    case FieldKind.Fixed32: writer.WriteFixed32(field.Number, (uint)field.Value); break;
                    case FieldKind.Bytes: writer.WriteBytes(field.Number, field.Bytes); break;
                    case FieldKind.String: writer.WriteString(field.Number, field.Text); break;
                    case FieldKind.Message:
                        int token = writer.BeginMessage(field.Number);
                        WriteWithCore(writer, field.Children);
                        writer.EndMessage(token);
                        break;
                }
            }
        }

        /// <summary>Reads with the core, using <paramref name="expected"/> as the schema, and asserts every value.</summary>
        public static void ReadWithCore(ProtobufReader reader, ProtobufField[] expected)
        {
            foreach (ProtobufField field in expected)
            {
                Assert.True(reader.Next());
                Assert.Equal(field.Number, reader.FieldNumber);
                switch (field.Kind)
                {
                    case FieldKind.UInt64: Assert.Equal(field.Value, reader.ReadUInt64()); break;
                    case FieldKind.UInt32: Assert.Equal((uint)field.Value, reader.ReadUInt32()); break;
                    case FieldKind.Enum: Assert.Equal((int)field.Value, reader.ReadEnum()); break;
                    case FieldKind.Bool: Assert.Equal(field.Value != 0, reader.ReadBool()); break;
                    case FieldKind.Fixed64: Assert.Equal(field.Value, reader.ReadFixed64()); break;
                    case FieldKind.Fixed32: Assert.Equal((uint)field.Value, reader.ReadFixed32()); break;
                    case FieldKind.Bytes: Assert.Equal(field.Bytes, reader.ReadBytes()); break;
                    case FieldKind.String: Assert.Equal(field.Text, reader.ReadString()); break;
                    case FieldKind.Message: ReadWithCore(reader.ReadMessage(), field.Children); break;
                }
            }
            Assert.False(reader.Next());
        }

        // ---- Google.Protobuf ----

        public static byte[] WriteWithGoogle(ProtobufField[] fields)
        {
            var stream = new MemoryStream();
            var output = new CodedOutputStream(stream);
            foreach (ProtobufField field in fields)
            {
                switch (field.Kind)
                {
                    case FieldKind.UInt64: output.WriteTag(field.Number, WireFormat.WireType.Varint); output.WriteUInt64(field.Value); break;
                    case FieldKind.UInt32: output.WriteTag(field.Number, WireFormat.WireType.Varint); output.WriteUInt32((uint)field.Value); break;
                    case FieldKind.Enum: output.WriteTag(field.Number, WireFormat.WireType.Varint); output.WriteEnum((int)field.Value); break;
                    case FieldKind.Bool: output.WriteTag(field.Number, WireFormat.WireType.Varint); output.WriteBool(field.Value != 0); break;
                    case FieldKind.Fixed64: output.WriteTag(field.Number, WireFormat.WireType.Fixed64); output.WriteFixed64(field.Value); break;
                    case FieldKind.Fixed32: output.WriteTag(field.Number, WireFormat.WireType.Fixed32); output.WriteFixed32((uint)field.Value); break;
                    case FieldKind.Bytes: output.WriteTag(field.Number, WireFormat.WireType.LengthDelimited); output.WriteBytes(ByteString.CopyFrom(field.Bytes)); break;
                    case FieldKind.String: output.WriteTag(field.Number, WireFormat.WireType.LengthDelimited); output.WriteString(field.Text); break;
                    case FieldKind.Message:
                        output.WriteTag(field.Number, WireFormat.WireType.LengthDelimited);
                        output.WriteBytes(ByteString.CopyFrom(WriteWithGoogle(field.Children)));
                        break;
                }
            }
            output.Flush();
            return stream.ToArray();
        }

        /// <summary>Reads with Google.Protobuf, using <paramref name="expected"/> as the schema, and asserts every value.</summary>
        public static void ReadWithGoogle(byte[] data, ProtobufField[] expected)
        {
            var input = new CodedInputStream(data);
            foreach (ProtobufField field in expected)
            {
                uint tag = input.ReadTag();
                Assert.Equal(field.Number, WireFormat.GetTagFieldNumber(tag));
                Assert.Equal(WireTypeOf(field.Kind), WireFormat.GetTagWireType(tag));
                switch (field.Kind)
                {
                    case FieldKind.UInt64: Assert.Equal(field.Value, input.ReadUInt64()); break;
                    case FieldKind.UInt32: Assert.Equal((uint)field.Value, input.ReadUInt32()); break;
                    case FieldKind.Enum: Assert.Equal((int)field.Value, input.ReadEnum()); break;
                    case FieldKind.Bool: Assert.Equal(field.Value != 0, input.ReadBool()); break;
                    case FieldKind.Fixed64: Assert.Equal(field.Value, input.ReadFixed64()); break;
                    case FieldKind.Fixed32: Assert.Equal((uint)field.Value, input.ReadFixed32()); break;
                    case FieldKind.Bytes: Assert.Equal(field.Bytes, input.ReadBytes().ToByteArray()); break;
                    case FieldKind.String: Assert.Equal(field.Text, input.ReadString()); break;
                    case FieldKind.Message: ReadWithGoogle(input.ReadBytes().ToByteArray(), field.Children); break;
                }
            }
            Assert.Equal(0u, input.ReadTag());
            Assert.True(input.IsAtEnd);
        }

        private static WireFormat.WireType WireTypeOf(FieldKind kind)
        {
            switch (kind)
            {
                case FieldKind.Fixed64: return WireFormat.WireType.Fixed64;
                case FieldKind.Fixed32: return WireFormat.WireType.Fixed32;
                case FieldKind.Bytes:
                case FieldKind.String:
                case FieldKind.Message: return WireFormat.WireType.LengthDelimited;
                default: return WireFormat.WireType.Varint;
            }
        }
    }
}
