using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using SessionBeacon.Harness.Tests.Support;
using Xunit;

namespace SessionBeacon.Harness.Tests
{
    /// <summary>
    /// Following README.md and docs/ in the repository root makes folders that hold secrets (an identity's
    /// seed, a device's Wi-Fi passphrase); the repository's .gitignore keeps every one of them out of a 'git add -A'.
    /// </summary>
    public class GitIgnoreTests
    {
        private static readonly string s_root = Git.Run(AppContext.BaseDirectory, "rev-parse", "--show-toplevel").Output;

        // Every folder the documentation passes to --data or --out (DIR and the like are placeholders).
        private static string[] FoldersInDocs()
        {
            string[] documents = Directory.GetFiles(Path.Combine(s_root, "docs"), "*.md").Append(Path.Combine(s_root, "README.md")).ToArray();
            return documents.SelectMany(File.ReadAllLines)
                .SelectMany(line => Regex.Matches(line, "--(?:data|out) ([a-z][a-z0-9._-]*)").Select(match => match.Groups[1].Value))
                .Distinct().Order(StringComparer.Ordinal).ToArray();
        }

        public static TheoryData<string> DocumentedFolders() => new TheoryData<string>(FoldersInDocs());

        [Fact]
        public void DocumentedFolders_AreFound()
        {
            Assert.Equal(new[] { "beacon-1", "me", "receiver", "rx", "testnet-data", "tn" }, FoldersInDocs());
        }

        [Theory]
        [MemberData(nameof(DocumentedFolders))]
        public void DocumentedFolder_IsIgnored(string folder)
        {
            foreach (string file in new[] { "identity.seed", "nf.config", "network/x" })
            {
                string path = folder + "/" + file;
                Assert.True(Git.Run(s_root, "check-ignore", "--quiet", "--no-index", path).ExitCode == 0, path + " is not ignored by .gitignore");
            }
        }

        [Theory]
        [InlineData("identity.seed")]
        [InlineData("somewhere/else/identity.seed")]
        [InlineData("somewhere/prekey.secret")]
        [InlineData("phrase.txt")]
        public void SecretFile_IgnoredAnywhere(string path)
        {
            Assert.True(Git.Run(s_root, "check-ignore", "--quiet", "--no-index", path).ExitCode == 0, path + " is not ignored by .gitignore");
        }

        [Fact]
        public void Sources_AreNotIgnored()
        {
            Assert.Equal(1, Git.Run(s_root, "check-ignore", "--quiet", "--no-index", "src/SessionBeacon.Foundation/Config/DeviceSetup.cs").ExitCode);
        }
    }
}
