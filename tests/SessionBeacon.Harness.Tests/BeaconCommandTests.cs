using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Session.Core.Micro.Identity;
using Session.Testnet;
using SessionBeacon.Harness.Identity;
using Xunit;
using SessionBeacon.Harness.Tests.Support;

namespace SessionBeacon.Harness.Tests
{
    /// <summary>An 8-node testnet on 127.0.160.1 to 127.0.163.2 (a range no other test uses) for 'beacon run'.</summary>
    public sealed class BeaconRunTestnet : ClassTestnet
    {
        public const int FirstSubnet = 160;

        public BeaconRunTestnet()
            : base("beacon-run", 8, FirstSubnet)
        {
        }
    }

    /// <summary>'beacon run' in-process with typed lines on standard input, against a real testnet.</summary>
    public class BeaconCommandTests : IClassFixture<BeaconRunTestnet>
    {
        private static readonly TimeSpan s_limit = TimeSpan.FromSeconds(90);
        private static readonly Regex s_patternLine = new Regex(@"^(LED|buzzer) (on|off) \((armed|sending|delivered|help reached|failed|low battery|halted|panic pending|stored, not sent)\)$");
        private readonly BeaconRunTestnet _net;

        public BeaconCommandTests(BeaconRunTestnet net)
        {
            _net = net;
        }

        [Fact]
        public void TypedLines_CancelTestSensorsAndDuress_OnTheDeviceClock_EndOfInputFinishesAndExits()
        {
            string device = NewDevice();
            string script = string.Join("\n",
                "# a panic press cancelled by one tap in the cancel window",
                "press 2000",
                "tap",
                "wait 1000",
                "# the test gesture: five taps from idle",
                "tap", "tap", "tap", "tap", "tap",
                "wait 1000",
                "# sensors by GPIO and by name",
                "sensor 13 on",
                "wait 100",
                "sensor hallway on",
                "wait 100",
                "# duress: a panic press, then two taps in the window",
                "press 2000",
                "tap",
                "tap") + "\n";

            var (code, output, error) = RunBeacon(device, script);

            Assert.True(code == ExitCode.Ok, "exit " + code + "\n" + error + "\n" + output);
            Assert.Equal("", error);
            List<StampedLine> stamped = StampedLines.Of(output);
            StampedLines.AssertNeverBackwards(stamped);
            List<(long Ms, string Text)> lines = stamped.Select(l => (l.Ms, l.Text)).ToList();

            // Each line happens at the device time reached so far: a press holds exactly its time, then the button rests up 150 ms.
            int press = lines.FindIndex(l => l.Text == "> press 2000");
            Assert.True(press >= 0, output);
            long t = lines[press].Ms;
            Assert.Equal((t, "button down"), lines[press + 1]);
            Assert.Contains((t + 2000, "button up"), lines.Skip(press));
            Assert.Contains((t + 2150, "> tap"), lines.Skip(press));
            Assert.Contains((t + 2150, "button down"), lines.Skip(press));
            Assert.Contains((t + 2300, "button up"), lines.Skip(press));
            Assert.Contains((t + 2450, "> wait 1000"), lines.Skip(press));
            Assert.Contains((t + 3450, "> tap"), lines.Skip(press));
            Assert.Contains((t + 3450 + 5 * 300 + 1000, "> sensor 13 on"), lines.Skip(press));

            // The cancel sent nothing; the test gesture, both sensors and the duress gesture each sent one alert.
            Assert.Equal(0, Count(output, "alert queued on flash: Panic"));
            Assert.DoesNotContain("flash alert, built ahead, on flash", output);
            Assert.Equal(1, Count(output, "alert queued on flash: Test"));
            Assert.Equal(2, Count(output, "alert queued on flash: Sensor"));
            Assert.Equal(1, Count(output, "alert queued on flash: Duress"));
            Assert.Contains("sensor 'Front door' (GPIO 13) active", output);
            Assert.Contains("sensor 'Hallway' (GPIO 14) active", output);
            // What a loaded machine's failed rounds left on flash when the run's time after the input ran out, the next runs deliver.
            string later = BeaconRuns.UntilDelivered(output, () => RunBeacon(device, "").Output);
            Assert.Equal(4, Count(output + later, "delivered: every recipient's swarm gave a verified receipt"));

            // The LED and the buzzer say which pattern they show.
            Assert.Contains("LED on (panic pending)", output);
            Assert.Contains("LED off (panic pending)", output);
            Assert.Contains("LED on (armed)", output);
            Assert.Contains("LED on (sending)", output);
            Assert.Contains("buzzer on (sending)", output);
            Assert.Contains("LED on (delivered)", output + later);
            Assert.Contains("buzzer off (delivered)", output + later);
            string[] indicators = lines.Select(l => l.Text).Where(l => l.StartsWith("LED", StringComparison.Ordinal) || l.StartsWith("buzzer", StringComparison.Ordinal)).ToArray();
            Assert.NotEmpty(indicators);
            Assert.All(indicators, line => Assert.Matches(s_patternLine, line));

            // The end of the input ends the run once what was pending is done, and says so.
            Assert.Matches(@"the input ended: stopped; nothing left on flash to send\s*$", output + later);
        }

