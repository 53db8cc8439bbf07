using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using Session.Core.Micro.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Repository.Tests
{
    /// <summary>tests/vectors against its SHA256SUMS, and the check itself on small folders of real files.</summary>
    public sealed class VectorManifestTests : IDisposable
    {
        private readonly ITestOutputHelper _output;
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "vector-manifest-" + Guid.NewGuid().ToString("N"));

        public VectorManifestTests(ITestOutputHelper output)
        {
            _output = output;
            Directory.CreateDirectory(Path.Combine(_folder, "family"));
        }

        public void Dispose() => Directory.Delete(_folder, true);

        [Fact]
        public void ShippedVectors_MatchTheirChecksums_AndAreAllListed()
        {
            List<string> problems = VectorManifest.Problems(TestVectors.Root, TestVectors.ChecksumFile);
            Assert.True(problems.Count == 0, "tests/vectors does not match " + TestVectors.ChecksumFile + ":\n  " + string.Join("\n  ", problems));
            int listed = File.ReadAllLines(TestVectors.PathOf(TestVectors.ChecksumFile)).Length;
            _output.WriteLine(listed + " files in tests/vectors match " + TestVectors.ChecksumFile);
            Assert.True(listed > 0, TestVectors.ChecksumFile + " lists no files");
        }

        [Fact]
        public void Problems_FolderMatchingItsList_FindsNone()
        {
            WriteListed("family/a.json", "{}");
            WriteListed("b.txt", "licence");
            File.WriteAllText(Path.Combine(_folder, VectorManifest.Readme), "about the files");
            Assert.Empty(VectorManifest.Problems(_folder, "SUMS"));
        }

        [Fact]
        public void Problems_ChangedFile_NamesIt()
        {
            WriteListed("family/a.json", "{\"x\":\"00\"}");
            File.WriteAllText(Path.Combine(_folder, "family", "a.json"), "{\"x\":\"01\"}");
            string problem = Assert.Single(VectorManifest.Problems(_folder, "SUMS"));
            Assert.StartsWith("family/a.json: SHA-256 is ", problem);
        }

        [Fact]
        public void Problems_UnlistedFile_NamesIt()
        {
            WriteListed("family/a.json", "{}");
            File.WriteAllText(Path.Combine(_folder, "family", "new.json"), "{}");
            Assert.Equal(new[] { "family/new.json: not listed in SUMS" }, VectorManifest.Problems(_folder, "SUMS"));
        }

        [Fact]
        public void Problems_ListedFileMissing_NamesIt()
        {
            WriteListed("family/a.json", "{}");
            File.Delete(Path.Combine(_folder, "family", "a.json"));
            Assert.Equal(new[] { "family/a.json: listed in SUMS but missing" }, VectorManifest.Problems(_folder, "SUMS"));
        }

        [Theory]
        [InlineData("not a checksum line")]
        [InlineData("ABCDEF  family/a.json")]
        [InlineData("../outside.json")]
        public void Problems_MalformedOrEscapingLine_NamesTheLine(string line)
        {
            string text = line.StartsWith("..", StringComparison.Ordinal) ? new string('0', 64) + "  " + line : line;
            File.WriteAllText(Path.Combine(_folder, "SUMS"), text + "\n");
            string problem = Assert.Single(VectorManifest.Problems(_folder, "SUMS"));
            Assert.StartsWith("SUMS line 1: ", problem);
        }

        [Fact]
        public void Problems_NoList_SaysSo()
        {
            string problem = Assert.Single(VectorManifest.Problems(_folder, "SUMS"));
            Assert.StartsWith("SUMS: missing", problem);
        }

        private void WriteListed(string relative, string content)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(content);
            File.WriteAllBytes(Path.Combine(_folder, relative), bytes);
            File.AppendAllText(Path.Combine(_folder, "SUMS"), Convert.ToHexStringLower(SHA256.HashData(bytes)) + "  " + relative + "\n");
        }
    }
}
