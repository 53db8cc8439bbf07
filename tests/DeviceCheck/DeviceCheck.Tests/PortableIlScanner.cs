// The device check's IL scan (docs/portable-csharp.md §3). nanoCLR 1.x accepts IL that the C#
// compiler happily emits but that crashes or misbehaves on the device: generics of any kind,
// multi-dimensional arrays, default interface methods, pointers and stackalloc. The compile against
// nanoFramework's mscorlib cannot see these, so this scanner reads the compiled assembly and reports
// each one with the type and member where it was found. It also reports what runs but turns
// quadratic on the device (docs/portable-csharp.md §5): nanoCLR keeps strings as UTF-8, so
// String.get_Chars (s[i], foreach over a string) walks the string from its first byte, and so does
// String.get_Length, which a loop condition calls on every turn. Reported are every get_Chars call
// and every get_Length call inside a loop on a string that the loop does not replace (a variable or
// field not stored into between the loop's start and its branch back). Members whose strings are
// short and bounded may do either; StringWalkAllowList names them with the reason.
using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace DeviceCheck.Tests
{
    /// <summary>Finds the constructs that nanoCLR cannot run, in a compiled assembly.</summary>
    public sealed class PortableIlScanner
    {
        private readonly MetadataReader _reader;
        private readonly SignatureShapes _shapes;
        private readonly IReadOnlyDictionary<string, string> _stringWalkers;
        private readonly List<string> _findings = new List<string>();

        private PortableIlScanner(MetadataReader reader, IReadOnlyDictionary<string, string> stringWalkers)
        {
            _reader = reader;
            _shapes = new SignatureShapes(reader);
            _stringWalkers = stringWalkers;
        }

        /// <summary>
        /// Scans the assembly at <paramref name="path"/>, letting the members of
        /// <see cref="StringWalkAllowList.Entries"/> walk strings; returns one line per finding, empty when clean.
        /// </summary>
        public static IReadOnlyList<string> Scan(string path)
        {
            return Scan(path, StringWalkAllowList.Entries);
        }

        /// <summary>
        /// Scans the assembly at <paramref name="path"/>; the members whose names (Namespace.Type.Member,
        /// as findings give them) are keys of <paramref name="stringWalkers"/> may walk strings.
        /// </summary>
        public static IReadOnlyList<string> Scan(string path, IReadOnlyDictionary<string, string> stringWalkers)
        {
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            var scanner = new PortableIlScanner(pe.GetMetadataReader(), stringWalkers);
            foreach (TypeDefinitionHandle type in scanner._reader.TypeDefinitions)
            {
                scanner.ScanType(type, pe);
            }
            return scanner._findings;
        }

        private void ScanType(TypeDefinitionHandle handle, PEReader pe)
        {
            TypeDefinition type = _reader.GetTypeDefinition(handle);
            string typeName = _shapes.Shape(handle).Name;
            if (type.GetGenericParameters().Count > 0)
            {
                Report(typeName, "generic type definition (nanoCLR 1.x crashes on generic types)");
            }
            if (!type.BaseType.IsNil)
            {
                CheckType(typeName, "base type", type.BaseType);
            }
            foreach (InterfaceImplementationHandle impl in type.GetInterfaceImplementations())
            {
                CheckType(typeName, "implemented interface", _reader.GetInterfaceImplementation(impl).Interface);
            }
            foreach (FieldDefinitionHandle fieldHandle in type.GetFields())
            {
                FieldDefinition field = _reader.GetFieldDefinition(fieldHandle);
                CheckShapes(typeName + "." + _reader.GetString(field.Name), "field type", field.DecodeSignature(_shapes, null));
            }
            bool isInterface = (type.Attributes & TypeAttributes.Interface) != 0;
            foreach (MethodDefinitionHandle methodHandle in type.GetMethods())
            {
                ScanMethod(typeName, methodHandle, isInterface, pe);
            }
        }

        private void ScanMethod(string typeName, MethodDefinitionHandle handle, bool inInterface, PEReader pe)
        {
            MethodDefinition method = _reader.GetMethodDefinition(handle);
            string where = typeName + "." + _reader.GetString(method.Name);
            if (method.GetGenericParameters().Count > 0)
            {
                Report(where, "generic method definition (nanoCLR 1.x crashes on generic methods)");
            }
            MethodSignature<ShapedType> signature = method.DecodeSignature(_shapes, null);
            CheckShapes(where, "return type", signature.ReturnType);
            foreach (ShapedType parameter in signature.ParameterTypes)
            {
                CheckShapes(where, "parameter type", parameter);
            }
            if (method.RelativeVirtualAddress == 0)
            {
                return;
            }
            if (inInterface)
            {
                Report(where, "interface method with a body (default interface methods silently do nothing on nanoCLR)");
            }
            MethodBodyBlock body = pe.GetMethodBody(method.RelativeVirtualAddress);
            if (!body.LocalSignature.IsNil)
            {
                StandaloneSignature locals = _reader.GetStandaloneSignature(body.LocalSignature);
                foreach (ShapedType local in locals.DecodeLocalSignature(_shapes, null))
                {
                    CheckShapes(where, "local variable type", local);
                }
            }
            ScanIl(where, body.GetILReader());
        }

        private void ScanIl(string where, BlobReader il)
        {
            List<IlInstruction> code = IlOpCodes.ReadAll(il);
            for (int i = 0; i < code.Count; i++)
            {
                IlInstruction instruction = code[i];
                if (instruction.Op == OpCodes.Localloc)
                {
                    Report(where, "localloc (stackalloc is rejected by the device toolchain)");
                }
                if (IlOpCodes.HasToken(instruction.Op))
                {
                    CheckToken(where, MetadataTokens.EntityHandle(instruction.Operand));
                }
            }
            if (!_stringWalkers.ContainsKey(where))
            {
                CheckStringWalks(where, code);
            }
        }

        private void CheckStringWalks(string where, List<IlInstruction> code)
        {
            for (int i = 0; i < code.Count; i++)
            {
                if (!code[i].IsCall || MetadataTokens.EntityHandle(code[i].Operand).Kind != HandleKind.MemberReference)
                {
                    continue;
                }
                string called = _shapes.MemberName(MetadataTokens.EntityHandle(code[i].Operand));
                if (called == "System.String.get_Chars")
                {
                    Report(where, "String.get_Chars (s[i] or foreach over a string: nanoCLR walks the UTF-8 string from its start "
                        + "on every call; use ToCharArray() once, or the UTF-8 bytes; docs/portable-csharp.md §5)");
                }
                else if (called == "System.String.get_Length" && i > 0 && InLoopUnchanged(code, i, code[i - 1].LoadedVariable))
                {
                    Report(where, "String.get_Length inside a loop (nanoCLR counts the UTF-8 string on every turn; "
                        + "take the length once before the loop; docs/portable-csharp.md §5)");
                }
            }
        }

        // Whether instruction i lies in a loop (between a backward branch's target and the branch)
        // that never stores into variable, the string whose length it takes.
        private static bool InLoopUnchanged(List<IlInstruction> code, int i, string variable)
        {
            if (variable == null)
            {
                return false;
            }
            int at = code[i].Offset;
            foreach (IlInstruction branch in code)
            {
                if (!branch.IsBackwardBranch || branch.Operand > at || at > branch.Offset)
                {
                    continue;
                }
                if (!code.Exists(other => other.Offset >= branch.Operand && other.Offset <= branch.Offset && other.StoredVariable == variable))
                {
                    return true;
                }
            }
            return false;
        }

        private void CheckToken(string where, EntityHandle token)
        {
            switch (token.Kind)
            {
                case HandleKind.TypeSpecification:
                    CheckType(where, "type used", token);
                    break;
                case HandleKind.MethodSpecification:
                    MethodSpecification spec = _reader.GetMethodSpecification((MethodSpecificationHandle)token);
                    Report(where, "generic method instantiation " + _shapes.MemberName(spec.Method)
                        + "<" + ShapedType.NameList(spec.DecodeSignature(_shapes, null)) + ">");
                    break;
                case HandleKind.MemberReference:
                    MemberReference member = _reader.GetMemberReference((MemberReferenceHandle)token);
                    if (member.Parent.Kind == HandleKind.TypeSpecification)
                    {
                        CheckType(where, "member of", member.Parent);
                    }
                    else if (member.GetKind() == MemberReferenceKind.Method)
                    {
                        MethodSignature<ShapedType> called = member.DecodeMethodSignature(_shapes, null);
                        CheckShapes(where, "called method's return type", called.ReturnType);
                        foreach (ShapedType parameter in called.ParameterTypes)
                        {
                            CheckShapes(where, "called method's parameter type", parameter);
                        }
                    }
                    break;
                case HandleKind.StandaloneSignature:
                    Report(where, "calli through a function pointer");
                    break;
            }
        }

        private void CheckType(string where, string role, EntityHandle type)
        {
            CheckShapes(where, role, _shapes.Shape(type));
        }

        private void CheckShapes(string where, string role, ShapedType type)
        {
            foreach (string problem in type.Problems)
            {
                Report(where, problem + " in " + role + " " + type.Name);
            }
        }

        private void Report(string where, string what)
        {
            string line = where + ": " + what;
            if (!_findings.Contains(line))
            {
                _findings.Add(line);
            }
        }
    }
}
