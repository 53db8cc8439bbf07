using System;
using System.IO;
using System.Linq;
using Session.Core.Micro.Network;
using SessionBeacon.Delivery;
using SessionBeacon.Tests.Support;
using Xunit;
using Xunit.Abstractions;
using static SessionBeacon.Tests.Delivery.OutboxTests;

namespace SessionBeacon.Tests.Delivery
{
    /// <summary>
    /// A record damaged on flash (a flipped bit, not a torn write) is recovered where its copies allow and
    /// reported where they do not, never dropped silently (docs/outbox.md, "Damaged records"): one bit is
    /// flipped at every byte of a record in turn, the device reboots and sends what it has.
    /// </summary>
    public class OutboxDamageTests
    {
        // One header copy with its check, for two recipients (docs/outbox.md, "Record layout"): 45 + 71 x 2 + 4.
        private const int HeaderCopy = 191;

        // A payload's tag, a CRC-32.
        private const int Tag = 4;
        private const string Text = "PANIC: I need help now";

        private readonly ITestOutputHelper _output;

        public OutboxDamageTests(ITestOutputHelper output)
        {
            _output = output;
        }

        [Fact]
        public void BitFlip_AtEveryByteOfTheOnlyCopy_HeaderRecovered_APayloadLostOnlyForItsRecipientAndReported()
        {
            var flash = new MemoryStore();
            var outbox = new Outbox(flash, new FakeSwarms(), 4);
            outbox.Start(Now);
            OutboxRecord record = outbox.Add(AlertKind.Panic, Now, Ttl, Beacon, Both, Panic(), new SeededSource(5));
            string key = Assert.Single(flash.Values.Keys);
            byte[] good = flash.Values[key];
            int aliceEnds = HeaderCopy + record.Payload(0).Length + Tag;
            Assert.Equal(aliceEnds + record.Payload(1).Length + Tag + HeaderCopy, good.Length);
            int recovered = 0;
            for (int at = 0; at < good.Length; at++)
            {
                string where = "bit " + at % 8 + " of byte " + at + " of " + good.Length;
                var damaged = new MemoryStore();
                damaged.Values[key] = Flipped(good, at);
                var swarms = new FakeSwarms();
                OutboxDamage report = Assert.Single(Reboot(damaged, swarms));
                Assert.Equal(AlertKind.Panic, report.Kind);
                Assert.False(report.IsUnreadable, where);
                bool header = at < HeaderCopy || at >= good.Length - HeaderCopy;
                string lost = header ? null : at < aliceEnds ? Alice.SessionId : Bob.SessionId;
                if (header)
                {
                    Assert.True(report.IsRecovered, where + ": the other header copy was not used");
                    recovered++;
                }
                else
                {
                    Assert.Equal(1, report.LostCount);
                    Assert.Equal(lost, report.LostFor(0));
                }
                for (int r = 0; r < Both.Length; r++)
                {
                    // The alert's own bytes, as Add wrote them (OutboxTests shows such a payload opens to the alert).
                    byte[][] sent = swarms.PayloadsSentTo(Both[r]);
                    bool reached = sent.Length > 0 && sent.All(payload => payload.SequenceEqual(record.Payload(r)));
                    Assert.True(reached == (Both[r] != lost) && (reached || sent.Length == 0), where + ": sent " + sent.Length + " payload(s) to recipient " + r);
                }
                Assert.True(damaged.Values.Count == 0, where + ": left " + string.Join(", ", damaged.Values.Keys));
            }
            _output.WriteLine(good.Length + " bytes: " + recovered + " flips recovered whole, " + (good.Length - recovered) + " cost one recipient and were reported");
        }

        [Fact]
        public void BitFlip_AtEveryByteOfEitherCopy_AfterAReceipt_BothGetItOnce()
        {
            var flash = new MemoryStore();
            var swarms = new FakeSwarms();
            swarms.Unreachable.Add(Bob.SessionId);
            var outbox = new Outbox(flash, swarms, 4);
            outbox.Start(Now);
            OutboxRecord record = outbox.Add(AlertKind.Panic, Now, Ttl, Beacon, Both, Panic(), new SeededSource(5));
            outbox.Step(Now);
            Assert.Equal(2, flash.Values.Count);
            foreach (string key in flash.Values.Keys.ToArray())
            {
                byte[] good = flash.Values[key];
                for (int at = 0; at < good.Length; at++)
                {
                    string where = "bit " + at % 8 + " of byte " + at + " of " + key;
                    var damaged = new MemoryStore();
                    foreach (var pair in flash.Values)
                    {
                        damaged.Values[pair.Key] = pair.Key == key ? Flipped(good, at) : (byte[])pair.Value.Clone();
                    }
                    var resent = new FakeSwarms();
                    OutboxDamage[] damage = Reboot(damaged, resent);
                    Assert.True(damage.All(d => d.IsRecovered), where + ": reported a loss");
                    // Bob gets the alert's own bytes; Alice, whose receipt the damaged copy held, at most the same bytes again (one message for the swarm).
                    Assert.True(resent.PayloadsSentTo(Bob.SessionId).Single().SequenceEqual(record.Payload(1)), where + ": Bob");
                    Assert.True(resent.PayloadsSentTo(Alice.SessionId).All(p => p.SequenceEqual(record.Payload(0))), where + ": Alice");
                    Assert.True(damaged.Values.Count == 0, where + ": keys left behind");
                }
            }
        }

