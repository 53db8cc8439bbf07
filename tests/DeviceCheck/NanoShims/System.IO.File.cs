// Compile-only shim of nanoFramework.System.IO.FileSystem 1.1.87 (assembly System.IO.FileSystem):
// exactly the members of File and FileStream that src/SessionBeacon.Esp32 uses, with the package's
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

        /// <summary>Renames a file; throws IOException when the source is missing or the destination exists.</summary>
        public static void Move(string sourceFileName, string destFileName) => throw new NotImplementedException();

        /// <summary>Reads a whole file.</summary>
        public static byte[] ReadAllBytes(string path) => throw new NotImplementedException();

        /// <summary>Reads a whole UTF-8 text file.</summary>
        public static string ReadAllText(string path) => throw new NotImplementedException();
    }

    /// <summary>nanoFramework: how a FileStream opens its file.</summary>
    public enum FileMode
    {
        /// <summary>A new file; IOException when it exists.</summary>
        CreateNew = 1,

        /// <summary>A new file, or the existing one truncated.</summary>
        Create = 2,

        /// <summary>An existing file.</summary>
        Open = 3,

        /// <summary>The existing file, or a new one.</summary>
        OpenOrCreate = 4,

        /// <summary>The existing file, truncated.</summary>
        Truncate = 5,

        /// <summary>The file, positioned at its end.</summary>
        Append = 6,
    }

    /// <summary>nanoFramework: what a FileStream may do.</summary>
    [Flags]
    public enum FileAccess
    {
        /// <summary>Read.</summary>
        Read = 1,

        /// <summary>Write.</summary>
        Write = 2,

        /// <summary>Both.</summary>
        ReadWrite = 3,
    }

    /// <summary>nanoFramework: a file opened as a stream.</summary>
    public class FileStream : Stream
    {
        /// <summary>Opens <paramref name="path"/>.</summary>
        public FileStream(string path, FileMode mode, FileAccess access) => throw new NotImplementedException();

        /// <summary>Reads from the file.</summary>
        public override int Read(byte[] buffer, int offset, int count) => throw new NotImplementedException();

        /// <summary>Writes to the file.</summary>
        public override void Write(byte[] buffer, int offset, int count) => throw new NotImplementedException();

        /// <summary>Writes what is buffered to the drive.</summary>
        public override void Flush() => throw new NotImplementedException();
    }
}
