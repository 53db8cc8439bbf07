using System;
using System.Linq;
using Session.Core.Micro.Identity;
using Session.Core.Micro.Messages;
using SessionBeacon.Delivery;
using SessionBeacon.Tests.Support;
using Xunit;

namespace SessionBeacon.Tests.Delivery
{
    public class OutboxTests
    {
        internal const long Now = 1_790_000_000_000;
        internal const long Ttl = 24L * 3600 * 1000;

        internal static readonly IdentityKeys Beacon = Keys(1);
        internal static readonly IdentityKeys Alice = Keys(2);
        internal static readonly IdentityKeys Bob = Keys(3);
        internal static readonly string[] Both = { Alice.SessionId, Bob.SessionId };

        internal static IdentityKeys Keys(byte fill)
        {
            return IdentityKeys.FromSeed(Enumerable.Repeat(fill, IdentityKeys.SeedSize).ToArray());
        }

        internal static ContentMessage Panic()
        {
            return new ContentMessage("PANIC: I need help now", "Beacon 1", Now);
        }

        [Fact]
        public void Add_WritesBeforeSending_OnePayloadPerRecipient()
        {
            var flash = new MemoryStore();
            var swarms = new FakeSwarms();
            var outbox = new Outbox(flash, swarms, 4);
            Assert.Equal(Outbox.Never, outbox.Start(Now));

            OutboxRecord record = outbox.Add(AlertKind.Panic, Now, Ttl, Beacon, Both, Panic(), new SeededSource(7));

            Assert.Empty(swarms.Sends);
            Assert.Single(flash.Values);
            Assert.Equal(2, record.RecipientCount);
            Assert.NotEqual(record.Payload(0), record.Payload(1));
            // Byte-exact: the same random bytes give the same payloads, straight from MessageEncoder.
            var replay = new SeededSource(7);
            Assert.Equal(MessageEncoder.Encode(Beacon, Alice.X25519PublicKey, Panic(), replay), record.Payload(0));
            Assert.Equal(MessageEncoder.Encode(Beacon, Bob.X25519PublicKey, Panic(), replay), record.Payload(1));
        }

        [Fact]
        public void Step_AllStored_SendsOnceEachAndEmpties()
        {
            var flash = new MemoryStore();
            var swarms = new FakeSwarms();
            var outbox = new Outbox(flash, swarms, 4);
            outbox.Start(Now);
            OutboxRecord record = outbox.Add(AlertKind.Panic, Now, Ttl, Beacon, Both, Panic(), new SeededSource(7));

            Assert.Equal(Outbox.Never, outbox.Step(Now));

            Assert.Equal(2, swarms.Sends.Count);
            Assert.Equal(record.Payload(0), swarms.PayloadsSentTo(Alice.SessionId).Single());
            Assert.Equal("PANIC: I need help now", swarms.Displayed(Alice.SessionId, Alice).Single().Body);
            Assert.Equal(Beacon.SessionId, swarms.Displayed(Bob.SessionId, Bob).Single().SenderSessionId);
            Assert.Equal(0, outbox.Count);
            Assert.Empty(flash.Values);
        }

        [Fact]
        public void Step_RecipientUnreachable_RetriesWithBackoffSameBytes()
        {
            var flash = new MemoryStore();
            var swarms = new FakeSwarms();
            swarms.Unreachable.Add(Bob.SessionId);
            var outbox = new Outbox(flash, swarms, 4);
            outbox.Start(Now);
            outbox.Add(AlertKind.Sensor, Now, Ttl, Beacon, Both, Panic(), new SeededSource(7));

            Assert.Equal(Now + Outbox.RetryBaseMs, outbox.Step(Now));
            Assert.True(outbox.Records()[0].IsDeliveredTo(0));
            Assert.False(outbox.Records()[0].IsDeliveredTo(1));
            Assert.Equal(Now + Outbox.RetryBaseMs, outbox.Step(Now + 1000));
            Assert.Equal(Now + 3 * Outbox.RetryBaseMs, outbox.Step(Now + Outbox.RetryBaseMs));
            swarms.Unreachable.Clear();
            Assert.Equal(Outbox.Never, outbox.Step(Now + 3 * Outbox.RetryBaseMs));

            byte[][] toBob = swarms.PayloadsSentTo(Bob.SessionId);
            Assert.Equal(3, toBob.Length);
            Assert.All(toBob, payload => Assert.Equal(toBob[0], payload));
            Assert.Single(swarms.PayloadsSentTo(Alice.SessionId));
            Assert.Single(swarms.Displayed(Bob.SessionId, Bob));
        }

