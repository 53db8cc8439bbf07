using System.Collections.Generic;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;

namespace DeviceCheck.Tests
{
    /// <summary>Walks raw IL: reads one opcode and knows how long its operand is.</summary>
    internal static class IlOpCodes
    {
        private static readonly Dictionary<short, OpCode> s_byValue = Load();

        public static OpCode Read(ref BlobReader il)
        {
            byte first = il.ReadByte();
            short value = first == 0xFE ? (short)(0xFE00 | il.ReadByte()) : first;
            return s_byValue[value];
        }

        public static bool HasToken(OpCode op)
        {
            switch (op.OperandType)
            {
                case OperandType.InlineField:
                case OperandType.InlineMethod:
                case OperandType.InlineSig:
                case OperandType.InlineTok:
                case OperandType.InlineType:
                    return true;
                default:
                    return false;
            }
        }

        public static void SkipOperand(ref BlobReader il, OpCode op)
        {
            switch (op.OperandType)
            {
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget:
                case OperandType.ShortInlineI:
                case OperandType.ShortInlineVar:
                    il.Offset += 1;
                    break;
                case OperandType.InlineVar:
                    il.Offset += 2;
                    break;
                case OperandType.InlineI8:
                case OperandType.InlineR:
                    il.Offset += 8;
                    break;
                case OperandType.InlineSwitch:
                    int count = il.ReadInt32();
                    il.Offset += 4 * count;
                    break;
                default:
                    il.Offset += 4;
                    break;
            }
        }

        private static Dictionary<short, OpCode> Load()
        {
            var table = new Dictionary<short, OpCode>();
            foreach (FieldInfo field in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                var op = (OpCode)field.GetValue(null);
                table[op.Value] = op;
            }
            return table;
        }
    }
}
