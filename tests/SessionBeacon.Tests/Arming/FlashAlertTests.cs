using System;
using System.Linq;
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Identity;
using Session.Core.Micro.Messages;
using Session.Core.Micro.Network;
using Session.Core.Micro.Ratchet;
using Session.Core.Micro.Tests.Network;
using SessionBeacon.Arming;
using SessionBeacon.Config;
using SessionBeacon.Delivery;
using Xunit;
using Xunit.Abstractions;

namespace SessionBeacon.Tests.Arming
{
    // The pre-built flash alert over the core's ServiceNodeClient on the core tests' in-process onion
    // network (real onion layers peeled by libsodium nodes, real receipts).
    public class FlashAlertTests
    {
        private const string PanicText = "PANIC: flash test, call me";
        private readonly ITestOutputHelper _output;

        public FlashAlertTests(ITestOutputHelper output)
        {
            _output = output;
        }

        private sealed class Setup
        {
            public NetworkFixture F;
            public IdentityKeys Sender;
            public IdentityKeys Alice;
            public IdentityKeys Bob;
            public IdentityKeys Companion;
            public FlashAlert Flash;
        }

        private Setup Ready(string name, int refreshSeconds = 45)
        {
            var f = new NetworkFixture(_output, name, 10);
            f.Pool.Bootstrap();
            f.Client.SyncClock();
            var s = new Setup
            {
                F = f,
                Sender = IdentityKeys.FromSeed(f.Random.Bytes(32)),
                Alice = IdentityKeys.FromSeed(f.Random.Bytes(32)),
                Bob = IdentityKeys.FromSeed(f.Random.Bytes(32)),
                Companion = IdentityKeys.FromSeed(f.Random.Bytes(32)),
            };
            f.Network.SetSwarm(s.Alice.SessionId, 6, 7, 8);
            f.Network.SetSwarm(s.Bob.SessionId, 3, 4, 5);
            f.Network.SetSwarm(s.Companion.SessionId, 0, 1, 2);
            var bundle = new byte[RatchetPreKey.Size];
            RatchetPreKey.Create(bundle, new byte[X25519.ScalarSize], s.Companion, f.Rng);
            BeaconConfig config = BeaconConfig.Parse("board = esp32-devkitc\ndevice.name = Beacon 7\nalert.panic = " + PanicText
                + "\nalert.ttl_hours = 1\nflash.refresh_s = " + refreshSeconds
                + "\nrecipient = " + s.Alice.SessionId + " Alice\nrecipient = " + s.Companion.SessionId + " Companion\nrecipient = " + s.Bob.SessionId + " Bob\n"
                + "recipient.prekey = " + s.Companion.SessionId + " " + Convert.ToBase64String(bundle) + "\n", "nf.config");
            s.Flash = new FlashAlert(config, s.Sender, f.Client, f.NetworkClock, f.Rng, new AlertComposer(config).MinimumPaddedSize(false));
            return s;
        }

        // Steps at `now` until the set is complete; returns the next wake time.
        private static long Arm(Setup s, long now)
        {
            long wake = now;
            for (int i = 0; i < 10 && wake <= now; i++)
            {
                wake = s.Flash.Step(now);
            }
            return wake;
        }

        [Fact]
        public void Step_BuildsOneRecipientAtATime_WithoutSending_RatchetRecipientExcluded()
        {
            Setup s = Ready(nameof(Step_BuildsOneRecipientAtATime_WithoutSending_RatchetRecipientExcluded));
            Assert.Equal(0, s.Flash.Start(0));
            Assert.False(s.Flash.IsReady);
            Assert.Equal(0, s.Flash.Step(0));
            Assert.False(s.Flash.IsReady);
            // The second recipient next (a third Step only when building it replaced the path the first one's request uses).
            Assert.Equal(FlashAlert.RecheckMs, Arm(s, 0));
            Assert.True(s.Flash.IsReady);
            // The two plain recipients' swarms from the seed's list, nothing stored.
            Assert.DoesNotContain(s.F.Network.Delivered, d => d.Method == "store");
            Assert.Equal(2, s.F.Network.SwarmLookups);

            long built = s.F.NetworkClock.Now;
            PreparedAlert alert = s.Flash.Take();
            Assert.Equal(new[] { s.Alice.SessionId, s.Bob.SessionId }, Enumerable.Range(0, alert.RecipientCount).Select(alert.RecipientId));
            Assert.Equal(3_600_000, alert.TtlMs);
            Assert.Equal(built, alert.CreatedMs);
            IdentityKeys[] keys = { s.Alice, s.Bob };
            for (int i = 0; i < 2; i++)
            {
                IncomingMessage opened = new MessageReceiver(keys[i]).Open(alert.Payload(i));
                Assert.Equal(PanicText, opened.Body);
                Assert.Equal("Beacon 7", opened.Content.DisplayName);
                Assert.Equal(s.Sender.SessionId, opened.SenderSessionId);
                Assert.Equal(built, opened.Timestamp);
                Assert.Equal(built, alert.Store(i).Timestamp);
                Assert.Equal(keys[i].SessionId, alert.Store(i).Recipient);
                Assert.Contains(alert.Store(i).Destination.Ed25519Hex, s.F.Network.SwarmOf(keys[i].SessionId).Select(n => n.Hex));
            }
        }

