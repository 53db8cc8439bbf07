// Reading a device's nf.config and its board profile from disk, as check-config, demo and
// beacon run all do: one place for the paths, the defaults and the one-line messages.
using System;
using System.IO;
using SessionBeacon.Config;
using SessionBeacon.Harness.Commands;

namespace SessionBeacon.Harness.Config
{
    /// <summary>A device's configuration files.</summary>
    public static class DeviceFiles
    {
        /// <summary>The boards/ folder beside <paramref name="configPath"/>.</summary>
        public static string BoardsBeside(string configPath) => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(configPath)), "boards");

        /// <summary>The text of <paramref name="configPath"/>.</summary>
        /// <exception cref="FileNotFoundException">There is no such file; the message says what to do.</exception>
        public static string ConfigText(string configPath)
        {
            if (!File.Exists(configPath))
            {
                throw new FileNotFoundException(configPath + " not found: run from the repository root or pass --config FILE", configPath);
            }
            return File.ReadAllText(configPath);
        }

        /// <summary>The path of board <paramref name="name"/>'s profile in <paramref name="boardsFolder"/>.</summary>
        /// <exception cref="FileNotFoundException">There is no such profile; the message lists the ones there are.</exception>
        public static string BoardPath(string boardsFolder, string name)
        {
            string path = Path.Combine(boardsFolder, name + ".conf");
            if (!File.Exists(path))
            {
                throw new FileNotFoundException("board '" + name + "' has no profile " + path + "; use one of: " + string.Join(", ", CheckConfigCommand.BoardNames(boardsFolder)), path);
            }
            return path;
        }

        /// <summary>
        /// The board profile a device with <paramref name="configPath"/> reads: with <paramref name="boardsFolder"/>, the profile
        /// <paramref name="boardName"/> there; without, the board.conf beside the configuration (a folder 'provision' wrote, as on
        /// the device), or else the profile <paramref name="boardName"/> in boards/ beside it (the repository's nf.config).
        /// </summary>
        /// <exception cref="FileNotFoundException">There is no such profile; the message lists the ones there are.</exception>
        public static string BoardPathFor(string configPath, string boardsFolder, string boardName)
        {
            string beside = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(configPath)), ProvisionCommand.BoardFileName);
            if (boardsFolder == null && File.Exists(beside))
            {
                return beside;
            }
            return BoardPath(boardsFolder ?? BoardsBeside(configPath), boardName);
        }

        /// <summary>The board profile at <paramref name="path"/>, validated.</summary>
        /// <exception cref="ConfigException">The profile has problems.</exception>
        public static BoardProfile Board(string path) => BoardProfile.Parse(File.ReadAllText(path), Path.GetFileName(path));
    }
}
