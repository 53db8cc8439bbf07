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

        /// <summary>Decodes a whole method body.</summary>
        public static List<IlInstruction> ReadAll(BlobReader il)
        {
            var code = new List<IlInstruction>();
            while (il.RemainingBytes > 0)
            {
                int offset = il.Offset;
                OpCode op = Read(ref il);
                int operand = 0;
                if (HasToken(op))
                {
                    operand = il.ReadInt32();
                }
                else if (op.OperandType == OperandType.ShortInlineVar)
                {
                    operand = il.ReadByte();
                }
                else if (op.OperandType == OperandType.InlineVar)
                {
                    operand = il.ReadUInt16();
                }
                else if (IsBranch(op))
                {
                    int delta = op.OperandType == OperandType.ShortInlineBrTarget ? il.ReadSByte() : il.ReadInt32();
                    operand = il.Offset + delta;
                }
                else
                {
                    SkipOperand(ref il, op);
                }
                code.Add(new IlInstruction(offset, op, operand));
            }
            return code;
        }

        private static OpCode Read(ref BlobReader il)
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

        public static bool IsBranch(OpCode op)
        {
            return op.OperandType == OperandType.ShortInlineBrTarget || op.OperandType == OperandType.InlineBrTarget;
        }

        private static void SkipOperand(ref BlobReader il, OpCode op)
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
