using System;
using System.Linq;
using SessionBeacon.Config;
using SessionBeacon.Delivery;
using SessionBeacon.Policy;
using SessionBeacon.Storage;
using SessionBeacon.Tests.Support;
using Xunit;

namespace SessionBeacon.Tests.Delivery
{
    /// <summary>From button edges to what the recipients' apps show: policy, composer, outbox and fake swarms together.</summary>
    public class AlertPipelineTests
    {
        private const long Boot = OutboxTests.Now;

        public static TheoryData<string, string, string> Presses => new TheoryData<string, string, string>
        {
            // name, button edges (ms after boot, alternating down/up), what Alice's app shows
            { "panic after the cancel window", "0 2000", "PANIC: I need help now" },
            { "cancelled", "0 2000 3000 3100", "" },
            { "duress looks like a cancel but alerts", "0 2000 3000 3100 3300 3400", "PANIC (duress): I am not safe" },
            { "pocket bump", "0 200", "" },
        };

        [Theory]
        [MemberData(nameof(Presses))]
        public void ButtonEdges_ReachRecipientsAsOneMessageEach(string name, string edges, string shown)
        {
            BeaconConfig config = BeaconConfig.Parse("board = esp32-devkitc\ndevice.name = Beacon 1\n"
                + "recipient = " + OutboxTests.Alice.SessionId + " Alice\nrecipient = " + OutboxTests.Bob.SessionId + " Bob\n"
                + "alert.duress = PANIC (duress): I am not safe\n", "nf.config");
            var policy = new AlertPolicy(config.Policy);
            var composer = new AlertComposer(config);
            var swarms = new FakeSwarms();
            var outbox = new Outbox(new FileKeyValueStore(new MemoryDrive(), "kv-"), swarms, 4);
            string[] recipients = config.Recipients.Select(r => r.SessionId).ToArray();
            var random = new SeededSource(5);

            policy.Start(Boot);
            outbox.Start(Boot);
            long[] times = edges.Split(' ').Select(long.Parse).ToArray();
            for (int i = 0; i < times.Length; i++)
            {
                policy.ButtonLevel(i % 2 == 0, Boot + times[i]);
            }
            policy.Step(Boot + 60000);
            foreach (Decision decision in policy.TakeDecisions().Where(AlertComposer.IsAlert))
            {
                outbox.Add(composer.KindOf(decision), decision.Time, config.AlertTtlHours * 3600000L, OutboxTests.Beacon, recipients, composer.Compose(decision, decision.Time, 1), random);
            }
            Assert.Equal(Outbox.Never, outbox.Step(Boot + 60000));

            var alice = swarms.Displayed(OutboxTests.Alice.SessionId, OutboxTests.Alice);
            var bob = swarms.Displayed(OutboxTests.Bob.SessionId, OutboxTests.Bob);
            Assert.True((shown == "" ? 0 : 1) == alice.Count, name + ": Alice sees " + alice.Count + " messages");
            Assert.Equal(alice.Count, bob.Count);
            if (shown != "")
            {
                Assert.StartsWith(shown + "\n#1, sent ", alice[0].Body);
                Assert.Equal("Beacon 1", bob[0].Content.DisplayName);
                Assert.Equal(OutboxTests.Beacon.SessionId, bob[0].SenderSessionId);
            }
        }
    }
}
