// One harness process per folder: 'testnet up' on its data folder, 'listen' on its identity,
// 'beacon run' on its device. Two on one folder would share node databases, ratchet states, seen
// lists and flash, and neither would know of the other.
// DIR/.lock is held open without sharing for as long as the command runs: the OS refuses it to
// anyone else, even in the same process (an exclusive flock on Unix, the share mode on Windows),
// and drops it when the process ends, however it ends, so a crash never leaves a stale lock.
// Since nobody else may open the lock file, who holds it (command, process id, start time) is
// written beside it, in DIR/.lock-holder, for the message the next one prints.
using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;

namespace SessionBeacon.Harness.Storage
{
    /// <summary>An exclusive hold on a folder for the life of this process, or until disposed.</summary>
    public sealed class FolderLock : IDisposable
    {
        public const string FileName = ".lock";
        public const string HolderFileName = ".lock-holder";

        private readonly FileStream _file;
        private readonly string _holderPath;

        private FolderLock(FileStream file, string holderPath)
        {
            _file = file;
            _holderPath = holderPath;
        }

        /// <summary>
        /// Takes <paramref name="folder"/> (created if missing) for <paramref name="command"/>; when another
        /// process or command holds it, writes "COMMAND: FOLDER is in use by ..." to <paramref name="error"/> and returns null.
        /// </summary>
        public static FolderLock TryAcquire(string folder, string command, TextWriter error)
        {
            Directory.CreateDirectory(folder);
            string holderPath = Path.Combine(folder, HolderFileName);
            FileStream file;
            try
            {
                file = new FileStream(Path.Combine(folder, FileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                error.WriteLine(command + ": " + folder + " is in use by " + Holder(holderPath) + "; stop that first, or use another folder");
                return null;
            }
            string temporary = holderPath + ".new";
            File.WriteAllText(temporary, Describe(command));
            File.Move(temporary, holderPath, overwrite: true);
            return new FolderLock(file, holderPath);
        }

        /// <summary>Releases the folder (the OS would at the process's end).</summary>
        public void Dispose()
        {
            File.Delete(_holderPath);
            _file.Dispose();
        }

        // "'COMMAND' (process PID, started TIME UTC)".
        private static string Describe(string command)
        {
            using Process self = Process.GetCurrentProcess();
            return "'" + command + "' (process " + self.Id.ToString(CultureInfo.InvariantCulture) + ", started "
                + self.StartTime.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC)";
        }

        // What the holder wrote, or a plain description while it has not written it yet.
        private static string Holder(string holderPath)
        {
            try
            {
                string written = File.ReadAllText(holderPath);
                if (written.StartsWith('\'') && written.EndsWith(" UTC)", StringComparison.Ordinal) && written.IndexOf('\n') < 0)
                {
                    return written;
                }
            }
            catch (IOException)
            {
                // Missing or being replaced: say what is known.
            }
            return "another harness process";
        }
    }
}
