using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;

namespace Repository.Tests
{
    /// <summary>
    /// The files the repository tracks, as paths relative to its top folder with '/': what
    /// "git ls-files" lists, or, where git is missing or the folder is no git checkout (an exported
    /// tree), every file below the top folder except build output and git's own folder.
    /// </summary>
    public static class TrackedFiles
    {
        private static readonly HashSet<string> s_notSource = new HashSet<string>(StringComparer.Ordinal)
        {
            "bin", "obj", ".git", ".vs", "TestResults", "BenchmarkDotNet.Artifacts", "testnet-data",
        };

        public static List<string> List(string root)
        {
            List<string> listed = FromGit(root);
            return listed ?? Walk(root);
        }

        /// <summary>Every file below <paramref name="root"/>, skipping build output, IDE and git folders.</summary>
        public static List<string> Walk(string root)
        {
            var files = new List<string>();
            var pending = new Stack<string>();
            pending.Push(root);
            while (pending.Count > 0)
            {
                string dir = pending.Pop();
                foreach (string sub in Directory.GetDirectories(dir))
                {
                    if (!s_notSource.Contains(Path.GetFileName(sub)))
                    {
                        pending.Push(sub);
                    }
                }
                foreach (string file in Directory.GetFiles(dir))
                {
                    files.Add(Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/'));
                }
            }
            files.Sort(StringComparer.Ordinal);
            return files;
        }

        /// <summary>git ls-files, or null when git cannot say (not installed, or not a checkout).</summary>
        private static List<string> FromGit(string root)
        {
            var start = new ProcessStartInfo("git")
            {
                WorkingDirectory = root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string argument in new[] { "-c", "core.quotepath=off", "ls-files", "-z" })
            {
                start.ArgumentList.Add(argument);
            }
            Process git;
            try
            {
                git = Process.Start(start);
            }
            catch (Win32Exception)
            {
                return null;
            }
            using (git)
            {
                var error = git.StandardError.ReadToEndAsync();
                string output = git.StandardOutput.ReadToEnd();
                git.WaitForExit();
                error.Wait();
                if (git.ExitCode != 0)
                {
                    return null;
                }
                var files = new List<string>();
                foreach (string path in output.Split('\0', StringSplitOptions.RemoveEmptyEntries))
                {
                    // A file deleted in the work tree but not yet from the index is not there to read.
                    if (File.Exists(Path.Combine(root, path)))
                    {
                        files.Add(path);
                    }
                }
                files.Sort(StringComparer.Ordinal);
                return files;
            }
        }
    }
}
