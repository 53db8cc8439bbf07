using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using Session.Core.Micro.Network;

namespace SessionBeacon.Harness.Storage
{
    /// <summary>
    /// An IKeyValueStore in a folder: one file per key, named by the SHA-256 of the key (keys can be
    /// longer than a file name may be), written to a temporary file and moved into place.
    /// </summary>
    public sealed class DirectoryStore : IKeyValueStore
    {
        private readonly string _folder;

        public DirectoryStore(string folder)
        {
            ArgumentNullException.ThrowIfNull(folder);
            _folder = folder;
            Directory.CreateDirectory(folder);
        }

        public byte[] Get(string key)
        {
            string path = PathOf(key);
            return File.Exists(path) ? File.ReadAllBytes(path) : null;
        }

        public void Put(string key, byte[] value)
        {
            ArgumentNullException.ThrowIfNull(value);
            string path = PathOf(key);
            string temporary = path + ".tmp";
            File.WriteAllBytes(temporary, value);
            File.Move(temporary, path, overwrite: true);
        }

        public void Remove(string key)
        {
            File.Delete(PathOf(key));
        }

        private string PathOf(string key)
        {
            ArgumentNullException.ThrowIfNull(key);
            return Path.Combine(_folder, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))) + ".value");
        }
    }
}
