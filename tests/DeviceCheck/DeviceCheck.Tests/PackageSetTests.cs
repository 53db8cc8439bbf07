using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Xunit;

namespace DeviceCheck.Tests
{
    /// <summary>
    /// The device projects' packages against Manifests/packages.json, and the device solution that
    /// restores them: what the .nfproj files build against must be what nanoCLR can load together.
    /// </summary>
    public class PackageSetTests
    {
        private const string NanoFrameworkProjectType = "{11A8DD76-328B-46DF-9F39-F559912D0360}";

        private const string DeviceSolution = "SessionBeacon.Device.sln";

        [Theory]
        [MemberData(nameof(DeviceProjects.All), MemberType = typeof(DeviceProjects))]
        public void DeviceProject_PinsAndReferencesThePackageSet(string project)
        {
            string path = Path.Combine(BuildPaths.RepositoryRoot, project);
            string folder = Path.GetDirectoryName(path);
            var problems = PackageSetCheck.Check(
                PackageManifest.Load(ManifestPaths.Packages),
                DeviceProjectFiles.Pins(File.ReadAllText(Path.Combine(folder, "packages.config"))),
                DeviceProjectFiles.References(File.ReadAllText(path)),
                folder,
                // NuGet restores a solution's packages.config packages into packages/ beside the solution.
                Path.Combine(BuildPaths.RepositoryRoot, "packages"));
            Assert.True(problems.Count == 0, project + " and its packages.config differ from tests/DeviceCheck/Manifests/packages.json:\n  " + string.Join("\n  ", problems));
        }

        [Fact]
        public void DeviceSolution_HoldsEveryNfprojAsNanoFrameworkProjects()
        {
            string solution = Path.Combine(BuildPaths.RepositoryRoot, DeviceSolution);
            Assert.True(File.Exists(solution), DeviceSolution + " is missing from the repository root: the .nfproj HintPaths point into the packages folder its restore fills");
            var projects = SolutionProjects.Parse(File.ReadAllText(solution));
            Assert.Equal(DeviceProjects.Paths.Select(path => path.Replace('/', '\\')).OrderBy(path => path), projects.Select(project => project.Path).OrderBy(path => path));
            foreach (SolutionProject project in projects)
            {
                Assert.True(project.TypeGuid == NanoFrameworkProjectType, DeviceSolution + ": " + project.Path + " has project type " + project.TypeGuid + ", not nanoFramework's " + NanoFrameworkProjectType);
                string nfproj = Path.Combine(BuildPaths.RepositoryRoot, project.Path.Replace('\\', '/'));
                string guid = XDocument.Load(nfproj).Descendants().Single(element => element.Name.LocalName == "ProjectGuid").Value;
                Assert.True(string.Equals(guid, project.Guid, StringComparison.OrdinalIgnoreCase), DeviceSolution + ": " + project.Path + " has GUID " + project.Guid + ", the .nfproj says " + guid);
            }
        }

        // dotnet test SessionBeacon.sln would try to build a .nfproj, which needs the nanoFramework
        // MSBuild components that the .NET SDK does not have.
        [Fact]
        public void MainSolution_HoldsNoNfproj()
        {
            var projects = SolutionProjects.Parse(File.ReadAllText(Path.Combine(BuildPaths.RepositoryRoot, "SessionBeacon.sln")));
            Assert.NotEmpty(projects);
            var device = projects.Where(project => project.Path.EndsWith(".nfproj", StringComparison.OrdinalIgnoreCase)).Select(project => project.Path).ToList();
            Assert.True(device.Count == 0, "SessionBeacon.sln holds " + string.Join(", ", device) + "; device projects belong in " + DeviceSolution);
        }

        [Fact]
        public void Manifest_EveryPackageIsOnTheCoreLibraryAndEveryDependencyIsInTheSet()
        {
            var manifest = PackageManifest.Load(ManifestPaths.Packages);
            var pins = manifest.Packages.Select(package => new PackagePin(package.Id, package.Version)).ToList();
            var references = manifest.Packages.Select(package => new NfprojReference(package.AssemblyName, @"packages\" + package.Id + "." + package.Version + "\\" + package.AssemblyFile)).ToList();
            var problems = PackageSetCheck.Check(manifest, pins, references, BuildPaths.RepositoryRoot, Path.Combine(BuildPaths.RepositoryRoot, "packages"));
            Assert.True(problems.Count == 0, "tests/DeviceCheck/Manifests/packages.json is not one consistent set:\n  " + string.Join("\n  ", problems));
            Assert.Equal(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(BuildPaths.NanoMscorlib))), manifest.CoreLibraryVersion);
        }

        [Fact]
        public void ApiManifest_DescribesThePackageVersionsOfThePackageManifest()
        {
            var manifest = PackageManifest.Load(ManifestPaths.Packages);
            foreach (ApiType type in ApiManifest.Load(ManifestPaths.Api))
            {
                PackageFacts package = manifest.Chosen(type.Package);
                Assert.True(package != null && package.Version == type.PackageVersion,
                    "api.json describes " + type.FullName + " from " + type.Package + " " + type.PackageVersion + ", packages.json gives " + (package?.Version ?? "no such package"));
            }
        }
    }
}
