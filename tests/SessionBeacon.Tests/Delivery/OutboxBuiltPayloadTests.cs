using System;
using SessionBeacon.Delivery;
using SessionBeacon.Tests.Support;
using Xunit;
using static SessionBeacon.Tests.Delivery.OutboxTests;

namespace SessionBeacon.Tests.Delivery
{
    /// <summary>Alerts whose payloads were built elsewhere (ratchet messages), giving one up for a more important one, and the outcome counts.</summary>
    public class OutboxBuiltPayloadTests
    {
        private static readonly byte[][] Payloads = { new byte[] { 1, 2, 3 }, new byte[] { 4, 5, 6, 7 } };

        [Fact]
        public void AddBuilt_StoredAndSentByteForByte_AlsoAfterARestart()
        {
            var flash = new MemoryStore();
            var swarms = new FakeSwarms();
            swarms.Unreachable.Add(Bob.SessionId);
            var outbox = new Outbox(flash, swarms, 4);
            outbox.Start(Now);
            outbox.Add(AlertKind.Sensor, Now, Ttl, Both, Payloads, new SeededSource(1));
            Assert.Empty(swarms.Sends);
            outbox.Step(Now);
            Assert.Equal(Payloads[0], swarms.PayloadsSentTo(Alice.SessionId)[0]);
            Assert.Equal((0, 0, 1), (outbox.DeliveredCount, outbox.ExpiredCount, outbox.FailedSends));

            var rebooted = new Outbox(flash, swarms, 4);
            rebooted.Start(Now + 1);
            swarms.Unreachable.Clear();
            rebooted.Step(Now + 1);
            Assert.Equal(Payloads[1], swarms.PayloadsSentTo(Bob.SessionId)[^1]);
            Assert.Single(swarms.PayloadsSentTo(Alice.SessionId));
            Assert.Equal(1, rebooted.DeliveredCount);
            Assert.Equal(0, rebooted.Count);
        }

        [Fact]
        public void AddBuilt_BadArguments_ClearErrors()
        {
            var outbox = new Outbox(new MemoryStore(), new FakeSwarms(), 4);
            outbox.Start(Now);
            Assert.Throws<ArgumentException>(() => outbox.Add(AlertKind.Panic, Now, Ttl, Both, new[] { Payloads[0] }, new SeededSource(1)));
            Assert.Throws<ArgumentNullException>(() => outbox.Add(AlertKind.Panic, Now, Ttl, Both, new[] { Payloads[0], null }, new SeededSource(1)));
            Assert.Throws<ArgumentNullException>(() => outbox.Add(AlertKind.Panic, Now, Ttl, Both, null, new SeededSource(1)));
            Assert.Throws<ArgumentException>(() => outbox.Add(AlertKind.Panic, Now, 1, Both, Payloads, new SeededSource(1)));
            Assert.Equal(0, outbox.Count);
        }

        [Fact]
        public void Discard_GoneForGood_EvenAfterARestart()
        {
            var flash = new MemoryStore();
            var swarms = new FakeSwarms();
            var outbox = new Outbox(flash, swarms, 2);
            outbox.Start(Now);
            OutboxRecord checkIn = outbox.Add(AlertKind.Heartbeat, Now, Ttl, Both, Payloads, new SeededSource(1));
            outbox.Add(AlertKind.Heartbeat, Now, Ttl, Both, Payloads, new SeededSource(2));
            Assert.Throws<InvalidOperationException>(() => outbox.Add(AlertKind.Panic, Now, Ttl, Both, Payloads, new SeededSource(3)));

            Assert.True(outbox.Discard(checkIn));
            Assert.False(outbox.Discard(checkIn));
            outbox.Add(AlertKind.Panic, Now, Ttl, Both, Payloads, new SeededSource(3));

            var rebooted = new Outbox(flash, swarms, 2);
            rebooted.Start(Now);
            Assert.Equal(2, rebooted.Count);
            Assert.DoesNotContain(rebooted.Records(), r => r.SameAlert(checkIn));
            Assert.Contains(rebooted.Records(), r => r.Kind == AlertKind.Panic);
        }

        [Fact]
        public void Held_NotSentNorExpired_SurvivesARestart_SealedThenSentWithTheTtlFromTheSeal()
        {
            var flash = new MemoryStore();
            var swarms = new FakeSwarms();
            var outbox = new Outbox(flash, swarms, 2);
            outbox.Start(Now);
            byte[] body = { 0x48, 0x69 };
            OutboxRecord held = outbox.AddHeld(AlertKind.Panic, Now, Ttl, Both, body, new SeededSource(1));
            Assert.True(held.IsHeld);
            Assert.Equal(Outbox.Never, outbox.Step(Now + 2 * Ttl));
            Assert.Empty(swarms.Sends);
            Assert.Equal((1, 0), (outbox.Count, outbox.ExpiredCount));

            var rebooted = new Outbox(flash, swarms, 2);
            rebooted.Start(Now + 3 * Ttl);
            OutboxRecord loaded = Assert.Single(rebooted.Records());
            Assert.True(loaded.IsHeld);
            // The text once, in the first payload: the press hashes and writes it once, whatever the number of recipients.
            Assert.Equal(body, loaded.Payload(0));
            Assert.Empty(loaded.Payload(1));
            Assert.Throws<ArgumentException>(() => rebooted.Seal(loaded, new[] { Payloads[0] }, Now));

            long sealedAt = Now + 3 * Ttl;
            OutboxRecord sealedRecord = rebooted.Seal(loaded, Payloads, sealedAt);
            Assert.False(sealedRecord.IsHeld);
            Assert.True(sealedRecord.SameAlert(held));
            Assert.Equal(sealedAt + Ttl, sealedRecord.ExpiresMs);
            Assert.Throws<ArgumentException>(() => rebooted.Seal(sealedRecord, Payloads, sealedAt));
            var again = new Outbox(flash, swarms, 2);
            again.Start(sealedAt);
            Assert.False(Assert.Single(again.Records()).IsHeld);
            again.Step(sealedAt);
            Assert.Equal(Payloads[0], swarms.PayloadsSentTo(Alice.SessionId)[0]);
            Assert.Equal(Payloads[1], swarms.PayloadsSentTo(Bob.SessionId)[0]);
            Assert.Equal(0, again.Count);
        }

        [Fact]
        public void ExpiredCounted()
        {
            var swarms = new FakeSwarms();
            swarms.Unreachable.Add(Alice.SessionId);
            swarms.Unreachable.Add(Bob.SessionId);
            var outbox = new Outbox(new MemoryStore(), swarms, 2);
            outbox.Start(Now);
            outbox.Add(AlertKind.Test, Now, Ttl, Both, Payloads, new SeededSource(1));
            outbox.Step(Now);
            outbox.Step(Now + Ttl);
            Assert.Equal((0, 1, 2), (outbox.DeliveredCount, outbox.ExpiredCount, outbox.FailedSends));
        }
    }
}
