// A whole local Session network (docs/testnet.md): N storage nodes on loopback addresses spread
// over several /24s, grouped into swarms, and a seed node on 127.0.0.1 that lists them. The seed's
// server also carries the admin endpoints (faults, observations, stop/start) for the harness:
//   GET  /admin/nodes                    the map, with each node's faults and state
//   POST /admin/faults  {"node": i, knob: value...}   change knobs (NodeFaults.With)
//   GET  /admin/observations?node=i      what node i saw
//   POST /admin/stop | /admin/start  {"node": i}
//   POST /admin/junk  {"pubkey": hex, "count": n, "kind": "random"|"envelope", "size": bytes}   fill an inbox (InboxJunk)
// Nodes run in this process (tests, default) or one process each (TestnetOptions.NodeHost).
// Started again on its data folder, the network keeps its node keys and messages, and also its
// addresses: the seed's port and TLS key (SeedIdentity) and each node's port, so clients given the
// seed URL and pin (a provisioned beacon) and their saved node pools go on working.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Session.Testnet
{
    /// <summary>A running test network. Start with <see cref="StartAsync"/>, end with <see cref="DisposeAsync"/>.</summary>
    public sealed class TestNetwork : IAsyncDisposable
    {
        private readonly IHostedNode[] _nodes;
        private readonly SeedIdentity _seedIdentity;
        private readonly List<X509Certificate2> _certificates = new List<X509Certificate2>();

        private TestNetwork(TestnetOptions options, NetworkMap map, IHostedNode[] nodes, SeedIdentity seedIdentity)
        {
            Options = options;
            Map = map;
            _nodes = nodes;
            _seedIdentity = seedIdentity;
        }

        public TestnetOptions Options { get; }

        public NetworkMap Map { get; }

        public SeedNode Seed { get; private set; }

        /// <summary>The seed's get_n_service_nodes URL.</summary>
        public string SeedUrl => Seed.Url;

        /// <summary>The pin of the seed's certificate (base64 SHA-256 of its public key), for clients that pin it.</summary>
        public string SeedPin => SelfSignedCertificate.Pin(Seed.Certificate);

        /// <summary>Base of the admin endpoints, such as https://127.0.0.1:4443/admin.</summary>
        public string AdminUrl => Seed.BaseUrl + "/admin";

        /// <summary>How long start-up took, from the first key file to the last node serving.</summary>
        public TimeSpan StartupTime { get; private set; }

        public int NodeCount => _nodes.Length;

        /// <summary>
        /// Starts a network laid out by <paramref name="options"/>. Identities, seed key and ports in its data folder
        /// are reused; the seed's port is the one kept there unless <see cref="TestnetOptions.SeedPort"/> names another.
        /// </summary>
        /// <exception cref="ArgumentException">The options are out of range; the message says which.</exception>
        /// <exception cref="SeedPortTakenException">Another program listens on the seed's port.</exception>
        /// <exception cref="InvalidDataException">A key file or seed.json in the folder is damaged; the message says which.</exception>
        public static async Task<TestNetwork> StartAsync(TestnetOptions options)
        {
            Validate(options);
            var clock = Stopwatch.StartNew();
            Directory.CreateDirectory(options.DataFolder);
            SeedIdentity seedIdentity = SeedIdentity.LoadOrCreate(options.DataFolder);
            int seedPort = options.SeedPort != 0 ? options.SeedPort : seedIdentity.Port;
            if (seedPort != 0 && !IsFree(IPAddress.Loopback, seedPort))
            {
                seedIdentity.Dispose();
                throw new SeedPortTakenException(seedPort, options.SeedPort != 0 ? null : options.DataFolder);
            }
            NetworkMap before = PreviousMap(options.DataFolder);
            int swarmCount = Math.Max(1, options.NodeCount / options.SwarmSize);
            var entries = new NodeEntry[options.NodeCount];
            var identities = new NodeIdentity[options.NodeCount];
            for (int i = 0; i < entries.Length; i++)
            {
                identities[i] = NodeIdentity.LoadOrCreate(Path.Combine(NodeProcess.NodeFolder(options.DataFolder, i), NodeProcess.KeyFileName));
                string ip = AddressOf(options, i);
                entries[i] = new NodeEntry(i, ip, PortFor(before, i, ip, identities[i].Ed25519Hex), identities[i].Ed25519Hex, identities[i].X25519Hex,
                    NetworkMap.SwarmIdFor(i, swarmCount));
            }
            var map = new NetworkMap(entries);
            File.WriteAllText(Path.Combine(options.DataFolder, NodeProcess.MapFileName), map.ToJson());

            var nodes = new IHostedNode[entries.Length];
            var network = new TestNetwork(options, map, nodes, seedIdentity);
            try
            {
                if (options.NodeHost != null)
                {
                    for (int i = 0; i < nodes.Length; i++)
                    {
                        nodes[i] = new ProcessNode(entries[i], options.NodeHost, options.DataFolder);
                    }
                    var starts = new Task[nodes.Length];
                    for (int i = 0; i < nodes.Length; i++)
                    {
                        starts[i] = nodes[i].StartAsync();
                    }
                    await Task.WhenAll(starts);
                }
                else
                {
                    // One RSA key per run, one certificate per node address (see SelfSignedCertificate.Create).
                    using RSA key = RSA.Create(2048);
                    var starts = new Task<StorageNode>[nodes.Length];
                    for (int i = 0; i < nodes.Length; i++)
                    {
                        X509Certificate2 certificate = SelfSignedCertificate.Create(entries[i].Ip, key);
                        network._certificates.Add(certificate);
                        int index = i;
                        // Building a Kestrel host and opening SQLite are synchronous work: spread them over the cores.
                        starts[i] = Task.Run(() => StorageNode.StartAsync(entries[index], identities[index], map,
                            NodeProcess.NodeFolder(options.DataFolder, index), certificate));
                    }
                    StorageNode[] started = await Task.WhenAll(starts);
                    for (int i = 0; i < nodes.Length; i++)
                    {
                        nodes[i] = new InProcessNode(started[i]);
                    }
                }
                var records = new NodeRecord[entries.Length];
                for (int i = 0; i < records.Length; i++)
                {
                    records[i] = new NodeRecord(entries[i].Ip, entries[i].Port, entries[i].Ed25519Hex, entries[i].X25519Hex, entries[i].SwarmId);
                }
                network.Seed = await SeedNode.StartAsync(IPAddress.Loopback, seedPort, records, seedIdentity.Key, network.MapAdmin);
                seedIdentity.Save(new Uri(network.Seed.BaseUrl).Port);
            }
            catch
            {
                await network.DisposeAsync();
                throw;
            }
            network.StartupTime = clock.Elapsed;
            return network;
        }

        /// <summary>Node <paramref name="index"/> when nodes run in this process (for tests that look inside); null otherwise.</summary>
        public StorageNode Node(int index)
        {
            return (Hosted(index) as InProcessNode)?.Node;
        }

        /// <summary>The process id of node <paramref name="index"/> when nodes run as processes and it is running; 0 otherwise.</summary>
        public int ProcessId(int index)
        {
            return (Hosted(index) as ProcessNode)?.ProcessId ?? 0;
        }

        public NodeFaults Faults(int index) => Hosted(index).Faults;

        public bool IsRunning(int index) => Hosted(index).IsRunning;

        public Task SetFaultsAsync(int index, NodeFaults faults) => Hosted(index).SetFaultsAsync(faults);

        public Task<Observation[]> ObservationsAsync(int index) => Hosted(index).ObservationsAsync();

        public Task StopNodeAsync(int index) => Hosted(index).StopAsync();

        public Task StartNodeAsync(int index) => Hosted(index).StartAsync();

        /// <summary>
        /// Stores <paramref name="count"/> junk messages for <paramref name="pubkeyHex"/> in namespace 0 of its swarm, as any
        /// stranger can (InboxJunk), through the first member that serves; returns how many were stored.
        /// </summary>
        /// <param name="pubkeyHex">The 66 hex digits of the pubkey (a Session ID).</param>
        /// <param name="count">1 to InboxJunk.MaxCount messages.</param>
        /// <param name="kind">Random bytes or envelopes like a real message's.</param>
        /// <param name="size">Bytes of random content per message, 1 to MaxJunkSize.</param>
        /// <exception cref="FormatException">An argument is out of range, or no member of the swarm serves; the message says which.</exception>
        /// <exception cref="System.Net.Http.HttpRequestException">The member could not be reached.</exception>
        public Task<int> FillInboxAsync(string pubkeyHex, int count, JunkKind kind, int size)
        {
            byte[] pubkey = pubkeyHex != null && pubkeyHex.Length == 66 ? TryHex(pubkeyHex) : null;
            if (pubkey == null)
            {
                throw new FormatException("pubkey must be 66 hex digits (a Session ID such as 05...)");
            }
            if (count < 1 || count > InboxJunk.MaxCount)
            {
                throw new FormatException("count must be 1 to " + InboxJunk.MaxCount + ", not " + count);
            }
            if (size < 1 || size > MaxJunkSize)
            {
                throw new FormatException("size must be 1 to " + MaxJunkSize + " bytes, not " + size);
            }
            foreach (NodeEntry member in Map.Members(Map.SwarmOf(pubkey)))
            {
                if (Hosted(member.Index).IsRunning && !Hosted(member.Index).Faults.Down)
                {
                    return InboxJunk.StoreAsync(member, pubkeyHex.ToLowerInvariant(), count, kind, size);
                }
            }
            throw new FormatException("no member of the swarm of " + pubkeyHex + " serves");
        }

        /// <summary>The largest junk content: the store limit less room for an envelope around it.</summary>
        public const int MaxJunkSize = StoreRpc.DataMaximum - 256;

        /// <summary>Kills node <paramref name="index"/>'s process (nodes run as processes) or stops it (in-process).</summary>
        public void KillNode(int index) => Hosted(index).Kill();

        /// <summary>The printed summary: seed URL and pin, admin URL, data folder, then each swarm and its members.</summary>
        public void WriteSummary(TextWriter output)
        {
            output.WriteLine("testnet: " + _nodes.Length + " nodes in " + Map.SwarmIds.Length + " swarms, "
                + (Options.NodeHost != null ? "one process per node" : "in one process") + ", started in " + (int)StartupTime.TotalMilliseconds + " ms");
            output.WriteLine("seed:    " + SeedUrl);
            output.WriteLine("pin:     " + SeedPin);
            output.WriteLine("admin:   " + AdminUrl);
            output.WriteLine("data:    " + Path.GetFullPath(Options.DataFolder));
            foreach (ulong swarm in Map.SwarmIds)
            {
                output.WriteLine("swarm " + swarm.ToString("x16") + ":");
                foreach (NodeEntry node in Map.Members(swarm))
                {
                    output.WriteLine("  node " + node.Index.ToString("d2", System.Globalization.CultureInfo.InvariantCulture) + "  "
                        + (node.Ip + ":" + node.Port).PadRight(22) + " ed25519 " + node.Ed25519Hex);
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (Seed != null)
            {
                await Seed.DisposeAsync();
                Seed = null;
            }
            var stops = new List<Task>();
            foreach (IHostedNode node in _nodes)
            {
                if (node != null)
                {
                    stops.Add(node.DisposeAsync().AsTask());
                }
            }
            await Task.WhenAll(stops);
            foreach (X509Certificate2 certificate in _certificates)
            {
                certificate.Dispose();
            }
            _certificates.Clear();
            _seedIdentity.Dispose();
        }

        private IHostedNode Hosted(int index)
        {
            if (index < 0 || index >= _nodes.Length)
            {
                throw Errors.NodeIndex(index, _nodes.Length);
            }
            return _nodes[index];
        }

        private static string AddressOf(TestnetOptions options, int index)
        {
            int subnet = options.FirstSubnet + index / options.NodesPerSubnet;
            return "127." + (subnet / 256) + "." + (subnet % 256) + "." + (1 + index % options.NodesPerSubnet);
        }

        // Ports are chosen before the nodes start so every node knows every address; each address is its own, so the
        // chance that the system hands the port to someone else in between is nil in practice. A node keeps the port
        // it had on the last run of the folder when that is free, so clients' saved pools stay right.
        private static int PortFor(NetworkMap before, int index, string ip, string ed25519Hex)
        {
            if (before != null && index < before.Nodes.Length)
            {
                NodeEntry last = before.Nodes[index];
                if (last.Ip == ip && last.Ed25519Hex == ed25519Hex && IsFree(IPAddress.Parse(ip), last.Port))
                {
                    return last.Port;
                }
            }
            var probe = new TcpListener(IPAddress.Parse(ip), 0);
            probe.Start();
            int port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return port;
        }

        // True when nothing listens on address:port. SO_REUSEADDR, as the servers use it, so connections of
        // the last run still closing (TIME_WAIT) do not count, while another program's listener does.
        private static bool IsFree(IPAddress address, int port)
        {
            var probe = new TcpListener(address, port);
            probe.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            try
            {
                probe.Start();
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
            finally
            {
                probe.Stop();
            }
        }

        // The map the last run wrote, or null when there is none or it cannot be read (then every node gets a new port).
        private static NetworkMap PreviousMap(string dataFolder)
        {
            string path = Path.Combine(dataFolder, NodeProcess.MapFileName);
            if (!File.Exists(path))
            {
                return null;
            }
            try
            {
                return NetworkMap.FromJson(File.ReadAllText(path), path);
            }
            catch (InvalidDataException)
            {
                return null;
            }
        }

        private static void Validate(TestnetOptions options)
        {
            if (string.IsNullOrEmpty(options.DataFolder))
            {
                throw Errors.Options("a data folder is required: the nodes keep their keys and messages there");
            }
            if (options.NodeCount < 1 || options.NodeCount > 1000)
            {
                throw Errors.Options("the node count must be 1 to 1000, not " + options.NodeCount);
            }
            if (options.SwarmSize < 1 || options.SwarmSize > options.NodeCount)
            {
                throw Errors.Options("the swarm size must be 1 to the node count (" + options.NodeCount + "), not " + options.SwarmSize);
            }
            if (options.NodesPerSubnet < 1 || options.NodesPerSubnet > 254)
            {
                throw Errors.Options("nodes per /24 must be 1 to 254, not " + options.NodesPerSubnet);
            }
            int lastSubnet = options.FirstSubnet + (options.NodeCount - 1) / options.NodesPerSubnet;
            if (options.FirstSubnet < 1 || lastSubnet > 65535)
            {
                throw Errors.Options("the node addresses would leave 127.0.0.0/8: lower the first subnet or raise nodes per /24");
            }
        }

        private void MapAdmin(WebApplication app)
        {
            app.MapGet("/admin/nodes", (Func<IResult>)AdminNodes);
            app.MapPost("/admin/faults", (Func<HttpContext, Task<IResult>>)AdminFaultsAsync);
            app.MapGet("/admin/observations", (Func<HttpContext, Task<IResult>>)AdminObservationsAsync);
            app.MapPost("/admin/stop", (Func<HttpContext, Task<IResult>>)(context => AdminLifecycleAsync(context, stop: true)));
            app.MapPost("/admin/start", (Func<HttpContext, Task<IResult>>)(context => AdminLifecycleAsync(context, stop: false)));
            app.MapPost("/admin/junk", (Func<HttpContext, Task<IResult>>)AdminJunkAsync);
        }

        private async Task<IResult> AdminJunkAsync(HttpContext context)
        {
            try
            {
                JsonObject request = await ReadObjectAsync(context);
                string pubkey = request["pubkey"] is JsonValue key && key.TryGetValue(out string text) ? text : null;
                int count = request["count"] is JsonValue n && n.TryGetValue(out int number) ? number : 0;
                int size = request["size"] is JsonValue s ? (s.TryGetValue(out int bytes) ? bytes : 0) : DefaultJunkSize;
                string kindName = request["kind"] is JsonValue k && k.TryGetValue(out string name) ? name : "random";
                JunkKind kind = kindName switch
                {
                    "random" => JunkKind.Random,
                    "envelope" => JunkKind.Envelope,
                    _ => throw new FormatException("kind must be random or envelope, not '" + kindName + "'"),
                };
                int stored = await FillInboxAsync(pubkey, count, kind, size);
                return Results.Text(new JsonObject { ["stored"] = stored }.ToJsonString(), "application/json");
            }
            catch (FormatException error)
            {
                return Results.Text(error.Message, statusCode: 400);
            }
            catch (System.Net.Http.HttpRequestException error)
            {
                return Results.Text(error.Message, statusCode: 502);
            }
        }

        /// <summary>Content bytes per junk message when the admin request names no size.</summary>
        public const int DefaultJunkSize = 1000;

        private static byte[] TryHex(string hex)
        {
            try
            {
                return Convert.FromHexString(hex);
            }
            catch (FormatException)
            {
                return null;
            }
        }

        private IResult AdminNodes()
        {
            var nodes = new JsonArray();
            foreach (IHostedNode node in _nodes)
            {
                nodes.Add(new JsonObject
                {
                    ["index"] = node.Entry.Index,
                    ["ip"] = node.Entry.Ip,
                    ["port"] = node.Entry.Port,
                    ["pubkey_ed25519"] = node.Entry.Ed25519Hex,
                    ["pubkey_x25519"] = node.Entry.X25519Hex,
                    ["swarm"] = node.Entry.SwarmHex,
                    ["running"] = node.IsRunning,
                    ["faults"] = node.Faults.ToJson(),
                });
            }
            return Results.Text(new JsonObject { ["nodes"] = nodes }.ToJsonString(), "application/json");
        }

        private async Task<IResult> AdminFaultsAsync(HttpContext context)
        {
            try
            {
                JsonObject request = await ReadObjectAsync(context);
                IHostedNode node = NodeNamed(request);
                request.Remove("node");
                NodeFaults faults = node.Faults.With(request);
                await node.SetFaultsAsync(faults);
                return Results.Text(faults.ToJson().ToJsonString(), "application/json");
            }
            catch (FormatException error)
            {
                return Results.Text(error.Message, statusCode: 400);
            }
        }

        private async Task<IResult> AdminObservationsAsync(HttpContext context)
        {
            if (!int.TryParse(context.Request.Query["node"], out int index) || index < 0 || index >= _nodes.Length)
            {
                return Results.Text("give ?node= with a node index from 0 to " + (_nodes.Length - 1), statusCode: 400);
            }
            Observation[] seen = await _nodes[index].ObservationsAsync();
            return Results.Text(ObservationLog.ToJson(seen).ToJsonString(), "application/json");
        }

        private async Task<IResult> AdminLifecycleAsync(HttpContext context, bool stop)
        {
            try
            {
                IHostedNode node = NodeNamed(await ReadObjectAsync(context));
                await (stop ? node.StopAsync() : node.StartAsync());
                return Results.Text("{\"running\":" + (node.IsRunning ? "true" : "false") + "}", "application/json");
            }
            catch (FormatException error)
            {
                return Results.Text(error.Message, statusCode: 400);
            }
        }

        private static async Task<JsonObject> ReadObjectAsync(HttpContext context)
        {
            try
            {
                return await JsonNode.ParseAsync(context.Request.Body) as JsonObject ?? throw new FormatException("the body must be a JSON object");
            }
            catch (JsonException error)
            {
                throw new FormatException("the body is not JSON: " + error.Message);
            }
        }

        private IHostedNode NodeNamed(JsonObject request)
        {
            if (request["node"] is JsonValue value && value.TryGetValue(out int index) && index >= 0 && index < _nodes.Length)
            {
                return _nodes[index];
            }
            throw new FormatException("\"node\" must be a node index from 0 to " + (_nodes.Length - 1));
        }
    }
}