        [Fact]
        public void EndOfInput_AlertNotDeliverable_SaysWhatStaysOnFlash()
        {
            string device = NewDevice();
            // Nothing listens on port 1 of loopback: the beacon never reaches the network, so the panic stays on flash.
            string config = Path.Combine(device, "nf.config");
            File.WriteAllText(config, Regex.Replace(File.ReadAllText(config), @"network\.seed = \S+", "network.seed = https://127.0.0.1:1/json_rpc"));

            var (code, output, error) = RunBeacon(device, "press 2000\nwait 6000\n");

            Assert.True(code == ExitCode.Ok, "exit " + code + "\n" + error + "\n" + output);
            Assert.Contains("alert queued on flash: Panic", output);
            Assert.DoesNotContain("delivered: every recipient's swarm", output);
            Assert.Matches(@"the input ended: stopped after waiting 60 s \(device clock\) for what was pending; still on flash, not delivered: Panic to Alice \(sent on the next run\)\s*$", output);
        }

        [Fact]
        public void WifiInRange_HomeAway_JoinsThePhonesHotspotAndTheAlertIsDelivered()
        {
            string device = NewDevice();
            File.AppendAllText(Path.Combine(device, "nf.config"),
                "wifi.ssid = Home Net\nwifi.password = home passphrase\nwifi.2.ssid = Sam's phone\nwifi.2.password = hotspot words\n");

            var (code, output, error) = RunBeacon(device, "press 2000\n", "--wifi-in-range", "Cafe", "--wifi-in-range", "Sam's phone");

            Assert.True(code == ExitCode.Ok, "exit " + code + "\n" + error + "\n" + output);
            Assert.Contains("Wi-Fi: the scan hears 'Cafe', 'Sam's phone'", output);
            // Home is not heard, so the hotspot that is goes first; the unknown cafe is never tried.
            Assert.Contains("Wi-Fi: joined 'Sam's phone'", output);
            Assert.DoesNotContain("'Home Net': out of range", output);
            Assert.DoesNotContain("join 'Cafe'", output);
            Assert.DoesNotContain("passphrase", output);
            Assert.DoesNotContain("hotspot words", output);
            string later = BeaconRuns.UntilDelivered(output, () => RunBeacon(device, "", "--wifi-in-range", "Cafe", "--wifi-in-range", "Sam's phone").Output);
            int delivered = (output + later).IndexOf("delivered: every recipient's swarm gave a verified receipt", StringComparison.Ordinal);
            Assert.True(output.IndexOf("Wi-Fi: joined 'Sam's phone'", StringComparison.Ordinal) < delivered, output + later);
            Assert.Matches(@"the input ended: stopped; nothing left on flash to send\s*$", output + later);
        }