        [Fact]
        public void Take_HandsTheSetOutOnce_ThenRebuilds()
        {
            Setup s = Ready(nameof(Take_HandsTheSetOutOnce_ThenRebuilds));
            s.Flash.Start(0);
            Arm(s, 0);
            PreparedAlert first = s.Flash.Take();
            Assert.Equal(2, first.RecipientCount);
            Assert.False(s.Flash.IsReady);
            Assert.Null(s.Flash.Take());
            Assert.Equal(1 + FlashAlert.RecheckMs, Arm(s, 1));
            PreparedAlert second = s.Flash.Take();
            Assert.Equal(2, second.RecipientCount);
            for (int i = 0; i < 2; i++)
            {
                Assert.NotSame(first.Store(i), second.Store(i));
                Assert.NotEqual(first.Payload(i), second.Payload(i));
            }
        }

        [Fact]
        public void Step_RefreshesEachRecipientOnTheInterval()
        {
            Setup s = Ready(nameof(Step_RefreshesEachRecipientOnTheInterval), refreshSeconds: 45);
            s.Flash.Start(0);
            Arm(s, 0);
            Assert.Equal(40_000, s.Flash.Step(30_000));
            Assert.Equal(45_000, s.Flash.Step(40_000));
            long before = s.F.NetworkClock.Now;
            s.F.Clock.UnixMilliseconds += 45_000;
            s.F.Network.ServerTime += 45_000;
            // Both parts are due: one rebuild per Step (more if building one replaced the other's path).
            Assert.Equal(45_000, s.Flash.Step(45_000));
            Assert.Equal(55_000, Arm(s, 45_000));
            PreparedAlert alert = s.Flash.Take();
            Assert.Equal(2, alert.RecipientCount);
            Assert.Equal(before + 45_000, alert.CreatedMs);
            Assert.All(Enumerable.Range(0, 2), i => Assert.Equal(before + 45_000, alert.Store(i).Timestamp));
            Assert.Equal(before + 45_000, new MessageReceiver(s.Alice).Open(alert.Payload(0)).Timestamp);
        }

        // Audit finding: the flash alert could leave with a timestamp up to flash.refresh_s (600 s) old, and the
        // recipient's app may drop a message from a stranger more than 2 minutes older than its contacts config.
        [Fact]
        public void Take_PartsOlderThanTheirMaximumAge_NotHandedOut()
        {
            Setup s = Ready(nameof(Take_PartsOlderThanTheirMaximumAge_NotHandedOut), refreshSeconds: 45);
            s.Flash.Start(0);
            Arm(s, 0);
            Assert.True(s.Flash.IsReady);
            // The main loop had no idle time for the refresh (an alert being retried, say): a minute passes unrefreshed.
            s.F.Clock.UnixMilliseconds += FlashAlert.MaxAgeMs + 1;
            s.F.Network.ServerTime += FlashAlert.MaxAgeMs + 1;
            Assert.False(s.Flash.IsReady);
            Assert.Null(s.Flash.Take());
            // Built again at the next Step, with the time of that build.
            Arm(s, FlashAlert.MaxAgeMs + 1);
            PreparedAlert alert = s.Flash.Take();
            Assert.Equal(2, alert.RecipientCount);
            Assert.All(Enumerable.Range(0, 2), i => Assert.InRange(s.F.NetworkClock.Now - alert.Store(i).Timestamp, 0, FlashAlert.MaxAgeMs));
        }

        [Fact]
        public void Step_PathsGone_PartsRebuiltOverNewPaths()
        {
            Setup s = Ready(nameof(Step_PathsGone_PartsRebuiltOverNewPaths));
            s.Flash.Start(0);
            Arm(s, 0);
            for (int p = s.F.Paths.Count - 1; p >= 0; p--)
            {
                s.F.Paths.Drop(s.F.Paths.Path(p));
            }
            Assert.False(s.Flash.IsReady);
            Arm(s, 1);
            Assert.True(s.Flash.IsReady);
            PreparedAlert alert = s.Flash.Take();
            Assert.All(Enumerable.Range(0, alert.RecipientCount), i => Assert.True(s.F.Client.IsCurrent(alert.Store(i))));
        }

