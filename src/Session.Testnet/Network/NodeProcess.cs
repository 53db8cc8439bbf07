// One node in its own process, so a test can kill it, restart it and find its data still there. The
// parent writes network.json and the node's key file, starts the process, and talks to it over
// standard input and output, one line each way:
//   child -> "ready <index>" once serving
//   parent -> "faults {json}"  child -> "ok {faults}" | "error <reason>"
//   parent -> "observations"   child -> "ok [observations]"
// End of input stops the node cleanly; killing the process is the unclean stop.
using System;
using System.IO;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace Session.Testnet
{
    /// <summary>The body of a node process.</summary>
    public static class NodeProcess
    {
        public const string ReadyLine = "ready";
        public const string MapFileName = "network.json";
        public const string KeyFileName = "node.key";

        /// <summary>The folder of node <paramref name="index"/> inside a network's data folder.</summary>
        public static string NodeFolder(string dataFolder, int index)
        {
            return Path.Combine(dataFolder, "node-" + index.ToString("d2", System.Globalization.CultureInfo.InvariantCulture));
        }

        /// <summary>Serves node <paramref name="index"/> of the network in <paramref name="dataFolder"/> until <paramref name="input"/> ends.</summary>
        /// <exception cref="InvalidDataException">The map or key file is missing or does not match; the message says which.</exception>
        public static async Task<int> RunAsync(string dataFolder, int index, TextReader input, TextWriter output)
        {
            string mapPath = Path.Combine(dataFolder, MapFileName);
            if (!File.Exists(mapPath))
            {
                throw new InvalidDataException(mapPath + " not found: start node processes through 'testnet up', which writes the network map");
            }
            NetworkMap map = NetworkMap.FromJson(File.ReadAllText(mapPath), mapPath);
            if (index < 0 || index >= map.Nodes.Length)
            {
                throw new InvalidDataException("node " + index + " is not in " + mapPath + " (it has nodes 0 to " + (map.Nodes.Length - 1) + ")");
            }
            NodeEntry entry = map.Nodes[index];
            string folder = NodeFolder(dataFolder, index);
            NodeIdentity identity = NodeIdentity.LoadOrCreate(Path.Combine(folder, KeyFileName));
            if (identity.Ed25519Hex != entry.Ed25519Hex)
            {
                throw new InvalidDataException("the key in " + folder + " is not the one " + mapPath + " names for node " + index);
            }
            using X509Certificate2 certificate = SelfSignedCertificate.Create(entry.Ip);
            await using StorageNode node = await StorageNode.StartAsync(entry, identity, map, folder, certificate);
            output.WriteLine(ReadyLine + " " + index);
            output.Flush();
            string line;
            while ((line = await input.ReadLineAsync()) != null)
            {
                output.WriteLine(await CommandAsync(node, line));
                output.Flush();
            }
            return 0;
        }

        private static async Task<string> CommandAsync(StorageNode node, string line)
        {
            if (line == "observations")
            {
                return "ok " + ObservationLog.ToJson(node.Observations.Snapshot()).ToJsonString();
            }
            if (line.StartsWith("faults ", StringComparison.Ordinal))
            {
                try
                {
                    NodeFaults faults = node.Faults.With(JsonNode.Parse(line.Substring(7)) as JsonObject ?? throw new FormatException("faults must be a JSON object"));
                    await node.SetFaultsAsync(faults);
                    return "ok " + faults.ToJson().ToJsonString();
                }
                catch (Exception error) when (error is FormatException || error is JsonException)
                {
                    return "error " + error.Message;
                }
            }
            return "error unknown command; expected 'faults {json}' or 'observations'";
        }
    }
}
