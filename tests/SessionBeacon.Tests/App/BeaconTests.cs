using System;
using System.Collections.Generic;
using System.Linq;
using Session.Core.Micro.Identity;
using Session.Core.Micro.Messages;
using Session.Core.Micro.Network;
using Session.Core.Micro.Tests.Support;
using SessionBeacon.App;
using SessionBeacon.Config;
using SessionBeacon.Delivery;
using SessionBeacon.Feedback;
using SessionBeacon.Hardware;
using Xunit;
using Xunit.Abstractions;

namespace SessionBeacon.Tests.App
{
    /// <summary>
    /// The beacon's own rules on the in-memory fake network (deterministic; the real testnet runs are
    /// in SessionBeacon.EndToEnd.Tests): what the device shows for a duress alert, that an alert is
    /// on flash before the network is even there, and that a failing store never stops the beacon.
    /// </summary>
    public class BeaconTests
    {
        private const long Boot = 1_700_000_000_000;
        private readonly ITestOutputHelper _output;

        public BeaconTests(ITestOutputHelper output)
        {
            _output = output;
        }

        private sealed class Led : IIndicator
        {
            public readonly List<bool> Changes = new List<bool>();

            public void Set(bool on) => Changes.Add(on);
        }

        private sealed class Setup
        {
            public FakeNetwork Network;
            public Session.Core.Micro.Network.IKeyValueStore Store;
            public Beacon Beacon;
            public Led Led = new Led();
            public string Recipient;
            public List<BeaconEvent> Events = new List<BeaconEvent>();
            public long Now = Boot;

            // Feeds button edges at the given offsets (ms) from now, then steps the beacon for a minute.
            public void Button(params int[] edges)
            {
                long start = Now;
                for (int i = 0; i < edges.Length; i++)
                {
                    Beacon.Policy.ButtonLevel(i % 2 == 0, start + edges[i]);
                    SessionBeacon.Tests.Support.OneThread.Step(Beacon, start + edges[i]);
                    Events.AddRange(Beacon.TakeEvents());
                }
                Run(start + 60000);
            }

            public void Run(long until)
            {
                while (Now < until)
                {
                    long next = SessionBeacon.Tests.Support.OneThread.Step(Beacon, Now);
                    Events.AddRange(Beacon.TakeEvents());
                    Now = Math.Min(until, Math.Max(Now + 1, next));
                }
            }
        }

        private Setup Make(string name, Session.Core.Micro.Network.IKeyValueStore store = null, string flash = "flash.refresh_s = 0\n", IdentityKeys alice = null)
        {
            var random = new SeededRandom(_output, name);
            var network = new FakeNetwork(random, 12);
            string recipient = alice?.SessionId ?? "05" + Convert.ToHexStringLower(random.Bytes(32));
            network.SetSwarm(recipient, 0, 1, 2, 3);
            BeaconConfig config = BeaconConfig.Parse("board = esp32-devkitc\nrecipient = " + recipient + " Alice\ninbox.poll_s = 0\n" + flash, "nf.config");
            var s = new Setup { Network = network, Store = store ?? new MemoryStore(), Recipient = recipient };
            network.ServerTime = Boot;
            s.Beacon = new Beacon(config, IdentityKeys.FromSeed(random.Bytes(32)), s.Store, network.Profile, network, new FakeClock(Boot),
                new FixedRandom(random.Bytes(1 << 20)), new BeaconHardware(null, null, null, s.Led, null), 2);
            s.Beacon.Start(Boot);
            s.Run(Boot + 1000);
            Assert.Equal(BeaconStage.Armed, s.Beacon.Stage);
            return s;
        }