        [Fact]
        public void Step_SwarmChanged_ThatRecipientsPartRebuiltForTheNewSwarm()
        {
            Setup s = Ready(nameof(Step_SwarmChanged_ThatRecipientsPartRebuiltForTheNewSwarm));
            s.Flash.Start(0);
            Arm(s, 0);
            s.F.Swarms.Set(s.Alice.SessionId, 1, new[] { s.F.Network.Nodes[9].Node }, s.F.Clock.UnixMilliseconds);
            Assert.False(s.Flash.IsReady);
            // Rebuilt by the next Steps, one recipient per Step.
            Arm(s, 1);
            Assert.True(s.Flash.IsReady);
            PreparedAlert alert = s.Flash.Take();
            int alice = Enumerable.Range(0, alert.RecipientCount).Single(i => alert.RecipientId(i) == s.Alice.SessionId);
            Assert.Equal(s.F.Network.Nodes[9].Hex, alert.Store(alice).Destination.Ed25519Hex);
        }

        [Fact]
        public void Take_PathsGoneSinceTheLastStep_HandedOutAnyway_StoredOverFreshRoutes()
        {
            Setup s = Ready(nameof(Take_PathsGoneSinceTheLastStep_HandedOutAnyway_StoredOverFreshRoutes));
            s.Flash.Start(0);
            Arm(s, 0);
            for (int p = s.F.Paths.Count - 1; p >= 0; p--)
            {
                s.F.Paths.Drop(s.F.Paths.Path(p));
            }

            // At a press Take looks at no path or swarm (they belong to the network thread): the payloads are still good.
            PreparedAlert alert = s.Flash.Take();
            Assert.Equal(2, alert.RecipientCount);
            var sender = new ServiceNodeAlertSender(s.F.Client, 1);
            var outbox = new Outbox(new Session.Core.Micro.Tests.Support.MemoryStore(), sender, 4);
            long now = s.F.NetworkClock.Now;
            outbox.Start(now);
            outbox.Add(AlertKind.Panic, now, alert, s.F.Rng);
            sender.Offer(alert);
            outbox.Step(now);

            Assert.Equal(0, outbox.Count);
            Assert.Equal(new[] { alert.Payload(0), alert.Payload(1) }, s.F.Network.Stores.Select(st => st.Data));
        }

        [Fact]
        public void OutboxAdd_RecordHoldsThePreparedBytes_AndTheFirstSendPostsThePreparedRequest()
        {
            Setup s = Ready(nameof(OutboxAdd_RecordHoldsThePreparedBytes_AndTheFirstSendPostsThePreparedRequest));
            s.Flash.Start(0);
            Arm(s, 0);
            PreparedAlert alert = s.Flash.Take();
            var sender = new ServiceNodeAlertSender(s.F.Client, 3);
            var store = new Session.Core.Micro.Tests.Support.MemoryStore();
            var outbox = new Outbox(store, sender, 4);
            long now = s.F.NetworkClock.Now;
            outbox.Start(now);
            int posts = s.F.Network.Posts.Count;

            OutboxRecord record = outbox.Add(AlertKind.Panic, now, alert, s.F.Rng);
            sender.Offer(alert);
            Assert.Equal(2, sender.PreparedCount);
            Assert.True(alert.IsTaken);
            Assert.Equal(posts, s.F.Network.Posts.Count);
            Assert.Equal(alert.CreatedMs, record.CreatedMs);
            Assert.Equal(alert.TtlMs, record.TtlMs);
            for (int i = 0; i < 2; i++)
            {
                Assert.Equal(alert.RecipientId(i), record.RecipientId(i));
                Assert.Equal(alert.Payload(i), record.Payload(i));
                Assert.True(alert.Store(i).Carries(record.RecipientId(i), record.Payload(i)));
                Assert.Equal(MessageHash.Compute(record.RecipientId(i), 0, record.Payload(i)), alert.Store(i).Hash);
            }
            // What went to flash reloads to the same payloads.
            var reloaded = new Outbox(store, new SessionBeacon.Tests.Support.FakeSwarms(), 4);
            reloaded.Start(now);
            Assert.Equal(alert.Payload(1), Assert.Single(reloaded.Records()).Payload(1));
            Assert.Throws<InvalidOperationException>(() => outbox.Add(AlertKind.Panic, now, alert, s.F.Rng));

            string[] destinations = { alert.Store(0).Destination.Ed25519Hex, alert.Store(1).Destination.Ed25519Hex };
            long[] timestamps = { alert.Store(0).Timestamp, alert.Store(1).Timestamp };
            s.F.Clock.UnixMilliseconds += 5_000;
            outbox.Step(now + 5_000);
            Assert.Equal(0, outbox.Count);
            Assert.True(sender.LastReceipt.IsSuccess);
            Assert.Equal(0, sender.PreparedCount);
            Assert.True(alert.Store(0).IsUsed && alert.Store(1).IsUsed);
            // Exactly the two prepared requests went out: one post each, to the prepared destinations, with the build-time timestamps.
            Assert.Equal(posts + 2, s.F.Network.Posts.Count);
            var stores = s.F.Network.Delivered.Where(d => d.Method == "store").ToList();
            Assert.Equal(destinations, stores.Select(d => d.Destination.Hex));
            Assert.Equal(timestamps, s.F.Network.Stores.Select(st => st.Timestamp));
            Assert.Equal(new[] { record.Payload(0), record.Payload(1) }, s.F.Network.Stores.Select(st => st.Data));
            Assert.Equal(PanicText, new MessageReceiver(s.Bob).Open(s.F.Network.Stores[1].Data).Body);
        }

