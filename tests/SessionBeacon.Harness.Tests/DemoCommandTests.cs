using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace SessionBeacon.Harness.Tests
{
    /// <summary>The demo command run in-process on the shipped nf.config, against its own 12-node testnet (never beside the process demo: both use 127.0.120.x).</summary>
    [Collection("demo")]
    public class DemoCommandTests
    {
        private static readonly string s_shipped = Path.Combine(AppContext.BaseDirectory, "shipped");

        [Fact]
        public void Demo_ShippedConfig_EveryAlertDeliveredAndOpenedByBoth_AllOnOneClock()
        {
            string data = Directory.CreateTempSubdirectory("demo-test").FullName;
            try
            {
                var (code, output, error) = Run("demo", "--config", Path.Combine(s_shipped, "nf.config"), "--data", data);

                Assert.True(code == ExitCode.Ok, "exit " + code + "\n" + error + "\n" + output);
                Assert.Equal("", error);
                Assert.Contains("the demo recipients stand in for Alice and Bob", output);
                Assert.Contains("== Panic", output);
                Assert.Contains("== Tracking", output);
                Assert.Contains("== Cancel", output);
                Assert.Contains("== Duress", output);
                Assert.Contains("== Sensor", output);
                Assert.Contains("2 of 2 hello messages stored with a verified receipt.", output);
                Assert.Contains("Alice's app opened a hello: \"Hello from SessionBeacon", output);
                Assert.Contains("Bob's receiver opened a hello: \"Hello from SessionBeacon", output);
                Assert.Contains("stage: armed", output);
                Assert.Contains("alert queued on flash: Panic", output);
                Assert.Contains("alert queued on flash: Tracking", output);
                Assert.Contains("tracking stopped: cancelled on the beacon", output);
                Assert.Contains("alert queued on flash: Duress", output);
                Assert.Contains("alert queued on flash: Sensor", output);
                Assert.Equal(4, Count(output, "delivered: both recipients have a verified receipt"));
                Assert.Contains("a flash alert to Alice built ahead", output);
                Assert.Contains("flash alert, built ahead, on flash", output);
                Assert.Contains("Alice's app opened the flash alert (built ahead, so it left with no crypto at the press): \"PANIC: I need help now.", output);
                Assert.Equal(5, Count(output, "stored for Alice: "));
                Assert.Equal(4, Count(output, "stored for Bob: "));
                // The demo fits the board's GPS: the panic and the duress alert say where, and so does the tracking update.
                const string Where = "Position: 52.52001, 13.40495 (±8 m, 0 s ago) / https://www.openstreetmap.org/?mlat=52.52001&mlon=13.40495#map=17/52.52001/13.40495 / geo:52.52001,13.40495\"";
                Assert.Matches("Alice's app opened the Panic alert: \"PANIC: I need help now\\. [^\"]* / #1, sent [^\"]* / " + Regex.Escape(Where), output);
                Assert.Matches("Alice's app opened the Tracking alert: \"Tracking 1/60: Position: 52\\.52001, 13\\.40495 \\(±8 m, 0 s ago\\) / #2, sent ", output);
                Assert.Matches("Alice's app opened the Duress alert: \"[^\"]* / #3, sent [^\"]* / " + Regex.Escape(Where), output);
                Assert.Contains("Alice's app opened the Duress alert: \"PANIC (duress): I am not safe.", output);
                Assert.Contains("Alice's app opened the Sensor alert: \"Sensor alert: Front door / #4, sent ", output);
                Assert.Equal(4, Count(output, "Bob's receiver opened the "));
                Assert.Equal(4, Count(output, "(through the ratchet; it sent the acknowledgement)"));
                Assert.Equal(4, Count(output, "help reached: Bob acknowledged alert #"));
                string beacon = Regex.Match(output, "device Session ID: (05[0-9a-f]{64})").Groups[1].Value;
                Assert.NotEqual("", beacon);
                Assert.Equal(11, Count(output, "from " + beacon + " (the beacon)"));
                // Two stores per alert, each with a traced four-node path; the guard saw the beacon and no Session ID.
                Assert.Equal(8, Regex.Matches(output, @"path:        guard 127\.0\.12\d\.\d -> middle 127\.0\.12\d\.\d -> middle 127\.0\.12\d\.\d -> destination 127\.0\.12\d\.\d").Count);
                Assert.Equal(8, Count(output, "guard saw:   from 127.0.0.1 (the beacon), next hop 127.0.12"));
                string[] guardLines = output.Split('\n').Where(l => l.Contains("guard saw:")).ToArray();
                Assert.Equal(8, guardLines.Length);
                Assert.All(guardLines, line => Assert.EndsWith("Session ID: none", line.TrimEnd()));
                Assert.Equal(8, Count(output, "destination saw: from 127.0.12"));
                Assert.Contains("demo finished in", output);
                AssertOneClock(output);
                Assert.True(Directory.Exists(Path.Combine(data, "testnet")), "--data keeps the testnet's files");
            }
            finally
            {
                Directory.Delete(data, true);
            }
        }

        [Fact]
        public void Demo_OneRecipient_ConfigErrorSaysTwoAreNeeded()
        {
            string folder = Directory.CreateTempSubdirectory("demo-cfg").FullName;
            try
            {
                Directory.CreateDirectory(Path.Combine(folder, "boards"));
                File.Copy(Path.Combine(s_shipped, "boards", "esp32-devkitc.conf"), Path.Combine(folder, "boards", "esp32-devkitc.conf"));
                string config = Path.Combine(folder, "nf.config");
                File.WriteAllText(config, "board = esp32-devkitc\nrecipient = 05" + new string('1', 64) + " Alice\n");

                var (code, _, error) = Run("demo", "--config", config);

                Assert.Equal(ExitCode.ConfigError, code);
                Assert.Contains("the demo needs two (Alice and Bob)", error);
            }
            finally
            {
                Directory.Delete(folder, true);
            }
        }

        [Fact]
        public void Demo_MissingConfig_ConfigError()
        {
            var (code, _, error) = Run("demo", "--config", "/nonexistent/nf.config");
            Assert.Equal(ExitCode.ConfigError, code);
            Assert.Contains("/nonexistent/nf.config not found", error);
        }

        // Every time stamp comes from the run's one clock: none goes backwards, and each alert is opened after the input that sent it.
        private static void AssertOneClock(string output)
        {
            List<StampedLine> stamped = StampedLines.Of(output);
            StampedLines.AssertNeverBackwards(stamped);
            string[] lines = output.Split('\n');
            foreach (string scene in new[] { "== Panic", "== Duress", "== Sensor" })
            {
                int start = Array.FindIndex(lines, l => l.StartsWith(scene, StringComparison.Ordinal));
                int end = Array.FindIndex(lines, start + 1, l => l.StartsWith("==", StringComparison.Ordinal));
                List<StampedLine> inScene = stamped.Where(l => l.Line > start && (end < 0 || l.Line < end)).ToList();
                StampedLine input = inScene.FirstOrDefault(l => l.Text == "button down" || l.Text.EndsWith(" active", StringComparison.Ordinal));
                Assert.True(input != null, scene + ": no button press or sensor input with a time stamp\n" + output);
                int openedLines = lines[start..(end < 0 ? lines.Length : end)].Count(l => l.Contains(" opened the ", StringComparison.Ordinal));
                Assert.Equal(scene == "== Panic" ? 3 : 2, openedLines);
                List<StampedLine> opened = inScene.Where(l => l.Text.Contains(" opened the ", StringComparison.Ordinal)).ToList();
                Assert.True(opened.Count == openedLines, scene + ": an 'opened' line has no time stamp on the run's clock\n" + output);
                Assert.All(opened, l => Assert.True(l.Ms >= input.Ms, scene + ": '" + l.Text + "' at " + l.Ms + " ms is before the input at " + input.Ms + " ms"));
            }
        }

        private static int Count(string text, string part) => Regex.Matches(text, Regex.Escape(part)).Count;

        private static (ExitCode, string, string) Run(params string[] args)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            ExitCode code = Program.Run(args, output, error);
            return (code, output.ToString(), error.ToString());
        }
    }
}
