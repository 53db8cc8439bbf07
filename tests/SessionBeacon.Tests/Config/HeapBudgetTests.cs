using System;
using System.IO;
using System.Text.RegularExpressions;
using Session.Core.Micro.Messages;
using SessionBeacon.Config;
using Xunit;

namespace SessionBeacon.Tests.Config
{
    /// <summary>
    /// How a board's managed heap is shared: the sizes each RAM class sets, what a configuration needs with them
    /// (docs/heap.md), and the refusal of one that does not fit, by the same check the device runs.
    /// </summary>
    public class HeapBudgetTests
    {
        private const string Alice = "05d2ad010eeb72d72e561d9de7bd7b6989af77dcabffa03a5111a6c859ae5c3a72";
        private const string Bob = "05b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0";
        private const string Carol = "05c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0";
        private const string Dave = "05d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0";

        private static string Shipped(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "shipped", name));

        private static string Board(string ramClass, string heapKiB) =>
            "board.name = T\nchip = esp32\nbutton.pin = 4\nled.pin = 2\nram.class = " + ramClass + "\n" + (heapKiB == null ? "" : "heap.kb = " + heapKiB + "\n");

        private static string Config(params string[] recipients)
        {
            string text = "wifi.ssid = Home\nboard = t\n";
            foreach (string recipient in recipients)
            {
                text += "recipient = " + recipient + " R\n";
            }
            return text;
        }

        [Theory]
        [InlineData("small", 53, 4, 6, 16)]
        [InlineData("standard", 79, 8, 8, 32)]
        [InlineData("psram", 2048, 32, 48, 64)]
        public void RamClass_SetsTheSizes(string ramClass, int heapKiB, int slots, int replyKiB, int nodes)
        {
            BoardProfile board = BoardProfile.Parse(Board(ramClass, null), "t.conf");
            Assert.Equal(heapKiB * 1024, board.HeapBytes);
            Assert.Equal(slots, board.OutboxSlots);
            Assert.Equal(replyKiB * 1024, board.ReplyCapBytes);
            Assert.Equal(nodes, board.PoolNodes);
        }

        [Fact]
        public void HeapKb_OverridesTheClassDefault()
        {
            Assert.Equal(120 * 1024, BoardProfile.Parse(Board("standard", "120"), "t.conf").HeapBytes);
            var error = Assert.Throws<ConfigException>(() => BoardProfile.Parse(Board("standard", "8"), "t.conf"));
            Assert.Equal("t.conf line 6: 'heap.kb' must be a whole number from 16 to 65536, not '8'", Assert.Single(error.Problems));
        }

        // The parts add up as docs/heap.md says: assemblies, lasting state, a full outbox, and the larger of building
        // an alert and reading a reply of the cap; each recipient adds to the state and to every outbox record.
        [Fact]
        public void For_NeedIsTheSumOfTheParts()
        {
            BoardProfile board = BoardProfile.Parse(Board("standard", null), "t.conf");
            HeapBudget one = HeapBudget.For(board, BeaconConfig.Parse(Config(Alice), "nf.config"));
            HeapBudget two = HeapBudget.For(board, BeaconConfig.Parse(Config(Alice, Bob), "nf.config"));

            Assert.Equal(HeapBudget.AlertPeakBytes - HeapBudget.AssemblyBytes, one.AlertWorkBytes);
            Assert.True(one.ReplyWorkBytes > HeapBudget.ReplyBytes(board.ReplyCapBytes), "the request in flight counts too");
            int work = Math.Max(one.AlertWorkBytes, one.ReplyWorkBytes);
            Assert.Equal(HeapBudget.AssemblyBytes + one.StateBytes + board.OutboxSlots * one.RecordBytes + work, one.NeedBytes);
            Assert.True(two.StateBytes > one.StateBytes);
            Assert.True(two.RecordBytes > one.RecordBytes);
            Assert.True(two.NeedBytes > one.NeedBytes);
        }

