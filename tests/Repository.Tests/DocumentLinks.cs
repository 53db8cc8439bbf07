using System;
using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;

namespace Repository.Tests
{
    /// <summary>
    /// Finds references to documents that are not in the repository: relative markdown links in a
    /// .md file (inline "[text](target)", images, and "[label]: target" definitions; outside fenced
    /// code), resolved from the file's folder, and, in any file, a path such as docs/outbox.md or
    /// CONTRIBUTING.md written out in the text, resolved from the repository's top folder.
    /// Web addresses and links to an anchor in the same page are not checked.
    /// </summary>
    public static class DocumentLinks
    {
        private const RegexOptions Options = RegexOptions.CultureInvariant;

        private static readonly Regex s_inlineLink = new Regex(@"\]\(\s*<?(?<target>[^)\s>]+)>?(?:\s+""[^""]*"")?\s*\)", Options);

        private static readonly Regex s_linkDefinition = new Regex(@"^\s{0,3}\[[^\]]+\]:\s*<?(?<target>[^\s>]+)", Options);

        private static readonly Regex s_scheme = new Regex(@"^[A-Za-z][A-Za-z0-9+.-]*:", Options);

        // A document path from the top folder written in prose or a comment, such as docs/outbox.md.
        private static readonly Regex s_mentionedPath = new Regex(
            @"(?<![\w./\\-])(?<target>(?:(?:docs|src|tests|bench|boards)/[\w./-]*?[\w-]+\.md|CONTRIBUTING\.md))(?![\w-])", Options);

        /// <summary>One line per reference in <paramref name="lines"/> of <paramref name="path"/> whose target does not exist.</summary>
        public static List<string> Missing(string root, string path, string[] lines)
        {
            var missing = new List<string>();
            bool markdown = path.EndsWith(".md", StringComparison.OrdinalIgnoreCase);
            string folder = Path.GetDirectoryName(path.Replace('/', Path.DirectorySeparatorChar)) ?? "";
            bool fenced = false;
            for (int i = 0; i < lines.Length; i++)
            {
                string line = lines[i];
                if (markdown && line.TrimStart().StartsWith("```", StringComparison.Ordinal))
                {
                    fenced = !fenced;
                    continue;
                }
                if (fenced)
                {
                    continue;
                }
                string prose = line;
                if (markdown)
                {
                    foreach (Match link in s_inlineLink.Matches(line))
                    {
                        CheckLink(root, folder, path, i, link.Groups["target"].Value, missing);
                    }
                    Match definition = s_linkDefinition.Match(line);
                    if (definition.Success)
                    {
                        CheckLink(root, folder, path, i, definition.Groups["target"].Value, missing);
                    }
                    // A link's target is resolved from the file's folder above, not again as a path from the top.
                    prose = s_linkDefinition.Replace(s_inlineLink.Replace(line, "]()"), "");
                }
                foreach (Match mention in s_mentionedPath.Matches(prose))
                {
                    string target = mention.Groups["target"].Value;
                    if (!File.Exists(Path.Combine(root, target)))
                    {
                        missing.Add(path + ":" + (i + 1) + ": " + target + " does not exist");
                    }
                }
            }
            return missing;
        }

        private static void CheckLink(string root, string folder, string path, int index, string target, List<string> missing)
        {
            if (s_scheme.IsMatch(target) || target.StartsWith('#'))
            {
                return;
            }
            string file = target.Split('#', '?')[0];
            if (file.Length == 0)
            {
                return;
            }
            file = Uri.UnescapeDataString(file);
            string full = file.StartsWith('/')
                ? Path.GetFullPath(Path.Combine(root, file.TrimStart('/')))
                : Path.GetFullPath(Path.Combine(root, folder, file));
            string top = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
            if (!full.StartsWith(top, StringComparison.Ordinal) && full + Path.DirectorySeparatorChar != top)
            {
                missing.Add(path + ":" + (index + 1) + ": link " + target + " leaves the repository");
            }
            else if (!File.Exists(full) && !Directory.Exists(full))
            {
                missing.Add(path + ":" + (index + 1) + ": link " + target + " does not exist");
            }
        }
    }
}