        [Fact]
        public void Panic_DeliveredWithSendingAndDeliveredPatterns()
        {
            Setup s = Make(nameof(Panic_DeliveredWithSendingAndDeliveredPatterns));
            int before = s.Led.Changes.Count;
            s.Button(0, 2000);
            Assert.Equal(new[] { BeaconEventKind.Queued, BeaconEventKind.Stage, BeaconEventKind.Stored, BeaconEventKind.Delivered, BeaconEventKind.Stage },
                s.Events.Select(e => e.Kind).Where(k => k != BeaconEventKind.Problem).Skip(s.Events.Count(e => e.Kind == BeaconEventKind.Stage && e.Time <= Boot + 1000)).ToArray());
            Assert.Equal(AlertKind.Panic, s.Events.Single(e => e.Kind == BeaconEventKind.Queued).Alert);
            BeaconEvent stored = s.Events.Single(e => e.Kind == BeaconEventKind.Stored);
            Assert.Equal("Alice", stored.Recipient);
            Assert.EndsWith("verified swarm signature(s)", stored.Text);
            Assert.Equal(BeaconStage.Confirmed, s.Beacon.Stage);
            Assert.Contains(s.Network.Delivered, d => d.Method == "store" && s.Network.SwarmOf(s.Recipient).Contains(d.Destination));
            // The recipient's swarm and the beacon's own came from one read of the seed's list.
            Assert.Equal(1, s.Network.SwarmLookups);
            // After the pending light: sending (on, off) and delivered (on, off, on, off).
            Assert.Equal(3, s.Led.Changes.Skip(before).Count(on => on) - 1);
        }

        // One member's signature is not "delivered": the member a store reaches can sign without passing it on.
        [Fact]
        public void Panic_OnlyTheMemberReachedSigns_NotDeliveredUntilTwoMembersHoldIt()
        {
            Setup s = Make(nameof(Panic_OnlyTheMemberReachedSigns_NotDeliveredUntilTwoMembersHoldIt));
            foreach (OnionTestNode member in s.Network.SwarmOf(s.Recipient))
            {
                s.Network.Unreplicated.Add(member.Hex);
            }
            s.Button(0, 2000);
            Assert.DoesNotContain(s.Events, e => e.Kind == BeaconEventKind.Delivered);
            Assert.Equal(1, s.Beacon.Outbox.Count);
            Assert.Contains(s.Events, e => e.Kind == BeaconEventKind.Failed && e.Text.Contains("too few verified signatures: 1 of the 2 needed"));
            Assert.DoesNotContain(s.Events, e => e.Kind == BeaconEventKind.Stored);

            s.Network.Unreplicated.Clear();
            s.Run(s.Now + 600_000);
            Assert.Single(s.Events, e => e.Kind == BeaconEventKind.Delivered);
            Assert.Equal(0, s.Beacon.Outbox.Count);
        }

        [Fact]
        public void Panic_FlashAlertReady_OnFlashAfterThePanic_LeavesFirstAsBuilt_ThenTheDetailedAlert()
        {
            var random = new SeededRandom(_output, nameof(Panic_FlashAlertReady_OnFlashAfterThePanic_LeavesFirstAsBuilt_ThenTheDetailedAlert) + "-alice");
            IdentityKeys alice = IdentityKeys.FromSeed(random.Bytes(32));
            Setup s = Make(nameof(Panic_FlashAlertReady_OnFlashAfterThePanic_LeavesFirstAsBuilt_ThenTheDetailedAlert), flash: "", alice: alice);
            s.Run(s.Now + 60000);
            Assert.True(s.Beacon.IsFlashReady);
            int storesBefore = s.Network.Stores.Count;
            s.Button(0, 7000);
            // The panic is on flash first (the cheaper write: the LED says so at once), its flash alert right after.
            BeaconEvent[] queued = s.Events.Where(e => e.Kind == BeaconEventKind.Queued).ToArray();
            Assert.Equal(2, queued.Length);
            Assert.Null(queued[0].Text);
            Assert.Equal("flash alert, built ahead, on flash", queued[1].Text);
            Assert.All(queued, e => Assert.Equal(AlertKind.Panic, e.Alert));
            Assert.Equal(2, s.Events.Count(e => e.Kind == BeaconEventKind.Delivered));
            Assert.Equal(BeaconStage.Confirmed, s.Beacon.Stage);
            // The flash alert leaves first, as built (its text alone); the detailed alert, sealed after it, follows.
            string[] stored = s.Network.Stores.Skip(storesBefore).Select(st => new MessageReceiver(alice).Open(st.Data).Body).ToArray();
            Assert.Equal(2, stored.Length);
            Assert.Equal(BeaconConfig.Parse("board = esp32-devkitc\nrecipient = " + alice.SessionId + " Alice\n", "nf.config").PanicText, stored[0]);
            Assert.StartsWith(stored[0] + "\n#1", stored[1]);
        }

