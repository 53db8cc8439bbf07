using System;
using System.Linq;
using System.Threading.Tasks;
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Identity;
using Session.Core.Micro.Messages;
using Session.Core.Micro.Network;
using Session.Core.Micro.Ratchet;
using Session.Core.Micro.Tests.Messages;
using Session.Testnet;
using SessionBeacon.App;
using SessionBeacon.EndToEnd.Tests.Support;
using SessionBeacon.Harness.Storage;
using Xunit;
using Xunit.Abstractions;

namespace SessionBeacon.EndToEnd.Tests
{
    /// <summary>
    /// The firmware app end to end, on a simulated board against the real testnet. A
    /// panic reaches a stock-app recipient (opened by the independent libsodium receiver of the core's
    /// tests) and a companion receiver (through the alert ratchet) with verified receipts; the
    /// companion's acknowledgements come back and the beacon shows help reached, twice, with a DH
    /// ratchet step between. Then the same with a node of the path down, with the recipient's swarm
    /// moving, and with Wi-Fi down when the alert is accepted and a reboot before it comes back.
    /// </summary>
    [Collection("testnet")]
    public class BeaconOnTestnetTests : IAsyncLifetime
    {
        private const int Hold = 1600;
        private const int Timeout = 30000;
        private const string PanicText = "PANIC: I need help now";

        private readonly TestnetFixture _net;
        private readonly ITestOutputHelper _output;
        private readonly IdentityKeys _alice = BeaconClient.NewIdentity();
        private readonly IdentityKeys _bob = BeaconClient.NewIdentity();
        private SimulatedBoard _board;

        public BeaconOnTestnetTests(TestnetFixture net, ITestOutputHelper output)
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
        public void Panic_ToStockAppAndCompanion_DeliveredOpenedAndAcknowledgedTwice()
        {
            var bobClient = Phone(_bob);
            var bundle = new byte[RatchetPreKey.Size];
            var preKeySecret = new byte[X25519.ScalarSize];
            RatchetPreKey.Create(bundle, preKeySecret, _bob, bobClient.Random);
            _board = Board("recipient.prekey = " + _bob.SessionId + " " + Convert.ToBase64String(bundle) + "\n");
            _board.Start();
            _board.RunUntil(() => _board.Beacon.Stage == BeaconStage.Armed, Timeout, "armed");
            int armedFlashes = _board.Led.Flashes;
            Assert.Equal(1, armedFlashes);

            // Alert 1: both recipients get it; Bob's receiver pairs from it and acknowledges.
            _board.Press(Hold);
            _board.RunUntil(() => _board.Beacon.Stage == BeaconStage.Confirmed, Timeout, "alert 1 confirmed");
            Assert.Equal(1, _board.Count(BeaconEventKind.Queued));
            Assert.Equal(1, _board.Count(BeaconEventKind.Delivered));
            AliceOpens(1);
            var bobState = new KeyValueRatchetStore(new DirectoryStore(_net.NewClientFolder()), "ratchet.beacon");
            IncomingMessage first = Single(bobClient, _board.Identity.SessionId);
            Assert.True(RatchetPacket.IsInitiation(RatchetCarriage.ReadPacket(first)));
            Assert.DoesNotContain("PANIC", first.Body, StringComparison.Ordinal);
            RatchetLink bobLink = RatchetLink.Accept(bobState, bobClient.Random, _bob, preKeySecret, _board.Identity.X25519PublicKey, first, out RatchetContent alert1);
            Assert.StartsWith(PanicText + "\n#1, sent ", alert1.Text);
            Acknowledge(bobClient, bobLink, alert1.Sequence);
            _board.RunUntil(() => _board.Count(BeaconEventKind.HelpReached) == 1, Timeout, "help reached 1");
            Assert.Equal("Bob", _board.Events.Single(e => e.Kind == BeaconEventKind.HelpReached).Recipient);

            // Alert 2 after the DH ratchet step the acknowledgement caused.
            _board.Press(Hold);
            _board.RunUntil(() => _board.Count(BeaconEventKind.Delivered) == 2, Timeout, "alert 2 delivered");
            AliceOpens(2);
            IncomingMessage second = Single(bobClient, _board.Identity.SessionId);
            byte[] packet2 = RatchetCarriage.ReadPacket(second);
            Assert.False(RatchetPacket.IsInitiation(packet2));
            RatchetContent alert2 = bobLink.Open(second);
            Assert.StartsWith(PanicText + "\n#2, sent ", alert2.Text);
            Assert.Equal(alert1.Sequence + 1, alert2.Sequence);
            Acknowledge(bobClient, bobLink, alert2.Sequence);
            _board.RunUntil(() => _board.Count(BeaconEventKind.HelpReached) == 2, Timeout, "help reached 2");
            Assert.Equal(0, _board.Count(BeaconEventKind.Problem));
            // Armed, then per alert: sending, delivered (2), help reached.
            Assert.Equal(1 + 2 * (1 + 2 + 1), _board.Led.Flashes);
        }

