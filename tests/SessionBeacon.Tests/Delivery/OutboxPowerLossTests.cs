using System;
using System.Collections.Generic;
using System.Linq;
using SessionBeacon.Delivery;
using SessionBeacon.Storage;
using SessionBeacon.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace SessionBeacon.Tests.Delivery
{
    /// <summary>
    /// Power is cut at every write of the pipeline in turn (Add or AddHeld and Seal, each receipt, the
    /// removal), in each way a write can end; then the device reboots and runs to the end. No alert that was stored is
    /// lost, every resend is byte-identical, each recipient sees at most one message, and one that a torn
    /// first write left without its payload is reported lost.
    /// </summary>
    public class OutboxPowerLossTests
    {
        private readonly ITestOutputHelper _output;

        public OutboxPowerLossTests(ITestOutputHelper output)
        {
            _output = output;
        }

        public static TheoryData<string, bool, bool> Scenarios => new TheoryData<string, bool, bool>
        {
            { "both recipients reachable", false, false },
            { "Bob unreachable at first", true, false },
            { "held until the time is known, then sealed", false, true },
            { "held, sealed, Bob unreachable at first", true, true },
        };

        [Theory]
        [MemberData(nameof(Scenarios))]
        public void PowerCut_AtEveryWrite_NoLossNoDuplicate(string scenario, bool bobFailsFirst, bool held)
        {
            int writes = CleanRunWrites(bobFailsFirst, held);
            Assert.True(writes >= 5, scenario + ": the pipeline made only " + writes + " writes");
            int runs = 0;
            foreach (CutMode mode in Enum.GetValues<CutMode>())
            {
                for (int cut = 1; cut <= writes; cut++)
                {
                    RunWithCut(scenario, bobFailsFirst, held, cut, mode);
                    runs++;
                }
            }
            _output.WriteLine(scenario + ": " + writes + " writes, " + runs + " power cuts");
        }

        // The device: add one alert, then step until the outbox is empty. Returns the number of writes.
        private static int CleanRunWrites(bool bobFailsFirst, bool held)
        {
            var store = new PowerCutStore(new MemoryStore(), int.MaxValue, CutMode.Before);
            var swarms = Swarms(bobFailsFirst);
            Device(store, swarms, record => { }, held);
            Assert.Single(swarms.Displayed(OutboxTests.Alice.SessionId, OutboxTests.Alice));
            Assert.Single(swarms.Displayed(OutboxTests.Bob.SessionId, OutboxTests.Bob));
            return store.Writes;
        }

        private static void RunWithCut(string scenario, bool bobFailsFirst, bool held, int cut, CutMode mode)
        {
            var flash = new MemoryStore();
            var swarms = Swarms(bobFailsFirst);
            OutboxRecord added = null;
            Assert.Throws<PowerCutException>(() => Device(new PowerCutStore(flash, cut, mode), swarms, record => added = record, held));
            OutboxDamage[] damage = Reboot(flash, swarms);
            Assert.True(flash.Values.Count == 0, scenario + ", cut " + mode + " at write " + cut + ": the outbox left " + flash.Values.Count + " keys behind");
            AssertOutcome(scenario + ", cut " + mode + " at write " + cut, swarms, added != null, damage);
        }

        [Fact]
        public void PowerCut_AtEveryDriveOperation_FileStore_NoLossNoDuplicate()
        {
            // The outbox on the device's store: every chunk written, delete and rename on the drive is a cut point.
            var clean = new MemoryDrive();
            var cleanSwarms = Swarms(true);
            Device(new FileKeyValueStore(clean, "kv-"), cleanSwarms, record => { }, false);
            int operations = clean.Operations;
            Assert.True(operations > 100, "the pipeline made only " + operations + " drive operations");
            for (int cut = 1; cut <= operations; cut++)
            {
                var drive = new MemoryDrive { CutAt = cut };
                var swarms = Swarms(true);
                OutboxRecord added = null;
                Assert.Throws<PowerCutException>(() => Device(new FileKeyValueStore(drive, "kv-"), swarms, record => added = record, false));
                drive.CutAt = int.MaxValue;
                OutboxDamage[] damage = Reboot(new FileKeyValueStore(drive, "kv-"), swarms);
                Assert.True(drive.Files.Count == 0, "cut at drive operation " + cut + ": files left behind: " + string.Join(", ", drive.Files.Keys));
                AssertOutcome("cut at drive operation " + cut, swarms, added != null, damage);
            }
            _output.WriteLine(operations + " drive operations, each one cut");
        }

        // After the reboot: an alert that was accepted (Add returned) reached every recipient, with
        // byte-identical sends and one displayed message each, and nothing was reported lost. An alert
        // whose first write was cut before Add returned may reach only the recipients whose payloads
        // were whole on flash; each other recipient is then reported lost (docs/outbox.md, "Damaged
        // records"), or nothing went out at all.
        private static void AssertOutcome(string where, FakeSwarms swarms, bool accepted, OutboxDamage[] damage)
        {
            if (!accepted && swarms.Sends.Count == 0)
            {
                return;
            }
            foreach (var recipient in new[] { OutboxTests.Alice, OutboxTests.Bob })
            {
                byte[][] sent = swarms.PayloadsSentTo(recipient.SessionId);
                bool lost = damage.Any(d => Enumerable.Range(0, d.LostCount).Any(i => d.LostFor(i) == recipient.SessionId));
                if (!accepted && sent.Length == 0)
                {
                    Assert.True(lost, where + ": the alert went to the other recipient, and " + recipient.SessionId + " was not reported lost");
                    continue;
                }
                Assert.False(lost, where + ": " + recipient.SessionId + " reported lost");
                Assert.True(sent.Length >= 1, where + ": nothing was sent to " + recipient.SessionId);
                Assert.True(sent.All(payload => payload.SequenceEqual(sent[0])), where + ": a resend differed from the first send");
                var shown = swarms.Displayed(recipient.SessionId, recipient);
                Assert.True(shown.Count == 1, where + ": " + shown.Count + " messages displayed");
                Assert.Equal("PANIC: I need help now", shown[0].Body);
            }
        }

        private static OutboxDamage[] Reboot(Session.Core.Micro.Network.IKeyValueStore flash, FakeSwarms swarms)
        {
            swarms.Unreachable.Clear();
            return Device(flash, swarms, null, false);
        }

        // One boot of the device: start, seal what is held (as the beacon does once it knows the time),
        // add the alert when onAdded is given (held first, then sealed, when held), step on a fake clock
        // until empty. Returns what the start found damaged.
        private static OutboxDamage[] Device(Session.Core.Micro.Network.IKeyValueStore store, FakeSwarms swarms, Action<OutboxRecord> onAdded, bool held)
        {
            var outbox = new Outbox(store, swarms, 4);
            long now = OutboxTests.Now + (onAdded != null ? 0 : 1000);
            long wake = outbox.Start(now);
            OutboxDamage[] damage = outbox.TakeDamage();
            SealHeld(outbox, now);
            if (onAdded != null)
            {
                onAdded(held
                    ? outbox.AddHeld(AlertKind.Panic, now, OutboxTests.Ttl, OutboxTests.Both, System.Text.Encoding.UTF8.GetBytes("PANIC: I need help now"), new SeededSource(11))
                    : outbox.Add(AlertKind.Panic, now, OutboxTests.Ttl, OutboxTests.Beacon, OutboxTests.Both, OutboxTests.Panic(), new SeededSource(11)));
                SealHeld(outbox, now);
                wake = now;
            }
            for (int steps = 0; wake != Outbox.Never; steps++)
            {
                Assert.True(steps < 20, "the outbox never emptied");
                now = wake;
                wake = outbox.Step(now);
                // The unreachable recipient comes back after the first retry.
                swarms.Unreachable.Clear();
            }
            return damage;
        }

        // The final payloads of a held alert, from its stored text; the same bytes however often a torn seal is done again.
        internal static void SealHeld(Outbox outbox, long now)
        {
            foreach (OutboxRecord record in outbox.Records().Where(r => r.IsHeld))
            {
                var content = new Session.Core.Micro.Messages.ContentMessage(System.Text.Encoding.UTF8.GetString(record.Payload(0)), "Beacon 1", OutboxTests.Now);
                var random = new SeededSource(12);
                byte[][] payloads = { Encode(OutboxTests.Alice, content, random), Encode(OutboxTests.Bob, content, random) };
                outbox.Seal(record, payloads, now);
            }
        }

        private static byte[] Encode(Session.Core.Micro.Identity.IdentityKeys to, Session.Core.Micro.Messages.ContentMessage content, SeededSource random) =>
            Session.Core.Micro.Messages.MessageEncoder.Encode(OutboxTests.Beacon, to.X25519PublicKey, content, random);

        private static FakeSwarms Swarms(bool bobFailsFirst)
        {
            var swarms = new FakeSwarms();
            if (bobFailsFirst)
            {
                swarms.Unreachable.Add(OutboxTests.Bob.SessionId);
            }
            return swarms;
        }
    }
}
