// IFileSystem on nanoFramework's System.IO.File (nanoFramework only), for the internal flash
// drive I: that FileKeyValueStore keeps the outbox and the node pool on. On the ESP32 the drive is
// littlefs, whose rename and delete are single metadata commits.
// Writes go through a FileStream rather than File.WriteAllBytes: in nanoframework/System.IO.FileSystem
// File.cs (the newest stored version, commit 1098443d) WriteAllBytes first calls File.Create(path)
// and never disposes the FileStream it returns, then writes through a second stream. The leaked,
// truncating handle is closed whenever the finalizer runs, which is no place for the outbox's
// data. One stream, flushed and closed before WriteAllBytes returns, leaves no such handle.
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
            using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write))
            {
                stream.Write(bytes, 0, bytes.Length);
                stream.Flush();
            }
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
