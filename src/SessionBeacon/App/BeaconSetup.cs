// How a beacon starts, the same on the device (Esp32/Program.cs, which only adds the board's
// hardware) and in the harness (beacon run): its files read and checked (nf.config and board.conf
// together, as check-config checks them, and the identity seed), then the Beacon built and
// started. Whatever goes wrong on the way is not an exception but a halt reason that names the file
// or the step and what to do (BeaconHalt shows it): a missing or unreadable file, a configuration
// or board problem, and any exception while the beacon is built or started, such as a flash that
// fails. A damaged pairing or a damaged alert does not stop the start: the beacon reports those
// itself (StartupReport) and goes on for everyone else.
using System;
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Encoding;
using Session.Core.Micro.Identity;
using Session.Core.Micro.Network;
using SessionBeacon.Config;
using SessionBeacon.Storage;

namespace SessionBeacon.App
{
    /// <summary>A beacon's checked files, then the beacon itself; or why it cannot start.</summary>
    public sealed class BeaconSetup
    {
        /// <summary>The configuration's file name, beside the board profile and the identity.</summary>
        public const string ConfigFile = "nf.config";

        /// <summary>The board profile's file name.</summary>
        public const string BoardFile = "board.conf";

        /// <summary>The identity seed's file name (32 bytes, written by 'provision').</summary>
        public const string IdentityFile = "identity.seed";

        private const string CopyAgain = "copy the files that 'provision' wrote (docs/provisioning.md)";

        private BeaconSetup(BeaconConfig config, BoardProfile board, IdentityKeys identity, string haltReason)
        {
            Config = config;
            Board = board;
            Identity = identity;
            HaltReason = haltReason;
        }

        /// <summary>The checked nf.config; null when it could not be read or checked (a halt then shows on the LED, whatever its feedback setting).</summary>
        public BeaconConfig Config { get; private set; }

        /// <summary>The board profile; null when it could not be read or has problems of its own (a halt then shows nothing on the LED).</summary>
        public BoardProfile Board { get; private set; }

        /// <summary>The beacon's Session identity; null when it could not be read.</summary>
        public IdentityKeys Identity { get; }

        /// <summary>Why the beacon cannot start, one line naming the file or the step; null while it can.</summary>
        public string HaltReason { get; private set; }

        /// <summary>
        /// Reads nf.config, board.conf and identity.seed from <paramref name="folder"/> of <paramref name="files"/> and
        /// checks them as the device does; never throws for what the files hold or for a drive that fails.
        /// </summary>
        /// <param name="files">The drive.</param>
        /// <param name="folder">Where the files are, with its separator (the device: "I:\\").</param>
        /// <param name="needsWifi">True on the device, which reaches any network over Wi-Fi: a configuration without wifi.ssid halts it.</param>
        /// <param name="firmwareChip">The chip this firmware was built for, or null when unknown: a board profile for another chip halts it.</param>
        /// <exception cref="ArgumentNullException">files or folder is null.</exception>
        public static BeaconSetup Read(IFileSystem files, string folder, bool needsWifi, ChipPins firmwareChip)
        {
            if (files == null) { throw Errors.Null("files"); }
            if (folder == null) { throw Errors.Null("folder"); }
            string configPath = folder + ConfigFile;
            string boardPath = folder + BoardFile;
            string identityPath = folder + IdentityFile;
            string problem = null;
            string configText = Text(files, configPath, ref problem);
            string boardText = Text(files, boardPath, ref problem);
            byte[] seed = ReadFile(files, identityPath, ref problem);
            if (problem != null)
            {
                return Halted(problem);
            }
            DeviceSetup checkedFiles;
            try
            {
                checkedFiles = DeviceSetup.Check(configText, ConfigFile, boardText, BoardFile, !needsWifi);
            }
            catch (ConfigException problems)
            {
                CryptoBytes.Wipe(seed);
                return new BeaconSetup(null, BoardAlone(boardText), null, Join(problems.Problems));
            }
            BeaconConfig config = checkedFiles.Config;
            BoardProfile board = checkedFiles.Board;
            string wrong = null;
            if (needsWifi && config.WifiNetworks.Length == 0)
            {
                // Only a testnet configuration gets here: fine for the harness's simulated device, not for a board.
                wrong = "nf.config: 'wifi.ssid' is missing: this network = testnet configuration is for the harness's simulated device;"
                    + " a device needs the Wi-Fi network to join";
            }
            else if (firmwareChip != null && firmwareChip != board.Chip)
            {
                wrong = "board.conf: chip = " + board.Chip.Name + ", but this firmware is for the " + firmwareChip.Title
                    + ": copy the board.conf of this board, or flash the firmware for its chip (docs/flashing.md)";
            }
            else if (seed.Length != IdentityKeys.SeedSize)
            {
                wrong = identityPath + " is " + seed.Length.ToString() + " bytes, not " + IdentityKeys.SeedSize.ToString() + ": it is damaged; " + CopyAgain;
            }
            IdentityKeys identity = wrong == null ? IdentityKeys.FromSeed(seed) : null;
            CryptoBytes.Wipe(seed);
            return new BeaconSetup(config, board, identity, wrong);
        }

