using System;
using System.Collections.Generic;
using System.Linq;
using SessionBeacon.Delivery;
using SessionBeacon.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace SessionBeacon.Tests.Delivery
{
    /// <summary>
    /// Power is cut at every write of the pipeline in turn (Add, each receipt, the removal), in each
    /// way a write can end; then the device reboots and runs to the end. No alert that was stored is
    /// lost, every resend is byte-identical, and each recipient sees at most one message.
    /// </summary>
    public class OutboxPowerLossTests
    {
        private readonly ITestOutputHelper _output;

        public OutboxPowerLossTests(ITestOutputHelper output)
        {
            _output = output;
        }

        public static TheoryData<string, bool> Scenarios => new TheoryData<string, bool>
        {
            { "both recipients reachable", false },
            { "Bob unreachable at first", true },
        };

        [Theory]
        [MemberData(nameof(Scenarios))]
        public void PowerCut_AtEveryWrite_NoLossNoDuplicate(string scenario, bool bobFailsFirst)
        {
            int writes = CleanRunWrites(bobFailsFirst);
            Assert.True(writes >= 5, scenario + ": the pipeline made only " + writes + " writes");
            int runs = 0;
            foreach (CutMode mode in Enum.GetValues<CutMode>())
            {
                for (int cut = 1; cut <= writes; cut++)
                {
                    RunWithCut(scenario, bobFailsFirst, cut, mode);
                    runs++;
                }
            }
            _output.WriteLine(scenario + ": " + writes + " writes, " + runs + " power cuts");
        }

        // The device: add one alert, then step until the outbox is empty. Returns the number of writes.
        private static int CleanRunWrites(bool bobFailsFirst)
        {
            var store = new PowerCutStore(new MemoryStore(), int.MaxValue, CutMode.Before);
            var swarms = Swarms(bobFailsFirst);
            Device(store, swarms, addAlert: true);
            Assert.Single(swarms.Displayed(OutboxTests.Alice.SessionId, OutboxTests.Alice));
            Assert.Single(swarms.Displayed(OutboxTests.Bob.SessionId, OutboxTests.Bob));
            return store.Writes;
        }

        private static void RunWithCut(string scenario, bool bobFailsFirst, int cut, CutMode mode)
        {
            string where = scenario + ", cut " + mode + " at write " + cut;
            var flash = new MemoryStore();
            var swarms = Swarms(bobFailsFirst);
            OutboxRecord added = null;
            Assert.Throws<PowerCutException>(() => added = Device(new PowerCutStore(flash, cut, mode), swarms, addAlert: true));
            int sendsBeforeCut = swarms.Sends.Count;

            // Reboot: a fresh outbox on the same flash, no new alert.
            swarms.Unreachable.Clear();
            var rebooted = new Outbox(flash, swarms, 4);
            rebooted.Start(OutboxTests.Now + 1000);
            OutboxRecord reloaded = rebooted.Records().SingleOrDefault();
            Device(flash, swarms, addAlert: false);

            Assert.True(flash.Values.Count == 0, where + ": the outbox left " + flash.Values.Count + " keys behind");
            if (reloaded == null && sendsBeforeCut == 0)
            {
                // The cut came before the alert was whole on flash: it was never accepted, and nothing went out.
                Assert.True(cut == 1 && mode != CutMode.After, where + ": an accepted alert vanished");
                Assert.Empty(swarms.Sends);
                return;
            }
            foreach (var recipient in new[] { OutboxTests.Alice, OutboxTests.Bob })
            {
                byte[][] sent = swarms.PayloadsSentTo(recipient.SessionId);
                Assert.True(sent.Length >= 1, where + ": nothing was sent to " + recipient.SessionId);
                Assert.True(sent.All(payload => payload.SequenceEqual(sent[0])), where + ": a resend differed from the first send");
                var shown = swarms.Displayed(recipient.SessionId, recipient);
                Assert.True(shown.Count == 1, where + ": " + shown.Count + " messages displayed");
                Assert.Equal("PANIC: I need help now", shown[0].Body);
            }
        }

        // One boot of the device: start, optionally add the alert, step on a fake clock until empty.
        private static OutboxRecord Device(Session.Core.Micro.Network.IKeyValueStore store, FakeSwarms swarms, bool addAlert)
        {
            var outbox = new Outbox(store, swarms, 4);
            long now = OutboxTests.Now + (addAlert ? 0 : 1000);
            long wake = outbox.Start(now);
            OutboxRecord added = null;
            if (addAlert)
            {
                added = outbox.Add(AlertKind.Panic, now, OutboxTests.Ttl, OutboxTests.Beacon, OutboxTests.Both, OutboxTests.Panic(), new SeededSource(11));
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
            return added;
        }

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
