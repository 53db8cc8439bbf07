// Compile-only shim of nanoFramework.System.IO.FileSystem 1.1.87 (assembly System.IO.FileSystem):
// exactly the members of System.IO.File that src/SessionBeacon/Esp32 uses, with the package's
// signatures (see README.md). Never run: every body throws.
namespace System.IO
{
    /// <summary>nanoFramework: file helpers on a drive such as the internal flash I:.</summary>
    public static class File
    {
        /// <summary>Deletes a file; no-op when it does not exist.</summary>
        public static void Delete(string path) => throw new NotImplementedException();

        /// <summary>Whether the file exists.</summary>
        public static bool Exists(string path) => throw new NotImplementedException();

        /// <summary>Renames a file; throws IOException when the destination exists.</summary>
        public static void Move(string sourceFileName, string destFileName) => throw new NotImplementedException();

        /// <summary>Reads a whole file.</summary>
        public static byte[] ReadAllBytes(string path) => throw new NotImplementedException();

        /// <summary>Reads a whole UTF-8 text file.</summary>
        public static string ReadAllText(string path) => throw new NotImplementedException();

        /// <summary>Creates or truncates the file, then writes the bytes.</summary>
        public static void WriteAllBytes(string path, byte[] bytes) => throw new NotImplementedException();
    }
}
