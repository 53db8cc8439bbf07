using System;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Session.Testnet.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Session.Testnet.Tests.Network
{
    /// <summary>Damaged requests at every public endpoint: a 4xx with a reason, never a 500, and the node keeps serving.</summary>
    [Collection("network")]
    public class GarbageInputTests
    {
        // 60 damaged requests per endpoint in CI; SESSIONBEACON_LONG_RUN=1 sends 3,000.
        private static readonly int Iterations = Environment.GetEnvironmentVariable("SESSIONBEACON_LONG_RUN") == "1" ? 3000 : 60;

        private readonly NetworkFixture _fixture;
        private readonly ITestOutputHelper _log;

        public GarbageInputTests(NetworkFixture fixture, ITestOutputHelper log)
        {
            _fixture = fixture;
            _log = log;
        }

        private TestNetwork Network => _fixture.Network;

        [Fact]
        public async Task OnionRequest_RandomlyDamaged_400()
        {
            Random random = Seeded();
            NodeEntry destination = Network.Map.Nodes[8];
            NodeEntry[] path = Rpcs.Path(Network.Map, destination);
            for (int i = 0; i < Iterations; i++)
            {
                OnionClient.Onion onion = OnionClient.Build(path, destination, Encoding.UTF8.GetBytes(OnionClient.Request("info", new JsonObject())), "xchacha20");
                byte[] damaged = Damage(random, onion.Request, out string how);
                (int status, string body) = await _fixture.Client.PostAsync(path[0].BaseUrl + "/onion_req/v2", damaged);
                if (status == 200)
                {
                    // Only damage that leaves the request equivalent (the case of a hex digit in the routing JSON) may pass.
                    OnionReply reply = OnionReply.From(status, body, onion, "xchacha20");
                    Assert.True(reply.Decrypted && reply.Status == 200, how + ": 200 but " + body);
                    continue;
                }
                Assert.True(status == 400, how + ": " + status + " " + body);
                Assert.False(string.IsNullOrEmpty(body), how);
            }
            OnionReply fine = await _fixture.Client.OnionAsync(path, destination, "info", new JsonObject());
            Assert.Equal(200, fine.Status);
        }

        [Fact]
        public async Task StorageRpc_RandomlyDamaged_NeverServerError()
        {
            Random random = Seeded();
            var user = new SessionUser();
            NodeEntry node = Rpcs.SwarmOf(Network.Map, user)[0];
            for (int i = 0; i < Iterations; i++)
            {
                byte[] request = Encoding.UTF8.GetBytes(OnionClient.Request("store", Rpcs.Store(user, new byte[] { (byte)i })));
                byte[] damaged = Damage(random, request, out string how);
                (int status, string body) = await _fixture.Client.PostAsync(node.BaseUrl + "/storage_rpc/v1", damaged);
                Assert.True(status < 500, how + ": " + status + " " + body);
                Assert.True(status == 200 || body.Length > 0, how);
            }
            Assert.Equal(200, (await _fixture.Client.DirectAsync(node, "info", new JsonObject())).Status);
        }

        private Random Seeded()
        {
            string fromEnvironment = Environment.GetEnvironmentVariable("SESSIONBEACON_TEST_SEED");
            int seed = fromEnvironment != null ? int.Parse(fromEnvironment) : Environment.TickCount;
            _log.WriteLine("seed " + seed + " (replay with SESSIONBEACON_TEST_SEED=" + seed + ")");
            return new Random(seed);
        }

        private static byte[] Damage(Random random, byte[] request, out string how)
        {
            byte[] copy = (byte[])request.Clone();
            switch (random.Next(3))
            {
                case 0:
                    int bit = random.Next(copy.Length * 8);
                    copy[bit / 8] ^= (byte)(1 << (bit % 8));
                    how = "bit " + bit + " flipped";
                    return copy;
                case 1:
                    int length = random.Next(copy.Length);
                    how = "cut to " + length + " bytes";
                    return copy[..length];
                default:
                    int at = random.Next(copy.Length);
                    copy[at] = (byte)random.Next(256);
                    how = "byte " + at + " replaced";
                    return copy;
            }
        }
    }
}
