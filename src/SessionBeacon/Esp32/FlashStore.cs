// IKeyValueStore on nanoFramework's internal flash drive (nanoFramework only). File.WriteAllBytes
// truncates the file and then writes it, so a power cut can leave a file empty or cut short. Each
// Put therefore writes "<file>.new" in full, then deletes the old file, then renames the new one.
// A cut leaves: the old file (and a partial .new, ignored and overwritten later), or no file and
// a whole .new, which Get renames into place. Each file ends with its length and "SBKV", so a
// partial file is never mistaken for a whole one. Keys become file names: letters, digits, '.',
// '_' and '-' stay, every other character becomes '%' and its code in hex.
using System.IO;
using Session.Core.Micro.Network;

namespace SessionBeacon.Esp32
{
    /// <summary>Named byte values as files on the internal flash drive, each replaced atomically.</summary>
    public sealed class FlashStore : IKeyValueStore
    {
        private const int TrailerSize = 8;
        private const string NewSuffix = ".new";
        private static readonly byte[] s_marker = { 0x53, 0x42, 0x4b, 0x56 };

        private readonly string _prefix;

        /// <summary>A store whose files are <paramref name="directory"/> + "kv-" + the key, such as I:\kv-outbox.0.a.</summary>
        public FlashStore(string directory)
        {
            _prefix = directory + "kv-";
        }

        /// <summary>The value under <paramref name="key"/>, or null.</summary>
        /// <exception cref="IOException">The drive failed.</exception>
        public byte[] Get(string key)
        {
            string path = PathOf(key);
            if (!File.Exists(path))
            {
                string next = path + NewSuffix;
                // Only a whole .new is ever renamed: Put writes it completely before deleting the old file.
                if (!File.Exists(next) || Unwrap(File.ReadAllBytes(next)) == null)
                {
                    return null;
                }
                File.Move(next, path);
            }
            return Unwrap(File.ReadAllBytes(path));
        }

        /// <summary>Replaces the value under <paramref name="key"/>: a power cut leaves the old value or the new one.</summary>
        /// <exception cref="IOException">The drive failed.</exception>
        public void Put(string key, byte[] value)
        {
            string path = PathOf(key);
            string next = path + NewSuffix;
            File.WriteAllBytes(next, Wrap(value));
            File.Delete(path);
            File.Move(next, path);
        }

        /// <summary>Removes the value under <paramref name="key"/>.</summary>
        /// <exception cref="IOException">The drive failed.</exception>
        public void Remove(string key)
        {
            string path = PathOf(key);
            File.Delete(path + NewSuffix);
            File.Delete(path);
        }

        private string PathOf(string key)
        {
            string name = "";
            foreach (char c in key.ToCharArray())
            {
                bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
                name += plain ? c.ToString() : "%" + ((int)c).ToString("x2");
            }
            return _prefix + name;
        }

        private static byte[] Wrap(byte[] value)
        {
            byte[] file = new byte[value.Length + TrailerSize];
            System.Array.Copy(value, file, value.Length);
            int at = value.Length;
            file[at] = (byte)(value.Length >> 24);
            file[at + 1] = (byte)(value.Length >> 16);
            file[at + 2] = (byte)(value.Length >> 8);
            file[at + 3] = (byte)value.Length;
            System.Array.Copy(s_marker, 0, file, at + 4, s_marker.Length);
            return file;
        }

        private static byte[] Unwrap(byte[] file)
        {
            if (file == null || file.Length < TrailerSize)
            {
                return null;
            }
            int at = file.Length - TrailerSize;
            int length = (file[at] << 24) | (file[at + 1] << 16) | (file[at + 2] << 8) | file[at + 3];
            if (length != at || file[at + 4] != s_marker[0] || file[at + 5] != s_marker[1] || file[at + 6] != s_marker[2] || file[at + 7] != s_marker[3])
            {
                return null;
            }
            byte[] value = new byte[length];
            System.Array.Copy(file, value, length);
            return value;
        }
    }
}