        [Fact]
        public void Duress_LooksLikeACancel_NoPatternAfterwards_ButTheAlertIsDelivered()
        {
            Setup s = Make(nameof(Duress_LooksLikeACancel_NoPatternAfterwards_ButTheAlertIsDelivered));
            int before = s.Led.Changes.Count;
            s.Button(0, 2000, 3000, 3100, 3300, 3400);
            Assert.Equal(AlertKind.Duress, s.Events.Single(e => e.Kind == BeaconEventKind.Queued).Alert);
            Assert.Equal(1, s.Events.Count(e => e.Kind == BeaconEventKind.Delivered));
            // The pending light went on and off, as for a cancel; nothing else was shown.
            Assert.Equal(new[] { true, false }, s.Led.Changes.Skip(before).ToArray());

            // A plain cancel shows exactly the same.
            Setup c = Make(nameof(Duress_LooksLikeACancel_NoPatternAfterwards_ButTheAlertIsDelivered) + "-cancel");
            int cancelBefore = c.Led.Changes.Count;
            c.Button(0, 2000, 3000, 3100);
            Assert.DoesNotContain(c.Events, e => e.Kind == BeaconEventKind.Queued);
            Assert.Equal(new[] { true, false }, c.Led.Changes.Skip(cancelBefore).ToArray());
        }

        [Fact]
        public void AlertWhileTheSeedIsDown_OnFlashAtOnce_SentWhenTheNetworkComes()
        {
            var random = new SeededRandom(_output, nameof(AlertWhileTheSeedIsDown_OnFlashAtOnce_SentWhenTheNetworkComes));
            var network = new FakeNetwork(random, 12) { SeedDown = true, ServerTime = Boot };
            string recipient = "05" + Convert.ToHexStringLower(random.Bytes(32));
            network.SetSwarm(recipient, 4, 5, 6, 7);
            var store = new MemoryStore();
            BeaconConfig config = BeaconConfig.Parse("board = esp32-devkitc\nrecipient = " + recipient + " Alice\ninbox.poll_s = 0\nflash.refresh_s = 0\n", "nf.config");
            var s = new Setup { Network = network, Store = store, Recipient = recipient };
            s.Beacon = new Beacon(config, IdentityKeys.FromSeed(random.Bytes(32)), store, network.Profile, network, new FakeClock(Boot),
                new FixedRandom(random.Bytes(1 << 20)), new BeaconHardware(null, null, null, s.Led, null), 2);
            s.Beacon.Start(Boot);
            s.Button(0, 2000);
            Assert.Equal(BeaconStage.Paths, s.Beacon.Stage);
            Assert.Equal(1, s.Beacon.Outbox.Count);
            Assert.Contains(store.Values.Keys, k => k.StartsWith("outbox.", StringComparison.Ordinal));
            Assert.True(s.Beacon.Outbox.Records()[0].IsHeld, "no node has told the time yet: the alert waits for it");
            Assert.DoesNotContain(network.Delivered, d => d.Method == "store");
            Assert.Contains(s.Events, e => e.Kind == BeaconEventKind.Problem && e.Text.Contains("seed down", StringComparison.Ordinal));

            network.SeedDown = false;
            s.Run(s.Now + Connection.BackoffMaxMs + 60000);
            Assert.Equal(1, s.Events.Count(e => e.Kind == BeaconEventKind.Delivered));
            Assert.Equal(0, s.Beacon.Outbox.Count);
        }

