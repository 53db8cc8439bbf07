using System;
using System.Linq;
using System.Threading.Tasks;
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Identity;
using Session.Core.Micro.Messages;
using Session.Core.Micro.Network;
using Session.Core.Micro.Ratchet;
using Session.Testnet;
using SessionBeacon.App;
using SessionBeacon.EndToEnd.Tests.Support;
using SessionBeacon.Harness.Storage;
using Xunit;
using Xunit.Abstractions;

namespace SessionBeacon.EndToEnd.Tests
{
    /// <summary>
    /// An inbox that strangers filled, on the real testnet: after an alert, 200 junk messages shaped like real ones are
    /// stored in the beacon's inbox as anyone may (TestNetwork.FillInboxAsync), then the companion's acknowledgement. The
    /// board, limited to the replies the device reads, pages through the junk and shows help reached within a few polls,
    /// with no reply too large, no path failure and no problem reported. And a single stranger's message larger than the
    /// device reads (a node returns it whatever the budget): the board reads past it, tells it as a problem, and shows help
    /// reached by the acknowledgement stored behind it.
    /// </summary>
    [Collection("testnet")]
    public class JunkInboxTests : IAsyncLifetime
    {
        private const int Hold = 1600;
        private const int Timeout = 120000;
        private const int Junk = 200;

        private readonly TestnetFixture _net;
        private readonly ITestOutputHelper _output;
        private SimulatedBoard _board;
        private IdentityKeys _bob;
        private BeaconClient _bobClient;
        private byte[] _preKeySecret;

        public JunkInboxTests(TestnetFixture net, ITestOutputHelper output)
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
        public async Task InboxFullOfJunk_TheAcknowledgementStillReachesTheBeacon_InAFewPolls_WithNoPathLost()
        {
            string beacon = StartAndAlert();
            long junkTime = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            Assert.Equal(Junk, await _net.Network.FillInboxAsync(beacon, Junk, JunkKind.Envelope, 1000));
            Acknowledge(beacon);

            _board.RunUntil(() => _board.Count(BeaconEventKind.HelpReached) == 1, Timeout, "help reached through the junk");

            // Each page holds at most RetrieveRequest's 25 messages: at least 8 pages to the acknowledgement, at most
            // Inbox.MaxPagesPerPoll a poll, and the polls after an alert come every few seconds.
            int pages = await RetrievesSince(beacon, junkTime);
            _output.WriteLine(pages + " retrieve pages after the junk");
            Assert.InRange(pages, Junk / 25, 4 * Inbox.MaxPagesPerPoll);
            Assert.Equal(0, _board.Count(BeaconEventKind.Problem));
            AssertNoPathLost();
        }

        [Fact]
        public async Task OneMessageLargerThanTheDeviceReads_IsSkipped_AndTheAcknowledgementBehindItReachesTheBeacon()
        {
            string beacon = StartAndAlert();
            long junkTime = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            // A node returns the first message after the cursor whatever the budget: one of 60 KB is more than a page holds.
            Assert.Equal(1, await _net.Network.FillInboxAsync(beacon, 1, JunkKind.Random, 60_000));
            Acknowledge(beacon);

            _board.RunUntil(() => _board.Count(BeaconEventKind.HelpReached) == 1, Timeout, "help reached past the large message");

            int pages = await RetrievesSince(beacon, junkTime);
            _output.WriteLine(pages + " retrieve pages after the large message");
            Assert.InRange(pages, 2, 4 * Inbox.MaxPagesPerPoll);
            // Told once: the members asked after the first know its hash as seen.
            BeaconEvent skipped = Assert.Single(_board.Events, e => e.Kind == BeaconEventKind.Problem);
            Assert.Contains("bytes, larger than the device reads, skipped", skipped.Text);
            AssertNoPathLost();
        }

        // A board with Bob's companion receiver, armed, after one alert: the beacon's Session ID.
        private string StartAndAlert()
        {
            _bob = BeaconClient.NewIdentity();
            // Timeouts are not what this class is about: with the short ones, one of its many requests that a loaded
            // machine held up would count as a lost path or a problem that the junk did not cause.
            _bobClient = new BeaconClient(_net.Network, _net.NewClientFolder(), _bob).UsePatientTimeouts();
            var bundle = new byte[RatchetPreKey.Size];
            _preKeySecret = new byte[X25519.ScalarSize];
            RatchetPreKey.Create(bundle, _preKeySecret, _bob, _bobClient.Random);
            _board = new SimulatedBoard(_net.Network, _net.NewClientFolder(), BeaconClient.NewIdentity(),
                "recipient = " + _bob.SessionId + " Bob\nrecipient.prekey = " + _bob.SessionId + " " + Convert.ToBase64String(bundle) + "\n")
                .UsePatientTimeouts();
            _board.Start();
            _board.RunUntil(() => _board.Beacon.Stage == BeaconStage.Armed, Timeout, "armed");
            _board.Press(Hold);
            _board.RunUntil(() => _board.Beacon.Stage == BeaconStage.Confirmed, Timeout, "alert confirmed");
            return _board.Identity.SessionId;
        }

        // Bob's receiver opens the alert and stores its acknowledgement in the beacon's inbox.
        private void Acknowledge(string beacon)
        {
            var receiver = new MessageReceiver(_bob);
            RetrieveResult bobInbox = _bobClient.Poll();
            IncomingMessage alert = Enumerable.Range(0, bobInbox.Count).Select(i => receiver.Open(bobInbox.Message(i).Data)).Last(m => m.SenderSessionId == beacon);
            var bobState = new KeyValueRatchetStore(new DirectoryStore(_net.NewClientFolder()), "ratchet.beacon");
            RatchetLink link = RatchetLink.Accept(bobState, _bobClient.Random, _bob, _preKeySecret, _board.Identity.X25519PublicKey, alert, out RatchetContent content);
            byte[] ack = link.EncodeAcknowledgement(new[] { content.Sequence }, "Bob's receiver", _bobClient.NetworkClock.Now);
            Assert.True(_bobClient.Client.Store(beacon, ack, ServiceNodeClient.DefaultTtl, 1).IsSuccess);
        }

        private async Task<int> RetrievesSince(string beacon, long since)
        {
            int pages = 0;
            foreach (int member in _net.SwarmOf(beacon))
            {
                pages += (await _net.Network.ObservationsAsync(member))
                    .Count(o => o.Destination && o.Method == "retrieve" && o.SessionId == beacon && o.TimeMs >= since);
            }
            return pages;
        }

        // No reply was too large, no path failed, and every onion request had an answer.
        private void AssertNoPathLost()
        {
            Assert.Equal(0, _board.ReplyLimit.TooLargeCount);
            for (int p = 0; p < _board.Beacon.Paths.Count; p++)
            {
                Assert.Equal(0, _board.Beacon.Paths.Path(p).Failures);
            }
            Assert.DoesNotContain(_board.Transport.Lines, line => line.Contains("/onion_req/v2 => 0 ", StringComparison.Ordinal));
        }
    }
}