        // A record holds each recipient's final payload, so it grows with the alert texts, sized by the encoder itself.
        [Fact]
        public void For_RecordGrowsWithTheAlertTexts()
        {
            BoardProfile board = BoardProfile.Parse(Board("standard", null), "t.conf");
            HeapBudget plain = HeapBudget.For(board, BeaconConfig.Parse(Config(Alice), "nf.config"));
            HeapBudget wordy = HeapBudget.For(board, BeaconConfig.Parse(Config(Alice) + "alert.panic = " + new string('p', 1000) + "\n", "nf.config"));
            int payload = MessageEncoder.PayloadSize(new ContentMessage(new string('p', 1000), "SessionBeacon", 1800000000000));

            Assert.True(wordy.RecordBytes - plain.RecordBytes >= 800, plain.RecordBytes + " then " + wordy.RecordBytes);
            Assert.True(wordy.RecordBytes > payload, "the record holds the payload");
        }

        [Fact]
        public void ReplyBytes_TheCapAndTheReadersOverhead()
        {
            Assert.Equal(6144 + HeapBudget.ReplyOverheadBytes, HeapBudget.ReplyBytes(6144));
        }

        // The figures docs/heap.md gives for each shipped profile: the ESP32_C3 image's measured 54,472 bytes, the
        // ESP32_REV0 image's 79 KiB, the ESP32_PICO image's 79 - 37 KiB, the ESP32_S3_OCTAL image's 8 MiB of PSRAM less 1 MiB.
        [Theory]
        [InlineData("esp32-c3-devkitm.conf", "small", 53)]
        [InlineData("esp32-devkitc.conf", "standard", 79)]
        [InlineData("m5stack-atom-lite.conf", "small", 42)]
        [InlineData("esp32-s3-devkitc.conf", "psram", 7000)]
        public void ShippedBoard_HeapAndRamClass(string board, string ramClass, int heapKiB)
        {
            BoardProfile profile = BoardProfile.Parse(Shipped(Path.Combine("boards", board)), board);
            Assert.Equal(ramClass, profile.RamClass);
            Assert.Equal(heapKiB * 1024, profile.HeapBytes);
        }

        // The shipped nf.config (two recipients): the DevKitC and the S3 hold it; the C3's 53 KiB does not, nor the
        // Atom Lite's estimated 42 KiB, and the C3 does with one recipient.
        [Theory]
        [InlineData("esp32-devkitc.conf", true)]
        [InlineData("esp32-s3-devkitc.conf", true)]
        [InlineData("esp32-c3-devkitm.conf", false)]
        [InlineData("m5stack-atom-lite.conf", false)]
        public void For_ShippedConfig_OnEachShippedBoard(string board, bool fits)
        {
            HeapBudget budget = HeapBudget.For(BoardProfile.Parse(Shipped(Path.Combine("boards", board)), board), BeaconConfig.Parse(Shipped("nf.config"), "nf.config"));
            Assert.True(budget.Fits == fits, board + " needs " + budget.NeedBytes + " of " + budget.HeapBytes);
        }