        [Fact]
        public void OutboxFullOfCheckIns_APanicTakesTheOldestsPlace_APanicNeverGivesWay()
        {
            var random = new SeededRandom(_output, nameof(OutboxFullOfCheckIns_APanicTakesTheOldestsPlace_APanicNeverGivesWay));
            var network = new FakeNetwork(random, 12) { SeedDown = true, ServerTime = Boot };
            string recipient = "05" + Convert.ToHexStringLower(random.Bytes(32));
            BeaconConfig config = BeaconConfig.Parse("board = esp32-devkitc\nrecipient = " + recipient + " Alice\ninbox.poll_s = 0\nflash.refresh_s = 0\nheartbeat.interval_min = 15\n", "nf.config");
            var s = new Setup { Network = network, Store = new MemoryStore(), Recipient = recipient };
            s.Beacon = new Beacon(config, IdentityKeys.FromSeed(random.Bytes(32)), s.Store, network.Profile, network, new FakeClock(Boot),
                new FixedRandom(random.Bytes(1 << 20)), new BeaconHardware(null, null, null, s.Led, null), 2);
            s.Beacon.Start(Boot);
            s.Run(Boot + 46 * 60000);
            // Three check-ins for two places: the oldest gave way to the newest.
            Assert.Equal(3, s.Events.Count(e => e.Kind == BeaconEventKind.Queued && e.Alert == AlertKind.Heartbeat));
            Assert.Equal(1, s.Events.Count(e => e.Kind == BeaconEventKind.Expired && e.Alert == AlertKind.Heartbeat));
            long[] kept = s.Beacon.Outbox.Records().Select(r => r.CreatedMs).OrderBy(t => t).ToArray();

            s.Button(0, 7000);
            s.Button(0, 7000);
            Assert.Equal(new[] { AlertKind.Panic, AlertKind.Panic }, s.Beacon.Outbox.Records().Select(r => r.Kind).ToArray());
            s.Button(0, 7000);
            Assert.Equal(new[] { AlertKind.Panic, AlertKind.Panic }, s.Beacon.Outbox.Records().Select(r => r.Kind).ToArray());
            Assert.Contains(s.Events, e => e.Kind == BeaconEventKind.Problem && e.Text.StartsWith("alert not queued: ", StringComparison.Ordinal));
            Assert.Equal(2, kept.Length);
            Assert.True(kept[0] > Boot + 14 * 60000, "the first check-in gave way");
        }

        private sealed class FailingStore : Session.Core.Micro.Network.IKeyValueStore
        {
            public readonly MemoryStore Inner = new MemoryStore();
            public bool Fail;

            public byte[] Get(string key) => Inner.Get(key);

            public void Put(string key, byte[] value)
            {
                if (Fail && key.StartsWith("outbox.", StringComparison.Ordinal))
                {
                    throw new System.IO.IOException("flash write failed");
                }
                Inner.Put(key, value);
            }

            public void Remove(string key) => Inner.Remove(key);
        }

        // Found on the testnet: while the connection waited out its backoff, every step told the last problem again,
        // hundreds of events a minute from a main loop that steps every 50 ms.
        [Fact]
        public void SeedDown_StepsEvery50Ms_TheProblemIsToldOncePerAttempt()
        {
            var random = new SeededRandom(_output, nameof(SeedDown_StepsEvery50Ms_TheProblemIsToldOncePerAttempt));
            var network = new FakeNetwork(random, 12) { SeedDown = true, ServerTime = Boot };
            string recipient = "05" + Convert.ToHexStringLower(random.Bytes(32));
            BeaconConfig config = BeaconConfig.Parse("board = esp32-devkitc\nrecipient = " + recipient + " Alice\ninbox.poll_s = 0\nflash.refresh_s = 0\n", "nf.config");
            var beacon = new Beacon(config, IdentityKeys.FromSeed(random.Bytes(32)), new MemoryStore(), network.Profile, network, new FakeClock(Boot),
                new FixedRandom(random.Bytes(1 << 20)), new BeaconHardware(null, null, null, new Led(), null), 2);
            beacon.Start(Boot);
            var events = new List<BeaconEvent>();
            for (long now = Boot; now < Boot + 10000; now += 50)
            {
                SessionBeacon.Tests.Support.OneThread.Step(beacon, now);
                events.AddRange(beacon.TakeEvents());
            }
            // Attempts at 0, 2 and 6 s: the backoff starts at 2 s and doubles.
            Assert.Equal(2000, Connection.BackoffMinMs);
            Assert.Equal(3, events.Count(e => e.Kind == BeaconEventKind.Problem));
        }

        [Fact]
        public void FlashWriteFails_StepDoesNotThrow_ProblemToldAndFailedShown()
        {
            var store = new FailingStore();
            Setup s = Make(nameof(FlashWriteFails_StepDoesNotThrow_ProblemToldAndFailedShown), store);
            store.Fail = true;
            int before = s.Led.Changes.Count;
            s.Button(0, 2000);
            BeaconEvent problem = Assert.Single(s.Events, e => e.Kind == BeaconEventKind.Problem);
            Assert.Equal("alert not queued: flash write failed", problem.Text);
            // The pending light, then the failed pattern's five blinks.
            Assert.Equal(1 + FeedbackPattern.Timings(FeedbackPattern.Failed).Length / 2 + 1, s.Led.Changes.Skip(before).Count(on => on));
        }
    }
}
