using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace DeviceCheck.Tests
{
    /// <summary>
    /// Checks one device project's package set against Manifests/packages.json. nanoCLR links an
    /// assembly only against the major.minor versions it was built against, so one package built on
    /// another CoreLibrary, or a dependency older than a package needs, stops the app at start-up
    /// ("Link failure"); and a HintPath that names no real file leaves the build without the assembly.
    /// Each problem is one line naming the package or reference.
    /// </summary>
    public static class PackageSetCheck
    {
        /// <param name="projectFolder">The folder of the .nfproj, which HintPaths are relative to.</param>
        /// <param name="packagesFolder">The packages folder the device solution's NuGet restore fills.</param>
        public static IReadOnlyList<string> Check(PackageManifest manifest, IReadOnlyList<PackagePin> pins, IReadOnlyList<NfprojReference> references,
            string projectFolder, string packagesFolder)
        {
            var problems = new List<string>();
            var pinned = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (PackagePin pin in pins)
            {
                if (!pinned.TryAdd(pin.Id, pin.Version))
                {
                    problems.Add(pin.Id + ": pinned twice, " + pinned[pin.Id] + " and " + pin.Version);
                }
            }
            if (!pinned.ContainsKey(PackageManifest.CoreLibraryId))
            {
                problems.Add(PackageManifest.CoreLibraryId + ": not pinned; every device project builds against it (" + manifest.CoreLibraryVersion + ")");
            }
            foreach (PackagePin pin in pins)
            {
                CheckPin(manifest, pin, pinned, problems);
            }
            CheckReferences(manifest, pins, references, projectFolder, packagesFolder, problems);
            return problems;
        }

        private static void CheckPin(PackageManifest manifest, PackagePin pin, Dictionary<string, string> pinned, List<string> problems)
        {
            PackageFacts chosen = manifest.Chosen(pin.Id);
            if (chosen == null)
            {
                problems.Add(pin.Id + " " + pin.Version + ": not in packages.json; record the package's facts there before pinning it");
                return;
            }
            PackageFacts facts = manifest.Find(pin.Id, pin.Version);
            if (pin.Version != chosen.Version)
            {
                problems.Add(pin.Id + ": packages.config pins " + pin.Version + ", packages.json gives " + chosen.Version
                    + (facts?.Unusable != null ? " (" + pin.Version + ": " + facts.Unusable + ")" : ""));
            }
            if (facts == null)
            {
                return;
            }
            string coreLibrary = pin.Id == PackageManifest.CoreLibraryId ? pin.Version : facts.CoreLibraryDependency;
            if (coreLibrary == null)
            {
                problems.Add(pin.Id + " " + pin.Version + ": packages.json does not record which " + PackageManifest.CoreLibraryId + " it is built on");
            }
            else if (MajorMinor(coreLibrary) != MajorMinor(manifest.CoreLibraryVersion))
            {
                problems.Add(pin.Id + " " + pin.Version + " is built on " + PackageManifest.CoreLibraryId + " " + coreLibrary + ", not "
                    + MajorMinor(manifest.CoreLibraryVersion) + ".x: nanoCLR links an assembly only against the mscorlib major.minor it was built on, so the app would not start");
            }
            foreach (var dependency in facts.Dependencies)
            {
                if (!pinned.TryGetValue(dependency.Key, out string version))
                {
                    problems.Add(pin.Id + " " + pin.Version + " needs " + dependency.Key + " " + dependency.Value + ", which packages.config does not pin");
                }
                else if (!dependency.Value.Contains(NuGetVersionRange.ParseVersion(version)))
                {
                    problems.Add(pin.Id + " " + pin.Version + " needs " + dependency.Key + " " + dependency.Value + ", packages.config pins " + version);
                }
            }
        }

        private static void CheckReferences(PackageManifest manifest, IReadOnlyList<PackagePin> pins, IReadOnlyList<NfprojReference> references,
            string projectFolder, string packagesFolder, List<string> problems)
        {
            string packages = Path.GetRelativePath(projectFolder, packagesFolder).Replace('/', '\\') + "\\";
            var referenced = new HashSet<PackagePin>();
            foreach (NfprojReference reference in references)
            {
                string hint = reference.HintPath ?? "";
                PackagePin pin = pins.FirstOrDefault(candidate => hint.StartsWith(packages + candidate.Id + "." + candidate.Version + "\\", StringComparison.Ordinal));
                if (pin == null)
                {
                    problems.Add("Reference " + reference.Include + ": HintPath " + (reference.HintPath ?? "(none)") + " points into no package that packages.config pins"
                        + " (HintPaths are " + packages + "<id>.<version>\\<assembly file>, relative to the .nfproj)");
                    continue;
                }
                referenced.Add(pin);
                PackageFacts facts = manifest.Find(pin.Id, pin.Version);
                if (facts?.AssemblyFile == null)
                {
                    continue;
                }
                string expected = packages + pin.Id + "." + pin.Version + "\\" + facts.AssemblyFile;
                if (hint != expected)
                {
                    problems.Add("Reference " + reference.Include + ": HintPath " + hint + ", but " + pin.Id + " " + pin.Version + " ships " + facts.AssemblyFile + ": " + expected);
                }
                if (reference.AssemblyName != facts.AssemblyName)
                {
                    problems.Add("Reference " + reference.Include + ": the assembly in " + pin.Id + " " + pin.Version + " is named " + facts.AssemblyName);
                }
            }
            foreach (PackagePin pin in pins.Where(pin => !referenced.Contains(pin)))
            {
                PackageFacts facts = manifest.Find(pin.Id, pin.Version);
                problems.Add(pin.Id + " " + pin.Version + ": pinned, but no Reference points into it"
                    + (facts?.AssemblyFile != null ? "; add <Reference Include=\"" + facts.AssemblyName + "\"><HintPath>" + packages + pin.Id + "." + pin.Version + "\\" + facts.AssemblyFile + "</HintPath></Reference>" : ""));
            }
        }

        private static string MajorMinor(string version)
        {
            Version parsed = NuGetVersionRange.ParseVersion(version);
            return parsed.Major + "." + parsed.Minor;
        }
    }
}
