using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using Session.Core.Micro.Network;
using Session.Testnet;
using SessionBeacon.Harness.Network;
using Xunit;

namespace SessionBeacon.Harness.Tests.Network
{
    public class HttpClientTransportTests
    {
        private static readonly NodeRecord[] s_nodes =
        {
            new NodeRecord("127.0.1.1", 22021, new string('a', 64), new string('b', 64), 0x1000000000000000),
        };

        private static readonly byte[] s_request = Encoding.UTF8.GetBytes(
            "{\"jsonrpc\":\"2.0\",\"method\":\"get_n_service_nodes\",\"params\":{\"active_only\":true}}");

        [Fact]
        public async Task Post_SeedWithMatchingPin_Answers()
        {
            await using SeedNode seed = await SeedNode.StartAsync(IPAddress.Loopback, 0, s_nodes);
            var transport = new HttpClientTransport(NetworkProfile.Testnet(seed.Url, SelfSignedCertificate.Pin(seed.Certificate), 1));
            HttpResponse response = transport.Post(seed.Url, s_request, 10_000);
            Assert.Null(response.Error);
            Assert.Equal(200, response.Status);
            Assert.Contains("\"service_node_states\"", Encoding.UTF8.GetString(response.Body));
        }

        [Fact]
        public async Task Post_WithSink_HandsOverTheSameBodyInPieces()
        {
            var many = new NodeRecord[300];
            for (int i = 0; i < many.Length; i++)
            {
                many[i] = new NodeRecord("127.0." + (i / 200 + 1) + "." + (i % 200 + 1), 22021, i.ToString("x64"), new string('b', 64), (ulong)i);
            }
            await using SeedNode seed = await SeedNode.StartAsync(IPAddress.Loopback, 0, many);
            var transport = new HttpClientTransport(NetworkProfile.Testnet(seed.Url, SelfSignedCertificate.Pin(seed.Certificate), 1));
            var pieces = new System.Collections.Generic.List<byte[]>();

            HttpResponse streamed = transport.Post(seed.Url, s_request, 10_000, new Collect(pieces, int.MaxValue));

            Assert.Null(streamed.Error);
            Assert.Equal(200, streamed.Status);
            Assert.Empty(streamed.Body);
            Assert.True(pieces.Count > 1);
            Assert.Equal(Encoding.UTF8.GetString(transport.Post(seed.Url, s_request, 10_000).Body), Encoding.UTF8.GetString(pieces.SelectMany(p => p).ToArray()));

            HttpResponse refused = transport.Post(seed.Url, s_request, 10_000, new Collect(new System.Collections.Generic.List<byte[]>(), 1));
            Assert.Equal(0, refused.Status);
            Assert.Contains("the reader refused the answer", refused.Error);
        }

        private sealed class Collect : IResponseSink
        {
            private readonly System.Collections.Generic.List<byte[]> _pieces;
            private readonly int _limit;

            public Collect(System.Collections.Generic.List<byte[]> pieces, int limit)
            {
                _pieces = pieces;
                _limit = limit;
            }

            public bool Write(byte[] buffer, int offset, int count)
            {
                _pieces.Add(buffer.AsSpan(offset, count).ToArray());
                return _pieces.Count <= _limit;
            }
        }

        [Fact]
        public async Task Post_SeedWithWrongPin_FailsWithoutAnswer()
        {
            await using SeedNode seed = await SeedNode.StartAsync(IPAddress.Loopback, 0, s_nodes);
            using var other = SelfSignedCertificate.Create("127.0.0.1");
            var transport = new HttpClientTransport(NetworkProfile.Testnet(seed.Url, SelfSignedCertificate.Pin(other), 1));
            HttpResponse response = transport.Post(seed.Url, s_request, 10_000);
            Assert.Equal(0, response.Status);
            Assert.Empty(response.Body);
            Assert.Contains("does not match the pin", response.Error);
        }

        [Fact]
        public async Task Post_ServiceNodeWithSelfSignedCertificate_Accepted()
        {
            await using SeedNode server = await SeedNode.StartAsync(IPAddress.Loopback, 0, s_nodes);
            // The profile's seed is elsewhere, so this URL is a service node: no pin, any certificate.
            var transport = new HttpClientTransport(NetworkProfile.Testnet("https://127.0.0.9:4443", SelfSignedCertificate.Pin(server.Certificate), 1));
            HttpResponse response = transport.Post(server.Url, s_request, 10_000);
            Assert.Equal(200, response.Status);
            Assert.Equal(HttpClientTransport.PinOf(server.Certificate), SelfSignedCertificate.Pin(server.Certificate));
        }

        [Fact]
        public void Post_NothingListening_FailsWithReason()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            var transport = new HttpClientTransport(NetworkProfile.Mainnet());
            HttpResponse response = transport.Post("https://127.0.0.1:" + port + "/onion_req/v2", new byte[10], 5_000);
            Assert.Equal(0, response.Status);
            Assert.Contains("127.0.0.1:" + port, response.Error);
        }

        [Fact]
        public void Post_ServerNeverAnswers_TimesOut()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            try
            {
                int port = ((IPEndPoint)listener.LocalEndpoint).Port;
                var transport = new HttpClientTransport(NetworkProfile.Mainnet());
                HttpResponse response = transport.Post("https://127.0.0.1:" + port + "/onion_req/v2", new byte[10], 300);
                Assert.Equal(0, response.Status);
                Assert.Contains("no answer within 300 ms", response.Error);
            }
            finally
            {
                listener.Stop();
            }
        }
    }
}
