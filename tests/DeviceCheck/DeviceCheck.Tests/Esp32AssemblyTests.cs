using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using Xunit;

namespace DeviceCheck.Tests
{
    /// <summary>
    /// The program and its device adapters (src/SessionBeacon.Esp32), compiled by Esp32Compile against
    /// nanoFramework's mscorlib, the portable code and the compile-only shims of tests/DeviceCheck/NanoShims.
    /// </summary>
    public class Esp32AssemblyTests
    {
        [Fact]
        public void Esp32Assembly_ScansClean()
        {
            Assert.True(File.Exists(BuildPaths.Esp32Assembly), "device adapter compile output not found: " + BuildPaths.Esp32Assembly);
            var findings = PortableIlScanner.Scan(BuildPaths.Esp32Assembly);
            Assert.True(findings.Count == 0,
                "the device adapters use constructs that nanoCLR cannot run (docs/portable-csharp.md §3):\n  "
                + string.Join("\n  ", findings));
        }

        [Fact]
        public void Esp32Assembly_ReferencesOnlyNanoMscorlibAndThePortableCode()
        {
            using var stream = File.OpenRead(BuildPaths.Esp32Assembly);
            using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
            var reader = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
            string[] allowed = { "mscorlib", "Session.Core.Crypto.Nano", "Session.Core.Micro.Nano", "Session.Core.Ratchet.Nano", "SessionBeacon.Foundation.Nano", "SessionBeacon.Portable.Nano" };
            var names = reader.AssemblyReferences.Select(handle => reader.GetString(reader.GetAssemblyReference(handle).Name)).ToArray();
            Assert.Contains("SessionBeacon.Portable.Nano", names);
            Assert.All(names, name => Assert.Contains(name, allowed));
        }

        // The device reads its files with the portable start (BeaconSetup.Read, tested on .NET), which checks them with
        // the one check the harness's check-config, provision and beacon run also call (DeviceSetup.Check); never with
        // a reader of its own, so the desktop and the device cannot disagree.
        [Fact]
        public void Program_StartsWithBeaconSetupOnly()
        {
            string[] called = MethodsCalledBy("SessionBeacon.Esp32", "Program");
            Assert.Contains("SessionBeacon.App.BeaconSetup.Read", called);
            Assert.Contains("SessionBeacon.App.BeaconSetup.Start", called);
            Assert.DoesNotContain("SessionBeacon.Config.DeviceSetup.Check", called);
            Assert.DoesNotContain("SessionBeacon.Config.BeaconConfig.Parse", called);
            Assert.DoesNotContain("SessionBeacon.Config.BoardProfile.Parse", called);
        }

        // "Namespace.Type.Method" of every method in another assembly that a method of the type calls.
        private static string[] MethodsCalledBy(string ns, string typeName)
        {
            using var stream = File.OpenRead(BuildPaths.Esp32Assembly);
            using var pe = new PEReader(stream);
            MetadataReader reader = pe.GetMetadataReader();
            TypeDefinition type = reader.TypeDefinitions.Select(reader.GetTypeDefinition)
                .Single(t => reader.GetString(t.Namespace) == ns && reader.GetString(t.Name) == typeName);
            var called = new List<string>();
            foreach (MethodDefinitionHandle handle in type.GetMethods())
            {
                MethodDefinition method = reader.GetMethodDefinition(handle);
                if (method.RelativeVirtualAddress == 0)
                {
                    continue;
                }
                foreach (IlInstruction instruction in IlOpCodes.ReadAll(pe.GetMethodBody(method.RelativeVirtualAddress).GetILReader()))
                {
                    if (!IlOpCodes.HasToken(instruction.Op))
                    {
                        continue;
                    }
                    EntityHandle token = MetadataTokens.EntityHandle(instruction.Operand);
                    if (token.Kind == HandleKind.MemberReference)
                    {
                        MemberReference member = reader.GetMemberReference((MemberReferenceHandle)token);
                        if (member.Parent.Kind == HandleKind.TypeReference)
                        {
                            TypeReference parent = reader.GetTypeReference((TypeReferenceHandle)member.Parent);
                            called.Add(reader.GetString(parent.Namespace) + "." + reader.GetString(parent.Name) + "." + reader.GetString(member.Name));
                        }
                    }
                }
            }
            return called.ToArray();
        }
    }
}
