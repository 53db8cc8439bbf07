using Xunit;

namespace Repository.Tests
{
    /// <summary>What the hygiene check flags and what it lets pass, line by line.</summary>
    public class OutsideReferenceTests
    {
        [Theory]
        [InlineData("src/X.cs", "// Vectors live in ../shared/testvectors beside the repository.")]
        [InlineData("src/X.cs", @"// on Windows: ..\shared\testvectors")]
        [InlineData("docs/x.md", "See `../shared/docs/portable-csharp.md`.")]
        [InlineData("tests/X.proto", "// Written from /work/shared/docs/protocol.md §2.4")]
        [InlineData("bench/X.cs", "// the nanoFramework notes in shared/nanoframework/")]
        [InlineData("README.md", "Set SESSIONBEACON_TESTVECTORS or put shared/testvectors next to it.")]
        public void Find_PathBesideTheRepository_IsFlagged(string path, string line)
        {
            Assert.StartsWith("refers to the shared folder", OutsideReference.Find(path, line));
        }

        [Theory]
        [InlineData("// The beacon itself (issue 7): the alert policy's decisions")]
        [InlineData("// Writes the decisions (issue 7 items 2-4; issue 9 item 5)")]
        [InlineData("- `BeaconOnTestnetTests` (issues 7 and 9): the firmware app")]
        [InlineData("/// Issue 8's demo: a 12-node testnet")]
        [InlineData("Fixed in Issue #12.")]
        [InlineData("see ticket 3")]
        [InlineData("Tickets 4 and 5 asked for it.")]
        [InlineData("Retry on 421 (#12)")]
        [InlineData("merged with PR #40")]
        [InlineData("works around bug #5")]
        public void Find_TicketNumber_IsFlagged(string line)
        {
            Assert.Equal("cites a ticket; say why instead", OutsideReference.Find("src/X.cs", line));
        }

        [Theory]
        [InlineData("// Lifecycle (house rule 13): Start(now), Step(now) -> next wake, Stop().")]
        [InlineData("// Module lifecycle (style.md rule 13): Start(now) loads")]
        [InlineData("// a new board is a new file (style.md §14).")]
        [InlineData("The House habits say so.")]
        public void Find_StyleGuideByOldName_IsFlagged(string line)
        {
            Assert.StartsWith("cites the style guide", OutsideReference.Find("src/X.cs", line));
        }

        [Theory]
        [InlineData("src/X.cs", "// Session schemas in protocol.md §2.4.", "protocol.md")]
        [InlineData("src/X.cs", "// about 1 s on an ESP32 (portable-csharp.md section 5)", "portable-csharp.md")]
        [InlineData("src/X.cs", "// Pre-arming (architecture.md, \"Composer\")", "architecture.md")]
        [InlineData("docs/outbox.md", "the network (architecture.md, \"One alert, end to end\").", "architecture.md")]
        [InlineData("README.md", "See [the protocol](protocol.md).", "protocol.md")]
        [InlineData("docs/sub/x.md", "[the protocol](protocol.md)", "protocol.md")]
        [InlineData("src/X.cs", "// see xdocs/protocol.md", "protocol.md")]
        public void Find_DesignDocumentWithoutDocsFolder_IsFlagged(string path, string line, string name)
        {
            Assert.Equal("cites " + name + " without its folder; write docs/" + name, OutsideReference.Find(path, line));
        }

        [Theory]
        [InlineData("src/X.cs", "// Session schemas in docs/protocol.md §2.4.")]
        [InlineData("src/X.cs", "// (docs/portable-csharp.md §5), (docs/architecture.md, \"The alert ratchet\")")]
        [InlineData("tests/vectors/README.md", "see [the spec](../../docs/protocol.md#3-storage)")]
        [InlineData("docs/outbox.md", "the network ([architecture](architecture.md), \"One alert, end to end\").")]
        [InlineData("docs/outbox.md", "[protocol §3.2](./protocol.md#32-store)")]
        [InlineData("src/X.cs", "// Lifecycle (CONTRIBUTING.md rule 13): Start(now), Step(now) -> next wake, Stop().")]
        [InlineData("src/X.cs", "public class CSharpCompiler // compiles C# for the device check")]
        [InlineData("src/X.cs", "#region Helpers")]
        [InlineData("src/X.cs", "#pragma warning disable CS0618")]
        [InlineData("docs/x.md", "The LED is #ff8800 while sending and #0a0 when delivered.")]
        [InlineData("docs/x.md", "## 3. Build and deploy the app")]
        [InlineData("src/X.cs", "Assert.StartsWith(PanicText + \"\\n#1, sent \", alert1.Text);")]
        [InlineData("src/X.cs", "help reached: Bob acknowledged alert #2")]
        [InlineData("src/X.cs", "// round-trip through PKCS#12 (about 50 ms, so only there)")]
        [InlineData("src/X.cs", "// RFC 8439 §2.5.2 and A.3 #1-#11 (the A.3 edge cases)")]
        [InlineData("src/X.cs", "// Bugs in the reference are listed at https://github.com/example/lib/issues/123")]
        [InlineData("src/X.cs", "// A tissue 5 cm wide; reissue 3 copies")]
        [InlineData("src/X.cs", "// my-protocol.md is a file of that other project")]
        [InlineData("src/X.cs", "// the shared secret, shared/unshared state, shareddocs")]
        [InlineData("src/X.cs", "// The style guide prefers short names.")]
        public void Find_OrdinaryText_IsNotFlagged(string path, string line)
        {
            Assert.Null(OutsideReference.Find(path, line));
        }
    }
}