        /// <summary>A setup from files the caller has read and checked already (the harness reads them with its own paths and options).</summary>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        public static BeaconSetup From(BeaconConfig config, BoardProfile board, IdentityKeys identity)
        {
            if (config == null) { throw Errors.Null("config"); }
            if (board == null) { throw Errors.Null("board"); }
            if (identity == null) { throw Errors.Null("identity"); }
            return new BeaconSetup(config, board, identity, null);
        }

        /// <summary>The network nf.config names: mainnet, or its testnet.</summary>
        /// <exception cref="InvalidOperationException">The setup is halted before nf.config was checked.</exception>
        public NetworkProfile Profile()
        {
            if (Config == null)
            {
                throw new InvalidOperationException("no configuration: " + HaltReason);
            }
            return Config.Network == BeaconConfig.Mainnet ? NetworkProfile.Mainnet() : NetworkProfile.Testnet(Config.SeedUrl, Config.SeedPin, 1);
        }

        /// <summary>
        /// Builds the beacon over <paramref name="store"/> and the device's parts and starts it (its outbox and
        /// pairings loaded from flash); null when that fails, with <see cref="HaltReason"/> saying why.
        /// </summary>
        /// <returns>The started beacon, or null.</returns>
        /// <exception cref="InvalidOperationException">The setup is halted already.</exception>
        public Beacon Start(IKeyValueStore store, NetworkProfile profile, IHttpTransport transport, IClock clock, IRandomSource random,
            BeaconHardware hardware, long now)
        {
            if (HaltReason != null)
            {
                throw new InvalidOperationException("the setup is halted: " + HaltReason);
            }
            try
            {
                var beacon = new Beacon(Config, Identity, store, profile, transport, clock, random, hardware, Board.OutboxSlots);
                beacon.Inbox.MaxReplyBytes = Board.ReplyCapBytes;
                beacon.Start(now);
                return beacon;
            }
            catch (Exception failure)
            {
                Halt("starting the beacon", failure);
                return null;
            }
        }

        /// <summary>Halts for <paramref name="failure"/> during <paramref name="step"/> (the device's own wiring: a pin, the Wi-Fi, a certificate file).</summary>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        public void Halt(string step, Exception failure)
        {
            if (step == null) { throw Errors.Null("step"); }
            if (failure == null) { throw Errors.Null("failure"); }
            HaltReason = step + " failed: " + failure.Message + " (" + failure.GetType().Name + ")";
        }

        private static BeaconSetup Halted(string reason)
        {
            return new BeaconSetup(null, null, null, reason);
        }

        // The board profile on its own, when nf.config has the problem: the halt can then still show on the LED.
        private static BoardProfile BoardAlone(string text)
        {
            try
            {
                return BoardProfile.Parse(text, BoardFile);
            }
            catch (ConfigException)
            {
                return null;
            }
        }

        // The file's bytes; null, with problem set, when it is missing or the drive cannot read it. Once
        // problem is set the other files are not read: the first problem is the one to fix.
        private static byte[] ReadFile(IFileSystem files, string path, ref string problem)
        {
            if (problem != null)
            {
                return null;
            }
            try
            {
                if (files.Exists(path))
                {
                    return files.ReadAllBytes(path);
                }
                problem = path + " is missing: " + CopyAgain;
            }
            catch (Exception failure)
            {
                problem = path + " cannot be read (" + failure.Message + "): " + CopyAgain;
            }
            return null;
        }

        // The file as text, as ReadFile; a file that is not UTF-8 is a problem too.
        private static string Text(IFileSystem files, string path, ref string problem)
        {
            byte[] bytes = ReadFile(files, path, ref problem);
            if (bytes == null)
            {
                return null;
            }
            try
            {
                return Utf8.Decode(bytes, 0, bytes.Length);
            }
            catch (MalformedDataException)
            {
                problem = path + " is not UTF-8 text: it is damaged, or not the file 'provision' wrote; " + CopyAgain;
                return null;
            }
        }

        // A configuration's problems on one line each, after the first.
        private static string Join(string[] problems)
        {
            string text = "";
            for (int i = 0; i < problems.Length; i++)
            {
                text += (i == 0 ? "" : "; ") + problems[i];
            }
            return text;
        }
    }
}
