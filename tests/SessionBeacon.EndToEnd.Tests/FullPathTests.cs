using System.Linq;
using System.Threading.Tasks;
using Session.Core.Micro.Identity;
using Session.Core.Micro.Network;
using Session.Testnet;
using SessionBeacon.EndToEnd.Tests.Support;
using Xunit;

namespace SessionBeacon.EndToEnd.Tests
{
    /// <summary>An alert stored through 3 hops with a verified receipt, retrieved and opened by the recipient.</summary>
    [Collection("testnet")]
    public class FullPathTests
    {
        private readonly TestnetFixture _net;

        public FullPathTests(TestnetFixture net)
        {
            _net = net;
        }

        [Theory]
        [InlineData(1)]
        [InlineData(3)]
        public async Task StoreAndRetrieve_ThreeHops_ReceiptVerifiedAndMessageOpens(int k)
        {
            IdentityKeys sender = BeaconClient.NewIdentity();
            IdentityKeys recipient = BeaconClient.NewIdentity();
            // Not a test of timeouts: a first attempt that a loaded machine held up past the short timeout would be
            // retried, and the nodes would see a second store.
            var beacon = new BeaconClient(_net.Network, _net.NewClientFolder(), sender).UsePatientTimeouts();
            var phone = new BeaconClient(_net.Network, _net.NewClientFolder(), recipient).UsePatientTimeouts();
            int[] before = await Checks.Marks(_net);

            Sent sent = beacon.SendAlert(recipient, "Panic button pressed (k=" + k + ")", k);

            Checks.Verified(_net, sent, recipient, k);
            Assert.Equal(0, sent.Receipt.RejectedCount);
            Assert.Equal(0, sent.Receipt.FailedCount);
            Assert.Equal(4, sent.Receipt.VerifiedCount);
            Observation[][] seen = await Checks.SeenSince(_net, before);
            // Exactly one node handled the store, a member of the recipient's swarm; it was reached
            // over the onion relay from another node, never from the client's address.
            var destinations = Enumerable.Range(0, seen.Length)
                .SelectMany(i => seen[i].Where(o => o.Destination && o.Method == "store").Select(o => (Node: i, Seen: o))).ToArray();
            var store = Assert.Single(destinations);
            Assert.Contains(store.Node, _net.SwarmOf(recipient.SessionId));
            Assert.Equal(recipient.SessionId, store.Seen.SessionId);
            Assert.Equal("relay", store.Seen.Endpoint);
            Assert.NotEqual("127.0.0.1", store.Seen.From);
            Assert.True(_net.Network.Map.IsNodeAddress(store.Seen.From));
            // The guard of that request saw the client's address and the next hop, but no Session ID.
            var guards = Enumerable.Range(0, seen.Length)
                .SelectMany(i => seen[i].Where(o => o.Endpoint == "onion_req/v2").Select(o => (Node: i, Seen: o))).ToArray();
            Assert.NotEmpty(guards);
            Assert.All(guards, g =>
            {
                Assert.Equal("127.0.0.1", g.Seen.From);
                Assert.Null(g.Seen.SessionId);
                Assert.False(g.Seen.Destination);
                Assert.NotNull(g.Seen.NextHop);
            });
            // No node that saw the client's address learnt the recipient's Session ID through an onion request.
            Assert.DoesNotContain(seen.SelectMany(s => s), o => o.From == "127.0.0.1" && o.Endpoint != "storage_rpc/v1" && o.SessionId != null);

            Checks.Received(phone, sent, sender);
        }

        [Fact]
        public void Bootstrap_WithASeedLimit_ThePoolHoldsThatManyAndAStoreStillGoesThrough()
        {
            IdentityKeys sender = BeaconClient.NewIdentity();
            IdentityKeys recipient = BeaconClient.NewIdentity();
            // Not a test of timeouts: its one store must not depend on a loaded machine answering within the short one.
            var beacon = new BeaconClient(_net.Network, _net.NewClientFolder(), sender).UsePatientTimeouts();
            Assert.Equal(_net.Network.NodeCount, beacon.Pool.Count);
            beacon.Pool.SeedLimit = NodePool.MinimumCount;
            beacon.Pool.Bootstrap();
            Assert.Equal(NodePool.MinimumCount, beacon.Pool.Count);
            Sent sent = beacon.SendAlert(recipient, "Panic button pressed (small pool)", 1);
            Checks.Verified(_net, sent, recipient, 1);
        }
    }
}
