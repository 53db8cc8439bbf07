using System;
using System.IO;
using System.Linq;
using Session.Core.Micro.Messages;
using Session.Core.Micro.Network;
using Session.Core.Micro.Ratchet;
using Session.Core.Micro.Tests.Support;
using MemoryStore = SessionBeacon.Tests.Support.MemoryStore;
using SessionBeacon.App;
using SessionBeacon.Feedback;
using SessionBeacon.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace SessionBeacon.Tests.App
{
    /// <summary>
    /// A companion receiver's pairing that cannot be loaded at start (its two stored state slots damaged,
    /// or the flash unreadable) affects only that recipient: the beacon starts, says so, and alerts
    /// Alice as always; Bob gets them as ratchet.on_damage says (docs/ratchet.md, "A damaged pairing").
    /// </summary>
    public class RatchetPairingsTests
    {
        private const string Panic = "PANIC: I need help now";
        private readonly ITestOutputHelper _output;

        public RatchetPairingsTests(ITestOutputHelper output)
        {
            _output = output;
        }

        [Fact]
        public void DamagedState_Default_BobGetsPlainMarkedAlerts_AliceGetsEveryAlert()
        {
            var flash = new MemoryStore();
            PairedBeacon s = PairedBeacon.Paired(new SeededRandom(_output, nameof(DamagedState_Default_BobGetsPlainMarkedAlerts_AliceGetsEveryAlert)), flash);
            FlipABitInBothSlots(flash, s);

            s.Restart();
            BeaconEvent lost = Assert.Single(s.Events, e => e.Kind == BeaconEventKind.PairingLost);
            Assert.Equal("Bob", lost.Recipient);
            Assert.Contains("the storage is damaged", lost.Text, StringComparison.Ordinal);
            Assert.EndsWith("alerts go to Bob as plain Session messages until the receiver is paired again (ratchet.on_damage = plain)", lost.Text);
            Assert.Equal(FeedbackPattern.Failed, s.Beacon.Feedback.LastPattern);

            for (int n = 2; n <= 3; n++)
            {
                int delivered = s.Events.Count(e => e.Kind == BeaconEventKind.Delivered);
                s.Run(s.Now + 60000);
                s.Button(0, 2000);
                s.RunUntil(() => s.Events.Count(e => e.Kind == BeaconEventKind.Delivered) > delivered, "alert " + n + " delivered");
                IncomingMessage toAlice = s.StoredFor(s.Alice).Last();
                Assert.StartsWith(Panic + "\n#" + n + ", sent ", toAlice.Body);
                Assert.DoesNotContain("pairing", toAlice.Body, StringComparison.Ordinal);
                IncomingMessage toBob = s.StoredFor(s.Bob.Keys).Last();
                Assert.False(RatchetCarriage.IsRatchetMessage(toBob));
                Assert.StartsWith(Panic + "\n#" + n + ", sent ", toBob.Body);
                Assert.EndsWith("\n" + RatchetPairings.PlainNote, toBob.Body);
            }
            Assert.Equal(3, s.StoredFor(s.Alice).Count);

            // Bob's receiver, on its side of the old pairing, sends a secure message: told as a problem, never taken for a reply.
            s.Bob.Acknowledge(s, 1);
            s.Run(s.Now + 10000);
            BeaconEvent problem = Assert.Single(s.Events, e => e.Kind == BeaconEventKind.Problem && e.Recipient == "Bob");
            Assert.Equal("a secure message from the receiver cannot be opened: the pairing is lost; pair the receiver again", problem.Text);
            Assert.Equal(1, s.Events.Count(e => e.Kind == BeaconEventKind.HelpReached));
            Assert.DoesNotContain(s.Events, e => e.Kind == BeaconEventKind.Reply);
        }

        [Fact]
        public void DamagedState_Hold_BobsAlertWaitsOnFlash_AliceIsTold_SentUnderTheNewPairing()
        {
            var flash = new MemoryStore();
            PairedBeacon s = PairedBeacon.Paired(new SeededRandom(_output, nameof(DamagedState_Hold_BobsAlertWaitsOnFlash_AliceIsTold_SentUnderTheNewPairing)), flash,
                extraConfig: "ratchet.on_damage = hold\n");
            int toBobBefore = s.StoredFor(s.Bob.Keys).Count;
            FlipABitInBothSlots(flash, s);

            s.Restart();
            BeaconEvent lost = Assert.Single(s.Events, e => e.Kind == BeaconEventKind.PairingLost);
            Assert.EndsWith("alerts for Bob wait on flash until the receiver is paired again (ratchet.on_damage = hold)", lost.Text);
            s.Button(0, 2000);
            s.RunUntil(() => s.StoredFor(s.Alice).Count == 2, "alert 2 stored for Alice");
            s.Run(s.Now + 60000);
            IncomingMessage toAlice = s.StoredFor(s.Alice).Last();
            Assert.StartsWith(Panic + "\n#2, sent ", toAlice.Body);
            Assert.EndsWith("\nNot sent to Bob yet: the secure pairing with Bob's receiver is lost; it waits on the beacon until Bob is paired again.", toAlice.Body);
            Assert.Equal(toBobBefore, s.StoredFor(s.Bob.Keys).Count);
            Assert.Equal(1, s.Beacon.Outbox.Count);
            Assert.True(s.Beacon.Outbox.Records()[0].IsWaitingFor(1));
            // Nothing is due for a waiting alert: the beacon does not run in a loop for it.
            s.Run(s.Now + Beacon.FastPollWindowMs);
            int steps = 0;
            for (long now = s.Now, end = s.Now + 60000; now < end; steps++)
            {
                now = Math.Max(now + 1, OneThread.Step(s.Beacon, now));
            }
            Assert.True(steps <= 12, steps + " steps in a minute with nothing to do");

            // Bob's receiver is provisioned again and its new pre-key goes into nf.config: the waiting alert leaves under the new pairing.
            s.Bob.NewPreKey();
            s.Events.Clear();
            s.Restart();
            Assert.DoesNotContain(s.Events, e => e.Kind == BeaconEventKind.PairingLost);
            s.RunUntil(() => s.Beacon.Outbox.Count == 0, "the waiting alert sent to Bob");
            RatchetContent alert = s.Bob.OpenNext(s);
            Assert.StartsWith(Panic + "\n#2, sent ", alert.Text);
            Assert.EndsWith("\n" + RatchetPairings.HeldNote, alert.Text);
            Assert.Equal(2, s.StoredFor(s.Alice).Count);
        }

        [Fact]
        public void UnreadableState_TheBeaconStarts_BobIsReported_AliceAlerted()
        {
            var flash = new MemoryStore();
            PairedBeacon s = PairedBeacon.Paired(new SeededRandom(_output, nameof(UnreadableState_TheBeaconStarts_BobIsReported_AliceAlerted)), flash);
            var unreadable = new UnreadableRatchetStore(flash);
            s.PowerCycle(unreadable);
            BeaconEvent lost = Assert.Single(s.Events, e => e.Kind == BeaconEventKind.PairingLost);
            Assert.Contains("flash read failed", lost.Text, StringComparison.Ordinal);
            s.Button(0, 2000);
            s.RunUntil(() => s.StoredFor(s.Alice).Count == 2 && s.StoredFor(s.Bob.Keys).Count == 2, "alert 2 stored for both");
            Assert.EndsWith("\n" + RatchetPairings.PlainNote, s.StoredFor(s.Bob.Keys).Last().Body);
        }

        // One bit of each of Bob's two state slots: neither is valid, and no torn write can cause that.
        private static void FlipABitInBothSlots(MemoryStore flash, PairedBeacon s)
        {
            string name = RatchetPairings.StateName(s.Config.Recipients[1]);
            foreach (string key in new[] { name + ".0", name + ".1" })
            {
                Assert.True(flash.Values.ContainsKey(key), key + " is not on flash");
                flash.Values[key][100] ^= 0x10;
            }
        }

        private sealed class UnreadableRatchetStore : IKeyValueStore
        {
            private readonly MemoryStore _inner;

            public UnreadableRatchetStore(MemoryStore inner) => _inner = inner;

            public byte[] Get(string key) => key.StartsWith("ratchet.", StringComparison.Ordinal) ? throw new IOException("flash read failed") : _inner.Get(key);

            public void Put(string key, byte[] value) => _inner.Put(key, value);

            public void Remove(string key) => _inner.Remove(key);
        }
    }
}
