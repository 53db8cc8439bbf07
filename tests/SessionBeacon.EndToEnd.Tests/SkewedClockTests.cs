using System;
using System.Linq;
using System.Security.Cryptography;
using System.Threading.Tasks;
using Session.Core.Micro.Identity;
using Session.Core.Micro.Network;
using Session.Core.Micro.Tests.Messages;
using Session.Testnet;
using SessionBeacon.App;
using SessionBeacon.EndToEnd.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace SessionBeacon.EndToEnd.Tests
{
    /// <summary>
    /// Half the real testnet's nodes five minutes ahead (their clock, what they report and what they
    /// check): the time each recipient sees an alert sent at must be the press time within the bound of
    /// docs/threat-model.md (ServiceNodeClient.MaxTimeStep), on three beacons that each set their clock anew.
    /// </summary>
    [Collection("testnet")]
    public class SkewedClockTests : IAsyncLifetime
    {
        private const int Hold = 1600;
        private const int Timeout = 60000;
        private const long FiveMinutes = 5 * 60_000;
        // What the beacon spends between the press and the alert's timestamp (policy, composing), at most.
        private const long PressToStamp = 5000;

        private readonly TestnetFixture _net;
        private readonly ITestOutputHelper _output;
        private SimulatedBoard _board;

        public SkewedClockTests(TestnetFixture net, ITestOutputHelper output)
        {
            _net = net;
            _output = output;
        }

        public Task InitializeAsync() => Task.CompletedTask;

        public Task DisposeAsync()
        {
            if (_board != null)
            {
                _output.WriteLine("events: " + _board.Describe());
            }
            return _net.HealAsync();
        }

        [Fact]
        public async Task Panic_HalfTheNodesFiveMinutesAhead_EachRecipientSeesThePressTimeWithinTheBound()
        {
            int[] skewed = Enumerable.Range(0, _net.Network.NodeCount).OrderBy(_ => RandomNumberGenerator.GetInt32(1000)).Take(_net.Network.NodeCount / 2).ToArray();
            _output.WriteLine("five minutes ahead: nodes " + string.Join(", ", skewed));
            foreach (int node in skewed)
            {
                await _net.Network.SetFaultsAsync(node, NodeFaults.None with { ClockSkewMs = FiveMinutes });
            }
            IdentityKeys alice = BeaconClient.NewIdentity();
            IdentityKeys bob = BeaconClient.NewIdentity();
            for (int beacon = 1; beacon <= 3; beacon++)
            {
                _board = new SimulatedBoard(_net.Network, _net.NewClientFolder(), BeaconClient.NewIdentity(),
                    "recipient = " + alice.SessionId + " Alice\nrecipient = " + bob.SessionId + " Bob\n");
                _board.Start();
                _board.RunUntil(() => _board.Beacon.Stage == BeaconStage.Armed, Timeout, "beacon " + beacon + " armed");
                long pressed = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                _board.Press(Hold);
                _board.RunUntil(() => _board.Count(BeaconEventKind.Delivered) == 1, Timeout, "beacon " + beacon + "'s alert delivered");
                foreach (IdentityKeys recipient in new[] { alice, bob })
                {
                    long sent = SentTime(recipient);
                    _output.WriteLine("beacon " + beacon + ": sent " + (sent - pressed) + " ms after the press");
                    Assert.InRange(sent - pressed, -ServiceNodeClient.MaxTimeStep, ServiceNodeClient.MaxTimeStep + PressToStamp);
                }
                _board.Beacon.Stop();
            }
        }

        // The time the recipient's app shows: the envelope's timestamp of this board's alert, read from a member that is not skewed.
        private long SentTime(IdentityKeys recipient)
        {
            int[] swarm = _net.SwarmOf(recipient.SessionId);
            long[] times = swarm
                .SelectMany(member => _net.Network.Node(member).Store.Retrieve(recipient.SessionId, 0, null, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + FiveMinutes, 0, 0, out _))
                .Select(m => IndependentSession.Open(m.Data, recipient.Ed25519SecretKey.Take(32).ToArray()))
                .Where(o => o.SenderSessionId == _board.Identity.SessionId)
                .Select(o => (long)o.Envelope.Timestamp)
                .Distinct()
                .ToArray();
            return Assert.Single(times);
        }
    }
}
