using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using SessionBeacon.Harness.Provisioning;
using Xunit;

namespace SessionBeacon.Harness.Tests
{
    /// <summary>
    /// Every harness command line that the README, CONTRIBUTING.md, docs/, nf.config or
    /// README-DEVICE.txt tells a user to type names a command and options that exist: a newcomer
    /// follows them literally.
    /// </summary>
    public class DocumentedCommandsTests
    {
        private static readonly string s_shipped = Path.Combine(AppContext.BaseDirectory, "shipped");

        // A command line in a code span or an indented code line, after the harness's names.
        private static readonly Regex s_invocation = new Regex(@"(?:^|[\s`(])(?:harness|sessionbeacon|SessionBeacon\.Harness -c Release --) ([^`\n]*)");
        private static readonly Regex s_codeSpan = new Regex("`([^`\n]+)`");

        public static TheoryData<string> Documents()
        {
            var documents = new TheoryData<string>();
            foreach (string path in Directory.GetFiles(s_shipped, "*.md", SearchOption.AllDirectories).Concat(new[] { Path.Combine(s_shipped, "nf.config") }))
            {
                documents.Add(Path.GetRelativePath(s_shipped, path));
            }
            return documents;
        }

        [Theory]
        [MemberData(nameof(Documents))]
        public void Document_CommandLines_NameRealCommandsAndOptions(string document)
        {
            AssertCommandsExist(document, File.ReadAllLines(Path.Combine(s_shipped, document)), true);
        }

        [Fact]
        public void DeviceReadme_CommandLines_NameRealCommandsAndOptions()
        {
            foreach (bool hello in new[] { true, false })
            {
                string text = DeviceReadme.Text("beacon-1", "Beacon 1", "ESP32-DevKitC", "esp32-devkitc", "05" + new string('a', 64), null, "identity.seed", hello, DateTime.UtcNow);
                AssertCommandsExist(DeviceReadme.FileName, text.Split('\n'), false);
            }
        }

        [Fact]
        public void Check_UnknownCommandOrOption_Found()
        {
            Assert.Single(Problems(new[] { "run `harness keygen --data x`" }, true));
            Assert.Single(Problems(new[] { "    harness identity new --data me --force" }, true));
            Assert.Single(Problems(new[] { "    harness testnet --data me" }, true));
            Assert.Empty(Problems(new[] { "    harness testnet status --data testnet-data", "the harness reads it", "`harness identity show --data me [--no-qr]`" }, true));
            // In a plain-text file every line counts, prose included.
            Assert.Single(Problems(new[] { "then run (harness keygen --data x) there" }, false));
            Assert.Empty(Problems(new[] { "made by 'harness provision' on 2026-01-01", "(harness = dotnet run --project src/SessionBeacon.Harness -c Release --):" }, false));
        }

        private static void AssertCommandsExist(string document, IEnumerable<string> lines, bool markdown)
        {
            List<string> problems = Problems(lines, markdown);
            Assert.True(problems.Count == 0, document + ":\n" + string.Join("\n", problems));
        }

        private static List<string> Problems(IEnumerable<string> lines, bool markdown)
        {
            RootCommand root = Program.Build(new HarnessConsole(TextReader.Null, TextWriter.Null, TextWriter.Null));
            var problems = new List<string>();
            foreach (string line in lines)
            {
                foreach (string code in markdown ? CodeIn(line) : new[] { line })
                {
                    foreach (Match invocation in s_invocation.Matches(code))
                    {
                        string problem = Check(root, invocation.Groups[1].Value);
                        if (problem != null)
                        {
                            problems.Add(problem + ": " + line.Trim());
                        }
                    }
                }
            }
            return problems;
        }

        // In markdown, indented lines are code blocks; elsewhere only code spans are commands, not prose.
        private static IEnumerable<string> CodeIn(string line)
        {
            if (line.StartsWith("    ", StringComparison.Ordinal))
            {
                return new[] { line };
            }
            return s_codeSpan.Matches(line).Select(match => match.Groups[1].Value);
        }

        private static string Check(RootCommand root, string arguments)
        {
            Command command = root;
            bool named = false;
            foreach (string token in arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(word => word.Trim('[', ']', '.', ',', ';', ':', ')', '\'')))
            {
                if (token.Length == 0 || token == "<" || token == ">" || token == "|" || token == "&&" || token == "=")
                {
                    break;
                }
                named = true;
                if (token.StartsWith("--", StringComparison.Ordinal))
                {
                    if (!Options(command).Contains(token.Split('=')[0]))
                    {
                        return "'" + Name(command) + "' has no option " + token;
                    }
                    continue;
                }
                Command sub = command.Subcommands.FirstOrDefault(candidate => candidate.Name == token);
                if (sub != null)
                {
                    command = sub;
                }
                else if (command == root || (command.Subcommands.Count > 0 && command.Action == null))
                {
                    return "'" + Name(command) + "' has no command '" + token + "'";
                }
            }
            if (command == root)
            {
                // "harness = dotnet run ..." explains the name; it is no command line.
                return named ? "no command named" : null;
            }
            return command.Subcommands.Count > 0 && command.Action == null ? "'" + Name(command) + "' needs one of its commands" : null;
        }

        private static HashSet<string> Options(Command command)
        {
            var names = new HashSet<string> { "--help", "--verbose" };
            for (Command at = command; at != null; at = at.Parents.OfType<Command>().FirstOrDefault())
            {
                foreach (Option option in at.Options)
                {
                    names.Add(option.Name);
                    names.UnionWith(option.Aliases);
                }
            }
            return names;
        }

        private static string Name(Command command) => command is RootCommand ? "harness" : command.Name;
    }
}
