// A storage node's links to the other nodes (standing in for the OxenMQ links of real nodes):
// replication of stored messages inside the swarm, and the peer-only guard on the internal endpoints.
// Nodes connect from their own address, so the receiving node sees (and records) who sent a request.
using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Session.Testnet
{
    public sealed partial class StorageNode
    {
        /// <summary>Sends a message to another swarm member and returns its receipt, or why it failed.</summary>
        public async Task<JsonObject> ReplicateAsync(NodeEntry member, StoredMessage message)
        {
            var body = new JsonObject
            {
                ["pubkey"] = message.Pubkey,
                ["namespace"] = message.Namespace,
                ["timestamp"] = message.Timestamp,
                ["expiry"] = message.Expiry,
                ["data"] = Convert.ToBase64String(message.Data),
            };
            try
            {
                using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
                using HttpResponseMessage response = await _peers.PostAsync(member.BaseUrl + "/testnet/replicate", content);
                string text = await response.Content.ReadAsStringAsync();
                if (!response.IsSuccessStatusCode)
                {
                    return new JsonObject { ["failed"] = true, ["code"] = (int)response.StatusCode, ["reason"] = text };
                }
                return JsonNode.Parse(text) as JsonObject ?? new JsonObject { ["failed"] = true, ["bad_peer_response"] = true };
            }
            catch (TaskCanceledException)
            {
                return new JsonObject { ["failed"] = true, ["timeout"] = true };
            }
            catch (Exception error) when (error is HttpRequestException || error is IOException || error is System.Text.Json.JsonException)
            {
                return new JsonObject { ["failed"] = true, ["query_failure"] = true };
            }
        }

        // The node-to-node endpoints answer only other nodes, as real nodes take sn.* requests only from service nodes.
        private Task FromPeerAsync(HttpContext context, string endpoint, Func<HttpContext, Task> handler)
        {
            string from = context.Connection.RemoteIpAddress?.ToString();
            if (!Map.IsNodeAddress(from))
            {
                Observe(context, endpoint, null, false, null, 403);
                return WriteAsync(context, 403, "text/plain; charset=utf-8",
                    Encoding.UTF8.GetBytes("/testnet/" + endpoint + " is for the nodes of this network; " + from + " is not one"), corruptible: false);
            }
            return handler(context);
        }

        private async Task ReplicateEndpointAsync(HttpContext context)
        {
            byte[] body = await ReadBodyAsync(context);
            var trace = new RpcTrace();
            int status = 200;
            byte[] answer;
            try
            {
                if (body == null)
                {
                    throw new RpcException(413, "Request body too large");
                }
                if (!System.Text.Unicode.Utf8.IsValid(body))
                {
                    throw RpcParams.Bad("the body is not UTF-8");
                }
                JsonObject request = System.Text.Json.Nodes.JsonNode.Parse(body) as JsonObject ?? throw RpcParams.Bad("the body must be an object");
                byte[] pubkey = RpcParams.Pubkey(request, out string hex);
                trace.Pubkey(hex);
                if (Map.SwarmOf(pubkey) != Self.SwarmId)
                {
                    throw GetSwarmRpc.Misdirected(this, pubkey);
                }
                int ns = RpcParams.Namespace(request);
                byte[] data = RpcParams.OptionalBase64(request, "data") ?? throw RpcParams.Bad("missing 'data'");
                var message = new StoredMessage(MessageHash.Compute(pubkey, ns, data), hex, ns, RpcParams.RequiredInteger(request, "timestamp"),
                    RpcParams.RequiredInteger(request, "expiry"), data);
                answer = Encoding.UTF8.GetBytes(Accept(message).ToJsonString());
            }
            catch (RpcException error)
            {
                status = error.Status;
                answer = Encoding.UTF8.GetBytes(error.Message);
            }
            catch (System.Text.Json.JsonException error)
            {
                status = 400;
                answer = Encoding.UTF8.GetBytes("invalid request: " + error.Message);
            }
            Observe(context, "replicate", null, true, trace, status);
            await WriteAsync(context, status, "application/json", answer, corruptible: true);
        }

        // Node-to-node requests leave from the node's own address, so the next node sees who relayed to it.
        private static HttpClient PeerClient(IPAddress own)
        {
            var handler = new SocketsHttpHandler
            {
                // Nodes do not verify each other's TLS certificates; the onion layers are what is authenticated.
                SslOptions = { RemoteCertificateValidationCallback = (sender, certificate, chain, errors) => true },
                ConnectCallback = async (connect, cancel) =>
                {
                    var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                    try
                    {
                        socket.Bind(new IPEndPoint(own, 0));
                        await socket.ConnectAsync(connect.DnsEndPoint, cancel);
                        return new NetworkStream(socket, ownsSocket: true);
                    }
                    catch
                    {
                        socket.Dispose();
                        throw;
                    }
                },
                PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            };
            return new HttpClient(handler) { Timeout = s_peerTimeout };
        }
    }
}
