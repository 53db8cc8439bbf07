// The few file operations FileKeyValueStore needs, so that its replace-by-rename scheme runs the
// same on the device (Esp32/InternalDrive over nanoFramework's System.IO.File) and in tests (an
// in-memory drive that loses power at any operation).
namespace SessionBeacon.Storage
{
    /// <summary>A flat file system: whole-file reads and writes, delete and rename.</summary>
    public interface IFileSystem
    {
        /// <summary>Whether <paramref name="path"/> exists.</summary>
        bool Exists(string path);

        /// <summary>The whole file.</summary>
        byte[] ReadAllBytes(string path);

        /// <summary>Creates or truncates the file, then writes <paramref name="bytes"/>; a power cut may leave any prefix.</summary>
        void WriteAllBytes(string path, byte[] bytes);

        /// <summary>Deletes the file; nothing happens when it does not exist. Happens entirely or not at all.</summary>
        void Delete(string path);

        /// <summary>Renames <paramref name="source"/> to <paramref name="destination"/>, which must not exist. Happens entirely or not at all.</summary>
        void Move(string source, string destination);
    }
}
