using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace DeviceCheck.Tests
{
    /// <summary>The Project(...) lines of a Visual Studio .sln: project type, name, path and project GUID.</summary>
    public static class SolutionProjects
    {
        private static readonly Regex s_project = new Regex(
            "^Project\\(\"(?<type>\\{[^}]+\\})\"\\)\\s*=\\s*\"(?<name>[^\"]*)\",\\s*\"(?<path>[^\"]*)\",\\s*\"(?<guid>\\{[^}]+\\})\"",
            RegexOptions.Multiline | RegexOptions.CultureInvariant);

        public static IReadOnlyList<SolutionProject> Parse(string solution)
        {
            return s_project.Matches(solution)
                .Select(match => new SolutionProject(match.Groups["type"].Value, match.Groups["name"].Value, match.Groups["path"].Value, match.Groups["guid"].Value))
                .ToList();
        }
    }
}