        [Fact]
        public void Restarts_AfterHelpReached_TheAcknowledgementIsNeitherShownAgainNorTakenForAReplay()
        {
            string folder = _net.NewClientFolder();
            IdentityKeys identity = BeaconClient.NewIdentity();
            var bobClient = Phone(_bob);
            var bundle = new byte[RatchetPreKey.Size];
            var preKeySecret = new byte[X25519.ScalarSize];
            RatchetPreKey.Create(bundle, preKeySecret, _bob, bobClient.Random);
            string preKeyLine = "recipient.prekey = " + _bob.SessionId + " " + Convert.ToBase64String(bundle) + "\n";
            _board = Board(preKeyLine, folder, identity);
            _board.Start();
            _board.RunUntil(() => _board.Beacon.Stage == BeaconStage.Armed, Timeout, "armed");
            _board.Press(Hold);
            _board.RunUntil(() => _board.Beacon.Stage == BeaconStage.Confirmed, Timeout, "alert confirmed");
            var bobState = new KeyValueRatchetStore(new DirectoryStore(_net.NewClientFolder()), "ratchet.beacon");
            RatchetLink bobLink = RatchetLink.Accept(bobState, bobClient.Random, _bob, preKeySecret, identity.X25519PublicKey,
                Single(bobClient, identity.SessionId), out RatchetContent alert);
            Acknowledge(bobClient, bobLink, alert.Sequence);
            _board.RunUntil(() => _board.Count(BeaconEventKind.HelpReached) == 1, Timeout, "help reached");

            // beacon run again on the same folder: each boot reads the inbox from a random member of
            // the swarm, and one it never asked returns the acknowledgement again.
            for (int restart = 1; restart <= 12; restart++)
            {
                _board.Beacon.Stop();
                _board = Board(preKeyLine, folder, identity);
                _board.Start();
                _board.RunUntil(() => _board.Beacon.Stage == BeaconStage.Armed, Timeout, "armed after restart " + restart);
                Assert.True(_board.Count(BeaconEventKind.Problem) == 0, "restart " + restart + ": " + _board.Describe());
                Assert.Equal(0, _board.Count(BeaconEventKind.HelpReached));
            }
        }

        [Fact]
        public void DamagedPairingWithBob_AtTheNextBoot_AliceGetsEveryAlert_BobAPlainOneMarkedPairingLost()
        {
            string folder = _net.NewClientFolder();
            IdentityKeys identity = BeaconClient.NewIdentity();
            var bobClient = Phone(_bob);
            var bundle = new byte[RatchetPreKey.Size];
            var preKeySecret = new byte[X25519.ScalarSize];
            RatchetPreKey.Create(bundle, preKeySecret, _bob, bobClient.Random);
            string preKeyLine = "recipient.prekey = " + _bob.SessionId + " " + Convert.ToBase64String(bundle) + "\n";
            _board = Board(preKeyLine, folder, identity);
            _board.Start();
            _board.RunUntil(() => _board.Beacon.Stage == BeaconStage.Armed, Timeout, "armed");
            _board.Press(Hold);
            _board.RunUntil(() => _board.Beacon.Stage == BeaconStage.Confirmed, Timeout, "alert 1 confirmed");
            RatchetLink.Accept(new KeyValueRatchetStore(new DirectoryStore(_net.NewClientFolder()), "ratchet.beacon"), bobClient.Random, _bob, preKeySecret,
                identity.X25519PublicKey, Single(bobClient, identity.SessionId), out RatchetContent alert1);
            Assert.StartsWith(PanicText + "\n#1, sent ", alert1.Text);
            _board.Beacon.Stop();

            // Flash damage: one bit in each of the two slots of Bob's pairing, in the board's flash folder.
            var flash = new DirectoryStore(folder);
            string state = RatchetPairings.StateName(_board.Config.Recipients[1]);
            foreach (string key in new[] { state + ".0", state + ".1" })
            {
                byte[] slot = flash.Get(key);
                slot[100] ^= 0x10;
                flash.Put(key, slot);
            }

            _board = Board(preKeyLine, folder, identity);
            _board.Start();
            _board.RunUntil(() => _board.Beacon.Stage == BeaconStage.Armed, Timeout, "armed after the damage");
            BeaconEvent lost = Assert.Single(_board.Events, e => e.Kind == BeaconEventKind.PairingLost);
            Assert.Equal("Bob", lost.Recipient);
            _board.Press(Hold);
            _board.RunUntil(() => _board.Count(BeaconEventKind.Delivered) == 1, Timeout, "alert 2 delivered to both");
            AliceOpens(1);
            AliceOpens(2);
            IncomingMessage toBob = Single(bobClient, identity.SessionId);
            Assert.False(RatchetCarriage.IsRatchetMessage(toBob));
            Assert.StartsWith(PanicText + "\n#2, sent ", toBob.Body);
            Assert.EndsWith("\n" + RatchetPairings.PlainNote, toBob.Body);
        }