        [Fact]
        public void Step_BackoffIsCapped()
        {
            var swarms = new FakeSwarms();
            swarms.Unreachable.Add(Alice.SessionId);
            var outbox = new Outbox(new MemoryStore(), swarms, 1);
            outbox.Start(Now);
            outbox.Add(AlertKind.Test, Now, Ttl, Beacon, new[] { Alice.SessionId }, Panic(), new SeededSource(1));
            long wake = Now;
            for (int i = 0; i < 12; i++)
            {
                long next = outbox.Step(wake);
                Assert.InRange(next - wake, Outbox.RetryBaseMs, Outbox.RetryMaxMs);
                wake = next;
            }
            Assert.Equal(Outbox.RetryMaxMs, outbox.Step(wake) - wake);
        }

        [Fact]
        public void Step_TtlPassed_DroppedWithoutSending()
        {
            var flash = new MemoryStore();
            var swarms = new FakeSwarms();
            swarms.Unreachable.Add(Alice.SessionId);
            var outbox = new Outbox(flash, swarms, 2);
            outbox.Start(Now);
            outbox.Add(AlertKind.Heartbeat, Now, 60_000, Beacon, new[] { Alice.SessionId }, Panic(), new SeededSource(1));
            outbox.Step(Now);
            int sends = swarms.Sends.Count;

            Assert.Equal(Outbox.Never, outbox.Step(Now + 60_000));
            Assert.Equal(sends, swarms.Sends.Count);
            Assert.Equal(0, outbox.Count);
            Assert.Empty(flash.Values);
        }

        [Fact]
        public void Start_ExpiredWhileOff_Dropped()
        {
            var flash = new MemoryStore();
            var outbox = new Outbox(flash, new FakeSwarms(), 2);
            outbox.Start(Now);
            outbox.Add(AlertKind.Panic, Now, 60_000, Beacon, Both, Panic(), new SeededSource(1));

            var rebooted = new Outbox(flash, new FakeSwarms(), 2);
            Assert.Equal(Outbox.Never, rebooted.Start(Now + 60_000));
            Assert.Empty(flash.Values);
        }

        [Fact]
        public void Start_AfterReboot_ReloadsRecordAndDeliveryState()
        {
            var flash = new MemoryStore();
            var swarms = new FakeSwarms();
            swarms.Unreachable.Add(Bob.SessionId);
            var outbox = new Outbox(flash, swarms, 3);
            outbox.Start(Now);
            outbox.Add(AlertKind.Duress, Now, Ttl, Beacon, Both, Panic(), new SeededSource(3));
            outbox.Step(Now);
            OutboxRecord before = outbox.Records()[0];

            var rebooted = new Outbox(flash, swarms, 3);
            Assert.Equal(Now + 10, rebooted.Start(Now + 10));
            OutboxRecord after = Assert.Single(rebooted.Records());
            Assert.True(after.SameAlert(before));
            Assert.Equal(before.Id(), after.Id());
            Assert.Equal((AlertKind.Duress, Now, Ttl), (after.Kind, after.CreatedMs, after.TtlMs));
            Assert.True(after.IsDeliveredTo(0));
            Assert.False(after.IsDeliveredTo(1));
            Assert.Equal(before.Payload(1), after.Payload(1));
            Assert.Equal(before.RecipientId(1), after.RecipientId(1));
        }

        [Fact]
        public void Start_GarbageInSlots_Ignored()
        {
            var flash = new MemoryStore();
            flash.Put("outbox.0.a", new byte[] { 1, 2, 3 });
            flash.Put("outbox.0.b", new byte[200]);
            flash.Put("outbox.1.a", Enumerable.Range(0, 500).Select(i => (byte)i).ToArray());
            var outbox = new Outbox(flash, new FakeSwarms(), 2);
            Assert.Equal(Outbox.Never, outbox.Start(Now));
            Assert.Equal(0, outbox.Count);
            outbox.Add(AlertKind.Panic, Now, Ttl, Beacon, Both, Panic(), new SeededSource(3));
            outbox.Add(AlertKind.Panic, Now, Ttl, Beacon, Both, Panic(), new SeededSource(4));

            var rebooted = new Outbox(flash, new FakeSwarms(), 2);
            rebooted.Start(Now);
            Assert.Equal(2, rebooted.Count);
        }