        [Fact]
        public void WifiInRange_NoneOfTheNetworks_EachTriedInOrderAndTheAlertStaysOnFlash()
        {
            string device = NewDevice();
            File.AppendAllText(Path.Combine(device, "nf.config"), "wifi.ssid = Home Net\nwifi.password = home passphrase\nwifi.2.ssid = Sam's phone\n");

            var (code, output, error) = RunBeacon(device, "press 2000\n", "--wifi-in-range", "Cafe");

            Assert.True(code == ExitCode.Ok, "exit " + code + "\n" + error + "\n" + output);
            int home = output.IndexOf("Wi-Fi: could not join 'Home Net': out of range", StringComparison.Ordinal);
            Assert.True(home >= 0 && home < output.IndexOf("Wi-Fi: could not join 'Sam's phone': out of range", StringComparison.Ordinal), output);
            Assert.DoesNotContain("Wi-Fi: joined", output);
            Assert.DoesNotContain("delivered: every recipient's swarm", output);
            Assert.Matches(@"still on flash, not delivered: Panic to Alice \(sent on the next run\)\s*$", output);
        }

        [Fact]
        public void WifiInRange_ConfigWithoutWifi_RefusedAsAConfigError()
        {
            string device = NewDevice();

            var (code, output, error) = RunBeacon(device, "quit\n", "--wifi-in-range", "Home Net");

            Assert.Equal(ExitCode.ConfigError, code);
            Assert.Equal("beacon run: --wifi-in-range needs Wi-Fi networks in " + Path.Combine(device, "nf.config") + " (wifi.ssid, wifi.2.ssid, ...), and it has none\n",
                error.Replace("\r\n", "\n"));
            Assert.Equal("", output);
        }

        [Fact]
        public void BadLines_EachNamedByItsLineNumberWithTheValidForms_RunGoesOn_UsageErrorAtTheEnd()
        {
            string device = NewDevice();
            string script = string.Join("\n",
                "presss 2000",
                "press",
                "wait soon",
                "sensor 7 on",
                "sensor Garage on",
                "sensor front door maybe",
                "battery 120",
                "",
                "tap now",
                "gps 52.5 13.4",
                "sensor Front door on") + "\n";

            var (code, output, error) = RunBeacon(device, script);

            Assert.True(code == ExitCode.UsageError, "exit " + code + "\n" + error + "\n" + output);
            string[] errors = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            const string Forms = "write press MS, tap, wait MS, sensor NAME|GPIO on|off, sensor NAME|GPIO READING (analog), battery PERCENT, gps LAT LON [ACCURACY_M], gps lost or quit";
            Assert.Equal(new[]
            {
                "beacon run: line 1: 'presss 2000' is not an input; " + Forms,
                "beacon run: line 2: 'press' needs a time in ms, such as 'press 2000'",
                "beacon run: line 3: 'wait soon' needs a time in ms, such as 'wait 1000'",
                "beacon run: line 4: no sensor '7' in nf.config; its sensors: 'Front door' (GPIO 13), 'Hallway' (GPIO 14)",
                "beacon run: line 5: no sensor 'Garage' in nf.config; its sensors: 'Front door' (GPIO 13), 'Hallway' (GPIO 14)",
                "beacon run: line 6: 'Front door' (GPIO 13) is a digital sensor: write on or off, such as 'sensor 13 on'",
                "beacon run: line 7: 'battery 120' needs a percentage from 0 to 100",
                "beacon run: line 9: 'tap now' is not an input; " + Forms,
                "beacon run: line 10: 'gps 52.5 13.4': the board profile has no GPS module; add gps.rx and gps.tx to its board.conf (docs/boards.md)",
            }, errors);
            // The valid line after them still ran.
            Assert.Contains("sensor 'Front door' (GPIO 13) active", output);
            Assert.Matches(@"the input ended: stopped; nothing left on flash to send; 9 bad input line\(s\) ignored\s*$", output);
        }

