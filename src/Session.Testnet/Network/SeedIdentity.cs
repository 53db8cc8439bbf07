// What makes a test network's seed the same across restarts of its folder: the RSA key of its TLS
// certificate (so its pin) and its port (so its URL). Clients are given both once: a provisioned
// beacon has them in nf.config, and a new pin or port would leave it with "Connection refused".
// Kept in DATA/seed.json, owner-only (it holds the private key): {"port": P, "key": base64 PKCS#8}.
using System;
using System.IO;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Session.Testnet
{
    /// <summary>The seed's TLS key and port, kept in the network's data folder.</summary>
    public sealed class SeedIdentity : IDisposable
    {
        public const string FileName = "seed.json";

        private readonly string _path;

        private SeedIdentity(string path, RSA key, int port)
        {
            _path = path;
            Key = key;
            Port = port;
        }

        /// <summary>The key the seed's certificate is made on.</summary>
        public RSA Key { get; }

        /// <summary>The port the seed served on last; 0 before its first run.</summary>
        public int Port { get; private set; }

        /// <summary>Reads the seed's identity from <paramref name="dataFolder"/>, or makes a new key (saved with the port by <see cref="Save"/>).</summary>
        /// <exception cref="InvalidDataException">The file exists but is damaged; the message says what to do.</exception>
        public static SeedIdentity LoadOrCreate(string dataFolder)
        {
            string path = Path.Combine(dataFolder, FileName);
            if (!File.Exists(path))
            {
                return new SeedIdentity(path, RSA.Create(2048), 0);
            }
            RSA key = RSA.Create();
            try
            {
                JsonNode saved = JsonNode.Parse(File.ReadAllText(path));
                int port = (int)saved["port"];
                key.ImportPkcs8PrivateKey(Convert.FromBase64String((string)saved["key"]), out _);
                if (port < 1 || port > 65535)
                {
                    throw new FormatException("port " + port + " is out of range");
                }
                return new SeedIdentity(path, key, port);
            }
            catch (Exception damaged) when (damaged is JsonException || damaged is FormatException || damaged is CryptographicException
                || damaged is NullReferenceException || damaged is InvalidOperationException || damaged is ArgumentException)
            {
                key.Dispose();
                throw new InvalidDataException(path + " is damaged (" + damaged.Message + "): delete it to give the seed a new key and port"
                    + " (clients then need the new seed URL and pin)");
            }
        }

        /// <summary>Saves the key with the port the seed now serves on.</summary>
        public void Save(int port)
        {
            var file = new JsonObject { ["port"] = port, ["key"] = Convert.ToBase64String(Key.ExportPkcs8PrivateKey()) };
            string temporary = _path + ".new";
            var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
            using (var stream = new FileStream(temporary, options))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(file.ToJsonString());
            }
            File.Move(temporary, _path, overwrite: true);
            Port = port;
        }

        public void Dispose()
        {
            Key.Dispose();
        }
    }
}
