using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DeviceCheck.Tests
{
    /// <summary>
    /// The compile-only shims of tests/DeviceCheck/NanoShims, compiled together against
    /// nanoFramework's mscorlib as Esp32Compile compiles them, with the file that declares each type.
    /// </summary>
    public sealed class ShimAssembly
    {
        private ShimAssembly(byte[] image, IReadOnlyList<ApiType> types, IReadOnlyDictionary<string, string> files)
        {
            Image = image;
            Types = types;
            FileOfType = files;
        }

        public static string Folder => Path.Combine(BuildPaths.RepositoryRoot, "tests", "DeviceCheck", "NanoShims");

        /// <summary>The compiled assembly, for compiling the device adapters against.</summary>
        public byte[] Image { get; }

        /// <summary>The public API the shims declare.</summary>
        public IReadOnlyList<ApiType> Types { get; }

        /// <summary>Type full name → file name (without folder) that declares it.</summary>
        public IReadOnlyDictionary<string, string> FileOfType { get; }

        public static ShimAssembly Compile()
        {
            var trees = Directory.GetFiles(Folder, "*.cs").OrderBy(path => path)
                .Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path), path: path)).ToList();
            CSharpCompilation compilation = NanoCompiler.Create("NanoShims", trees);
            byte[] image = NanoCompiler.Emit(compilation);
            var files = new Dictionary<string, string>();
            AddTypes(compilation.Assembly.GlobalNamespace, files);
            return new ShimAssembly(image, AssemblyApi.Read(image), files);
        }

        private static void AddTypes(INamespaceOrTypeSymbol container, Dictionary<string, string> files)
        {
            foreach (ISymbol member in container.GetMembers())
            {
                if (member is INamedTypeSymbol type)
                {
                    files[MetadataName(type)] = Path.GetFileName(type.Locations[0].SourceTree.FilePath);
                    AddTypes(type, files);
                }
                else if (member is INamespaceSymbol ns)
                {
                    AddTypes(ns, files);
                }
            }
        }

        private static string MetadataName(INamedTypeSymbol type)
        {
            if (type.ContainingType != null)
            {
                return MetadataName(type.ContainingType) + "+" + type.MetadataName;
            }
            return type.ContainingNamespace.IsGlobalNamespace ? type.MetadataName : type.ContainingNamespace.ToDisplayString() + "." + type.MetadataName;
        }
    }
}
