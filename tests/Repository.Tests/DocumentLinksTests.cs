using System;
using System.Collections.Generic;
using System.IO;
using Xunit;

namespace Repository.Tests
{
    /// <summary>DocumentLinks on a small repository of real files in a temporary folder.</summary>
    public sealed class DocumentLinksTests : IDisposable
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), "document-links-" + Guid.NewGuid().ToString("N"));

        public DocumentLinksTests()
        {
            Directory.CreateDirectory(Path.Combine(_root, "docs", "img"));
            Directory.CreateDirectory(Path.Combine(_root, "tests", "vectors"));
            File.WriteAllText(Path.Combine(_root, "README.md"), "# top\n");
            File.WriteAllText(Path.Combine(_root, "CONTRIBUTING.md"), "# rules\n");
            File.WriteAllText(Path.Combine(_root, "docs", "protocol.md"), "# protocol\n");
            File.WriteAllText(Path.Combine(_root, "docs", "outbox.md"), "# outbox\n");
            File.WriteAllText(Path.Combine(_root, "docs", "img", "wiring.png"), "png");
            File.WriteAllText(Path.Combine(_root, "tests", "vectors", "README.md"), "# vectors\n");
        }

        public void Dispose() => Directory.Delete(_root, true);

        [Theory]
        [InlineData("docs/outbox.md", "See [the protocol](protocol.md) and [store](protocol.md#32-store \"Store\").")]
        [InlineData("docs/outbox.md", "![wiring](img/wiring.png) and [pictures](img/) and [the top](../README.md)")]
        [InlineData("docs/outbox.md", "[rules](/CONTRIBUTING.md), [here](#rules), [web](https://example.org/x.md), [mail](mailto:a@b.c)")]
        [InlineData("docs/outbox.md", "[protocol]: ./protocol.md#4")]
        [InlineData("tests/vectors/README.md", "[protocol](../../docs/protocol.md) and docs/outbox.md")]
        [InlineData("src/X.cs", "// docs/protocol.md §2.4 and CONTRIBUTING.md rule 13; tests/vectors/README.md")]
        [InlineData("src/X.cs", "// [x](missing.md) is a link only in markdown; protocol.md alone names no path")]
        public void Missing_ReferencesThatExist_FindsNone(string path, string line)
        {
            Assert.Empty(DocumentLinks.Missing(_root, path, new[] { line }));
        }

        [Theory]
        [InlineData("docs/outbox.md", "See [the protocol](protocl.md).", "docs/outbox.md:1: link protocl.md does not exist")]
        [InlineData("docs/outbox.md", "See [the protocol](docs/protocol.md).", "docs/outbox.md:1: link docs/protocol.md does not exist")]
        [InlineData("README.md", "[outbox](docs/outbx.md#rules)", "README.md:1: link docs/outbx.md#rules does not exist")]
        [InlineData("docs/outbox.md", "[label]: ../docs/ratchet.md", "docs/outbox.md:1: link ../docs/ratchet.md does not exist")]
        [InlineData("docs/outbox.md", "[up](../../outside.md)", "docs/outbox.md:1: link ../../outside.md leaves the repository")]
        [InlineData("src/X.cs", "// (docs/architecture.md, \"Composer\")", "src/X.cs:1: docs/architecture.md does not exist")]
        [InlineData("src/X.cs", "// see tests/vectors/READ.md", "src/X.cs:1: tests/vectors/READ.md does not exist")]
        public void Missing_ReferenceToNothing_IsNamed(string path, string line, string expected)
        {
            Assert.Equal(new[] { expected }, DocumentLinks.Missing(_root, path, new[] { line }));
        }

        [Fact]
        public void Missing_FencedCodeInMarkdown_IsNotChecked()
        {
            string[] lines = { "```", "[example](nothing.md)", "```", "[real](nothing.md)" };
            List<string> missing = DocumentLinks.Missing(_root, "docs/outbox.md", lines);
            Assert.Equal(new[] { "docs/outbox.md:4: link nothing.md does not exist" }, missing);
        }
    }
}
