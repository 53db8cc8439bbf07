using System;
using System.IO;
using Xunit;

namespace Repository.Tests
{
    /// <summary>The walk that stands in for git ls-files where git cannot answer.</summary>
    public sealed class TrackedFilesTests : IDisposable
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), "tracked-files-" + Guid.NewGuid().ToString("N"));

        public TrackedFilesTests()
        {
            foreach (string dir in new[] { "src/App/bin/Release", "src/App/obj", ".git/objects", "docs" })
            {
                Directory.CreateDirectory(Path.Combine(_root, dir));
            }
            foreach (string file in new[] { "README.md", "src/App/App.cs", "src/App/bin/Release/App.dll", "src/App/obj/App.assets.json", ".git/HEAD", "docs/a.txt", ".gitignore" })
            {
                File.WriteAllText(Path.Combine(_root, file), "x");
            }
        }

        public void Dispose() => Directory.Delete(_root, true);

        [Fact]
        public void Walk_SkipsBuildOutputAndGit()
        {
            Assert.Equal(new[] { ".gitignore", "README.md", "docs/a.txt", "src/App/App.cs" }, TrackedFiles.Walk(_root));
        }

        [Fact]
        public void List_FolderThatIsNoCheckout_FallsBackToTheWalk()
        {
            // A .git folder without a repository in it: git refuses, so the walk answers.
            Assert.Equal(TrackedFiles.Walk(_root), TrackedFiles.List(_root));
        }
    }
}
