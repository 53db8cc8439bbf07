// The test network's seed node (docs/protocol.md §3.8): HTTPS POST /json_rpc answering
// get_n_service_nodes with the storage nodes a client bootstraps its pool from, and each node's
// swarm_id when the request's "fields" ask for it (as oxend does; docs/protocol.md §3.6), so a
// client can work out a pubkey's swarm from the pinned seed's list.
using System;
using System.Collections.Generic;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using System.Security.Cryptography.X509Certificates;

namespace Session.Testnet
{
    /// <summary>A seed node on a loopback address, serving a fixed list of storage nodes.</summary>
    public sealed class SeedNode : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly NodeRecord[] _nodes;

        private SeedNode(WebApplication app, X509Certificate2 certificate, NodeRecord[] nodes)
        {
            _app = app;
            _nodes = nodes;
            Certificate = certificate;
        }

        /// <summary>The seed's TLS certificate; clients pin <see cref="SelfSignedCertificate.Pin"/> of it.</summary>
        public X509Certificate2 Certificate { get; }

        /// <summary>The URL clients post to, such as https://127.0.0.1:4443/json_rpc.</summary>
        public string Url { get; private set; }

        /// <summary>The seed's scheme, address and port, such as https://127.0.0.1:4443.</summary>
        public string BaseUrl { get; private set; }

        /// <summary>Starts a seed on <paramref name="address"/>:<paramref name="port"/> (0 picks a free port).</summary>
        public static Task<SeedNode> StartAsync(IPAddress address, int port, NodeRecord[] nodes)
        {
            return StartAsync(address, port, nodes, null, null);
        }

        /// <summary>
        /// Starts a seed whose certificate is made on <paramref name="key"/> (null: a fresh key), so the same key gives the
        /// same pin, and that also serves the routes <paramref name="moreRoutes"/> adds (the testnet's admin endpoints).
        /// </summary>
        public static async Task<SeedNode> StartAsync(IPAddress address, int port, NodeRecord[] nodes, RSA key, Action<WebApplication> moreRoutes)
        {
            X509Certificate2 certificate = key == null ? SelfSignedCertificate.Create(address.ToString()) : SelfSignedCertificate.Create(address.ToString(), key);
            WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(address, port, listen => listen.UseHttps(certificate)));
            WebApplication app = builder.Build();
            var seed = new SeedNode(app, certificate, nodes);
            app.MapPost("/json_rpc", (Delegate)seed.HandleAsync);
            moreRoutes?.Invoke(app);
            await app.StartAsync();
            foreach (string url in app.Urls)
            {
                seed.BaseUrl = url.TrimEnd('/');
                seed.Url = seed.BaseUrl + "/json_rpc";
            }
            return seed;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            Certificate.Dispose();
        }

        // oxend's "limit": that many nodes picked at random (all of them when absent, 0, or larger).
        private IEnumerable<NodeRecord> Chosen(JsonNode limit)
        {
            int count = limit != null && limit.GetValueKind() == JsonValueKind.Number && limit.GetValue<long>() > 0 ? (int)Math.Min(limit.GetValue<long>(), int.MaxValue) : int.MaxValue;
            if (count >= _nodes.Length)
            {
                return _nodes;
            }
            var shuffled = (NodeRecord[])_nodes.Clone();
            Random.Shared.Shuffle(shuffled);
            return shuffled[..count];
        }

        private async Task<IResult> HandleAsync(HttpContext context)
        {
            JsonNode request;
            try
            {
                request = await JsonNode.ParseAsync(context.Request.Body);
            }
            catch (JsonException error)
            {
                return Results.Text("invalid request: " + error.Message, statusCode: StatusCodes.Status400BadRequest);
            }
            string method = request?["method"]?.GetValueKind() == JsonValueKind.String ? (string)request["method"] : null;
            if (method != "get_n_service_nodes")
            {
                return Results.Text("no method " + (method ?? "(missing)"), statusCode: StatusCodes.Status400BadRequest);
            }
            var states = new JsonArray();
            JsonNode swarmField = request["params"]?["fields"]?["swarm_id"];
            bool swarmIds = swarmField != null && swarmField.GetValueKind() == JsonValueKind.True;
            foreach (NodeRecord node in Chosen(request["params"]?["limit"]))
            {
                var state = new JsonObject
                {
                    ["public_ip"] = node.PublicIp,
                    ["storage_port"] = node.StoragePort,
                    ["pubkey_ed25519"] = node.PubkeyEd25519,
                    ["pubkey_x25519"] = node.PubkeyX25519,
                    ["requested_unlock_height"] = 0,
                };
                if (swarmIds)
                {
                    // A JSON number, as oxend writes it: ids above 2^53 need a reader that keeps all 64 bits.
                    state["swarm_id"] = node.SwarmId;
                }
                states.Add(state);
            }
            var response = new JsonObject
            {
                ["jsonrpc"] = "2.0",
                ["result"] = new JsonObject { ["service_node_states"] = states, ["height"] = 1 },
            };
            return Results.Text(response.ToJsonString(), "application/json");
        }
    }
}
