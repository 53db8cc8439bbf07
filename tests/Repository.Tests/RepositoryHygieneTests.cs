using System;
using System.Collections.Generic;
using System.IO;
using Session.Core.Micro.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Repository.Tests
{
    /// <summary>
    /// Every tracked text file stands alone: no path into the folder beside the repository, no ticket
    /// number, design documents cited as docs/..., and every document it links to or names is there.
    /// </summary>
    public class RepositoryHygieneTests
    {
        // The matchers' own tests must spell out what the matchers flag.
        private static readonly HashSet<string> s_samples = new HashSet<string>(StringComparer.Ordinal)
        {
            "tests/Repository.Tests/OutsideReferenceTests.cs",
            "tests/Repository.Tests/DocumentLinksTests.cs",
        };

        private readonly ITestOutputHelper _output;

        public RepositoryHygieneTests(ITestOutputHelper output)
        {
            _output = output;
        }

        [Fact]
        public void TrackedTextFiles_ReferToNothingOutsideTheRepository()
        {
            var found = new List<string>();
            int scanned = 0;
            foreach (string path in TextFiles())
            {
                string[] lines = ReadLines(path);
                for (int i = 0; i < lines.Length; i++)
                {
                    string reason = OutsideReference.Find(path, lines[i]);
                    if (reason != null)
                    {
                        found.Add(path + ":" + (i + 1) + ": " + reason + ": " + Shorten(lines[i]));
                    }
                }
                scanned++;
            }
            _output.WriteLine(scanned + " tracked text files scanned");
            Assert.True(found.Count == 0, found.Count + " lines refer outside the repository:\n  " + string.Join("\n  ", found));
        }

        [Fact]
        public void TrackedTextFiles_LinkOnlyToDocumentsThatExist()
        {
            var found = new List<string>();
            foreach (string path in TextFiles())
            {
                found.AddRange(DocumentLinks.Missing(RepositoryRoot.Path, path, ReadLines(path)));
            }
            Assert.True(found.Count == 0, found.Count + " references to missing documents:\n  " + string.Join("\n  ", found));
        }

        [Fact]
        public void TrackedFiles_IncludeTheSolutionAndThisTest_AndNoBuildOutput()
        {
            List<string> files = TrackedFiles.List(RepositoryRoot.Path);
            Assert.Contains("SessionBeacon.sln", files);
            Assert.Contains("tests/Repository.Tests/RepositoryHygieneTests.cs", files);
            Assert.DoesNotContain(files, f => f.Contains("/bin/", StringComparison.Ordinal) || f.Contains("/obj/", StringComparison.Ordinal));
        }

        // Tracked files that are text: no NUL byte. The vectors are upstream data kept byte for byte
        // (tests/vectors/SHA256SUMS guards them), so only their README is ours to check.
        private static IEnumerable<string> TextFiles()
        {
            foreach (string path in TrackedFiles.List(RepositoryRoot.Path))
            {
                bool vectorData = path.StartsWith("tests/vectors/", StringComparison.Ordinal) && path != "tests/vectors/README.md";
                if (vectorData || s_samples.Contains(path))
                {
                    continue;
                }
                byte[] bytes = File.ReadAllBytes(Path.Combine(RepositoryRoot.Path, path));
                if (Array.IndexOf(bytes, (byte)0) < 0)
                {
                    yield return path;
                }
            }
        }

        private static string[] ReadLines(string path) =>
            File.ReadAllText(Path.Combine(RepositoryRoot.Path, path)).Replace("\r\n", "\n").Split('\n');

        private static string Shorten(string line)
        {
            string trimmed = line.Trim();
            return trimmed.Length <= 160 ? trimmed : trimmed.Substring(0, 157) + "...";
        }
    }
}
