using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;

namespace DeviceCheck.Tests
{
    /// <summary>
    /// The shims must say what the real libraries say: a shim that differs lets code pass the device
    /// check that fails on the board (a wrong enum value sends the wrong number to the firmware; a
    /// public method that is an explicit interface implementation upstream does not compile there).
    /// </summary>
    public class ShimApiTests
    {
        private static readonly Lazy<ShimAssembly> s_shims = new Lazy<ShimAssembly>(ShimAssembly.Compile);

        [Fact]
        public void Shims_MatchTheRealLibraries()
        {
            var differences = ApiComparer.Compare(s_shims.Value.Types, ApiManifest.Load(ManifestPaths.Api));
            Assert.True(differences.Count == 0, "the shims in tests/DeviceCheck/NanoShims differ from the nanoFramework libraries "
                + "(tests/DeviceCheck/Manifests/api.json):\n  " + string.Join("\n  ", differences));
        }

        [Fact]
        public void Shims_EachTypeComesFromThePackageItsFileCites()
        {
            var upstream = ApiManifest.Load(ManifestPaths.Api).ToDictionary(type => type.FullName);
            var problems = new List<string>();
            foreach (ApiType type in s_shims.Value.Types.Where(type => upstream.ContainsKey(type.FullName)))
            {
                string file = s_shims.Value.FileOfType[type.FullName];
                PackagePin cited = ShimHeader.Cited(Path.Combine(ShimAssembly.Folder, file));
                ApiType real = upstream[type.FullName];
                if (cited == null || cited.Id != real.Package || cited.Version != real.PackageVersion)
                {
                    problems.Add(type.FullName + " is declared in " + file + ", which cites " + (cited == null ? "no package" : cited.Id + " " + cited.Version)
                        + "; the type is in " + real.Package + " " + real.PackageVersion);
                }
            }
            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }

        [Fact]
        public void Shims_EachCitesAPackagePinnedInPackagesConfig()
        {
            var pins = DeviceProjectFiles.Pins(File.ReadAllText(Path.Combine(BuildPaths.RepositoryRoot, "src", "SessionBeacon.Esp32", "packages.config")));
            string[] shims = Directory.GetFiles(ShimAssembly.Folder, "*.cs");
            Assert.NotEmpty(shims);
            foreach (string shim in shims)
            {
                PackagePin cited = ShimHeader.Cited(shim);
                Assert.True(cited != null, Path.GetFileName(shim) + " does not cite its package and version in its first line");
                Assert.True(pins.Contains(cited), Path.GetFileName(shim) + " cites " + cited.Id + " " + cited.Version + ", which src/SessionBeacon.Esp32/packages.config does not pin");
            }
        }
    }
}
