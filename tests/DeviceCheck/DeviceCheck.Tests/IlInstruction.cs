using System.Reflection.Emit;

namespace DeviceCheck.Tests
{
    /// <summary>
    /// One decoded IL instruction: its offset, opcode and operand (a metadata token, a variable
    /// index or a branch's target offset; 0 when it has none of these).
    /// </summary>
    internal readonly struct IlInstruction
    {
        public IlInstruction(int offset, OpCode op, int operand)
        {
            Offset = offset;
            Op = op;
            Operand = operand;
        }

        public int Offset { get; }

        public OpCode Op { get; }

        public int Operand { get; }

        public bool IsCall => Op == OpCodes.Call || Op == OpCodes.Callvirt;

        /// <summary>A branch to this instruction or an earlier one: the end of a loop.</summary>
        public bool IsBackwardBranch => IlOpCodes.IsBranch(Op) && Operand <= Offset;

        /// <summary>The argument, local or field this instruction pushes the value of, or null.</summary>
        public string LoadedVariable
        {
            get
            {
                if (Op == OpCodes.Ldarg_0 || Op == OpCodes.Ldarg_1 || Op == OpCodes.Ldarg_2 || Op == OpCodes.Ldarg_3)
                {
                    return "argument " + (Op.Value - OpCodes.Ldarg_0.Value);
                }
                if (Op == OpCodes.Ldloc_0 || Op == OpCodes.Ldloc_1 || Op == OpCodes.Ldloc_2 || Op == OpCodes.Ldloc_3)
                {
                    return "local " + (Op.Value - OpCodes.Ldloc_0.Value);
                }
                if (Op == OpCodes.Ldarg_S || Op == OpCodes.Ldarg)
                {
                    return "argument " + Operand;
                }
                if (Op == OpCodes.Ldloc_S || Op == OpCodes.Ldloc)
                {
                    return "local " + Operand;
                }
                if (Op == OpCodes.Ldfld || Op == OpCodes.Ldsfld)
                {
                    return "field " + Operand;
                }
                return null;
            }
        }

        /// <summary>The argument, local or field this instruction stores into, or null.</summary>
        public string StoredVariable
        {
            get
            {
                if (Op == OpCodes.Stloc_0 || Op == OpCodes.Stloc_1 || Op == OpCodes.Stloc_2 || Op == OpCodes.Stloc_3)
                {
                    return "local " + (Op.Value - OpCodes.Stloc_0.Value);
                }
                if (Op == OpCodes.Starg_S || Op == OpCodes.Starg)
                {
                    return "argument " + Operand;
                }
                if (Op == OpCodes.Stloc_S || Op == OpCodes.Stloc)
                {
                    return "local " + Operand;
                }
                if (Op == OpCodes.Stfld || Op == OpCodes.Stsfld)
                {
                    return "field " + Operand;
                }
                return null;
            }
        }
    }
}
