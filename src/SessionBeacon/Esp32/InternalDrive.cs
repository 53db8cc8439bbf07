// IFileSystem on nanoFramework's System.IO.File (nanoFramework only), for the internal flash
// drive I: that FileKeyValueStore keeps the outbox and the node pool on. On the ESP32 the drive is
// littlefs, whose rename and delete are single metadata commits.
using System.IO;
using SessionBeacon.Storage;

namespace SessionBeacon.Esp32
{
    /// <summary>The device's file system.</summary>
    public sealed class InternalDrive : IFileSystem
    {
        /// <summary>Where the firmware keeps its values: files I:\kv-*.</summary>
        public const string StorePrefix = "I:\\kv-";

        /// <summary>Whether the file exists.</summary>
        public bool Exists(string path)
        {
            return File.Exists(path);
        }

        /// <summary>The whole file.</summary>
        /// <exception cref="IOException">The file cannot be read.</exception>
        public byte[] ReadAllBytes(string path)
        {
            return File.ReadAllBytes(path);
        }

        /// <summary>Creates or truncates the file, then writes it.</summary>
        /// <exception cref="IOException">The drive failed or is full.</exception>
        public void WriteAllBytes(string path, byte[] bytes)
        {
            File.WriteAllBytes(path, bytes);
        }

        /// <summary>Deletes the file, if it exists.</summary>
        /// <exception cref="IOException">The drive failed.</exception>
        public void Delete(string path)
        {
            File.Delete(path);
        }

        /// <summary>Renames the file.</summary>
        /// <exception cref="IOException">The source is missing or the destination exists.</exception>
        public void Move(string source, string destination)
        {
            File.Move(source, destination);
        }
    }
}
