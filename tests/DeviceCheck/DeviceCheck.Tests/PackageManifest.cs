using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace DeviceCheck.Tests
{
    /// <summary>
    /// Reads Manifests/packages.json: the version of each nanoFramework package the device build may
    /// pin (all on one CoreLibrary), and versions known not to fit (see that folder's README.md).
    /// </summary>
    public sealed class PackageManifest
    {
        private PackageManifest(string coreLibraryVersion, IReadOnlyList<PackageFacts> packages, IReadOnlyList<PackageFacts> unusable)
        {
            CoreLibraryVersion = coreLibraryVersion;
            Packages = packages;
            Unusable = unusable;
        }

        public const string CoreLibraryId = "nanoFramework.CoreLibrary";

        /// <summary>The nanoFramework.CoreLibrary (mscorlib) version the whole set is built on.</summary>
        public string CoreLibraryVersion { get; }

        /// <summary>One version per package: the one to pin.</summary>
        public IReadOnlyList<PackageFacts> Packages { get; }

        /// <summary>Versions that must not be pinned, each with the reason.</summary>
        public IReadOnlyList<PackageFacts> Unusable { get; }

        public static PackageManifest Load(string path) => Parse(File.ReadAllText(path));

        public static PackageManifest Parse(string json)
        {
            using JsonDocument document = JsonDocument.Parse(json);
            JsonElement root = document.RootElement;
            return new PackageManifest(
                root.GetProperty("core_library").GetProperty("version").GetString(),
                root.GetProperty("packages").EnumerateArray().Select(ReadPackage).ToList(),
                root.TryGetProperty("not_usable", out JsonElement unusable) ? unusable.EnumerateArray().Select(ReadPackage).ToList() : new List<PackageFacts>());
        }

        /// <summary>The version to pin of <paramref name="id"/>, or null when the manifest does not know the package.</summary>
        public PackageFacts Chosen(string id) => Packages.FirstOrDefault(package => package.Id == id);

        /// <summary>What the manifest knows about this exact version, or null.</summary>
        public PackageFacts Find(string id, string version)
        {
            return Packages.Concat(Unusable).FirstOrDefault(package => package.Id == id && package.Version == version);
        }

        private static PackageFacts ReadPackage(JsonElement package)
        {
            var dependencies = new Dictionary<string, NuGetVersionRange>(StringComparer.Ordinal);
            if (package.TryGetProperty("dependencies", out JsonElement list))
            {
                foreach (JsonElement dependency in list.EnumerateArray())
                {
                    dependencies[dependency.GetProperty("id").GetString()] = NuGetVersionRange.Parse(dependency.GetProperty("range").GetString());
                }
            }
            return new PackageFacts
            {
                Id = package.GetProperty("id").GetString(),
                Version = package.GetProperty("version").GetString(),
                CoreLibraryDependency = Text(package, "corelibrary_dependency"),
                AssemblyFile = Text(package, "assembly_file"),
                AssemblyName = Text(package, "assembly_name"),
                Dependencies = dependencies,
                Unusable = Text(package, "reason"),
            };
        }

        private static string Text(JsonElement element, string name)
        {
            return element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        }
    }
}
