using System;
using System.Linq;
using Session.Core.Micro.Network;
using Session.Core.Micro.Ratchet;
using Session.Core.Micro.Tests.Support;
using SessionBeacon.App;
using SessionBeacon.Tests.Support;
using FlashStore = SessionBeacon.Tests.Support.MemoryStore;
using Xunit;
using Xunit.Abstractions;

namespace SessionBeacon.Tests.App
{
    /// <summary>
    /// The beacon's inbox across restarts, on the in-memory fake network: Bob's companion receiver
    /// pairs from an alert and acknowledges it, Alice replies in plain v1; then the beacon is built
    /// again over the same flash many times. Each boot reads the inbox from a random member of its
    /// swarm, and a member it never asked before returns every message again. What was handled before
    /// is recognised quietly; the same ratchet packet in another stored message is still a replay.
    /// </summary>
    public class InboxTests
    {
        private const int Restarts = 12;
        private readonly ITestOutputHelper _output;

        public InboxTests(ITestOutputHelper output)
        {
            _output = output;
        }

        [Fact]
        public void Restarts_AnAcknowledgementAndAReplyHandledBefore_NeitherReportedNorShownAgain()
        {
            PairedBeacon s = PairedBeacon.Paired(Seeded(nameof(Restarts_AnAcknowledgementAndAReplyHandledBefore_NeitherReportedNorShownAgain)), new FlashStore());
            s.Reply("on my way");
            s.RunUntil(() => s.Events.Any(e => e.Kind == BeaconEventKind.Reply), "the reply");
            s.Events.Clear();
            for (int i = 0; i < Restarts; i++)
            {
                int retrieves = s.Network.Delivered.Count(d => d.Method == "retrieve");
                s.Restart();
                s.Run(s.Now + 10000);
                Assert.True(s.Network.Delivered.Count(d => d.Method == "retrieve") > retrieves, "restart " + i + ": the inbox was not read");
            }
            Assert.Empty(s.Events.Where(e => e.Kind == BeaconEventKind.Problem).Select(e => e.Text));
            Assert.DoesNotContain(s.Events, e => e.Kind == BeaconEventKind.HelpReached || e.Kind == BeaconEventKind.Reply);
            // The pairing goes on: a second alert after the restarts is acknowledged.
            s.AlertAndAcknowledge(2);
        }

        [Fact]
        public void Restart_TheSameAcknowledgementStoredAgainInANewMessage_ReportedAsAReplay()
        {
            PairedBeacon s = PairedBeacon.Paired(Seeded(nameof(Restart_TheSameAcknowledgementStoredAgainInANewMessage_ReportedAsAReplay)), new FlashStore());
            s.Restart();
            s.Run(s.Now + 10000);
            // The packet Bob sent, carried again in a new v1 message (another hash): not the message handled before.
            s.Bob.Store(s.Keys, RatchetCarriage.ToContent(s.Bob.LastAcknowledgementPacket, "Bob's receiver", s.Network.ServerTime));
            s.RunUntil(() => s.Events.Any(e => e.Kind == BeaconEventKind.Problem), "the replay reported");
            BeaconEvent problem = s.Events.Single(e => e.Kind == BeaconEventKind.Problem);
            Assert.Equal("Bob", problem.Recipient);
            Assert.Contains("already opened (duplicate delivery or replay)", problem.Text, StringComparison.Ordinal);
        }

        [Fact]
        public void PowerCut_AtEveryWriteWhileTheAcknowledgementIsRead_NoFalseAlarmAfterTheReboot()
        {
            // Every run is a new scenario drawn from one seed; each cuts at a later write of the
            // boot and the reading of the acknowledgement, until a run reads it without reaching the cut.
            SeededRandom random = Seeded(nameof(PowerCut_AtEveryWriteWhileTheAcknowledgementIsRead_NoFalseAlarmAfterTheReboot));
            int runs = 0;
            foreach (CutMode mode in Enum.GetValues<CutMode>())
            {
                for (int cut = 1; ; cut++)
                {
                    string where = "cut " + mode + " at write " + cut;
                    var flash = new FlashStore();
                    PairedBeacon s = PairedBeacon.Paired(random, flash, acknowledgeOnly: true);
                    var cutting = new PowerCutStore(flash, cut, mode);
                    s.PowerCycle(cutting);
                    s.RunUntil(() => cutting.IsCut || s.Events.Any(e => e.Kind == BeaconEventKind.HelpReached), "help reached or the cut");
                    if (!cutting.IsCut)
                    {
                        break;
                    }
                    int shown = s.Events.Count(e => e.Kind == BeaconEventKind.HelpReached);
                    s.Events.Clear();
                    // The reboot asks a member it never asked before, which returns every message again.
                    foreach (string cursor in flash.Values.Keys.Where(k => k.StartsWith("last_hash/", StringComparison.Ordinal)).ToArray())
                    {
                        flash.Remove(cursor);
                    }
                    s.PowerCycle(flash);
                    s.Run(s.Now + 10000);
                    Assert.True(s.Events.All(e => e.Kind != BeaconEventKind.Problem), where + ": " + string.Join("; ", s.Events.Where(e => e.Kind == BeaconEventKind.Problem).Select(e => e.Text)));
                    shown += s.Events.Count(e => e.Kind == BeaconEventKind.HelpReached);
                    Assert.True(shown <= 1, where + ": help reached shown " + shown + " times");
                    _output.WriteLine(where + ": help reached shown " + shown + " time(s)");
                    s.AlertAndAcknowledge(2);
                    runs++;
                }
            }
            Assert.True(runs >= 6, "only " + runs + " power cuts");
        }

