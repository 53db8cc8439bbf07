using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace DeviceCheck.Tests
{
    public class NfprojTests
    {
        public static TheoryData<string> DeviceProjects => new TheoryData<string>
        {
            "src/Session.Core.Micro/Session.Core.Micro.nfproj",
            "src/SessionBeacon/SessionBeacon.nfproj",
        };

        [Theory]
        [MemberData(nameof(DeviceProjects))]
        public void Nfproj_ListsEverySourceFile(string project)
        {
            var unlisted = NfprojSources.Unlisted(Path.Combine(BuildPaths.RepositoryRoot, project));
            Assert.True(unlisted.Count == 0, project + " does not compile these files; add them:\n"
                + string.Join("\n", unlisted.Select(file => "    <Compile Include=\"" + file.Replace('/', '\\') + "\" />")));
        }

        [Theory]
        [MemberData(nameof(DeviceProjects))]
        public void Nfproj_ListsNoMissingFile(string project)
        {
            var stale = NfprojSources.Stale(Path.Combine(BuildPaths.RepositoryRoot, project));
            Assert.True(stale.Count == 0, project + " lists files that do not exist: " + string.Join(", ", stale));
        }

        [Fact]
        public void Unlisted_FileMissingFromProject_IsReported()
        {
            string folder = Directory.CreateTempSubdirectory("nfproj").FullName;
            try
            {
                Directory.CreateDirectory(Path.Combine(folder, "Crypto"));
                Directory.CreateDirectory(Path.Combine(folder, "obj"));
                File.WriteAllText(Path.Combine(folder, "Crypto", "Listed.cs"), "");
                File.WriteAllText(Path.Combine(folder, "Crypto", "Forgotten.cs"), "");
                File.WriteAllText(Path.Combine(folder, "obj", "Generated.cs"), "");
                string project = Path.Combine(folder, "P.nfproj");
                File.WriteAllText(project, "<Project xmlns=\"http://schemas.microsoft.com/developer/msbuild/2003\"><ItemGroup>"
                    + "<Compile Include=\"Crypto\\Listed.cs\" /><Compile Include=\"Gone.cs\" /></ItemGroup></Project>");

                Assert.Equal(new[] { "Crypto/Forgotten.cs" }, NfprojSources.Unlisted(project));
                Assert.Equal(new[] { "Gone.cs" }, NfprojSources.Stale(project));
            }
            finally
            {
                Directory.Delete(folder, true);
            }
        }

        public static TheoryData<string> DeviceProjectFolders => new TheoryData<string>
        {
            "src/Session.Core.Micro",
            "src/SessionBeacon",
        };

        // Every pinned package is referenced at its pinned version, and every reference points into a
        // pinned package: a version bumped in one file only would build against one and deploy another.
        [Theory]
        [MemberData(nameof(DeviceProjectFolders))]
        public void Nfproj_ReferencesMatchPackagesConfig(string folder)
        {
            string root = Path.Combine(BuildPaths.RepositoryRoot, folder);
            string config = File.ReadAllText(Path.Combine(root, "packages.config"));
            string project = File.ReadAllText(Directory.GetFiles(root, "*.nfproj").Single());
            var pinned = Regex.Matches(config, "<package id=\"([^\"]+)\" version=\"([^\"]+)\"")
                .Select(match => match.Groups[1].Value + "." + match.Groups[2].Value).OrderBy(name => name).ToArray();
            var referenced = Regex.Matches(project, @"<HintPath>[.\\]*packages\\([^\\]+)\\lib\\[^<]+</HintPath>")
                .Select(match => match.Groups[1].Value).Distinct().OrderBy(name => name).ToArray();
            Assert.True(pinned.SequenceEqual(referenced), folder + ": packages.config pins [" + string.Join(", ", pinned)
                + "] but the .nfproj references [" + string.Join(", ", referenced) + "]");
        }

        [Fact]
        public void PackagesConfig_PinsTheCoreLibraryTheDeviceCheckUses()
        {
            foreach (string project in new[] { "src/Session.Core.Micro", "src/SessionBeacon" })
            {
                string config = File.ReadAllText(Path.Combine(BuildPaths.RepositoryRoot, project, "packages.config"));
                Assert.Contains("<package id=\"nanoFramework.CoreLibrary\" version=\"1.17.11\"", config);
            }
        }
    }
}