        [Fact]
        public void DataFolderWithoutConfig_RefusedAsAConfigError_SaysProvisionOrConfig()
        {
            string folder = _net.NewFolder();
            new IdentityFolder(folder).SaveSeed(RandomNumberGenerator.GetBytes(IdentityKeys.SeedSize));

            var output = new StringWriter();
            var error = new StringWriter();
            ExitCode code = Program.Run(new[] { "beacon", "run", "--data", folder }, new StringReader("quit\n"), output, error);

            Assert.Equal(ExitCode.ConfigError, code);
            Assert.Equal("beacon run: " + folder + " has no nf.config: make the device folder with 'provision --out " + folder + "', or pass --config FILE\n",
                error.ToString().Replace("\r\n", "\n"));
            Assert.Equal("", output.ToString());
        }

        [Fact]
        public void FlashCannotBeOpened_TheBeaconHalts_ReasonAndPatternShown_Failed()
        {
            string device = NewDevice();
            // A file where the flash folder should be: the device's drive fails as it starts.
            string flash = Path.Combine(device, "flash");
            File.WriteAllText(flash, "not a folder");

            var (code, output, error) = RunBeacon(device, "press 2000\n");

            Assert.True(code == ExitCode.Failed, "exit " + code + "\n" + error + "\n" + output);
            string reason = "opening the flash folder " + flash + " failed: ";
            Assert.StartsWith("beacon run: the beacon halted: " + reason, error);
            Assert.Single(Regex.Matches(output, "halted: " + Regex.Escape(reason)));
            Assert.Contains("LED on (halted)", output);
            Assert.Contains("buzzer on (halted)", output);
            Assert.DoesNotContain("alert queued", output);
            Assert.Equal(3, Count(output, "LED on (halted)"));
        }

        // docs/location.md on the testnet: the panic Alice opens carries the position and the map link; tracking
        // updates follow until the owner cancels; after the next panic, Alice's reply "stop" ends them.
        [Fact]
        public async Task Gps_PanicWithThePosition_TrackingEndedByACancel_ThenByAlicesReplyStop()
        {
            string device = NewDevice(out string alice);
            File.AppendAllText(Path.Combine(device, "board.conf"), "gps.rx = 16\ngps.tx = 17\n");
            string config = Path.Combine(device, "nf.config");
            File.WriteAllText(config, File.ReadAllText(config).Replace("\nlocation.track_s = 120\n", "\nlocation.track_s = 30\n"));
            var run = new LiveRun(device);

            run.Play("gps 52.52001 13.40495 8\npress 2000\nwait 6000", "alert queued on flash: Panic");
            run.WaitForPanicDelivered();
            string panic = Listen(alice);
            Assert.Matches(@"Position: 52\.52001, 13\.40495 \(±8 m, \d+ s ago\)\n", panic);
            Assert.Contains("https://www.openstreetmap.org/?mlat=52.52001&mlon=13.40495#map=17/52.52001/13.40495", panic);
            run.Play("wait 31000", "alert queued on flash: Tracking");
            run.WaitFor("alert queued on flash: Tracking", "delivered: every recipient's swarm");
            run.Play("press 2000\ntap\nwait 1000", "tracking stopped: cancelled on the beacon");
            Assert.Matches(@"Tracking 1/60: Position: 52\.52001, 13\.40495 \(±8 m, \d+ s ago\)", Listen(alice));

            run.Play("press 2000\nwait 6000", "alert queued on flash: Panic", 2);
            run.WaitForPanicDelivered();
            string beacon = new IdentityFolder(device).LoadKeys().SessionId;
            var sent = Retries.Command(() => InProcess.Run(null, "send", "--data", alice, "--to", beacon, "--text", "stop", "--seed-url", _net.Network.SeedUrl, "--seed-pin", _net.Network.SeedPin));
            Assert.True(sent.Code == ExitCode.Ok, sent.Error + sent.Output);
            const string Stopped = "tracking stopped: stopped by Alice's reply";
            run.Play("wait 4000\nwait 4000\nwait 4000", Stopped);
            // An update may have left before the reply came (how long the send and the poll took); after it, a whole
            // interval passes without one.
            run.Play("wait 31000", "> wait 31000", 2);
            Assert.Equal(ExitCode.Ok, await run.Quit());
            string output = run.Output;
            Assert.DoesNotContain("alert queued on flash: Tracking", output.Substring(output.IndexOf(Stopped, StringComparison.Ordinal)));
        }

