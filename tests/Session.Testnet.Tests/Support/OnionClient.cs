// A client that builds onion requests straight from docs/protocol.md §4 with libsodium and the BCL,
// to drive the nodes without the beacon's core. It shares no code with the node's HopEncryption on
// purpose: the layer keys, layouts and JSON are written here again from the text of the spec.
using System;
using System.Buffers.Binary;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Sodium;

namespace Session.Testnet.Tests.Support
{
    /// <summary>Direct and onion RPCs to test nodes.</summary>
    public sealed class OnionClient : IDisposable
    {
        private readonly HttpClient _http;

        /// <param name="timeout">How long to wait for an answer (default 30 s).</param>
        /// <param name="bindTo">A loopback address to connect from (to pose as a node); null for the default.</param>
        public OnionClient(TimeSpan? timeout = null, string bindTo = null)
        {
            // Clients do not verify node certificates (docs/protocol.md §3.8).
            var handler = new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (a, b, c, d) => true } };
            if (bindTo != null)
            {
                handler.ConnectCallback = async (context, cancel) =>
                {
                    var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                    socket.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Parse(bindTo), 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancel);
                    return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
                };
            }
            _http = new HttpClient(handler) { Timeout = timeout ?? TimeSpan.FromSeconds(30) };
        }

        public static long Now => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        public void Dispose() => _http.Dispose();

        /// <summary>POSTs raw bytes and returns the status and body text.</summary>
        public async Task<(int Status, string Body)> PostAsync(string url, byte[] body)
        {
            using var content = new ByteArrayContent(body);
            using HttpResponseMessage response = await _http.PostAsync(url, content);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        /// <summary>A direct RPC to a node's /storage_rpc/v1.</summary>
        /// <summary>POSTs raw bytes with extra headers.</summary>
        public async Task<(int Status, string Body)> PostAsync(string url, byte[] body, params (string Name, string Value)[] headers)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
            foreach ((string name, string value) in headers)
            {
                request.Headers.Add(name, value);
            }
            using HttpResponseMessage response = await _http.SendAsync(request);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        public Task<(int Status, string Body)> DirectAsync(NodeEntry node, string method, JsonObject parameters)
        {
            return PostAsync(node.BaseUrl + "/storage_rpc/v1", Encoding.UTF8.GetBytes(Request(method, parameters)));
        }

        public static string Request(string method, JsonObject parameters)
        {
            return new JsonObject { ["method"] = method, ["params"] = parameters }.ToJsonString();
        }

        /// <summary>
        /// Sends an RPC to <paramref name="destination"/> through <paramref name="path"/> (guard first) and returns the
        /// guard's HTTP status with, when it is 200, the destination's decrypted {"status","body"}; else the plaintext error.
        /// </summary>
        public async Task<OnionReply> OnionAsync(NodeEntry[] path, NodeEntry destination, string method, JsonObject parameters, string encType = "xchacha20")
        {
            Onion onion = Build(path, destination, Encoding.UTF8.GetBytes(Request(method, parameters)), encType);
            (int status, string body) = await PostAsync(path[0].BaseUrl + "/onion_req/v2", onion.Request);
            return OnionReply.From(status, body, onion, encType);
        }

        /// <summary>The bytes for the guard and the destination's layer key (to open the reply).</summary>
        public sealed record Onion(byte[] Request, byte[] DestinationKey);

        public static Onion Build(NodeEntry[] path, NodeEntry destination, byte[] body, string encType)
        {
            string[] encTypes = new string[path.Length + 1];
            Array.Fill(encTypes, encType);
            return Build(path, destination, body, encTypes, new JsonObject { ["headers"] = "" });
        }

        /// <summary>
        /// An onion whose layer for path[i] uses encTypes[i] and whose destination layer uses the last one, with
        /// <paramref name="destinationJson"/> after the body (docs/protocol.md §4.3).
        /// </summary>
        public static Onion Build(NodeEntry[] path, NodeEntry destination, byte[] body, string[] encTypes, JsonObject destinationJson)
        {
            // Destination layer: LE32(len(body)) || body || {"headers":""}.
            string encType = encTypes[path.Length];
            KeyPair eD = PublicKeyBox.GenerateKeyPair();
            byte[] keyD = LayerKey(encType, eD, Convert.FromHexString(destination.X25519Hex));
            byte[] cipher = Seal(encType, keyD, Layer(body, destinationJson));
            KeyPair announced = eD;
            string announcedType = encType;
            string next = destination.Ed25519Hex;
            for (int hop = path.Length - 1; hop >= 0; hop--)
            {
                var routing = new JsonObject { ["destination"] = next, ["ephemeral_key"] = Convert.ToHexStringLower(announced.PublicKey), ["enc_type"] = announcedType };
                KeyPair e = PublicKeyBox.GenerateKeyPair();
                byte[] key = LayerKey(encTypes[hop], e, Convert.FromHexString(path[hop].X25519Hex));
                cipher = Seal(encTypes[hop], key, Layer(cipher, routing));
                announced = e;
                announcedType = encTypes[hop];
                next = path[hop].Ed25519Hex;
            }
            byte[] request = Layer(cipher, new JsonObject { ["ephemeral_key"] = Convert.ToHexStringLower(announced.PublicKey), ["enc_type"] = announcedType });
            return new Onion(request, keyD);
        }

        public static byte[] Layer(byte[] blob, JsonObject json)
        {
            byte[] text = Encoding.UTF8.GetBytes(json.ToJsonString());
            byte[] output = new byte[4 + blob.Length + text.Length];
            BinaryPrimitives.WriteUInt32LittleEndian(output, (uint)blob.Length);
            blob.CopyTo(output, 4);
            text.CopyTo(output, 4 + blob.Length);
            return output;
        }

        /// <summary>aes-gcm: HMAC-SHA256(key "LOKI", X25519(e, N)); xchacha20: BLAKE2b-256(X25519(e, N) || E || N).</summary>
        public static byte[] LayerKey(string encType, KeyPair ephemeral, byte[] nodeX25519)
        {
            byte[] shared = ScalarMult.Mult(ephemeral.PrivateKey, nodeX25519);
            if (encType == "aes-gcm")
            {
                return HMACSHA256.HashData(Encoding.ASCII.GetBytes("LOKI"), shared);
            }
            byte[] input = new byte[96];
            shared.CopyTo(input, 0);
            ephemeral.PublicKey.CopyTo(input, 32);
            nodeX25519.CopyTo(input, 64);
            return GenericHash.Hash(input, null, 32);
        }

        public static byte[] Seal(string encType, byte[] key, byte[] plaintext)
        {
            if (encType == "aes-gcm")
            {
                byte[] iv = RandomNumberGenerator.GetBytes(12);
                byte[] ct = new byte[plaintext.Length];
                byte[] tag = new byte[16];
                using (var aes = new AesGcm(key, 16))
                {
                    aes.Encrypt(iv, plaintext, ct, tag);
                }
                return Concat(iv, ct, tag);
            }
            byte[] nonce = SodiumCore.GetRandomBytes(24);
            return Concat(nonce, SecretAeadXChaCha20Poly1305.Encrypt(plaintext, nonce, key, null));
        }

        /// <summary>Opens a reply sealed with a layer key; null if it does not authenticate.</summary>
        public static byte[] Open(string encType, byte[] key, byte[] sealedText)
        {
            try
            {
                if (encType == "aes-gcm")
                {
                    byte[] plain = new byte[sealedText.Length - 28];
                    using var aes = new AesGcm(key, 16);
                    aes.Decrypt(sealedText.AsSpan(0, 12), sealedText.AsSpan(12, plain.Length), sealedText.AsSpan(12 + plain.Length), plain);
                    return plain;
                }
                return SecretAeadXChaCha20Poly1305.Decrypt(sealedText[24..], sealedText[..24], key, null);
            }
            catch (CryptographicException)
            {
                return null;
            }
        }

        private static byte[] Concat(params byte[][] parts)
        {
            int length = 0;
            foreach (byte[] part in parts)
            {
                length += part.Length;
            }
            byte[] output = new byte[length];
            int at = 0;
            foreach (byte[] part in parts)
            {
                part.CopyTo(output, at);
                at += part.Length;
            }
            return output;
        }
    }
}
