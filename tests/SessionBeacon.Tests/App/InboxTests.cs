using System;
using System.Collections.Generic;
using System.Linq;
using Session.Core.Micro.Identity;
using Session.Core.Micro.Messages;
using Session.Core.Micro.Network;
using Session.Core.Micro.Ratchet;
using Session.Core.Micro.Tests.Support;
using SessionBeacon.App;
using SessionBeacon.Config;
using SessionBeacon.Hardware;
using SessionBeacon.Tests.Support;
using ClientStore = Session.Core.Micro.Tests.Support.MemoryStore;
using FlashStore = SessionBeacon.Tests.Support.MemoryStore;
using Xunit;
using Xunit.Abstractions;

namespace SessionBeacon.Tests.App
{
    /// <summary>
    /// The beacon's inbox across restarts, on the in-memory fake network: Bob's companion receiver
    /// pairs from an alert and acknowledges it, Alice replies in plain v1; then the beacon is built
    /// again over the same flash many times. Each boot reads the inbox from a random member of its
    /// swarm, and a member it never asked before returns every message again. What was handled before
    /// is recognised quietly; the same ratchet packet in another stored message is still a replay.
    /// </summary>
    public class InboxTests
    {
        private const long Boot = 1_700_000_000_000;
        private const int Restarts = 12;
        private readonly ITestOutputHelper _output;

        public InboxTests(ITestOutputHelper output)
        {
            _output = output;
        }

        [Fact]
        public void Restarts_AnAcknowledgementAndAReplyHandledBefore_NeitherReportedNorShownAgain()
        {
            Pair s = Paired(Seeded(nameof(Restarts_AnAcknowledgementAndAReplyHandledBefore_NeitherReportedNorShownAgain)), new FlashStore());
            s.Reply("on my way");
            s.RunUntil(() => s.Events.Any(e => e.Kind == BeaconEventKind.Reply), "the reply");
            s.Events.Clear();
            for (int i = 0; i < Restarts; i++)
            {
                int retrieves = s.Network.Delivered.Count(d => d.Method == "retrieve");
                s.Restart();
                s.Run(s.Now + 10000);
                Assert.True(s.Network.Delivered.Count(d => d.Method == "retrieve") > retrieves, "restart " + i + ": the inbox was not read");
            }
            Assert.Empty(s.Events.Where(e => e.Kind == BeaconEventKind.Problem).Select(e => e.Text));
            Assert.DoesNotContain(s.Events, e => e.Kind == BeaconEventKind.HelpReached || e.Kind == BeaconEventKind.Reply);
            // The pairing goes on: a second alert after the restarts is acknowledged.
            s.AlertAndAcknowledge(2);
        }

        [Fact]
        public void Restart_TheSameAcknowledgementStoredAgainInANewMessage_ReportedAsAReplay()
        {
            Pair s = Paired(Seeded(nameof(Restart_TheSameAcknowledgementStoredAgainInANewMessage_ReportedAsAReplay)), new FlashStore());
            s.Restart();
            s.Run(s.Now + 10000);
            // The packet Bob sent, carried again in a new v1 message (another hash): not the message handled before.
            s.Bob.Store(s.Keys, RatchetCarriage.ToContent(s.Bob.LastAcknowledgementPacket, "Bob's receiver", s.Network.ServerTime));
            s.RunUntil(() => s.Events.Any(e => e.Kind == BeaconEventKind.Problem), "the replay reported");
            BeaconEvent problem = s.Events.Single(e => e.Kind == BeaconEventKind.Problem);
            Assert.Equal("Bob", problem.Recipient);
            Assert.Contains("already opened (duplicate delivery or replay)", problem.Text, StringComparison.Ordinal);
        }

        [Fact]
        public void PowerCut_AtEveryWriteWhileTheAcknowledgementIsRead_NoFalseAlarmAfterTheReboot()
        {
            // Every run is a new scenario drawn from one seed; each cuts at a later write of the
            // boot and the reading of the acknowledgement, until a run reads it without reaching the cut.
            SeededRandom random = Seeded(nameof(PowerCut_AtEveryWriteWhileTheAcknowledgementIsRead_NoFalseAlarmAfterTheReboot));
            int runs = 0;
            foreach (CutMode mode in Enum.GetValues<CutMode>())
            {
                for (int cut = 1; ; cut++)
                {
                    string where = "cut " + mode + " at write " + cut;
                    var flash = new FlashStore();
                    Pair s = Paired(random, flash, acknowledgeOnly: true);
                    var cutting = new PowerCutStore(flash, cut, mode);
                    s.PowerCycle(cutting);
                    s.RunUntil(() => cutting.IsCut || s.Events.Any(e => e.Kind == BeaconEventKind.HelpReached), "help reached or the cut");
                    if (!cutting.IsCut)
                    {
                        break;
                    }
                    int shown = s.Events.Count(e => e.Kind == BeaconEventKind.HelpReached);
                    s.Events.Clear();
                    // The reboot asks a member it never asked before, which returns every message again.
                    foreach (string cursor in flash.Values.Keys.Where(k => k.StartsWith("last_hash/", StringComparison.Ordinal)).ToArray())
                    {
                        flash.Remove(cursor);
                    }
                    s.PowerCycle(flash);
                    s.Run(s.Now + 10000);
                    Assert.True(s.Events.All(e => e.Kind != BeaconEventKind.Problem), where + ": " + string.Join("; ", s.Events.Where(e => e.Kind == BeaconEventKind.Problem).Select(e => e.Text)));
                    shown += s.Events.Count(e => e.Kind == BeaconEventKind.HelpReached);
                    Assert.True(shown <= 1, where + ": help reached shown " + shown + " times");
                    _output.WriteLine(where + ": help reached shown " + shown + " time(s)");
                    s.AlertAndAcknowledge(2);
                    runs++;
                }
            }
            Assert.True(runs >= 6, "only " + runs + " power cuts");
        }