        [Fact]
        public void Panic_FlashAlertReady_TheBuiltAheadAlertArrivesAsBuilt_ThenTheDetailedOne()
        {
            _board = Board("", flash: true);
            _board.Start();
            _board.RunUntil(() => _board.Beacon.IsFlashReady, Timeout, "the flash alert built");
            _board.Press(Hold);
            _board.RunUntil(() => _board.Count(BeaconEventKind.Delivered) == 2, Timeout, "flash and detailed alerts delivered");
            // On flash: the panic first (the cheaper write), then its flash alert.
            Assert.Equal(new string[] { null, "flash alert, built ahead, on flash" }, _board.Events.Where(e => e.Kind == BeaconEventKind.Queued).Select(e => e.Text).ToArray());

            var phone = Phone(_alice);
            RetrieveResult result = phone.Poll();
            var bodies = Enumerable.Range(0, result.Count)
                .Select(i => IndependentSession.Open(result.Message(i).Data, _alice.Ed25519SecretKey.Take(32).ToArray()))
                .Where(o => o.SenderSessionId == _board.Identity.SessionId)
                .OrderBy(o => o.Envelope.Timestamp)
                .Select(o => o.Content.DataMessage.Body)
                .ToArray();
            Assert.Equal(2, bodies.Length);
            Assert.Equal(PanicText, bodies[0]);
            Assert.StartsWith(PanicText + "\n#1, sent ", bodies[1]);
        }

        [Fact]
        public async Task Panic_WithTheGuardOfEveryPathDown_DeliveredAroundItToBothStockAppRecipients()
        {
            _board = TwoStockApps();
            _board.Start();
            _board.RunUntil(() => _board.Beacon.Stage == BeaconStage.Armed, Timeout, "armed");
            for (int i = 0; i < _board.Beacon.Paths.Count; i++)
            {
                await _net.Network.SetFaultsAsync(_net.IndexOf(_board.Beacon.Paths.Path(i).Guard.Ed25519Hex), NodeFaults.None with { Down = true });
            }
            _board.Press(Hold);
            _board.RunUntil(() => _board.Count(BeaconEventKind.Delivered) == 1, Timeout, "delivered around the dead guard");
            Opens(_alice, 1);
            Opens(_bob, 1);
        }

        [Fact]
        public async Task Panic_AfterTheRecipientsSwarmMoved_DeliveredToTheNewSwarm()
        {
            _board = TwoStockApps();
            _board.Start();
            _board.RunUntil(() => _board.Beacon.Stage == BeaconStage.Armed, Timeout, "armed");
            // The members the beacon knows disown Alice (421) and point elsewhere, as after a swarm change.
            foreach (int node in _net.SwarmOf(_alice.SessionId).Take(2))
            {
                await _net.Network.SetFaultsAsync(node, NodeFaults.None with { WrongSwarm = true });
            }
            _board.Press(Hold);
            _board.RunUntil(() => _board.Count(BeaconEventKind.Delivered) == 1, Timeout, "delivered after the swarm moved");
            Opens(_alice, 1);
            Opens(_bob, 1);
        }