        [Fact]
        public void JunkFilledInbox_TheAcknowledgementStillGetsThrough_InAFewPolls_WithoutAReplyTooLargeOrAPathLost()
        {
            PairedBeacon s = JunkFilled(nameof(JunkFilledInbox_TheAcknowledgementStillGetsThrough_InAFewPolls_WithoutAReplyTooLargeOrAPathLost));
            int before = s.Network.RetrieveParams.Count;
            s.Bob.AcknowledgeNext(s, 1);
            s.RunUntil(() => s.Events.Any(e => e.Kind == BeaconEventKind.HelpReached), "help reached through the junk");

            // About 24 junk messages fit a page: 9 pages to the acknowledgement, at most MaxPagesPerPoll a poll.
            int pages = s.Network.RetrieveParams.Count - before;
            _output.WriteLine(pages + " pages");
            Assert.InRange(pages, 9, 4 * Inbox.MaxPagesPerPoll);
            Assert.Equal(0, s.Network.TooLargeCount);
            Assert.DoesNotContain(s.Events, e => e.Kind == BeaconEventKind.Problem);
            for (int p = 0; p < s.Beacon.Paths.Count; p++)
            {
                Assert.Equal(0, s.Beacon.Paths.Path(p).Failures);
            }
        }

        [Fact]
        public void JunkFilledInbox_AnAlertHeldWhileAPageIsRead_SentBeforeTheNextPage()
        {
            PairedBeacon s = JunkFilled(nameof(JunkFilledInbox_AnAlertHeldWhileAPageIsRead_SentBeforeTheNextPage));
            // The owner presses while the network thread reads the first page of the junk: the alert is held on flash.
            int before = s.Network.Delivered.Count;
            bool pressed = false;
            s.Network.WhileAnswering = method =>
            {
                if (method == "retrieve" && !pressed)
                {
                    pressed = true;
                    s.Beacon.Policy.ButtonLevel(true, s.Now);
                    s.Beacon.Step(s.Now);
                    s.Beacon.Policy.ButtonLevel(false, s.Now + 2000);
                    s.Beacon.Step(s.Now + 2000);
                }
            };
            s.RunUntil(() => s.Events.Count(e => e.Kind == BeaconEventKind.Delivered) == 2, "alert 2 delivered");

            // The page in progress ends, then the alert goes out (to Alice and to Bob), then the next page.
            string[] methods = s.Network.Delivered.Skip(before).Select(d => d.Method).ToArray();
            int page = Array.IndexOf(methods, "retrieve");
            Assert.True(page >= 0 && methods.Length > page + 2, string.Join(", ", methods));
            Assert.Equal(new[] { "retrieve", "store", "store" }, methods.Skip(page).Take(3).ToArray());
        }

        // A paired beacon whose first alert was delivered, then a stranger fills its inbox: 200 messages of 1,000 bytes,
        // 270 KB in all, read in pages that fit the device's reply cap (the fake transport refuses what the device's would).
        private PairedBeacon JunkFilled(string name)
        {
            var s = new PairedBeacon(Seeded(name), new FlashStore());
            s.Network.MaxReplyBytes = Inbox.DefaultReplyBytes;
            s.Start();
            s.Button(0, 2000);
            s.RunUntil(() => s.Events.Any(e => e.Kind == BeaconEventKind.Delivered), "alert 1 delivered");
            var junk = new SeededRandom(_output, "junk");
            for (int i = 0; i < 200; i++)
            {
                s.Network.Deposit(s.Keys.SessionId, junk.Bytes(1000));
            }
            return s;
        }

        private SeededRandom Seeded(string name) => new SeededRandom(_output, name);
    }
}