        // A real receiver's log replayed on the simulated UART: the panic says where that receiver was, a tracking update
        // follows until the owner's cancel ends it; a board without a GPS refuses the log.
        [Fact]
        public async Task Nmea_ReplayedLog_ThePanicCarriesItsFix_TrackingUntilCancelled_BoardWithoutGps_UsageError()
        {
            string device = NewDevice(out string alice);
            string log = Session.Core.Micro.Tests.Support.TestVectors.PathOf("nmea/mt3339.log");
            var (refused, _, why) = RunBeacon(device, "quit\n", "--nmea", log);
            Assert.Equal(ExitCode.UsageError, refused);
            Assert.StartsWith("beacon run: --nmea needs a GPS module in the board profile ", why);

            File.AppendAllText(Path.Combine(device, "board.conf"), "gps.rx = 16\ngps.tx = 17\n");
            string config = Path.Combine(device, "nf.config");
            File.WriteAllText(config, File.ReadAllText(config).Replace("\nlocation.track_s = 120\n", "\nlocation.track_s = 30\n"));
            var run = new LiveRun(device, "--nmea", log);
            run.Play("press 2000\nwait 6000", "alert queued on flash: Panic");
            run.WaitForPanicDelivered();
            // The log was recorded in 2015, too long ago for its time to count as a clock (docs/location.md), so tracking
            // follows the network's clock, which in the simulation is the machine's (nodes check the timestamps): the
            // first update comes after 30 s of real time, not of script time.
            System.Threading.Thread.Sleep(31000);
            run.Play("wait 1000", "alert queued on flash: Tracking");
            // The update reaches Alice's swarm before the owner cancels (a loaded run quit with it still on flash).
            run.WaitFor("alert queued on flash: Tracking", "delivered: every recipient's swarm");
            const string Cancelled = "tracking stopped: cancelled on the beacon";
            run.Play("press 2000\ntap\nwait 1000", Cancelled);
            Assert.Equal(ExitCode.Ok, await run.Quit());
            string output = run.Output;
            // A second update may have been queued while the first took its time to be delivered; none after the cancel.
            Assert.DoesNotContain("alert queued on flash: Tracking", output.Substring(output.IndexOf(Cancelled, StringComparison.Ordinal)));
            string text = Listen(alice);
            Assert.Matches(@"Position: 44\.06884, -121\.31419 \(±5 m, \d+ s ago\)", text);
            Assert.Contains("https://www.openstreetmap.org/?mlat=44.06884&mlon=-121.31419#map=17/44.06884/-121.31419", text);
            // The update gives where the log is by then: the receiver's last fix, a metre from the first.
            Assert.Matches(@"Tracking 1/60: (Position|Last known position)[^\n]*: 44\.0688\d, -121\.3141\d \(±5 m", text);
            Assert.Matches(@"\n  \| https://www\.openstreetmap\.org/\?mlat=44\.0688\d&mlon=-121\.3141\d#map=17/", text);
        }

        // What Alice's stock-app stand-in shows, one poll (polled again when the network did not answer, as the app does).
        private string Listen(string alice)
        {
            var heard = Retries.Command(() => InProcess.Run(null, "listen", "--data", alice, "--once", "--seed-url", _net.Network.SeedUrl, "--seed-pin", _net.Network.SeedPin));
            Assert.True(heard.Code == ExitCode.Ok, heard.Error + heard.Output);
            return heard.Output;
        }

        // A 'beacon run' fed its lines as the test goes, with what it printed so far.
        private sealed class LiveRun
        {
            private readonly System.Collections.Concurrent.BlockingCollection<string> _input = new System.Collections.Concurrent.BlockingCollection<string>();
            private readonly StringWriter _output = new StringWriter();
            private readonly TextWriter _shared;
            private readonly StringWriter _error = new StringWriter();
            private readonly Task<ExitCode> _run;

