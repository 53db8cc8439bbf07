using System.Diagnostics;
using System.IO;

namespace SessionBeacon.Harness.Tests.Support
{
    /// <summary>Runs the real git, for the tests about what must never reach a repository.</summary>
    internal static class Git
    {
        /// <summary>git with <paramref name="arguments"/> in <paramref name="folder"/>: its exit code and standard output.</summary>
        public static (int ExitCode, string Output) Run(string folder, params string[] arguments)
        {
            var start = new ProcessStartInfo("git") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (string argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }
            using Process git = Process.Start(start);
            string output = git.StandardOutput.ReadToEnd();
            git.StandardError.ReadToEnd();
            git.WaitForExit();
            return (git.ExitCode, output.Trim());
        }

        /// <summary>A new, empty repository in a temporary folder.</summary>
        public static string NewRepository()
        {
            string folder = Directory.CreateTempSubdirectory("repo").FullName;
            Run(folder, "init", "--quiet");
            return folder;
        }
    }
}
