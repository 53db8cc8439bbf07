// One storage node (docs/protocol.md §3-4): a Kestrel HTTPS server on its own loopback address with
// its own Ed25519/X25519 identity and SQLite file. Public endpoints are those of a real node,
// POST /storage_rpc/v1 and POST /onion_req/v2; nodes talk to each other over two internal
// endpoints (/testnet/relay for the next onion hop, /testnet/replicate inside a swarm), standing in
// for the OxenMQ links real nodes use. Faults (NodeFaults) are applied to every request here.
using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Sodium;

namespace Session.Testnet
{
    /// <summary>A running storage node. Start with <see cref="StartAsync"/>; stop, restart and fault it at run time.</summary>
    public sealed partial class StorageNode : IAsyncDisposable
    {
        /// <summary>Largest request body a node reads (storage-server MAX_REQUEST_BODY_SIZE); larger gets 413.</summary>
        public const int MaxRequestBody = 10 * 1024 * 1024;

        private static readonly TimeSpan s_peerTimeout = TimeSpan.FromSeconds(10);

        // A dripped answer sends one piece this often.
        private const int DripStepMs = 100;

        private readonly X509Certificate2 _certificate;
        private readonly string _folder;
        private readonly HttpClient _peers;
        private readonly SemaphoreSlim _lifecycle = new SemaphoreSlim(1, 1);
        private WebApplication _app;
        private Timer _purge;
        private NodeFaults _faults = NodeFaults.None;

        private StorageNode(NodeEntry self, NodeIdentity identity, NetworkMap map, string folder, X509Certificate2 certificate)
        {
            Self = self;
            Identity = identity;
            Map = map;
            _folder = folder;
            _certificate = certificate;
            _peers = PeerClient(IPAddress.Parse(self.Ip));
        }

        public NodeEntry Self { get; }

        public NodeIdentity Identity { get; }

        public NetworkMap Map { get; }

        /// <summary>The node's messages; replaced by a fresh handle on the same file at each restart.</summary>
        public MessageStore Store { get; private set; }

        public ObservationLog Observations { get; } = new ObservationLog();

        public NodeFaults Faults => _faults;

        /// <summary>True while the node accepts connections.</summary>
        public bool IsListening => _app != null;

        /// <summary>The node's clock in Unix milliseconds, skewed by its fault settings.</summary>
        public long Now => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + _faults.ClockSkewMs;

        /// <summary>The time the node tells others ("t", info's timestamp): its clock, plus the lie of reported_clock_skew_ms.</summary>
        public long ReportedNow => Now + _faults.ReportedClockSkewMs;

        /// <summary>Opens the node's database in <paramref name="folder"/> and starts serving on its address and port.</summary>
        public static async Task<StorageNode> StartAsync(NodeEntry self, NodeIdentity identity, NetworkMap map, string folder,
            X509Certificate2 certificate)
        {
            var node = new StorageNode(self, identity, map, folder, certificate);
            await node.StartAsync();
            return node;
        }

