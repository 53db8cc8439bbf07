using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Session.Testnet.Tests.Support;
using Xunit;

namespace Session.Testnet.Tests.Network
{
    [Collection("network")]
    public class ObservationTests
    {
        private readonly NetworkFixture _fixture;

        public ObservationTests(NetworkFixture fixture)
        {
            _fixture = fixture;
        }

        [Fact]
        public async Task GuardSeesSenderNotRecipient_DestinationSeesRecipientNotSender()
        {
            TestNetwork network = _fixture.Network;
            var recipient = new SessionUser();
            NodeEntry destination = Rpcs.SwarmOf(network.Map, recipient)[1];
            NodeEntry[] path = Rpcs.Path(network.Map, destination);
            long since = OnionClient.Now - 1;

            OnionReply reply = await _fixture.Client.OnionAsync(path, destination, "store", Rpcs.Store(recipient, Encoding.UTF8.GetBytes("alert")));
            Assert.Equal(200, reply.Status);

            Observation guard = (await network.ObservationsAsync(path[0].Index)).Last(o => o.TimeMs >= since && o.Endpoint == "onion_req/v2");
            Assert.Equal("127.0.0.1", guard.From);
            Assert.Equal(path[1].Ed25519Hex, guard.NextHop);
            Assert.False(guard.Destination);
            Assert.Null(guard.SessionId);

            Observation middle = (await network.ObservationsAsync(path[1].Index)).Last(o => o.TimeMs >= since && o.Endpoint == "relay");
            Assert.Equal(path[0].Ip, middle.From);
            Assert.Equal(path[2].Ed25519Hex, middle.NextHop);

            Observation last = (await network.ObservationsAsync(path[2].Index)).Last(o => o.TimeMs >= since && o.Endpoint == "relay");
            Assert.Equal(destination.Ed25519Hex, last.NextHop);

            Observation seen = (await network.ObservationsAsync(destination.Index)).Last(o => o.TimeMs >= since && o.Endpoint == "relay");
            Assert.True(seen.Destination);
            Assert.Equal(recipient.SessionId, seen.SessionId);
            Assert.Equal("store", seen.Method);
            Assert.Equal(path[2].Ip, seen.From);
            Assert.NotEqual("127.0.0.1", seen.From);
            Assert.Null(seen.NextHop);
        }
    }
}
