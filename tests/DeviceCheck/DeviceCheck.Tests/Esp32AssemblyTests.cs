using System.IO;
using System.Linq;
using Xunit;

namespace DeviceCheck.Tests
{
    /// <summary>
    /// The device adapters (src/SessionBeacon/Esp32), compiled by Esp32Compile against nanoFramework's
    /// mscorlib, the portable code and the compile-only shims of tests/DeviceCheck/NanoShims.
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
            var names = reader.AssemblyReferences.Select(handle => reader.GetString(reader.GetAssemblyReference(handle).Name)).OrderBy(name => name).ToArray();
            Assert.Equal(new[] { "mscorlib", "SessionBeacon.Portable.Nano" }, names);
        }
    }
}
