using System.IO;
using Xunit;

namespace DeviceCheck.Tests
{
    /// <summary>The gate itself: the portable code, as compiled against nanoFramework's mscorlib, must scan clean.</summary>
    public class PortableAssemblyTests
    {
        [Fact]
        public void PortableAssembly_ScansClean()
        {
            Assert.True(File.Exists(BuildPaths.PortableAssembly), "device compile output not found: " + BuildPaths.PortableAssembly);
            var findings = PortableIlScanner.Scan(BuildPaths.PortableAssembly);
            Assert.True(findings.Count == 0,
                "the portable code uses constructs that nanoCLR cannot run (docs/portable-csharp.md §3):\n  "
                + string.Join("\n  ", findings));
        }

        [Fact]
        public void PortableAssembly_IsBuiltAgainstNanoFrameworkMscorlibOnly()
        {
            using var stream = File.OpenRead(BuildPaths.PortableAssembly);
            using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
            var reader = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
            foreach (var handle in reader.AssemblyReferences)
            {
                var reference = reader.GetAssemblyReference(handle);
                Assert.Equal("mscorlib", reader.GetString(reference.Name));
                Assert.Equal(1, reference.Version.Major);
            }
        }
    }
}
