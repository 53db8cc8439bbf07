using System.Collections.Generic;

namespace DeviceCheck.Tests
{
    /// <summary>What Manifests/packages.json records about one version of one nanoFramework package.</summary>
    public sealed class PackageFacts
    {
        public string Id { get; init; }

        public string Version { get; init; }

        /// <summary>The nanoFramework.CoreLibrary version the package declares and is built against; null for CoreLibrary itself.</summary>
        public string CoreLibraryDependency { get; init; }

        /// <summary>The assembly under the package folder, e.g. lib\nanoFramework.System.Text.dll; null when unknown.</summary>
        public string AssemblyFile { get; init; }

        public string AssemblyName { get; init; }

        /// <summary>The nuspec dependencies: package id → version range.</summary>
        public IReadOnlyDictionary<string, NuGetVersionRange> Dependencies { get; init; } = new Dictionary<string, NuGetVersionRange>();

        /// <summary>Why this version must not be pinned; null for the versions to pin.</summary>
        public string Unusable { get; init; }
    }
}