        private SeededRandom Seeded(string name) => new SeededRandom(_output, name);

        // A beacon with Alice (plain) and Bob (companion receiver); alert 1 delivered, opened by Bob,
        // acknowledged, and help reached shown; with acknowledgeOnly it stops once Bob stored the
        // acknowledgement, before the beacon read it.
        private static Pair Paired(SeededRandom random, IKeyValueStore flash, bool acknowledgeOnly = false)
        {
            var s = new Pair(random, flash);
            s.Start();
            s.Button(0, 2000);
            s.RunUntil(() => s.Events.Any(e => e.Kind == BeaconEventKind.Delivered), "alert 1 delivered");
            s.Bob.AcknowledgeNext(s, 1);
            if (acknowledgeOnly)
            {
                s.Events.Clear();
                return s;
            }
            s.RunUntil(() => s.Events.Any(e => e.Kind == BeaconEventKind.HelpReached), "help reached");
            return s;
        }

        private sealed class Pair
        {
            private readonly SeededRandom _random;
            private readonly BeaconConfig _config;
            private readonly IdentityKeys _identity;
            private IKeyValueStore _flash;

            public Pair(SeededRandom random, IKeyValueStore flash)
            {
                _random = random;
                _flash = flash;
                Network = new FakeNetwork(random, 12) { ServerTime = Boot };
                _identity = IdentityKeys.FromSeed(random.Bytes(32));
                Alice = IdentityKeys.FromSeed(random.Bytes(32));
                Bob = new Companion(Network, IdentityKeys.FromSeed(random.Bytes(32)), random);
                Network.SetSwarm(Alice.SessionId, 0, 1, 2, 3);
                Network.SetSwarm(Bob.Keys.SessionId, 4, 5, 6, 7);
                Network.SetSwarm(_identity.SessionId, 8, 9, 10, 11);
                _config = BeaconConfig.Parse("board = esp32-devkitc\npanic.cancel_ms = 0\nduress.presses = 0\nflash.refresh_s = 0\ninbox.poll_s = 600\n"
                    + "recipient = " + Alice.SessionId + " Alice\nrecipient = " + Bob.Keys.SessionId + " Bob\n"
                    + "recipient.prekey = " + Bob.Keys.SessionId + " " + Convert.ToBase64String(Bob.Bundle) + "\n", "nf.config");
            }

            public FakeNetwork Network { get; }
            public IdentityKeys Alice { get; }
            public Companion Bob { get; }
            public Beacon Beacon { get; private set; }
            public List<BeaconEvent> Events { get; } = new List<BeaconEvent>();
            public long Now { get; private set; } = Boot;

            public IdentityKeys Keys => _identity;

            public void Start()
            {
                Beacon = new Beacon(_config, _identity, _flash, Network.Profile, Network, new FakeClock(Boot),
                    new FixedRandom(_random.Bytes(1 << 20)), new BeaconHardware(null, null, null, null, null), 4);
                Beacon.Start(Now);
            }

            // The app quits (beacon run's q) and is started again over the same flash.
            public void Restart()
            {
                Beacon.Stop();
                Now += 1000;
                Start();
            }

            // The power goes and comes back: nothing more is written, the app starts over the flash.
            public void PowerCycle(IKeyValueStore flash)
            {
                _flash = flash;
                Now += 1000;
                Start();
            }

            public void Button(params int[] edges)
            {
                long start = Now;
                for (int i = 0; i < edges.Length; i++)
                {
                    Beacon.Policy.ButtonLevel(i % 2 == 0, start + edges[i]);
                    Step(start + edges[i]);
                }
                Now = start + edges[^1];
            }

            public void Run(long until)
            {
                while (Now < until)
                {
                    long next = Step(Now);
                    Now = Math.Min(until, Math.Max(Now + 1, next));
                }
            }

