using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DeviceCheck.Tests
{
    /// <summary>Compiles C# sources against nanoFramework's mscorlib alone, in memory, as the device check's projects do.</summary>
    public static class NanoCompiler
    {
        public static CSharpCompilation Create(string assemblyName, IEnumerable<SyntaxTree> sources)
        {
            return CSharpCompilation.Create(
                assemblyName,
                sources,
                new[] { MetadataReference.CreateFromFile(BuildPaths.NanoMscorlib) },
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        }

        /// <summary>The assembly image; throws with every compiler error when the sources do not compile.</summary>
        public static byte[] Emit(CSharpCompilation compilation)
        {
            using var image = new MemoryStream();
            var result = compilation.Emit(image);
            if (!result.Success)
            {
                throw new InvalidOperationException(compilation.AssemblyName + " does not compile against nanoFramework's mscorlib:\n  "
                    + string.Join("\n  ", result.Diagnostics.Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error)));
            }
            return image.ToArray();
        }

        public static byte[] Compile(string source) => Emit(Create("Probe", new[] { CSharpSyntaxTree.ParseText(source) }));
    }
}