            public LiveRun(string device, params string[] options)
            {
                _shared = TextWriter.Synchronized(_output);
                string[] arguments = new[] { "beacon", "run", "--data", device }.Concat(options).ToArray();
                _run = Task.Run(() => Program.Run(arguments, new LineQueue(_input), _shared, _error));
            }

            public string Output
            {
                get
                {
                    lock (_shared)
                    {
                        return _output.ToString();
                    }
                }
            }

            // Types the lines, then waits until the output holds until count times.
            public void Play(string lines, string until, int count = 1)
            {
                foreach (string line in lines.Split('\n'))
                {
                    _input.Add(line);
                }
                WaitFor(until, count);
            }

            // Waits until the output holds until count times.
            public void WaitFor(string until, int count) => WaitFor(() => Count(Output, until) >= count, until);

            // Waits until the output holds until after the first line with after (the alert it names delivered, say).
            public void WaitFor(string after, string until) =>
                WaitFor(() => Output.IndexOf(after, StringComparison.Ordinal) is int at && at >= 0 && Output.IndexOf(until, at, StringComparison.Ordinal) >= 0, until + "' after '" + after);

            // Waits until the last panic queued is delivered: with the flash alert built ahead for it, that is two records,
            // delivered in either order (the flash alert carries no position).
            public void WaitForPanicDelivered() => WaitFor(() =>
            {
                string output = Output;
                int at = output.LastIndexOf("alert queued on flash: Panic", StringComparison.Ordinal);
                string since = at >= 0 ? output.Substring(at) : "";
                return at >= 0 && Count(since, "delivered: every recipient's swarm") >= (since.Contains("flash alert, built ahead, on flash", StringComparison.Ordinal) ? 2 : 1);
            }, "delivered: every recipient's swarm' for the panic and its flash alert");

            private void WaitFor(Func<bool> seen, string what)
            {
                var waited = System.Diagnostics.Stopwatch.StartNew();
                while (!seen())
                {
                    Assert.True(waited.Elapsed < s_limit, "no '" + what + "'\n" + _error + "\n" + Output);
                    System.Threading.Thread.Sleep(100);
                }
            }

            public Task<ExitCode> Quit()
            {
                _input.Add("quit");
                _input.CompleteAdding();
                return _run.WaitAsync(s_limit);
            }
        }

        // Standard input that gives the lines a test adds, as they come.
        private sealed class LineQueue : TextReader
        {
            private readonly System.Collections.Concurrent.BlockingCollection<string> _lines;

            public LineQueue(System.Collections.Concurrent.BlockingCollection<string> lines) => _lines = lines;

            public override string ReadLine() => _lines.TryTake(out string line, System.Threading.Timeout.Infinite) ? line : null;
        }

        private string NewDevice() => NewDevice(out _);

        // A device folder as 'provision' writes it for one plain recipient (Alice, whose identity is in alice) on the testnet, with two sensors and a buzzer.
        private string NewDevice(out string alice)
        {
            string device = _net.ProvisionDevice(out alice, out _);
            string config = Path.Combine(device, "nf.config");
            string text = File.ReadAllText(config).Replace("\nfeedback = light\n", "\nfeedback = light+sound\n");
            Assert.Contains("\nfeedback = light+sound\n", text);
            File.WriteAllText(config, text + "sensor = contact 13 Front door\nsensor = motion 14 Hallway\n");
            File.AppendAllText(Path.Combine(device, "board.conf"), "buzzer.pin = 25\n");
            return device;
        }

        private static (ExitCode Code, string Output, string Error) RunBeacon(string device, string script, params string[] options)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            string[] arguments = new[] { "beacon", "run", "--data", device }.Concat(options).ToArray();
            Task<ExitCode> run = Task.Run(() => Program.Run(arguments, new StringReader(script), output, error));
            Assert.True(run.Wait(s_limit), "beacon run did not end by itself at the end of its input; output so far:\n" + output);
            return (run.Result, output.ToString(), error.ToString());
        }

        private static int Count(string text, string part) => Regex.Matches(text, Regex.Escape(part)).Count;
    }
}
