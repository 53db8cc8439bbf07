// Reading a device's nf.config and its board profile from disk, as check-config, demo and
// beacon run all do: one place for the paths, the defaults and the one-line messages. The shipped
// nf.config and boards/ are copied beside the harness (shipped/, also inside the .NET tool), so the
// defaults work from any folder: ./nf.config when there is one, else the shipped one; boards/ beside
// the configuration when there is such a folder, else the shipped boards.
// The check itself is the device's own (DeviceSetup.Check in the portable app).
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

        /// <summary>
        /// The board profile a device with <paramref name="configPath"/> reads: with <paramref name="boardsFolder"/>, the profile
        /// that nf.config names there; without, the board.conf beside the configuration (a folder 'provision' wrote, as on
        /// the device), or else the profile nf.config names in boards/ beside it (the repository's nf.config).
        /// </summary>
        /// <exception cref="FileNotFoundException">There is no such file or profile, or nf.config names no board; the message says what to do.</exception>
        public static string BoardPathFor(string configPath, string boardsFolder)
        {
            string beside = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(configPath)), ProvisionCommand.BoardFileName);
            if (boardsFolder == null && File.Exists(beside))
            {
                return beside;
            }
            // Only the board's name is needed here; DeviceSetup.Check reports the rest of the file's problems.
            string name = ConfigFile.Parse(ConfigText(configPath), Path.GetFileName(configPath)).Text("board", null);
            if (string.IsNullOrEmpty(name))
            {
                throw new FileNotFoundException(Path.GetFileName(configPath) + " names no board and there is no board.conf beside it: add 'board = <name>', a profile in boards/ such as esp32-devkitc", beside);
            }
            return BoardPath(boardsFolder ?? BoardsBeside(configPath), name);
        }

        /// <summary>nf.config and the board profile at these paths, checked together exactly as the device checks them (DeviceSetup.Check).</summary>
        /// <param name="wifiOptional">See DeviceSetup.Check: true only where no Wi-Fi is joined (the simulated device).</param>
        /// <exception cref="FileNotFoundException">A file is missing; the message says what to do.</exception>
        /// <exception cref="ConfigException">The files have problems; all are listed.</exception>
        public static DeviceSetup Load(string configPath, string boardPath, bool wifiOptional)
        {
            string configText = ConfigText(configPath);
            if (!File.Exists(boardPath))
            {
                throw new FileNotFoundException(boardPath + " not found: give the board profile ('provision' writes board.conf beside nf.config)", boardPath);
            }
            return DeviceSetup.Check(configText, Path.GetFileName(configPath), File.ReadAllText(boardPath), Path.GetFileName(boardPath), wifiOptional);
        }

        /// <summary>The board profile at <paramref name="path"/>, validated.</summary>
        /// <exception cref="ConfigException">The profile has problems.</exception>
        public static BoardProfile Board(string path) => BoardProfile.Parse(File.ReadAllText(path), Path.GetFileName(path));
    }
}
