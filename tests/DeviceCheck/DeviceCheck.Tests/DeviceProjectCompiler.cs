using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DeviceCheck.Tests
{
    /// <summary>
    /// Compiles the device projects during the test, as the device build compiles them: the files a
    /// .nfproj lists, into one assembly of its AssemblyName, against nanoFramework's mscorlib, the
    /// device projects it references (compiled the same way) and, when it references nanoFramework
    /// libraries, the shims that stand in for them (tests/DeviceCheck/NanoShims). Release is
    /// optimised; Debug is not and defines DEBUG, as the Debug configuration of nanoFramework's
    /// project system does, so the Debug.Assert calls are compiled in.
    /// </summary>
    public sealed class DeviceProjectCompiler
    {
        private static readonly Lazy<ShimAssembly> s_shims = new Lazy<ShimAssembly>(ShimAssembly.Compile);

        private readonly OptimizationLevel _configuration;
        private readonly Dictionary<string, byte[]> _images = new Dictionary<string, byte[]>(StringComparer.Ordinal);

        public DeviceProjectCompiler(OptimizationLevel configuration)
        {
            _configuration = configuration;
        }

        /// <summary>The assembly image of <paramref name="project"/> (a .nfproj path from the repository root).</summary>
        /// <exception cref="InvalidOperationException">The project's files do not compile; the message lists every error.</exception>
        public byte[] Compile(string project)
        {
            string path = Path.GetFullPath(Path.Combine(BuildPaths.RepositoryRoot, project));
            if (_images.TryGetValue(path, out byte[] image))
            {
                return image;
            }
            string folder = Path.GetDirectoryName(path);
            string xml = File.ReadAllText(path);
            var references = new List<MetadataReference>();
            foreach (string referenced in DeviceProjectFiles.ProjectReferences(xml))
            {
                references.Add(MetadataReference.CreateFromImage(Compile(Path.Combine(folder, referenced))));
            }
            if (DeviceProjectFiles.References(xml).Any(reference => reference.AssemblyName != "mscorlib"))
            {
                references.Add(MetadataReference.CreateFromImage(s_shims.Value.Image));
            }
            var parse = new CSharpParseOptions(preprocessorSymbols: _configuration == OptimizationLevel.Debug ? new[] { "DEBUG" } : null);
            var sources = NfprojSources.Listed(path).Select(file => Path.Combine(folder, file))
                .Select(file => CSharpSyntaxTree.ParseText(File.ReadAllText(file), parse, file));
            CSharpCompilation compilation = NanoCompiler.Create(DeviceProjectFiles.AssemblyName(xml), sources)
                .AddReferences(references)
                .WithOptions(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: _configuration));
            image = NanoCompiler.Emit(compilation);
            _images[path] = image;
            return image;
        }
    }
}
