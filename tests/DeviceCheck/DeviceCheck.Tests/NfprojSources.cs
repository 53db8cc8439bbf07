using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace DeviceCheck.Tests
{
    /// <summary>
    /// Compares the files a .nfproj compiles with the .cs files beside it. The device build lists
    /// every file by name (CONTRIBUTING.md rule 9), so a new file that is not listed would be missing on the board.
    /// </summary>
    public static class NfprojSources
    {
        /// <summary>Source files under the project's folder (bin/ and obj/ aside) that the .nfproj does not list.</summary>
        public static IReadOnlyList<string> Unlisted(string nfprojPath)
        {
            var listed = new HashSet<string>(Listed(nfprojPath), StringComparer.Ordinal);
            return OnDisk(Path.GetDirectoryName(nfprojPath)).Where(file => !listed.Contains(file)).ToList();
        }

        /// <summary>Files the .nfproj lists that do not exist.</summary>
        public static IReadOnlyList<string> Stale(string nfprojPath)
        {
            string folder = Path.GetDirectoryName(nfprojPath);
            return Listed(nfprojPath).Where(file => !File.Exists(Path.Combine(folder, file))).ToList();
        }

        /// <summary>The Compile items of a .nfproj, with '/' separators.</summary>
        public static IReadOnlyList<string> Listed(string nfprojPath)
        {
            return XDocument.Load(nfprojPath).Descendants()
                .Where(element => element.Name.LocalName == "Compile")
                .Select(element => element.Attribute("Include").Value.Replace('\\', '/'))
                .ToList();
        }

        private static IEnumerable<string> OnDisk(string folder)
        {
            return Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories)
                .Select(path => Path.GetRelativePath(folder, path).Replace('\\', '/'))
                .Where(file => !file.StartsWith("bin/", StringComparison.Ordinal) && !file.StartsWith("obj/", StringComparison.Ordinal))
                .OrderBy(file => file, StringComparer.Ordinal);
        }
    }
}
