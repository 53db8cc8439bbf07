// Reading a device's nf.config and its board profile from disk, as check-config, demo and
// beacon run all do: one place for the paths, the defaults and the one-line messages. The shipped
// nf.config and boards/ are copied beside the harness (shipped/, also inside the .NET tool), so the
// defaults work from any folder: ./nf.config when there is one, else the shipped one; boards/ beside
// the configuration when there is such a folder, else the shipped boards.
using System;
using System.IO;
using SessionBeacon.Config;
using SessionBeacon.Harness.Commands;

namespace SessionBeacon.Harness.Config
{
    /// <summary>A device's configuration files.</summary>
    public static class DeviceFiles
    {
        /// <summary>The nf.config and boards/ of the repository, as built or packed with the harness.</summary>
        public static string ShippedFolder => Path.Combine(AppContext.BaseDirectory, "shipped");

        /// <summary>The configuration a command reads without --config: ./nf.config when there is one, else the shipped one.</summary>
        public static string DefaultConfig() => File.Exists("nf.config") ? "nf.config" : Path.Combine(ShippedFolder, "nf.config");

        /// <summary>The boards/ folder beside <paramref name="configPath"/>, or the shipped boards when there is no such folder.</summary>
        public static string BoardsBeside(string configPath)
        {
            string beside = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(configPath)), "boards");
            return Directory.Exists(beside) ? beside : Path.Combine(ShippedFolder, "boards");
        }

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

        /// <summary>The board profile at <paramref name="path"/>, validated.</summary>
        /// <exception cref="ConfigException">The profile has problems.</exception>
        public static BoardProfile Board(string path) => BoardProfile.Parse(File.ReadAllText(path), Path.GetFileName(path));
    }
}