            // Steps until done holds, for at most ten simulated minutes.
            public void RunUntil(Func<bool> done, string what)
            {
                long limit = Now + 600000;
                while (!done())
                {
                    Assert.True(Now < limit, "no " + what + "; events: " + string.Join(" | ", Events.Select(e => e.Kind + ": " + e.Text)));
                    long next = Step(Now);
                    Now = Math.Max(Now + 1, Math.Min(next, Now + 1000));
                }
            }

            // Reply from Alice, plain v1, stored in the beacon's swarm.
            public void Reply(string text)
            {
                var alice = new Companion(Network, Alice, _random);
                alice.Store(_identity, new ContentMessage(text, "Alice", Network.ServerTime));
            }

            // Alert number n, opened by Bob with the ratchet and acknowledged; help reached shown for it.
            public void AlertAndAcknowledge(int n)
            {
                int delivered = Events.Count(e => e.Kind == BeaconEventKind.Delivered);
                int reached = Events.Count(e => e.Kind == BeaconEventKind.HelpReached);
                Button(0, 2000);
                RunUntil(() => Events.Count(e => e.Kind == BeaconEventKind.Delivered) > delivered, "alert " + n + " delivered");
                Bob.AcknowledgeNext(this, n);
                RunUntil(() => Events.Count(e => e.Kind == BeaconEventKind.HelpReached) > reached, "help reached for alert " + n);
                Assert.Equal("acknowledged alert #" + n, Events.Last(e => e.Kind == BeaconEventKind.HelpReached).Text);
            }

            private long Step(long now)
            {
                long next = OneThread.Step(Beacon, now);
                Events.AddRange(Beacon.TakeEvents());
                return next;
            }
        }

        // A Session client on the fake network (Bob's companion receiver, or Alice's phone): its own pool, paths and store.
        private sealed class Companion
        {
            private readonly FakeNetwork _network;
            private readonly FixedRandom _random;
            private readonly ServiceNodeClient _client;
            private readonly byte[] _preKeySecret = new byte[32];
            private readonly HashSet<string> _opened = new HashSet<string>();
            private RatchetLink _link;

            public Companion(FakeNetwork network, IdentityKeys keys, SeededRandom random)
            {
                _network = network;
                Keys = keys;
                _random = new FixedRandom(random.Bytes(1 << 18));
                var store = new ClientStore();
                var pool = new NodePool(network.Profile, network, store, _random);
                pool.Bootstrap();
                var paths = new OnionPaths(pool, network, _random, keys.SessionId, 1);
                _client = new ServiceNodeClient(pool, paths, new SwarmCache(), new NetworkClock(new FakeClock(Boot)), network, store, _random);
                Bundle = new byte[RatchetPreKey.Size];
                RatchetPreKey.Create(Bundle, _preKeySecret, keys.Ed25519SecretKey, _random);
            }

            public IdentityKeys Keys { get; }
            public byte[] Bundle { get; }
            public byte[] LastAcknowledgementPacket { get; private set; }

            // Opens the beacon's newest ratchet message (pairing from the first), checks it is alert n, and acknowledges it.
            public void AcknowledgeNext(Pair beacon, int n)
            {
                var receiver = new MessageReceiver(Keys);
                IncomingMessage message = _network.Stores.Where(s => s.Owner == Keys.SessionId && _opened.Add(Convert.ToBase64String(s.Data)))
                    .Select(s => receiver.Open(s.Data)).Last(m => m.SenderSessionId == beacon.Keys.SessionId && RatchetCarriage.IsRatchetMessage(m));
                RatchetContent alert;
                if (_link == null)
                {
                    _link = RatchetLink.Accept(new KeyValueRatchetStore(new ClientStore(), "bob"), _random, Keys, _preKeySecret,
                        beacon.Keys.X25519PublicKey, message, out alert);
                }
                else
                {
                    alert = _link.Open(message);
                }
                Assert.StartsWith("PANIC", alert.Text);
                Assert.Equal((uint)n, alert.Sequence);
                byte[] payload = _link.EncodeAcknowledgement(new[] { alert.Sequence }, "Bob's receiver", _network.ServerTime);
                LastAcknowledgementPacket = RatchetCarriage.ReadPacket(new MessageReceiver(beacon.Keys).Open(payload));
                Assert.True(_client.Store(beacon.Keys.SessionId, payload, ServiceNodeClient.DefaultTtl, 1).IsSuccess);
            }

            public void Store(IdentityKeys to, ContentMessage content)
            {
                byte[] payload = MessageEncoder.Encode(Keys, to.X25519PublicKey, content, _random);
                Assert.True(_client.Store(to.SessionId, payload, ServiceNodeClient.DefaultTtl, 1).IsSuccess);
            }
        }
    }
}
