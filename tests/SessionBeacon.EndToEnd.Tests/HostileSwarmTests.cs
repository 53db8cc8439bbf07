using System;
using System.Linq;
using System.Threading.Tasks;
using Session.Core.Micro.Identity;
using Session.Testnet;
using SessionBeacon.App;
using SessionBeacon.EndToEnd.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace SessionBeacon.EndToEnd.Tests
{
    /// <summary>
    /// Nodes that lie about swarms, on the real testnet (docs/threat-model.md, "Service nodes"): every
    /// node outside the recipients' swarm claims to be that swarm (get_swarm and 421 name it and a
    /// conspirator) and signs receipts for what it never stores, and one member of the real swarm signs
    /// without storing or passing the message on. The beacon must report an alert delivered only when
    /// the real swarm holds it, and each recipient must get it once.
    /// </summary>
    [Collection("testnet")]
    public class HostileSwarmTests : IAsyncLifetime
    {
        private const int Hold = 1600;
        private const int Timeout = 60000;

        private readonly TestnetFixture _net;
        private readonly ITestOutputHelper _output;
        private SimulatedBoard _board;

        public HostileSwarmTests(TestnetFixture net, ITestOutputHelper output)
        {
            _net = net;
            _output = output;
        }

        public Task InitializeAsync() => Task.CompletedTask;

        public Task DisposeAsync()
        {
            _board?.WriteTo(_output);
            return _net.HealAsync();
        }

        [Fact]
        public async Task Panic_NodesOutsideTheSwarmClaimItAndSignReceipts_DeliveredOnlyOnceTheRealSwarmHoldsIt_EachRecipientOnce()
        {
            IdentityKeys alice = BeaconClient.NewIdentity();
            IdentityKeys bob = BeaconClient.NewIdentity();
            int[] real = _net.SwarmOf(alice.SessionId);
            // Both recipients in one swarm, so that two thirds of the network lie about it.
            while (!_net.SwarmOf(bob.SessionId).SequenceEqual(real))
            {
                bob = BeaconClient.NewIdentity();
            }
            int[] outside = Enumerable.Range(0, _net.Network.NodeCount).Except(real).ToArray();
            for (int i = 0; i < outside.Length; i++)
            {
                await _net.Network.SetFaultsAsync(outside[i], NodeFaults.None with
                {
                    ClaimSwarm = true,
                    SignWithoutStoring = true,
                    Conspirators = new[] { outside[(i + 1) % outside.Length] },
                });
            }
            int liar = real[0];
            await _net.Network.SetFaultsAsync(liar, NodeFaults.None with { SignWithoutStoring = true });
            _board = new SimulatedBoard(_net.Network, _net.NewClientFolder(), BeaconClient.NewIdentity(),
                "recipient = " + alice.SessionId + " Alice\nrecipient = " + bob.SessionId + " Bob\n");

            _board.Start();
            _board.RunUntil(() => _board.Beacon.Stage == BeaconStage.Armed, Timeout, "armed");
            for (int alert = 1; alert <= 2; alert++)
            {
                int delivered = _board.Count(BeaconEventKind.Delivered);
                // The last release must settle first: a press within its debounce would continue the last hold.
                long released = _board.Now + 1000;
                _board.RunUntil(() => _board.Now >= released, Timeout, "the button released");
                _board.Press(Hold);
                _board.RunUntil(() => _board.Count(BeaconEventKind.Delivered) == delivered + 1, Timeout, "alert " + alert + " delivered");
                // Delivered: the honest members of the real swarm hold it, once each, and no one else.
                foreach (IdentityKeys recipient in new[] { alice, bob })
                {
                    foreach (int member in real.Where(m => m != liar))
                    {
                        Assert.Equal(alert, Checks.AlertsHeld(_net, member, recipient, _board.Identity.SessionId));
                    }
                    Assert.All(outside.Append(liar), node => Assert.Empty(Checks.Held(_net, node, recipient)));
                }
            }
            // Every store reached a member of the real swarm, never a node that claimed it.
            Observation[][] seen = await Checks.SeenSince(_net, null);
            string[] recipients = { alice.SessionId, bob.SessionId };
            Assert.All(outside, node => Assert.DoesNotContain(seen[node], o => o.Destination && o.Method == "store" && recipients.Contains(o.SessionId)));
            Assert.Equal(0, _board.Beacon.Outbox.Count);
        }
    }
}