        // The flash takes the alert, then fills up: every later write (the "delivered" marks) fails.
        private sealed class FillingFlash : Session.Core.Micro.Network.IKeyValueStore
        {
            public readonly MemoryStore Inner = new MemoryStore();
            public bool Full;

            public byte[] Get(string key) => Inner.Get(key);

            public void Put(string key, byte[] value)
            {
                if (Full)
                {
                    throw new System.IO.IOException("no space left on the flash");
                }
                Inner.Put(key, value);
            }

            public void Remove(string key) => Inner.Remove(key);
        }

        [Fact]
        public void Step_FlashFullAfterTheAdd_AtMostOneSendPerBackoffPeriod()
        {
            var flash = new FillingFlash();
            var swarms = new FakeSwarms();
            var outbox = new Outbox(flash, swarms, 2);
            outbox.Start(Now);
            outbox.Add(AlertKind.Panic, Now, Ttl, Beacon, new[] { Alice.SessionId }, Panic(), new SeededSource(5));
            flash.Full = true;

            // The main loop steps again and again (here every second for a minute); each step's failed
            // "delivered" write is the caller's problem, but it must not make the alert go out again at once.
            var sendTimes = new System.Collections.Generic.List<long>();
            for (long t = Now; t < Now + 60_000; t += 1000)
            {
                int before = swarms.Sends.Count;
                bool threw = false;
                try
                {
                    outbox.Step(t);
                }
                catch (System.IO.IOException)
                {
                    threw = true;
                }
                if (swarms.Sends.Count > before)
                {
                    sendTimes.Add(t);
                }
                Assert.Equal(swarms.Sends.Count > before, threw);
            }

            // Sent at once, then after the backoff of 5 s, 10 s, 20 s: as a failed send would be.
            Assert.Equal(new[] { Now, Now + 5000, Now + 15_000, Now + 35_000 }, sendTimes);
            Assert.All(swarms.Sends, send => Assert.Equal(swarms.Sends[0].Payload, send.Payload));
            Assert.Equal(1, outbox.Count);
        }

        // A network that takes as long as the test wants: each Send blocks until released.
        private sealed class HeldSender : IAlertSender
        {
            public readonly System.Threading.SemaphoreSlim Entered = new System.Threading.SemaphoreSlim(0);
            public readonly System.Threading.ManualResetEventSlim Released = new System.Threading.ManualResetEventSlim(false);
            public readonly FakeSwarms Swarms = new FakeSwarms();

            public bool Send(string recipientSessionId, byte[] payload, long ttlMs)
            {
                Entered.Release();
                Released.Wait();
                lock (Swarms)
                {
                    return Swarms.Send(recipientSessionId, payload, ttlMs);
                }
            }
        }

        // The test's hang detector (not a timing assertion): what must not wait for the network gets this long.
        private static readonly TimeSpan s_hang = TimeSpan.FromSeconds(30);

        private static System.Threading.Thread Run(Action action)
        {
            var thread = new System.Threading.Thread(() => action()) { IsBackground = true };
            thread.Start();
            return thread;
        }

        [Fact]
        public void Add_WhileAStepWaitsOnTheNetwork_WrittenWithoutWaiting()
        {
            var flash = new MemoryStore();
            var sender = new HeldSender();
            var outbox = new Outbox(flash, sender, 4);
            outbox.Start(Now);
            OutboxRecord first = outbox.Add(AlertKind.Sensor, Now, Ttl, Beacon, new[] { Alice.SessionId }, Panic(), new SeededSource(1));
            System.Threading.Thread network = Run(() => outbox.Step(Now));
            Assert.True(sender.Entered.Wait(s_hang), "the send did not start");

            System.Threading.Thread add = Run(() => outbox.Add(AlertKind.Panic, Now + 10, Ttl, Beacon, new[] { Alice.SessionId }, Panic(), new SeededSource(2)));
            Assert.True(add.Join(s_hang), "Add waited for the send under way");
            Assert.Equal(2, outbox.Count);
            Assert.Equal(4, flash.Values.Count(kv => kv.Key.StartsWith("outbox.", StringComparison.Ordinal)) + 2);

            sender.Released.Set();
            Assert.True(network.Join(s_hang));
            Assert.Equal(1, outbox.DeliveredCount);
            Assert.False(first.SameAlert(outbox.Records().Single()));
            Assert.Equal(Now + 10, outbox.NextAttempt());
        }

