using System.Text.RegularExpressions;

namespace Repository.Tests
{
    /// <summary>
    /// Finds text that only makes sense next to this repository or in its tracker: a path into the
    /// "shared" folder that sits beside the working copy on the authors' machines, a ticket number,
    /// a design document named without its docs/ folder, or the style guide's habits by their old
    /// names (CONTRIBUTING.md numbers them now). Hex colours, "C#", "#region" and numbered items
    /// such as "alert #3" are not tickets.
    /// </summary>
    public static class OutsideReference
    {
        private const RegexOptions Options = RegexOptions.CultureInvariant;

        private static readonly Regex s_besideRepository = new Regex(
            @"\.\.[\\/]shared\b|(?<![\w.-])shared[\\/](?:docs|testvectors|nanoframework)\b", Options);

        // "issue" or "ticket" (singular or plural) and a number, "PR" or "bug" and "#" with a number, or
        // "#" with a number alone in brackets (OutsideReferenceTests has the examples).
        private static readonly Regex s_ticket = new Regex(
            @"\b(?:issues?|tickets?)\s*#?\d|\b(?:PR|pull request|bug)\s*#\d|\(#\d+\)", Options | RegexOptions.IgnoreCase);

        private static readonly Regex s_styleGuide = new Regex(
            @"\bstyle\.md\b|\bhouse (?:rules?|habits?)\b", Options | RegexOptions.IgnoreCase);

        // A design document and the folders written before it ("docs/", "../docs/", or none).
        private static readonly Regex s_designDocument = new Regex(
            @"(?<path>(?:[\w.-]+[\\/])*)(?<![\w.-])(?<name>(?:protocol|portable-csharp|architecture)\.md)\b", Options);

        /// <summary>
        /// Why <paramref name="line"/> of the tracked file <paramref name="path"/> (relative, with '/')
        /// points outside the repository, or null when it does not.
        /// </summary>
        public static string Find(string path, string line)
        {
            if (s_besideRepository.IsMatch(line))
            {
                return "refers to the shared folder beside the repository; the repository must stand alone";
            }
            if (s_ticket.IsMatch(line))
            {
                return "cites a ticket; say why instead";
            }
            if (s_styleGuide.IsMatch(line))
            {
                return "cites the style guide by an old name; cite CONTRIBUTING.md rule N";
            }
            foreach (Match match in s_designDocument.Matches(line))
            {
                if (!IsInRepository(path, line, match))
                {
                    return "cites " + match.Groups["name"].Value + " without its folder; write docs/" + match.Groups["name"].Value;
                }
            }
            return null;
        }

        // Inside the repository: the document under docs/ (also written from a subfolder, with ../),
        // or a relative markdown link to it from a file in docs/ itself.
        private static bool IsInRepository(string path, string line, Match match)
        {
            string before = match.Groups["path"].Value.Replace('\\', '/');
            if (before == "docs/" || before.EndsWith("/docs/", System.StringComparison.Ordinal))
            {
                return true;
            }
            bool linkTarget = match.Index >= 2 && line.Substring(match.Index - 2, 2) == "](";
            bool inDocs = path.StartsWith("docs/", System.StringComparison.Ordinal) && path.IndexOf('/', 5) < 0;
            return inDocs && linkTarget && (before == "" || before == "./");
        }
    }
}
