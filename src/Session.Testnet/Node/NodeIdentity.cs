// A storage node's long-term keys (docs/protocol.md §3.8): an Ed25519 key pair, and the X25519 key
// derived from it that clients encrypt onion layers to. The seed lives in a file so a node keeps
// its identity across restarts, as a real node does.
using System;
using System.IO;
using Sodium;

namespace Session.Testnet
{
    /// <summary>The Ed25519 identity of one test node and its derived X25519 key pair.</summary>
    public sealed class NodeIdentity
    {
        private const int SeedSize = 32;

        private NodeIdentity(byte[] seed)
        {
            KeyPair ed = PublicKeyAuth.GenerateKeyPair(seed);
            Ed25519PublicKey = ed.PublicKey;
            X25519PublicKey = PublicKeyAuth.ConvertEd25519PublicKeyToCurve25519PublicKey(ed.PublicKey);
            X25519SecretKey = PublicKeyAuth.ConvertEd25519SecretKeyToCurve25519SecretKey(ed.PrivateKey);
            Ed25519SecretKey = ed.PrivateKey;
        }

        public byte[] Ed25519PublicKey { get; }

        public byte[] X25519PublicKey { get; }

        internal byte[] Ed25519SecretKey { get; }

        internal byte[] X25519SecretKey { get; }

        /// <summary>The node's key as clients name it: hex of its Ed25519 public key.</summary>
        public string Ed25519Hex => Convert.ToHexStringLower(Ed25519PublicKey);

        /// <summary>Hex of the X25519 public key that onion layers are encrypted to.</summary>
        public string X25519Hex => Convert.ToHexStringLower(X25519PublicKey);

        /// <summary>Reads the node's seed from <paramref name="path"/>, or makes a new one there (owner-only file).</summary>
        /// <exception cref="InvalidDataException">The file exists but does not hold a 32-byte seed.</exception>
        public static NodeIdentity LoadOrCreate(string path)
        {
            if (File.Exists(path))
            {
                byte[] stored = File.ReadAllBytes(path);
                if (stored.Length != SeedSize)
                {
                    throw new InvalidDataException(path + " is not a node key file: expected " + SeedSize + " bytes, found " + stored.Length
                        + "; delete it to give the node a new identity");
                }
                return new NodeIdentity(stored);
            }
            byte[] seed = SodiumCore.GetRandomBytes(SeedSize);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path)));
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
            using (var file = new FileStream(path, options))
            {
                file.Write(seed);
            }
            return new NodeIdentity(seed);
        }
    }
}