        [Fact]
        public void Panic_WhileWifiIsDown_KeptOnFlashThroughARebootAndSentWhenWifiReturns()
        {
            string folder = _net.NewClientFolder();
            IdentityKeys identity = BeaconClient.NewIdentity();
            _board = Board("", folder, identity);
            _board.Link.Available = false;
            _board.Start();
            _board.Press(Hold);
            _board.RunUntil(() => _board.Count(BeaconEventKind.Queued) == 1 && _board.Link.Connects >= 2, Timeout, "queued, Wi-Fi retried");
            Assert.Equal(BeaconStage.NetworkUp, _board.Beacon.Stage);
            Assert.Equal(1, _board.Beacon.Outbox.Count);
            _board.Beacon.Stop();

            // Power cycle: a new app over the same flash; Wi-Fi is back.
            _board = Board("", folder, identity);
            _board.Start();
            Assert.Equal(1, _board.Beacon.Outbox.Count);
            Assert.True(_board.Beacon.Outbox.Records()[0].IsHeld, "accepted before the beacon knew the network's time: held, not yet sealed");
            _board.RunUntil(() => _board.Count(BeaconEventKind.Delivered) == 1, Timeout, "delivered after the reboot");
            Assert.Equal(0, _board.Beacon.Outbox.Count);
            // The note follows the time, at the end of the number line; the position's line comes after it.
            string[] lines = AliceOpens(1).Split('\n');
            Assert.EndsWith(" (held until the beacon knew the time)", lines[1]);
            Assert.Equal("No position: this beacon has no GPS", lines[^1]);
        }

        // No test here is about timeouts (a downed node refuses at once): boards and phones wait the patient timeouts, so
        // that a request a loaded machine held up past the short one is not a problem report or a failed send (and its
        // LED pattern) that the tests, which count them, would take for the app's.
        private SimulatedBoard TwoStockApps() =>
            new SimulatedBoard(_net.Network, _net.NewClientFolder(), BeaconClient.NewIdentity(),
                "recipient = " + _alice.SessionId + " Alice\nrecipient = " + _bob.SessionId + " Bob\n").UsePatientTimeouts();

        private SimulatedBoard Board(string extra, string folder = null, IdentityKeys identity = null, bool flash = false)
        {
            string recipients = "recipient = " + _alice.SessionId + " Alice\n" + (extra.Length == 0 ? "" : "recipient = " + _bob.SessionId + " Bob\n" + extra);
            return new SimulatedBoard(_net.Network, folder ?? _net.NewClientFolder(), identity ?? BeaconClient.NewIdentity(), recipients, flash).UsePatientTimeouts();
        }

        private BeaconClient Phone(IdentityKeys who) => new BeaconClient(_net.Network, _net.NewClientFolder(), who).UsePatientTimeouts();

        // A phone with the stock app (its part) reads its swarm; the independent libsodium receiver opens alert number n.
        private string AliceOpens(int n) => Opens(_alice, n);

        private string Opens(IdentityKeys who, int n)
        {
            var phone = Phone(who);
            RetrieveResult result = phone.Poll();
            var opened = Enumerable.Range(0, result.Count)
                .Select(i => IndependentSession.Open(result.Message(i).Data, who.Ed25519SecretKey.Take(32).ToArray()))
                .Where(o => o.Content.DataMessage.Body.Contains("\n#" + n + ", sent ", StringComparison.Ordinal))
                .ToArray();
            var alert = Assert.Single(opened);
            Assert.StartsWith(PanicText + "\n#" + n + ", sent ", alert.Content.DataMessage.Body);
            Assert.Equal(_board.Identity.SessionId, alert.SenderSessionId);
            Assert.Equal("Test beacon", alert.Content.DataMessage.Profile.DisplayName);
            return alert.Content.DataMessage.Body;
        }

        // The newest message in the companion's inbox from the beacon, opened by the core's receiver.
        private static IncomingMessage Single(BeaconClient reader, string from)
        {
            RetrieveResult result = reader.Poll();
            var receiver = new MessageReceiver(reader.Keys);
            IncomingMessage[] mine = Enumerable.Range(0, result.Count).Select(i => receiver.Open(result.Message(i).Data))
                .Where(m => m.SenderSessionId == from).ToArray();
            Assert.NotEmpty(mine);
            return mine[^1];
        }

        private static void Acknowledge(BeaconClient receiver, RatchetLink link, uint sequence)
        {
            byte[] payload = link.EncodeAcknowledgement(new[] { sequence }, "Bob's receiver", receiver.NetworkClock.Now);
            StoreReceipt receipt = receiver.Client.Store(link.PeerSessionId, payload, ServiceNodeClient.DefaultTtl, 1);
            Assert.True(receipt.IsSuccess);
        }
    }
}
