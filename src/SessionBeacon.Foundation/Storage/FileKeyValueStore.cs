// IKeyValueStore on a file system where writing a file is not atomic (the device's internal flash
// drive: nanoFramework's File.WriteAllBytes truncates the file, then writes it). Each Put writes
// "<file>.new" in full, then deletes the old file, then renames the new one. A power cut leaves
// the old file (and perhaps a partial .new, ignored and later overwritten), or no file and a .new,
// which Get renames into place when whole and deletes when partial. Every file ends with its length and "SBKV", so a partial .new
// is never taken for a whole one. Delete and rename must each be all-or-nothing (one directory
// update). Keys become file names: letters, digits, '.', '_' and '-' stay, any other character
// becomes '%' and its code in hex.
using Session.Core.Micro.Encoding;
using Session.Core.Micro.Network;

namespace SessionBeacon.Storage
{
    /// <summary>Named byte values as files, each replaced atomically.</summary>
    public sealed class FileKeyValueStore : IKeyValueStore
    {
        private const int TrailerSize = 8;
        private const string NewSuffix = ".new";
        private static readonly byte[] s_marker = { 0x53, 0x42, 0x4b, 0x56 };

        private readonly IFileSystem _files;
        private readonly string _prefix;

        /// <summary>A store in <paramref name="files"/> whose files are named <paramref name="prefix"/> + key, such as I:\kv-outbox.0.a.</summary>
        /// <exception cref="System.ArgumentNullException">An argument is null.</exception>
        public FileKeyValueStore(IFileSystem files, string prefix)
        {
            if (files == null)
            {
                throw Errors.Null("files");
            }
            if (prefix == null)
            {
                throw Errors.Null("prefix");
            }
            _files = files;
            _prefix = prefix;
        }

        /// <summary>The value under <paramref name="key"/>, or null.</summary>
        /// <exception cref="System.ArgumentNullException"><paramref name="key"/> is null.</exception>
        public byte[] Get(string key)
        {
            string path = PathOf(key);
            if (!_files.Exists(path))
            {
                string next = path + NewSuffix;
                if (!_files.Exists(next))
                {
                    return null;
                }
                // Only a whole .new is renamed: Put writes it completely before it deletes the old
                // file. A partial one is a Put that never finished; it holds nothing worth keeping.
                if (Unwrap(_files.ReadAllBytes(next)) == null)
                {
                    _files.Delete(next);
                    return null;
                }
                _files.Move(next, path);
            }
            return Unwrap(_files.ReadAllBytes(path));
        }

        /// <summary>Replaces the value under <paramref name="key"/>: a power cut leaves the old value or the new one.</summary>
        /// <exception cref="System.ArgumentNullException">An argument is null.</exception>
        public void Put(string key, byte[] value)
        {
            if (value == null)
            {
                throw Errors.Null("value");
            }
            string path = PathOf(key);
            string next = path + NewSuffix;
            _files.WriteAllBytes(next, Wrap(value));
            _files.Delete(path);
            _files.Move(next, path);
        }

        /// <summary>Removes the value under <paramref name="key"/>.</summary>
        /// <exception cref="System.ArgumentNullException"><paramref name="key"/> is null.</exception>
        public void Remove(string key)
        {
            string path = PathOf(key);
            // The .new first: once the main file is gone, a whole .new would otherwise bring the value back.
            _files.Delete(path + NewSuffix);
            _files.Delete(path);
        }

        private string PathOf(string key)
        {
            if (key == null)
            {
                throw Errors.Null("key");
            }
            string name = "";
            foreach (char c in key.ToCharArray())
            {
                bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
                name += plain ? c.ToString() : "%" + Hex4(c);
            }
            return _prefix + name;
        }

        // The character's code as four lowercase hex digits.
        private static string Hex4(char c)
        {
            return Hex.Encode(new byte[] { (byte)(c >> 8), (byte)c });
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