        [Fact]
        public void Discard_WhileItsSendIsUnderWay_TheLateReceiptChangesNothing()
        {
            var flash = new MemoryStore();
            var sender = new HeldSender();
            var outbox = new Outbox(flash, sender, 1);
            outbox.Start(Now);
            OutboxRecord test = outbox.Add(AlertKind.Test, Now, Ttl, Beacon, new[] { Alice.SessionId }, Panic(), new SeededSource(1));
            System.Threading.Thread network = Run(() => outbox.Step(Now));
            Assert.True(sender.Entered.Wait(s_hang), "the send did not start");

            Assert.True(outbox.Discard(test));
            OutboxRecord panic = outbox.Add(AlertKind.Panic, Now + 10, Ttl, Beacon, new[] { Alice.SessionId }, Panic(), new SeededSource(2));
            sender.Released.Set();
            Assert.True(network.Join(s_hang));

            // The receipt for the given-up alert was not written into the slot the panic took meanwhile.
            Assert.Equal(0, outbox.DeliveredCount);
            OutboxRecord kept = outbox.Records().Single();
            Assert.True(panic.SameAlert(kept));
            Assert.False(kept.IsDeliveredTo(0));
            var rebooted = new Outbox(flash, new FakeSwarms(), 1);
            rebooted.Start(Now + 20);
            Assert.True(panic.SameAlert(rebooted.Records().Single()));
        }

        [Fact]
        public void Add_Full_Throws()
        {
            var outbox = new Outbox(new MemoryStore(), new FakeSwarms(), 1);
            outbox.Start(Now);
            outbox.Add(AlertKind.Panic, Now, Ttl, Beacon, Both, Panic(), new SeededSource(3));
            var error = Assert.Throws<InvalidOperationException>(() => outbox.Add(AlertKind.Panic, Now, Ttl, Beacon, Both, Panic(), new SeededSource(4)));
            Assert.Contains("holds 1 undelivered", error.Message);
        }

        [Fact]
        public void Add_BadArguments_Throw()
        {
            var outbox = new Outbox(new MemoryStore(), new FakeSwarms(), 1);
            var random = new SeededSource(3);
            Assert.Throws<InvalidOperationException>(() => outbox.Add(AlertKind.Panic, Now, Ttl, Beacon, Both, Panic(), random));
            outbox.Start(Now);
            Assert.Throws<ArgumentNullException>(() => outbox.Add(AlertKind.Panic, Now, Ttl, null, Both, Panic(), random));
            Assert.Throws<ArgumentNullException>(() => outbox.Add(AlertKind.Panic, Now, Ttl, Beacon, null, Panic(), random));
            Assert.Throws<ArgumentNullException>(() => outbox.Add(AlertKind.Panic, Now, Ttl, Beacon, new string[] { null }, Panic(), random));
            Assert.Throws<ArgumentNullException>(() => outbox.Add(AlertKind.Panic, Now, Ttl, Beacon, Both, null, random));
            Assert.Throws<ArgumentNullException>(() => outbox.Add(AlertKind.Panic, Now, Ttl, Beacon, Both, Panic(), null));
            Assert.Throws<ArgumentException>(() => outbox.Add(AlertKind.Panic, Now, Ttl, Beacon, new string[0], Panic(), random));
            Assert.Throws<ArgumentException>(() => outbox.Add(AlertKind.Panic, Now, Ttl, Beacon, new[] { "05abc" }, Panic(), random));
            Assert.Throws<ArgumentException>(() => outbox.Add(AlertKind.Panic, Now, 9_999, Beacon, Both, Panic(), random));
            Assert.Throws<ArgumentException>(() => outbox.Add(AlertKind.Panic, Now, 15L * 24 * 3600 * 1000, Beacon, Both, Panic(), random));
            Assert.Equal(0, outbox.Count);
            Assert.Throws<ArgumentNullException>(() => new Outbox(null, new FakeSwarms(), 1));
            Assert.Throws<ArgumentNullException>(() => new Outbox(new MemoryStore(), null, 1));
            Assert.Throws<ArgumentException>(() => new Outbox(new MemoryStore(), new FakeSwarms(), 0));
        }
    }
}
