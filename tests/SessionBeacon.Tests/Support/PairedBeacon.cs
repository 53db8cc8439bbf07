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
using SessionBeacon.Location;
using Xunit;

namespace SessionBeacon.Tests.Support
{
    /// <summary>
    /// A beacon with two recipients on the in-memory fake network: Alice on the stock app (plain v1) and
    /// Bob with a companion receiver (the alert ratchet). Its flash survives Restart and PowerCycle, as a
    /// board's does; nf.config is read again at every start, so a new pre-key of Bob's is a re-pairing.
    /// </summary>
    internal sealed class PairedBeacon
    {
        public const long Boot = 1_700_000_000_000;

        private readonly SeededRandom _random;
        private readonly IdentityKeys _identity;
        private readonly string _extraConfig;
        private IKeyValueStore _flash;

        public PairedBeacon(SeededRandom random, IKeyValueStore flash, string extraConfig = "")
        {
            _random = random;
            _flash = flash;
            _extraConfig = extraConfig;
            Network = new FakeNetwork(random, 12) { ServerTime = Boot };
            _identity = IdentityKeys.FromSeed(random.Bytes(32));
            Alice = IdentityKeys.FromSeed(random.Bytes(32));
            Bob = new CompanionReceiver(Network, IdentityKeys.FromSeed(random.Bytes(32)), random);
            Network.SetSwarm(Alice.SessionId, 0, 1, 2, 3);
            Network.SetSwarm(Bob.Keys.SessionId, 4, 5, 6, 7);
            Network.SetSwarm(_identity.SessionId, 8, 9, 10, 11);
        }

        public FakeNetwork Network { get; }
        public IdentityKeys Alice { get; }
        public CompanionReceiver Bob { get; }
        public Beacon Beacon { get; private set; }
        public BeaconConfig Config { get; private set; }
        public List<BeaconEvent> Events { get; } = new List<BeaconEvent>();
        public long Now { get; private set; } = Boot;
        /// <summary>The panic gestures of nf.config: by default a panic leaves at the hold, and there is no duress gesture.</summary>
        public string Gestures { get; set; } = "panic.cancel_ms = 0\nduress.presses = 0\n";
        /// <summary>The board has a GPS module (BeaconHardware.HasGps); with <see cref="GpsSentences"/> it sends them at every step.</summary>
        public bool HasGps { get; set; }
        /// <summary>What the GPS module sends at every step (an epoch of a real log), or null while it is silent.</summary>
        public byte[] GpsSentences { get; set; }
        /// <summary>The reader the module's sentences go through, as GpsUart's (a new one at every start).</summary>
        public NmeaReader Gps { get; private set; }
        /// <summary>When true, the beacon's local clock and the nodes' clocks follow <see cref="Now"/> (tracking runs on them).</summary>
        public bool ClockRuns { get; set; }
        private FakeClock _clock;

        public IdentityKeys Keys => _identity;

        /// <summary>
        /// A started beacon whose alert 1 was delivered, opened by Bob (which pairs him) and acknowledged,
        /// with help reached shown; with acknowledgeOnly it returns once Bob stored the acknowledgement,
        /// before the beacon read it.
        /// </summary>
        public static PairedBeacon Paired(SeededRandom random, IKeyValueStore flash, bool acknowledgeOnly = false, string extraConfig = "")
        {
            var s = new PairedBeacon(random, flash, extraConfig);
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

        public void Start()
        {
            Config = BeaconConfig.Parse("board = esp32-devkitc\n" + Gestures + "flash.refresh_s = 0\ninbox.poll_s = 600\n"
                + "recipient = " + Alice.SessionId + " Alice\nrecipient = " + Bob.Keys.SessionId + " Bob\n"
                + "recipient.prekey = " + Bob.Keys.SessionId + " " + Convert.ToBase64String(Bob.Bundle) + "\n" + _extraConfig, "nf.config");
            _clock = new FakeClock(ClockRuns ? Now : Boot);
            Gps = new NmeaReader();
            Beacon = new Beacon(Config, _identity, _flash, Network.Profile, Network, _clock,
                new FixedRandom(_random.Bytes(1 << 20)), new BeaconHardware(null, null, null, null, null, HasGps), 4);
            Beacon.Start(Now);
            Events.AddRange(Beacon.TakeEvents());
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
            var alice = new CompanionReceiver(Network, Alice, _random);
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

        /// <summary>Every message from this beacon stored for <paramref name="recipient"/>, opened with its keys, oldest first.</summary>
        public List<IncomingMessage> StoredFor(IdentityKeys recipient)
        {
            var receiver = new MessageReceiver(recipient);
            return Network.Stores.Where(s => s.Owner == recipient.SessionId).Select(s => receiver.Open(s.Data))
                .Where(m => m.SenderSessionId == _identity.SessionId).ToList();
        }

        private long Step(long now)
        {
            if (ClockRuns)
            {
                _clock.UnixMilliseconds = now;
                Network.ServerTime = now;
            }
            if (GpsSentences != null)
            {
                Gps.Feed(GpsSentences, 0, GpsSentences.Length);
            }
            Beacon.ReadGps(Gps, now);
            long next = OneThread.Step(Beacon, now);
            Events.AddRange(Beacon.TakeEvents());
            return next;
        }
    }
}