        [Fact]
        public void BitFlip_AtEveryByteOfAHeldAlert_RecoveredWhole_ItsTextIsInEveryPayload()
        {
            var flash = new MemoryStore();
            var outbox = new Outbox(flash, new FakeSwarms(), 4);
            outbox.Start(Now);
            outbox.AddHeld(AlertKind.Panic, Now, Ttl, Both, System.Text.Encoding.UTF8.GetBytes(Text), new SeededSource(5));
            string key = Assert.Single(flash.Values.Keys);
            byte[] good = flash.Values[key];
            for (int at = 0; at < good.Length; at++)
            {
                string where = "bit " + at % 8 + " of byte " + at;
                var damaged = new MemoryStore();
                damaged.Values[key] = Flipped(good, at);
                var rebooted = new Outbox(damaged, new FakeSwarms(), 4);
                rebooted.Start(Now + 1000);
                OutboxDamage report = Assert.Single(rebooted.TakeDamage());
                Assert.True(report.IsRecovered, where);
                OutboxRecord held = Assert.Single(rebooted.Records());
                Assert.True(held.IsHeld && held.RecipientCount == 2, where);
                Assert.True(System.Text.Encoding.UTF8.GetString(held.Payload(0)) == Text && System.Text.Encoding.UTF8.GetString(held.Payload(1)) == Text, where);
            }
            // Once the time is known it is sealed and sent as any held alert.
            var swarms = new FakeSwarms();
            Reboot(flash, swarms);
            Assert.Equal(Text, swarms.Displayed(Bob.SessionId, Bob).Single().Body);
        }

        [Fact]
        public void BothHeaderCopiesDamaged_ReportedUnreadable_AndCleared()
        {
            var flash = new MemoryStore();
            var outbox = new Outbox(flash, new FakeSwarms(), 4);
            outbox.Start(Now);
            outbox.Add(AlertKind.Duress, Now, Ttl, Beacon, Both, Panic(), new SeededSource(5));
            string key = Assert.Single(flash.Values.Keys);
            byte[] value = Flipped(Flipped(flash.Values[key], 20), flash.Values[key].Length - 20);
            flash.Values[key] = value;
            var swarms = new FakeSwarms();
            OutboxDamage report = Assert.Single(Reboot(flash, swarms));
            Assert.True(report.IsUnreadable);
            Assert.Null(report.ReadError);
            Assert.Equal((AlertKind)0, report.Kind);
            Assert.Empty(swarms.Sends);
            Assert.Empty(flash.Values);
        }

        [Fact]
        public void ReadError_TheSlotStaysAsItIs_ToldAndReadAgainAtTheNextStart()
        {
            var flash = new MemoryStore();
            var outbox = new Outbox(flash, new FakeSwarms(), 2);
            outbox.Start(Now);
            outbox.Add(AlertKind.Panic, Now, Ttl, Beacon, Both, Panic(), new SeededSource(5));
            var failing = new FailingReads(flash, "outbox.0.");

            var rebooted = new Outbox(failing, new FakeSwarms(), 2);
            rebooted.Start(Now + 1000);
            OutboxDamage report = Assert.Single(rebooted.TakeDamage());
            Assert.True(report.IsUnreadable);
            Assert.Equal("flash read failed", report.ReadError);
            Assert.Equal(0, rebooted.Count);
            // A new alert goes to another slot: the unread one might hold a newer version than anything written into it now.
            rebooted.Add(AlertKind.Test, Now + 1000, Ttl, Beacon, Both, Panic(), new SeededSource(6));
            Assert.Throws<InvalidOperationException>(() => rebooted.Add(AlertKind.Test, Now + 1000, Ttl, Beacon, Both, Panic(), new SeededSource(7)));
            Assert.Contains(flash.Values.Keys, k => k.StartsWith("outbox.1.", StringComparison.Ordinal));

            var swarms = new FakeSwarms();
            Assert.Empty(Reboot(flash, swarms));
            Assert.Equal(2, swarms.Displayed(Alice.SessionId, Alice).Count);
        }

        // A reboot over flash: start (what it found damaged), then step on a fake clock until the outbox is empty.
        private static OutboxDamage[] Reboot(IKeyValueStore flash, FakeSwarms swarms)
        {
            swarms.Unreachable.Clear();
            var outbox = new Outbox(flash, swarms, 4);
            long now = Now + 1000;
            long wake = outbox.Start(now);
            OutboxDamage[] damage = outbox.TakeDamage();
            OutboxPowerLossTests.SealHeld(outbox, now);
            for (int steps = 0; wake != Outbox.Never; steps++)
            {
                Assert.True(steps < 20, "the outbox never emptied");
                wake = outbox.Step(Math.Max(now, wake));
            }
            return damage;
        }

        private static byte[] Flipped(byte[] value, int at)
        {
            byte[] copy = (byte[])value.Clone();
            copy[at] ^= (byte)(1 << (at % 8));
            return copy;
        }

        private sealed class FailingReads : IKeyValueStore
        {
            private readonly MemoryStore _inner;
            private readonly string _prefix;

            public FailingReads(MemoryStore inner, string prefix)
            {
                _inner = inner;
                _prefix = prefix;
            }

            public byte[] Get(string key) => key.StartsWith(_prefix, StringComparison.Ordinal) ? throw new IOException("flash read failed") : _inner.Get(key);

            public void Put(string key, byte[] value) => _inner.Put(key, value);

            public void Remove(string key) => _inner.Remove(key);
        }
    }
}
