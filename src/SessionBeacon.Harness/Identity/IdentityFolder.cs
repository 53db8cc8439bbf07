// The folder (--data DIR) of a desktop Session identity used by identity, send, listen and prekey:
//   identity.seed   the 32-byte Ed25519 seed, owner-only (0600)
//   prekey.secret   the pending ratchet pre-key secret (0600), deleted at the first accepted pairing
//   prekey.bundle   its public signed bundle, to print the nf.config line again
//   prekey.beacon   who may pair with it: a beacon's Session ID (prekey new --beacon), or "any" (--any-beacon);
//                   a pre-key without it (made by an older harness) pairs with nobody until one is named
//   network/        the node pool, swarm cursors (DirectoryStore)
//   ratchet/        the ratchet state with the paired beacon (KeyValueRatchetStore over a DirectoryStore)
//   seen            hashes of the messages listen has handled, one a line (Receiver/SeenMessages.cs)
//   seen.handling   the hash of the message listen is handling now, while it does
// The folder itself is created owner-only (0700) when it does not exist.
using System;
using System.IO;
using Session.Core.Micro.Identity;
using Session.Core.Micro.Network;
using Session.Core.Micro.Ratchet;
using SessionBeacon.Harness.Network;
using SessionBeacon.Harness.Storage;

namespace SessionBeacon.Harness.Identity
{
    /// <summary>Paths and files of one identity folder.</summary>
    public sealed class IdentityFolder
    {
        public const string SeedFile = "identity.seed";
        public const string PreKeySecretFile = "prekey.secret";
        public const string PreKeyBundleFile = "prekey.bundle";
        public const string RatchetStateName = "ratchet.peer";

        private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

        public IdentityFolder(string path)
        {
            ArgumentNullException.ThrowIfNull(path);
            Path = path;
        }

        public string Path { get; }

        public string SeedPath => System.IO.Path.Combine(Path, SeedFile);

        public string PreKeySecretPath => System.IO.Path.Combine(Path, PreKeySecretFile);

        public string PreKeyBundlePath => System.IO.Path.Combine(Path, PreKeyBundleFile);

        public string PreKeyBeaconPath => System.IO.Path.Combine(Path, "prekey.beacon");

        /// <summary>What prekey.beacon holds for "the first sender of a secure alert may pair" (--any-beacon).</summary>
        public const string AnyBeacon = "any";

        /// <summary>Who may pair with the pending pre-key: a beacon's Session ID, <see cref="AnyBeacon"/>, or null when nobody was named.</summary>
        public string PreKeyBeacon => File.Exists(PreKeyBeaconPath) ? File.ReadAllText(PreKeyBeaconPath).Trim() : null;

        public string SeenPath => System.IO.Path.Combine(Path, "seen");

        public string HandlingPath => System.IO.Path.Combine(Path, "seen.handling");

        public bool HasIdentity => File.Exists(SeedPath);

        public string RatchetPath => System.IO.Path.Combine(Path, "ratchet");

        /// <summary>True when the folder is a companion receiver's: it holds a pre-key or a ratchet pairing.</summary>
        public bool HasPreKeyOrPairing => File.Exists(PreKeySecretPath) || File.Exists(PreKeyBundlePath) || Directory.Exists(RatchetPath);

        /// <summary>The identity in the folder.</summary>
        /// <exception cref="IOException">There is none, or the seed file is damaged; the message says which.</exception>
        public IdentityKeys LoadKeys()
        {
            if (!File.Exists(SeedPath))
            {
                throw new IOException("no identity in " + Path + ": run 'identity new --data " + Path + "' or 'identity import --data " + Path + "' first");
            }
            byte[] seed = File.ReadAllBytes(SeedPath);
            try
            {
                if (seed.Length != IdentityKeys.SeedSize)
                {
                    throw new IOException(SeedPath + " is damaged (" + seed.Length + " bytes, expected " + IdentityKeys.SeedSize
                        + "): restore the identity from its recovery phrase with 'identity import --data NEWDIR'");
                }
                return IdentityKeys.FromSeed(seed);
            }
            finally
            {
                Array.Clear(seed);
            }
        }

        /// <summary>Saves <paramref name="seed"/> owner-only; never overwrites an existing identity.</summary>
        /// <exception cref="IOException">An identity is already there.</exception>
        public void SaveSeed(byte[] seed)
        {
            EnsureFolder();
            WriteSecret(SeedPath, seed);
        }

        /// <summary>Writes a new owner-only file; fails if it exists.</summary>
        public void WriteSecret(string path, byte[] value)
        {
            EnsureFolder();
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = OwnerOnlyFile;
            }
            using var file = new FileStream(path, options);
            file.Write(value);
            file.Flush(true);
        }

        public void EnsureFolder()
        {
            if (!Directory.Exists(Path))
            {
                if (OperatingSystem.IsWindows())
                {
                    Directory.CreateDirectory(Path);
                }
                else
                {
                    Directory.CreateDirectory(Path, OwnerOnlyFolder);
                }
            }
        }

        /// <summary>The store of the node pool and retrieve cursors.</summary>
        public DirectoryStore NetworkStore() => new DirectoryStore(System.IO.Path.Combine(Path, "network"));

        /// <summary>The ratchet state with the paired beacon.</summary>
        public KeyValueRatchetStore RatchetStore()
        {
            EnsureFolder();
            string ratchet = RatchetPath;
            if (!Directory.Exists(ratchet) && !OperatingSystem.IsWindows())
            {
                // The ratchet state holds chain keys: owner-only, whatever DIR's own mode is.
                Directory.CreateDirectory(ratchet, OwnerOnlyFolder);
            }
            return new KeyValueRatchetStore(new DirectoryStore(ratchet), RatchetStateName);
        }

        /// <summary>
        /// A client on the testnet of <paramref name="seedUrl"/> pinned to <paramref name="seedPin"/>, or on
        /// mainnet when both are null.
        /// </summary>
        /// <param name="progress">Where the client reports each request it sends.</param>
        /// <exception cref="ArgumentException">Only one of the two is given, or the URL or pin is malformed.</exception>
        /// <exception cref="ServiceNodeException">The seed could not be reached.</exception>
        public TestnetClient Connect(IdentityKeys keys, string seedUrl, string seedPin, Progress progress)
        {
            if ((seedUrl == null) != (seedPin == null))
            {
                throw new ArgumentException("--seed-url and --seed-pin go together (a testnet); give neither for mainnet");
            }
            NetworkProfile profile = seedUrl == null ? NetworkProfile.Mainnet() : NetworkProfile.Testnet(seedUrl, seedPin, 1);
            return new TestnetClient(profile, keys, NetworkStore(), new SystemClock(), null, progress);
        }
    }
}