        /// <summary>Starts a stopped node again: same identity, same port, same database file.</summary>
        public async Task StartAsync()
        {
            await _lifecycle.WaitAsync();
            try
            {
                if (Store == null)
                {
                    Directory.CreateDirectory(_folder);
                    Store = new MessageStore(Path.Combine(_folder, "messages.db"));
                    _purge = new Timer(_ => PurgeOnTimer(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
                }
                if (_app == null && !_faults.Down)
                {
                    _app = await ListenAsync();
                }
            }
            finally
            {
                _lifecycle.Release();
            }
        }

        /// <summary>Stops serving and closes the database, as a node that is shut down.</summary>
        public async Task StopAsync()
        {
            await _lifecycle.WaitAsync();
            try
            {
                await CloseListenerAsync();
                if (_purge != null)
                {
                    await _purge.DisposeAsync();
                    _purge = null;
                }
                Store?.Dispose();
                Store = null;
            }
            finally
            {
                _lifecycle.Release();
            }
        }

        /// <summary>Changes the node's faults; setting or clearing Down closes or reopens its listener.</summary>
        /// <exception cref="FormatException">A conspirator is not a node of the network.</exception>
        public async Task SetFaultsAsync(NodeFaults faults)
        {
            foreach (int index in faults.Conspirators)
            {
                if (index >= Map.Nodes.Length)
                {
                    throw new FormatException("conspirators: node " + index + " is not in the network (it has nodes 0 to " + (Map.Nodes.Length - 1) + ")");
                }
            }
            await _lifecycle.WaitAsync();
            try
            {
                _faults = faults;
                if (faults.Down)
                {
                    await CloseListenerAsync();
                }
                else if (_app == null && Store != null)
                {
                    _app = await ListenAsync();
                }
            }
            finally
            {
                _lifecycle.Release();
            }
        }

        /// <summary>Deletes expired messages now (the node also does it every second); returns how many.</summary>
        public int Purge()
        {
            MessageStore store = Store;
            return store == null ? 0 : store.PurgeExpired(Now);
        }

        // A timer callback that throws would end the whole process: a failed purge waits for the next tick instead.
        private void PurgeOnTimer()
        {
            try
            {
                Purge();
            }
            catch (Exception error) when (error is ObjectDisposedException || error is InvalidOperationException
                || error is Microsoft.Data.Sqlite.SqliteException)
            {
                return;
            }
        }

        public async ValueTask DisposeAsync()
        {
            await StopAsync();
            _peers.Dispose();
        }

        /// <summary>True when a pubkey is stored by this node's swarm (and the node is not faking otherwise).</summary>
        public bool Owns(byte[] pubkey)
        {
            return !_faults.WrongSwarm && Map.SwarmOf(pubkey) == Self.SwarmId;
        }

        /// <summary>True when the claim_swarm fault makes this node pretend to be the swarm of a pubkey outside its own.</summary>
        public bool Claims(byte[] pubkey)
        {
            return _faults.ClaimSwarm && Map.SwarmOf(pubkey) != Self.SwarmId;
        }

        /// <summary>
        /// Stores a message here and returns this node's receipt: hash, its signature over the hash, expiry. With
        /// sign_without_storing the receipt is the same and the message is dropped.
        /// </summary>
        public JsonObject Accept(StoredMessage message)
        {
            long expiry = message.Expiry;
            bool already = !_faults.SignWithoutStoring && Store.Store(message, out expiry);
            byte[] signature = PublicKeyAuth.SignDetached(Encoding.ASCII.GetBytes(message.Hash), Identity.Ed25519SecretKey);
            var receipt = new JsonObject
            {
                ["hash"] = message.Hash,
                ["signature"] = Convert.ToBase64String(signature),
                ["expiry"] = expiry,
            };
            if (already)
            {
                receipt["already"] = true;
            }
            return receipt;
        }

        private async Task CloseListenerAsync()
        {
            if (_app != null)
            {
                WebApplication app = _app;
                _app = null;
                await app.StopAsync();
                await app.DisposeAsync();
            }
        }

        private async Task<WebApplication> ListenAsync()
        {
            WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(kestrel =>
            {
                kestrel.AddServerHeader = false;
                kestrel.Limits.MaxRequestBodySize = null;
                kestrel.Listen(IPAddress.Parse(Self.Ip), Self.Port, listen => listen.UseHttps(_certificate));
            });
            builder.WebHost.UseShutdownTimeout(TimeSpan.FromSeconds(2));
            WebApplication app = builder.Build();
            app.Use(ApplyFaultsAsync);
            app.MapPost("/storage_rpc/v1", (Func<HttpContext, Task>)StorageRpcAsync);
            app.MapPost("/onion_req/v2", (Func<HttpContext, Task>)OnionRequestAsync);
            app.MapPost("/testnet/relay", (Func<HttpContext, Task>)(context => FromPeerAsync(context, "relay", RelayAsync)));
            app.MapPost("/testnet/replicate", (Func<HttpContext, Task>)(context => FromPeerAsync(context, "replicate", ReplicateEndpointAsync)));
            await app.StartAsync();
            return app;
        }

        private async Task ApplyFaultsAsync(HttpContext context, RequestDelegate next)
        {
            NodeFaults faults = _faults;
            if (faults.DropRate > 0 && Random.Shared.NextDouble() < faults.DropRate)
            {
                context.Abort();
                return;
            }
            try
            {
                if (faults.DelayMs > 0)
                {
                    await Task.Delay(faults.DelayMs, context.RequestAborted);
                }
                await next(context);
            }
            catch (Exception unexpected) when (!context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted)
            {
                // A bug, not bad input (bad input has its own 4xx answer): say so plainly and keep serving.
                Observe(context, context.Request.Path, null, false, null, 500);
                await WriteAsync(context, 500, "text/plain; charset=utf-8",
                    Encoding.UTF8.GetBytes("Internal error in the testnet node: " + unexpected.GetType().Name), corruptible: false);
            }
        }

        private async Task StorageRpcAsync(HttpContext context)
        {
            byte[] body = await ReadBodyAsync(context);
            if (body == null)
            {
                await TooLargeAsync(context, "/storage_rpc/v1");
                return;
            }
            var trace = new RpcTrace();
            RpcResult result = await RpcDispatcher.HandleAsync(this, body, trace);
            Observe(context, "storage_rpc/v1", null, true, trace, result.Status);
            await WriteAsync(context, result.Status, result.Json != null ? "application/json" : "text/plain; charset=utf-8",
                Encoding.UTF8.GetBytes(AnswerText(result)), corruptible: true);
        }

        // The body of an RPC answer as this node sends it: hostile_json puts its junk in front of a successful JSON answer.
        private string AnswerText(RpcResult result)
        {
            NodeFaults faults = _faults;
            if (result.Status != 200 || result.Json == null || faults.HostileJson == HostileJsonKind.None)
            {
                return result.BodyText;
            }
            return HostileAnswer.Wrap(result.BodyText, faults.HostileJson,
                faults.HostileJsonBytes > 0 ? faults.HostileJsonBytes : NodeFaults.DefaultHostileJsonBytes);
        }

        private void Observe(HttpContext context, string endpoint, string nextHop, bool destination, RpcTrace trace, int status)
        {
            Observations.Add(new Observation(Now, endpoint, context.Connection.RemoteIpAddress?.ToString(), nextHop, destination,
                trace?.Methods, trace?.Pubkeys, status));
        }

        private static async Task<byte[]> ReadBodyAsync(HttpContext context)
        {
            if (context.Request.ContentLength > MaxRequestBody)
            {
                return null;
            }
            using var buffer = new MemoryStream();
            byte[] chunk = new byte[16384];
            int read;
            while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                if (buffer.Length + read > MaxRequestBody)
                {
                    return null;
                }
                buffer.Write(chunk, 0, read);
            }
            return buffer.ToArray();
        }

        private Task TooLargeAsync(HttpContext context, string endpoint)
        {
            Observe(context, endpoint, null, false, null, 413);
            return WriteAsync(context, 413, "text/plain; charset=utf-8",
                Encoding.UTF8.GetBytes("Request body too large: the limit is " + MaxRequestBody + " bytes"), corruptible: false);
        }

        private async Task WriteAsync(HttpContext context, int status, string contentType, byte[] body, bool corruptible)
        {
            NodeFaults faults = _faults;
            if (corruptible && status == 200 && faults.CorruptReplies && body.Length > 0)
            {
                body[body.Length / 2] ^= 0x01;
            }
            context.Response.StatusCode = status;
            context.Response.ContentType = contentType;
            context.Response.ContentLength = body.Length;
            if (faults.DripMs > 0 && body.Length > 0)
            {
                await DripAsync(context, body, faults.DripMs);
                return;
            }
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        }

        // drip_ms: the headers and a first piece at once (the connection is alive), then the rest a piece every DripStepMs.
        private static async Task DripAsync(HttpContext context, byte[] body, int dripMs)
        {
            int pieces = Math.Min(body.Length, Math.Max(1, dripMs / DripStepMs));
            int pause = dripMs / pieces;
            int at = 0;
            for (int i = 0; i < pieces; i++)
            {
                if (i > 0)
                {
                    await Task.Delay(pause, context.RequestAborted);
                }
                int end = (int)((long)body.Length * (i + 1) / pieces);
                await context.Response.Body.WriteAsync(body.AsMemory(at, end - at), context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                at = end;
            }
        }
    }
}
