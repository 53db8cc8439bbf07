using System.IO;
using System.Linq;
using Xunit;

namespace DeviceCheck.Tests
{
    public class NfprojTests
    {
        [Theory]
        [MemberData(nameof(DeviceProjects.All), MemberType = typeof(DeviceProjects))]
        public void Nfproj_ListsEverySourceFile(string project)
        {
            var unlisted = NfprojSources.Unlisted(Path.Combine(BuildPaths.RepositoryRoot, project));
            Assert.True(unlisted.Count == 0, project + " does not compile these files; add them:\n"
                + string.Join("\n", unlisted.Select(file => "    <Compile Include=\"" + file.Replace('/', '\\') + "\" />")));
        }

        [Theory]
        [MemberData(nameof(DeviceProjects.All), MemberType = typeof(DeviceProjects))]
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
    }
}