        // docs/heap.md's tables, row by row: what each RAM class sets, and each shipped board's need for one to four
        // recipients with the shipped texts (KiB, rounded up) and how many it holds.
        [Fact]
        public void HeapPage_TablesAreTheBudgetsFigures()
        {
            string[] page = Shipped(Path.Combine("docs", "heap.md")).Split('\n');
            foreach (string ramClass in new[] { "small", "standard", "psram" })
            {
                BoardProfile board = BoardProfile.Parse(Board(ramClass, null), "t.conf");
                Assert.Contains("| `" + ramClass + "` | " + board.HeapBytes / 1024 + " | " + board.PoolNodes + " | " + board.OutboxSlots + " | " + board.ReplyCapBytes / 1024 + " KiB |", page);
            }
            string shipped = Regex.Replace(Shipped("nf.config"), "(?m)^recipient = .*\n", "");
            foreach (string file in new[] { "esp32-c3-devkitm.conf", "esp32-devkitc.conf", "m5stack-atom-lite.conf", "esp32-s3-devkitc.conf" })
            {
                BoardProfile board = BoardProfile.Parse(Shipped(Path.Combine("boards", file)), file);
                string row = "| " + board.Name + (board.RamClass == "psram" ? " N8R8" : "") + " | " + board.HeapBytes / 1024 + " |";
                int most = 0;
                string config = shipped;
                foreach (string recipient in new[] { Alice, Bob, Carol, Dave })
                {
                    config += "recipient = " + recipient + " R\n";
                    HeapBudget budget = HeapBudget.For(board, BeaconConfig.Parse(config, "nf.config"));
                    row += " " + (budget.NeedBytes + 1023) / 1024 + " |";
                    most += budget.Fits ? 1 : 0;
                }
                string line = Assert.Single(page, l => l.StartsWith(row, StringComparison.Ordinal));
                string stated = line.Substring(row.Length).Trim(' ', '|', '*');
                Assert.Equal(most == 0 ? "none" : most == 4 ? "far more than anyone configures" : most.ToString(), stated);
            }
        }

        [Fact]
        public void Check_TooManyRecipientsForTheHeap_RefusedWithTheParts()
        {
            string board = Board("small", "53");
            DeviceSetup.Check(Config(Alice), "nf.config", board, "board.conf", false);

            var error = Assert.Throws<ConfigException>(() => DeviceSetup.Check(Config(Alice, Bob, Carol), "nf.config", board, "board.conf", false));
            string problem = Assert.Single(error.Problems);
            Assert.Matches(@"^nf\.config: this configuration needs about \d+ KiB of managed heap, and the T's firmware leaves 53 KiB \(heap\.kb\): 14 KiB assemblies, \d+ KiB lasting state for 16 nodes and the recipients, "
                + @"\d+ KiB outbox \(4 alerts of \d+ KiB\), and 22 KiB to build an alert or read a reply of up to 6 KiB; use fewer recipients or shorter alert texts, or a board with more heap \(docs/heap\.md\)$", problem);
        }

        [Fact]
        public void Check_MeasuredHeapKb_LetsTheSameConfigurationThrough()
        {
            string config = Config(Alice, Bob, Carol);
            Assert.Throws<ConfigException>(() => DeviceSetup.Check(config, "nf.config", Board("small", "53"), "board.conf", false));

            DeviceSetup setup = DeviceSetup.Check(config, "nf.config", Board("small", "80"), "board.conf", false);
            Assert.Equal(80 * 1024, setup.Board.HeapBytes);
            Assert.Equal(3, setup.Config.Recipients.Length);
        }

        [Fact]
        public void Check_AlertTextTooLongForAnyMessage_RefusedNotThrown()
        {
            string config = Config(Alice) + "alert.panic = " + new string('p', MessageEncoder.MaxStoredSize) + "\n";
            var error = Assert.Throws<ConfigException>(() => DeviceSetup.Check(config, "nf.config", Board("psram", null), "board.conf", false));
            Assert.StartsWith("nf.config: the alert texts are too long: an alert would not fit in a Session message", Assert.Single(error.Problems), StringComparison.Ordinal);
        }

        // Other problems come first: the budget is worked out only from a configuration that is otherwise right.
        [Fact]
        public void Check_OtherProblems_NoBudgetProblemBesideThem()
        {
            var error = Assert.Throws<ConfigException>(() => DeviceSetup.Check(Config(Alice, Bob, Carol) + "panic.hold_ms = 1\n", "nf.config", Board("small", "20"), "board.conf", false));
            Assert.StartsWith("nf.config line 6: 'panic.hold_ms'", Assert.Single(error.Problems), StringComparison.Ordinal);
        }
    }
}
