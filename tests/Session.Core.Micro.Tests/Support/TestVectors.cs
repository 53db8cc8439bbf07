using System;
using System.IO;
using System.Text.Json;

namespace Session.Core.Micro.Tests.Support
{
    /// <summary>
    /// Finds and loads the conformance vectors kept in the repository's tests/vectors folder. A missing
    /// folder fails the test: vectors are never skipped.
    /// </summary>
    public static class TestVectors
    {
        /// <summary>The folder's checksum list; "hash  path" per vector and licence file.</summary>
        public const string ChecksumFile = "SHA256SUMS";

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
            string folder = Path.Combine(RepositoryRoot.Path, "tests", "vectors");
            if (!File.Exists(Path.Combine(folder, ChecksumFile)))
            {
                throw new DirectoryNotFoundException("test vectors not found: " + folder + " has no " + ChecksumFile);
            }
            return folder;
        }
    }
}
