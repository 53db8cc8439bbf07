using System;
using System.IO;
using System.Text.Json;

namespace SessionBeacon.Harness.Tests.Support
{
    /// <summary>
    /// Finds and loads the shared conformance vectors: SESSIONBEACON_TESTVECTORS when set, else
    /// ../shared/testvectors beside the folder holding SessionBeacon.sln. A missing folder fails the
    /// test: vectors are never skipped.
    /// </summary>
    public static class TestVectors
    {
        private static readonly Lazy<string> s_root = new Lazy<string>(Locate);

        public static string Root => s_root.Value;

        public static JsonElement Json(string relative)
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Root, relative)));
            return document.RootElement.Clone();
        }

        private static string Locate()
        {
            string fromEnvironment = Environment.GetEnvironmentVariable("SESSIONBEACON_TESTVECTORS");
            if (!string.IsNullOrEmpty(fromEnvironment))
            {
                return RequireFolder(fromEnvironment);
            }
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "SessionBeacon.sln")))
                {
                    return RequireFolder(Path.Combine(dir.FullName, "..", "shared", "testvectors"));
                }
            }
            throw new DirectoryNotFoundException("SessionBeacon.sln not found above " + AppContext.BaseDirectory);
        }

        private static string RequireFolder(string path)
        {
            string full = Path.GetFullPath(path);
            if (!File.Exists(Path.Combine(full, "README.md")))
            {
                throw new DirectoryNotFoundException(
                    "test vectors not found at " + full + ": put shared/testvectors beside the repository or set SESSIONBEACON_TESTVECTORS");
            }
            return full;
        }
    }
}
