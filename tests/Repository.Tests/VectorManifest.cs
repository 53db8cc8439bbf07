using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Repository.Tests
{
    /// <summary>
    /// Checks a vector folder against its checksum list: one "&lt;sha256&gt;  &lt;path&gt;" line per file
    /// (sha256sum's format, paths relative with '/'), every listed file present with that hash, and
    /// every file in the folder listed except the list itself and the folder's README.md.
    /// </summary>
    public static class VectorManifest
    {
        public const string Readme = "README.md";

        private static readonly Regex s_line = new Regex("^([0-9a-f]{64})  ([^ ].*)$", RegexOptions.CultureInvariant);

        /// <summary>One line per problem found, naming the file; empty when the folder matches its list.</summary>
        public static List<string> Problems(string folder, string listName)
        {
            var problems = new List<string>();
            string listPath = Path.Combine(folder, listName);
            if (!File.Exists(listPath))
            {
                problems.Add(listName + ": missing from " + folder);
                return problems;
            }

            var listed = new HashSet<string>(StringComparer.Ordinal);
            string[] lines = File.ReadAllLines(listPath);
            for (int i = 0; i < lines.Length; i++)
            {
                Match match = s_line.Match(lines[i]);
                if (!match.Success)
                {
                    problems.Add(listName + " line " + (i + 1) + ": not \"<sha256>  <path>\": " + lines[i]);
                    continue;
                }
                string relative = match.Groups[2].Value;
                if (relative.Contains('\\') || relative.StartsWith('/') || Array.IndexOf(relative.Split('/'), "..") >= 0)
                {
                    problems.Add(listName + " line " + (i + 1) + ": path must be relative, inside the folder, with '/': " + relative);
                    continue;
                }
                if (!listed.Add(relative))
                {
                    problems.Add(listName + " line " + (i + 1) + ": " + relative + " is listed twice");
                    continue;
                }
                string file = Path.Combine(folder, relative);
                if (!File.Exists(file))
                {
                    problems.Add(relative + ": listed in " + listName + " but missing");
                    continue;
                }
                string actual = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)));
                if (actual != match.Groups[1].Value)
                {
                    problems.Add(relative + ": SHA-256 is " + actual + ", " + listName + " says " + match.Groups[1].Value);
                }
            }

            foreach (string file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            {
                string relative = Path.GetRelativePath(folder, file).Replace(Path.DirectorySeparatorChar, '/');
                if (relative != listName && relative != Readme && !listed.Contains(relative))
                {
                    problems.Add(relative + ": not listed in " + listName);
                }
            }
            return problems;
        }
    }
}
