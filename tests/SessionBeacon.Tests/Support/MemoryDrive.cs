using System;
using System.Collections.Generic;
using System.IO;
using SessionBeacon.Storage;

namespace SessionBeacon.Tests.Support
{
    /// <summary>
    /// An in-memory flat file system that behaves like the device's drive: WriteAllBytes truncates the
    /// file and then writes it in chunks, so a power cut can leave it empty or cut short; delete and
    /// rename are all-or-nothing. The power goes at operation number CutAt (each write chunk, delete
    /// and rename counts), with the files as they were at that moment.
    /// </summary>
    internal sealed class MemoryDrive : IFileSystem
    {
        public const int ChunkSize = 16;

        public Dictionary<string, byte[]> Files { get; } = new Dictionary<string, byte[]>();

        public int CutAt { get; set; } = int.MaxValue;

        public int Operations { get; private set; }

        public bool Exists(string path)
        {
            return Files.ContainsKey(path);
        }

        public byte[] ReadAllBytes(string path)
        {
            if (!Files.TryGetValue(path, out byte[] bytes))
            {
                throw new FileNotFoundException(path);
            }
            return (byte[])bytes.Clone();
        }

        public void WriteAllBytes(string path, byte[] bytes)
        {
            Step();
            Files[path] = new byte[0];
            for (int at = 0; at < bytes.Length; at += ChunkSize)
            {
                Step();
                int count = Math.Min(ChunkSize, bytes.Length - at);
                byte[] grown = new byte[at + count];
                Array.Copy(bytes, grown, at + count);
                Files[path] = grown;
            }
        }

        public void Delete(string path)
        {
            Step();
            Files.Remove(path);
        }

        public void Move(string source, string destination)
        {
            if (!Files.ContainsKey(source) || Files.ContainsKey(destination))
            {
                throw new IOException("cannot move " + source + " to " + destination);
            }
            Step();
            Files[destination] = Files[source];
            Files.Remove(source);
        }

        private void Step()
        {
            if (++Operations == CutAt)
            {
                throw new PowerCutException(Operations);
            }
        }
    }
}
