using System;
using System.Linq;
using Session.Core.Micro.Ratchet;
using Session.Core.Micro.Tests.Support;
using SessionBeacon.App;
using SessionBeacon.Delivery;
using SessionBeacon.Feedback;
using SessionBeacon.Tests.Support;
using Xunit;
using Xunit.Abstractions;
using MemoryStore = SessionBeacon.Tests.Support.MemoryStore;

namespace SessionBeacon.Tests.App
{
    /// <summary>
    /// What the beacon finds damaged on flash when it starts is told, never dropped silently: an alert
    /// whose payload for Bob was damaged in its only copy reaches Alice, is told as lost for Bob (an
    /// event, the failed pattern), and the next alert tells both of them (docs/outbox.md, "Damaged records").
    /// </summary>
    public class StartupReportTests
    {
        private const string Panic = "PANIC: I need help now";
        private readonly ITestOutputHelper _output;

        public StartupReportTests(ITestOutputHelper output)
        {
            _output = output;
        }

        [Fact]
        public void AlertDamagedOnFlash_BobsPayloadLost_ToldAtStart_AndInTheNextAlert()
        {
            var flash = new MemoryStore();
            var s = new PairedBeacon(new SeededRandom(_output, nameof(AlertDamagedOnFlash_BobsPayloadLost_ToldAtStart_AndInTheNextAlert)), flash);
            s.Start();
            s.RunUntil(() => s.Beacon.Stage == BeaconStage.Armed, "armed");
            // The recipients' swarms do not answer: the alert stays on flash in its two versions, held (the
            // press) and sealed (the network thread), one under each of the slot's keys.
            foreach (var swarm in new[] { s.Alice.SessionId, s.Bob.Keys.SessionId })
            {
                s.Network.Down.UnionWith(s.Network.SwarmOf(swarm).Select(n => n.Hex));
            }
            s.Button(0, 2000);
            s.Run(s.Now + 1000);
            Assert.False(Assert.Single(s.Beacon.Outbox.Records()).IsHeld);
            string[] keys = flash.Values.Keys.Where(k => k.StartsWith("outbox.", StringComparison.Ordinal)).ToArray();
            Assert.Equal(2, keys.Length);
            foreach (string key in keys)
            {
                // A bit inside Bob's payload in each version (docs/outbox.md, "Record layout": a 191-byte header
                // copy, then Alice's payload, whose length the header gives at byte 111, and its tag).
                byte[] value = flash.Values[key];
                int alicesLength = value[111] << 24 | value[112] << 16 | value[113] << 8 | value[114];
                value[191 + alicesLength + 4 + 10] ^= 0x04;
            }

            s.Network.Down.Clear();
            s.Restart();
            BeaconEvent lost = Assert.Single(s.Events, e => e.Kind == BeaconEventKind.AlertLost);
            Assert.Equal(("Bob", AlertKind.Panic), (lost.Recipient, lost.Alert));
            Assert.Equal("its copy on flash was damaged and cannot be sent to Bob; the next alert says so", lost.Text);
            Assert.Equal(FeedbackPattern.Failed, s.Beacon.Feedback.LastPattern);
            s.RunUntil(() => s.Beacon.Outbox.Count == 0, "the alert sent to Alice");
            Assert.StartsWith(Panic + "\n#1, sent ", s.StoredFor(s.Alice).Single().Body);
            Assert.Empty(s.StoredFor(s.Bob.Keys));
            Assert.True(flash.Values.ContainsKey("alert.notes"), "the note is kept on flash for the next alert");

            const string Note = "\nAn earlier panic alert did not reach Bob: its copy on the beacon's flash was damaged.";
            s.Run(s.Now + 60000);
            s.Button(0, 2000);
            s.RunUntil(() => s.StoredFor(s.Alice).Count == 2 && s.Beacon.Outbox.Count == 0, "alert 2 delivered");
            string toAlice = s.StoredFor(s.Alice).Last().Body;
            Assert.StartsWith(Panic + "\n#2, sent ", toAlice);
            Assert.EndsWith(Note, toAlice);
            RatchetContent toBob = s.Bob.OpenNext(s);
            Assert.StartsWith(Panic + "\n#2, sent ", toBob.Text);
            Assert.EndsWith(Note, toBob.Text);
            Assert.False(flash.Values.ContainsKey("alert.notes"), "the note was carried once and forgotten");
        }
    }
}
