using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Xunit;

namespace DeviceCheck.Tests
{
    /// <summary>The gate itself: the portable code, as compiled against nanoFramework's mscorlib, must scan clean.</summary>
    public class PortableAssemblyTests
    {
        // Each assembly NanoCompile builds, one per device assembly, with the assemblies it may reference
        // besides mscorlib: those below it, as the device projects reference each other (docs/architecture.md).
        private static readonly Dictionary<string, string[]> s_below = new Dictionary<string, string[]>
        {
            ["Session.Core.Crypto.Nano"] = new string[0],
            ["Session.Core.Micro.Nano"] = new[] { "Session.Core.Crypto.Nano" },
            ["Session.Core.Ratchet.Nano"] = new[] { "Session.Core.Crypto.Nano", "Session.Core.Micro.Nano" },
            ["SessionBeacon.Foundation.Nano"] = new[] { "Session.Core.Crypto.Nano", "Session.Core.Micro.Nano", "Session.Core.Ratchet.Nano" },
            ["SessionBeacon.Portable.Nano"] = new[] { "Session.Core.Crypto.Nano", "Session.Core.Micro.Nano", "Session.Core.Ratchet.Nano", "SessionBeacon.Foundation.Nano" },
        };

        public static TheoryData<string> PortableAssemblies => new TheoryData<string>(s_below.Keys);

        [Theory]
        [MemberData(nameof(PortableAssemblies))]
        public void PortableAssembly_ScansClean(string name)
        {
            string path = BuildPaths.PortableAssembly(name);
            Assert.True(File.Exists(path), "device compile output not found: " + path);
            var findings = PortableIlScanner.Scan(path);
            Assert.True(findings.Count == 0,
                name + " uses constructs that nanoCLR cannot run (docs/portable-csharp.md §3):\n  "
                + string.Join("\n  ", findings));
        }

        [Theory]
        [MemberData(nameof(PortableAssemblies))]
        public void PortableAssembly_ReferencesOnlyNanoMscorlibAndTheAssembliesBelowIt(string name)
        {
            using var stream = File.OpenRead(BuildPaths.PortableAssembly(name));
            using var pe = new PEReader(stream);
            MetadataReader reader = pe.GetMetadataReader();
            foreach (AssemblyReference reference in reader.AssemblyReferences.Select(reader.GetAssemblyReference))
            {
                string referenced = reader.GetString(reference.Name);
                if (referenced == "mscorlib")
                {
                    Assert.Equal(1, reference.Version.Major);
                }
                else
                {
                    Assert.True(s_below[name].Contains(referenced), name + " references " + referenced + "; besides mscorlib it may reference only: " + string.Join(", ", s_below[name]));
                }
            }
        }
    }
}
