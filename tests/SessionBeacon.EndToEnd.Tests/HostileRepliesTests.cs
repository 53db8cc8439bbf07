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
    /// Nodes whose answers are built to hurt a small client, on the real testnet (docs/threat-model.md, "Service nodes"):
    /// JSON junk in front of every answer (one huge string, thousands of escaped strings, arrays nested deep), and answers
    /// dripped slower than the request's timeout. The board reads replies as the device does, within its reply cap. Each
    /// alert must be reported delivered only when the recipient's swarm holds it, and held once by every member.
    /// </summary>
    [Collection("testnet")]
    public class HostileRepliesTests : IAsyncLifetime
    {
        private const int Hold = 1600;
        private const int Timeout = 90000;

        // Far more than the junk needs to be met: each store alone goes to a member with junk half of the time.
        private const int MaxAlerts = 16;

        private readonly TestnetFixture _net;
        private readonly ITestOutputHelper _output;
        private SimulatedBoard _board;

        public HostileRepliesTests(TestnetFixture net, ITestOutputHelper output)
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

        [Theory]
        [InlineData(HostileJsonKind.Huge, 0)]
        [InlineData(HostileJsonKind.Huge, 30000)]
        [InlineData(HostileJsonKind.Escapes, 30000)]
        [InlineData(HostileJsonKind.Nested, 30000)]
        public async Task Panic_AThirdOfTheNodesPutJsonJunkFirst_DeliveredOnce_AndTheJunkWasMet(HostileJsonKind kind, int bytes)
        {
            // Junk at 0 bytes is the fault's default, megabytes past the device's reply cap; 30,000 bytes fit the cap.
            IdentityKeys recipient = BeaconClient.NewIdentity();
            int[] swarm = _net.SwarmOf(recipient.SessionId);
            int[] outside = Enumerable.Range(0, _net.Network.NodeCount).Except(swarm).ToArray();
            int[] hostile = swarm.Take(2).Concat(outside.Where((node, i) => i % 4 == 0)).ToArray();
            foreach (int node in hostile)
            {
                await _net.Network.SetFaultsAsync(node, NodeFaults.None with { HostileJson = kind, HostileJsonBytes = bytes });
            }
            Arm(recipient);

            PressTwice(recipient, swarm);

            // The junk must have been met: a node with it answered the board as a destination. Which nodes the board asks
            // is its random choice (a store goes to any member, half of which have junk), so it presses on until one did.
            int alerts = 2;
            while (!await JunkMet(hostile))
            {
                Assert.True(alerts < MaxAlerts, "no node with junk answered the board as a destination in " + alerts + " alerts");
                Press(recipient, swarm, ++alerts);
            }
            Assert.Equal(0, _board.Beacon.Outbox.Count);
        }

        [Fact]
        public async Task Panic_TheNodesOfTheBoardsPathsDripTheirAnswersPastTheTimeout_DeliveredOnceOverOthers()
        {
            IdentityKeys recipient = BeaconClient.NewIdentity();
            int[] swarm = _net.SwarmOf(recipient.SessionId);
            Arm(recipient);
            // Every node on the paths the first alert would take answers slower than the request's timeout. Members of the
            // recipient's swarm are spared: the testnet's members wait for each other's copy before answering a store, up
            // to longer than this test's short request timeout, so one dripping member would hold up every store.
            int[][] paths = Enumerable.Range(0, _board.Beacon.Paths.Count)
                .Select(i => _board.Beacon.Paths.Path(i).Nodes.Select(node => _net.IndexOf(node.Ed25519Hex)).ToArray()).ToArray();
            int[] dripping = paths.SelectMany(path => path).Except(swarm).Distinct().ToArray();
            Assert.NotEmpty(dripping);
            foreach (int node in dripping)
            {
                await _net.Network.SetFaultsAsync(node, NodeFaults.None with { DripMs = 3 * BeaconClient.RequestTimeout });
            }

            PressTwice(recipient, swarm);

            // A path made of swarm members only has no dripping node, and an alert may leave through it untouched (a clean
            // clone's run did); when every path had one, the first alert met a timeout.
            if (paths.All(path => path.Intersect(dripping).Any()))
            {
                Assert.Contains(_board.Transport.Lines, line => line.Contains("/onion_req/v2 => 0") && line.Contains("no answer within"));
            }
        }

        // A board with the one recipient, armed.
        private void Arm(IdentityKeys recipient)
        {
            _board = new SimulatedBoard(_net.Network, _net.NewClientFolder(), BeaconClient.NewIdentity(), "recipient = " + recipient.SessionId + " Bob\n");
            _board.Start();
            _board.RunUntil(() => _board.Beacon.Stage == BeaconStage.Armed, Timeout, "armed");
        }

        // Two panics, each reported delivered only when every member of the swarm holds it, and holds it once.
        private void PressTwice(IdentityKeys recipient, int[] swarm)
        {
            Press(recipient, swarm, 1);
            Press(recipient, swarm, 2);
            Assert.Equal(0, _board.Beacon.Outbox.Count);
        }

        // The panic numbered alert since the board started: reported delivered only once every member of the swarm holds
        // it, each member holding every alert so far once.
        private void Press(IdentityKeys recipient, int[] swarm, int alert)
        {
            int delivered = _board.Count(BeaconEventKind.Delivered);
            // The last release must settle first: a press within its debounce would continue the last hold.
            long released = _board.Now + 1000;
            _board.RunUntil(() => _board.Now >= released, Timeout, "the button released");
            _board.Press(Hold);
            _board.RunUntil(() => _board.Count(BeaconEventKind.Delivered) == delivered + 1, Timeout, "alert " + alert + " delivered");
            foreach (int member in swarm)
            {
                Assert.Equal(alert, Checks.AlertsHeld(_net, member, recipient, _board.Identity.SessionId));
            }
        }

        private async Task<bool> JunkMet(int[] hostile)
        {
            Observation[][] seen = await Checks.SeenSince(_net, null);
            return hostile.Any(node => seen[node].Any(o => o.Destination && o.Status == 200));
        }
    }
}
