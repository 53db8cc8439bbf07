using System;
using System.IO;
using System.Text.Json;

namespace Session.Core.Micro.Tests.Support
{
    /// <summary>
    /// Finds and loads the shared conformance vectors (../shared/testvectors beside the repository,
    /// or SESSIONBEACON_TESTVECTORS). A missing folder fails the test: vectors are never skipped.
    /// </summary>
    public static class TestVectors
    {
        private static readonly Lazy<string> s_root = new Lazy<string>(Locate);

        public static string Root => s_root.Value;

        public static string PathOf(string relative) => Path.Combine(Root, relative);

        public static JsonElement Json(string relative)
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(PathOf(relative)));
            return document.RootElement.Clone();
        }

        public static string[] Lines(string relative) => File.ReadAllLines(PathOf(relative));

        /// <summary>Reads a hex string property; "" is zero bytes.</summary>
        public static byte[] Bytes(this JsonElement element, string property) => Convert.FromHexString(element.GetProperty(property).GetString());

        public static string Text(this JsonElement element, string property) => element.GetProperty(property).GetString();

        public static bool Has(this JsonElement element, string property) =>
            element.TryGetProperty(property, out JsonElement value) && value.ValueKind != JsonValueKind.Null;

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
            string full = System.IO.Path.GetFullPath(path);
            if (!File.Exists(System.IO.Path.Combine(full, "README.md")))
            {
                throw new DirectoryNotFoundException(
                    "test vectors not found at " + full + ": put shared/testvectors beside the repository or set SESSIONBEACON_TESTVECTORS");
            }
            return full;
        }
    }
}