        [Fact]
        public void OutboxAdd_PreparedAlertNotStartedNullOrExpired_Refused()
        {
            Setup s = Ready(nameof(OutboxAdd_PreparedAlertNotStartedNullOrExpired_Refused));
            s.Flash.Start(0);
            Arm(s, 0);
            PreparedAlert alert = s.Flash.Take();
            var outbox = new Outbox(new Session.Core.Micro.Tests.Support.MemoryStore(), new SessionBeacon.Tests.Support.FakeSwarms(), 1);
            Assert.Throws<InvalidOperationException>(() => outbox.Add(AlertKind.Panic, alert.CreatedMs, alert, s.F.Rng));
            outbox.Start(alert.CreatedMs);
            Assert.Throws<ArgumentNullException>(() => outbox.Add(AlertKind.Panic, alert.CreatedMs, (PreparedAlert)null, s.F.Rng));
            Assert.Throws<ArgumentNullException>(() => outbox.Add(AlertKind.Panic, alert.CreatedMs, alert, null));
            var error = Assert.Throws<ArgumentException>(() => outbox.Add(AlertKind.Panic, alert.ExpiresMs, alert, s.F.Rng));
            Assert.Contains("expired", error.Message);
            Assert.False(alert.IsTaken);
            Assert.Equal(0, outbox.Count);
            // A dropped alert is wiped: its requests can no longer go out, and it cannot be added.
            alert.Wipe();
            Assert.True(alert.Store(0).IsUsed);
            Assert.False(s.F.Client.IsCurrent(alert.Store(0)));
            Assert.Throws<InvalidOperationException>(() => outbox.Add(AlertKind.Panic, alert.CreatedMs, alert, s.F.Rng));
        }

        [Fact]
        public void RefreshOff_NeverBuildsAnything()
        {
            Setup s = Ready(nameof(RefreshOff_NeverBuildsAnything), refreshSeconds: 0);
            int posts = s.F.Network.Posts.Count;
            Assert.Equal(FlashAlert.Never, s.Flash.Start(0));
            Assert.Equal(FlashAlert.Never, s.Flash.Step(0));
            Assert.False(s.Flash.IsReady);
            Assert.Null(s.Flash.Take());
            Assert.Equal(posts, s.F.Network.Posts.Count);
        }

        [Fact]
        public void Step_NetworkDown_RetriesLater_AndStopWipes()
        {
            Setup s = Ready(nameof(Step_NetworkDown_RetriesLater_AndStopWipes));
            Assert.Throws<InvalidOperationException>(() => s.Flash.Step(0));
            s.Flash.Start(0);
            foreach (var node in s.F.Network.Nodes)
            {
                s.F.Network.Down.Add(node.Hex);
            }
            s.F.Network.SeedDown = true;
            long wake = s.Flash.Step(0);
            Assert.Equal(FlashAlert.RecheckMs, wake);
            Assert.False(s.Flash.IsReady);
            Assert.Equal(FlashAlert.RecheckMs * 2, s.Flash.Step(FlashAlert.RecheckMs));
            s.F.Network.Down.Clear();
            s.F.Network.SeedDown = false;
            Assert.Equal(FlashAlert.RecheckMs, Arm(s, FlashAlert.RetryMs) - FlashAlert.RetryMs);
            Assert.True(s.Flash.IsReady);
            s.Flash.Stop();
            Assert.False(s.Flash.IsReady);
            Assert.Null(s.Flash.Take());
        }
    }
}
