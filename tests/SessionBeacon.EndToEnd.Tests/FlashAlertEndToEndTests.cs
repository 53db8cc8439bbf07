using System;
using System.Linq;
using System.Threading.Tasks;
using Session.Core.Micro.Identity;
using Session.Core.Micro.Messages;
using Session.Core.Micro.Network;
using Session.Testnet;
using SessionBeacon.Arming;
using SessionBeacon.Config;
using SessionBeacon.Delivery;
using SessionBeacon.EndToEnd.Tests.Support;
using SessionBeacon.Harness.Storage;
using Xunit;
using Xunit.Abstractions;

namespace SessionBeacon.EndToEnd.Tests
{
    /// <summary>
    /// The pre-built flash alert on the real testnet: built in idle time (FlashAlert), taken at the
    /// press, written to the outbox as it is and sent as prepared; and, when the prepared request's
    /// path died after it was built, delivered by the retry loop all the same.
    /// </summary>
    [Collection("testnet")]
    public class FlashAlertEndToEndTests : IAsyncLifetime
    {
        private const string PanicText = "PANIC: flash alert end to end";

        private readonly TestnetFixture _net;
        private readonly ITestOutputHelper _output;
        private readonly IdentityKeys _sender = BeaconClient.NewIdentity();
        private readonly IdentityKeys _recipient = BeaconClient.NewIdentity();
        private BeaconClient _beacon;

        public FlashAlertEndToEndTests(TestnetFixture net, ITestOutputHelper output)
        {
            _net = net;
            _output = output;
        }

        public Task InitializeAsync()
        {
            // Not a test of timeouts (a downed guard refuses at once): a prepared request that a loaded machine held up
            // past the short timeout would be sent again, a second POST and store where the tests count one.
            _beacon = new BeaconClient(_net.Network, _net.NewClientFolder(), _sender).UsePatientTimeouts();
            return Task.CompletedTask;
        }

        public Task DisposeAsync()
        {
            foreach (string line in _beacon.Transport.Lines)
            {
                _output.WriteLine("  " + line);
            }
            return _net.HealAsync();
        }

        // A flash alert built over the beacon's client and taken once every part is ready.
        private PreparedAlert BuildAndTake()
        {
            BeaconConfig config = BeaconConfig.Parse("board = esp32-devkitc\ndevice.name = E2E Beacon\nalert.panic = " + PanicText
                + "\nalert.ttl_hours = 1\nflash.refresh_s = 45\nrecipient = " + _recipient.SessionId + " Phone\n", "nf.config");
            var flash = new FlashAlert(config, _sender, _beacon.Client, _beacon.NetworkClock, _beacon.Random, new AlertComposer(config).MinimumPaddedSize(false));
            long now = _beacon.Clock.UnixMilliseconds;
            flash.Start(now);
            // A build the network could not serve is tried again RetryMs later: each step comes that much later, or the
            // steps after a failed build would do nothing.
            for (int i = 0; i < 5 && !flash.IsReady; i++, now += FlashAlert.RetryMs)
            {
                flash.Step(now);
            }
            Assert.True(flash.IsReady);
            PreparedAlert alert = flash.Take();
            Assert.Equal(1, alert.RecipientCount);
            flash.Stop();
            return alert;
        }

        // The press: outbox write of the prepared payloads, the sender offered the prepared requests, one outbox step.
        private (OutboxRecord Record, ServiceNodeAlertSender Sender) Press(PreparedAlert alert, int k)
        {
            var sender = new ServiceNodeAlertSender(_beacon.Client, k);
            var outbox = new Outbox(new DirectoryStore(_net.NewClientFolder()), sender, 4);
            long now = _beacon.NetworkClock.Now;
            outbox.Start(now);
            OutboxRecord record = outbox.Add(AlertKind.Panic, now, alert, _beacon.Random);
            sender.Offer(alert);
            outbox.Step(now);
            Assert.Equal(0, outbox.Count);
            return (record, sender);
        }

        private Sent Delivered(OutboxRecord record, ServiceNodeAlertSender sender, int k)
        {
            byte[] payload = record.Payload(0);
            long timestamp = new MessageReceiver(_recipient).Open(payload).Timestamp;
            var sent = new Sent(PanicText, timestamp, payload, sender.LastReceipt);
            Checks.Verified(_net, sent, _recipient, k);
            Checks.Received(new BeaconClient(_net.Network, _net.NewClientFolder(), _recipient), sent, _sender);
            return sent;
        }

        [Fact]
        public async Task PreparedFlashAlert_SentAsBuilt_ReceiptVerified_RecipientOpensIt()
        {
            PreparedAlert alert = BuildAndTake();
            string destination = alert.Store(0).Destination.Ed25519Hex;
            int[] before = await Checks.Marks(_net);
            int posts = _beacon.Transport.Lines.Length;

            var (record, sender) = Press(alert, 3);

            // One POST: the prepared onion request, nothing built or fetched at the press.
            string post = Assert.Single(_beacon.Transport.Lines.Skip(posts));
            Assert.Contains("/onion_req/v2 => 200", post);
            Observation[][] seen = await Checks.SeenSince(_net, before);
            var store = Assert.Single(Enumerable.Range(0, seen.Length)
                .SelectMany(i => seen[i].Where(o => o.Destination && o.Method == "store").Select(o => i)));
            Assert.Equal(_net.IndexOf(destination), store);
            Delivered(record, sender, 3);
        }

        [Fact]
        public async Task PreparedPathDiesAfterBuilding_DeliveredThroughTheFallback()
        {
            PreparedAlert alert = BuildAndTake();
            // The guards of every live path go down after the request was built: the prepared one's among them.
            int[] guards = Enumerable.Range(0, _beacon.Paths.Count).Select(i => _net.IndexOf(_beacon.Paths.Path(i).Guard.Ed25519Hex)).Distinct().ToArray();
            foreach (int guard in guards)
            {
                await _net.Network.SetFaultsAsync(guard, NodeFaults.None with { Down = true });
            }
            Assert.True(_beacon.Client.IsCurrent(alert.Store(0)));
            int posts = _beacon.Transport.Lines.Length;

            var (record, sender) = Press(alert, 1);

            string[] lines = _beacon.Transport.Lines.Skip(posts).ToArray();
            Assert.True(lines.Length >= 2);
            // The prepared request met a downed guard; a later attempt over a fresh path stored the alert.
            Assert.Contains(guards, g => lines[0].Contains(_net.Network.Map.Nodes[g].BaseUrl + "/onion_req/v2 => 0"));
            Assert.Contains(lines.Skip(1), line => line.Contains("/onion_req/v2 => 200"));
            Assert.True(alert.Store(0).IsUsed);
            Delivered(record, sender, 1);
        }
    }
}
