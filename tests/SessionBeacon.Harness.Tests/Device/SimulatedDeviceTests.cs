using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Session.Core.Micro.Identity;
using Session.Core.Micro.Network;
using Session.Testnet;
using SessionBeacon.Config;
using SessionBeacon.Harness.Config;
using SessionBeacon.Harness.Device;
using SessionBeacon.Harness.Identity;
using SessionBeacon.Harness.Network;
using SessionBeacon.Harness.Storage;
using Xunit;
using SessionBeacon.Harness.Tests.Support;

namespace SessionBeacon.Harness.Tests.Device
{
    /// <summary>An 8-node testnet on 127.0.190.1 to 127.0.193.2 (a range no other test uses) whose faults these tests change.</summary>
    public sealed class FaultyTestnet : ClassTestnet
    {
        public const int FirstSubnet = 190;

        public FaultyTestnet()
            : base("press-to-flash", 8, FirstSubnet)
        {
        }
    }

    /// <summary>
    /// The simulated device ('beacon run') while the network misbehaves: the testnet's faults, set with
    /// 'testnet fault', and a transport that hangs. Press to flash is read from the output's stamps, all
    /// on the device clock: the hold ends at 'button up', the alert is on flash at 'alert queued on
    /// flash' when the cancel window has passed, whatever the network does meanwhile.
    /// </summary>
    public class SimulatedDeviceTests : IClassFixture<FaultyTestnet>
    {
        private const int HoldMs = 1500;
        private const int CancelMs = 5000;
        private static readonly TimeSpan s_limit = TimeSpan.FromSeconds(120);
        private readonly FaultyTestnet _net;

        public SimulatedDeviceTests(FaultyTestnet net)
        {
            _net = net;
        }

        public enum Fault
        {
            /// <summary>Every node answers 1.5 s late (an onion request crosses four of them).</summary>
            Delay,

            /// <summary>Every node cuts a fifth of its connections without an answer.</summary>
            Drop,

            /// <summary>Three of the four members of the recipient's swarm are down.</summary>
            SwarmDown,
        }

        [Theory]
        [InlineData(Fault.Delay)]
        [InlineData(Fault.Drop)]
        [InlineData(Fault.SwarmDown)]
        public void BeaconRun_TestnetFault_PanicOnFlashWhenTheCancelWindowEnds_DeliveredByTheNextRunOnceTheFaultIsGone(Fault fault)
        {
            (string device, string alice) = NewDevice();
            int[] nodes = fault == Fault.SwarmDown
                ? _net.Network.Map.Members(_net.Network.Map.SwarmOf(Convert.FromHexString(alice))).Select(m => m.Index).Take(3).ToArray()
                : Enumerable.Range(0, _net.Network.NodeCount).ToArray();
            string[] knob = fault switch
            {
                Fault.Delay => new[] { "--delay-ms", "1500" },
                Fault.Drop => new[] { "--drop-rate", "0.2" },
                _ => new[] { "--down", "on" },
            };
            string output;
            try
            {
                foreach (int node in nodes)
                {
                    TestnetFault(node, knob);
                }

                output = RunBeacon(device, "press " + HoldMs + "\nwait " + (CancelMs + 500) + "\nquit\n");

                List<StampedLine> lines = StampedLines.Of(output);
                StampedLines.AssertNeverBackwards(lines);
                StampedLine up = lines.First(l => l.Text == "button up");
                StampedLine queued = lines.First(l => l.Text == "alert queued on flash: Panic");
                Assert.True(queued.Ms - up.Ms == CancelMs, "button up at " + up.Ms + ", on flash at " + queued.Ms + " (device clock):\n" + output);
                // "sending" when the beacon was on the network by then, "stored, not sent" while the fault still kept it off.
                Assert.Contains(lines, l => l.Ms == queued.Ms && (l.Text == "LED on (sending)" || l.Text == "LED on (stored, not sent)"));
            }
            finally
            {
                foreach (int node in nodes)
                {
                    TestnetFault(node, Healthy(fault));
                }
            }

            // The fault is gone: the next run delivers what is still on flash (a fault that lets some
            // requests through may have let the alert through already).
            string next = RunBeacon(device, "");
            next += BeaconRuns.UntilDelivered(next, () => RunBeacon(device, ""));
            const string Delivered = "delivered: every recipient's swarm gave a verified receipt";
            Assert.True((output.Contains(Delivered, StringComparison.Ordinal) || next.Contains(Delivered, StringComparison.Ordinal))
                && Regex.IsMatch(next, @"the input ended: stopped; nothing left on flash to send\s*$"), "first run:\n" + output + "\nnext run:\n" + next);
        }

        [Fact]
        public void Watchdog_ARequestHangsPastItsBound_TheDeviceRestartsFromFlash_TheAlertIsDelivered()
        {
            (string device, _) = NewDevice();
            DeviceSetup setup = DeviceFiles.Load(Path.Combine(device, "nf.config"), Path.Combine(device, "board.conf"), wifiOptional: true);
            BeaconConfig config = setup.Config;
            BoardProfile board = setup.Board;
            IdentityKeys identity = new IdentityFolder(device).LoadKeys();
            int powerOns = 0;
            // The first power-on's onion requests hang (as a peer that accepts and never answers) until the power goes; later ones work.
            Func<NetworkProfile, CancellationToken, IHttpTransport> transport = (profile, off) =>
                ++powerOns == 1 ? new HungOnions(new HttpClientTransport(profile, off), off) : new HttpClientTransport(profile, off);
            var output = new StringWriter();
            var clock = new DeviceClock();
            var simulated = new SimulatedDevice(config, board, identity, device, TextWriter.Synchronized(output), clock, null, transport);
            var input = new DeviceInput(clock, config.Policy.Sensors, false, TextWriter.Null);
            input.StartLines(new StringReader("press " + HoldMs + "\nwait " + (CancelMs + 500) + "\n"));

            var run = new Thread(() => simulated.Run(input, CancellationToken.None)) { IsBackground = true };
            run.Start();
            Assert.True(run.Join(s_limit), "the device did not finish; output so far:\n" + output);

            string text = output.ToString();
            List<StampedLine> lines = StampedLines.Of(text);
            StampedLines.AssertNeverBackwards(lines);
            Assert.Equal(2, powerOns);
            Assert.Matches(@"watchdog: POST https://\S+/onion_req/v2 has run 1\d s, its bound is 12 s; the device restarts, its alerts stay on flash", text);
            StampedLine up = lines.First(l => l.Text == "button up");
            StampedLine queued = lines.First(l => l.Text == "alert queued on flash: Panic");
            Assert.Equal(up.Ms + CancelMs, queued.Ms);
            // Failed rounds after the restart may use up the run's time: the next runs deliver what the flash kept.
            string next = BeaconRuns.UntilDelivered(text, () => RunBeacon(device, ""));
            List<StampedLine> all = StampedLines.Of(text + next);
            int delivered = all.FindIndex(l => l.Text.StartsWith("delivered:", StringComparison.Ordinal));
            Assert.True(delivered >= 0 && all.FindIndex(l => l.Text.StartsWith("watchdog:", StringComparison.Ordinal)) < delivered,
                "delivered before the restart, or not at all:\n" + text + next);
            Assert.Matches(@"the input ended: stopped; nothing left on flash to send\s*$", next.Length == 0 ? text : next);
        }

        [Fact]
        public void Stop_TheNetworkReportsWhileThePowerGoes_ShownBeforeTheLastLine_WhichSaysWhatTheFlashKeeps()
        {
            (string device, _) = NewDevice();
            DeviceSetup setup = DeviceFiles.Load(Path.Combine(device, "nf.config"), Path.Combine(device, "board.conf"), wifiOptional: true);
            IdentityKeys identity = new IdentityFolder(device).LoadKeys();
            using var held = new ManualResetEventSlim();
            // Once an alert is on flash, onion requests wait for the switch-off, then complete as a request in its last bytes does.
            var flash = new DirectoryStore(Path.Combine(device, SimulatedDevice.FlashFolder));
            Func<bool> sending = () => Enumerable.Range(0, setup.Board.OutboxSlots).Any(n => flash.Get("outbox." + n + ".a") != null || flash.Get("outbox." + n + ".b") != null);
            Func<NetworkProfile, CancellationToken, IHttpTransport> transport = (profile, off) =>
                new LateOnions(new HttpClientTransport(profile, CancellationToken.None), off, sending, held);
            var output = new StringWriter();
            var clock = new DeviceClock();
            var simulated = new SimulatedDevice(setup.Config, setup.Board, identity, device, TextWriter.Synchronized(output), clock, null, transport);
            var input = new DeviceInput(clock, setup.Config.Policy.Sensors, false, TextWriter.Null);
            input.StartLines(new StringReader("press " + HoldMs + "\nwait 600000\n"));
            using var ctrlC = new CancellationTokenSource();

            var run = new Thread(() => simulated.Run(input, ctrlC.Token)) { IsBackground = true };
            run.Start();
            Assert.True(held.Wait(s_limit), "no onion request was sent; output so far:\n" + output);
            ctrlC.Cancel();
            Assert.True(run.Join(s_limit), "the device did not stop; output so far:\n" + output);

            // The request came back after the power went, so its receipt could not be written: the
            // network side says so, and the last line, read after that, says the alert is still on flash.
            string text = output.ToString();
            Assert.Matches(@"problem: network: the simulated board's power is off: nothing more is written to its flash\n.*Ctrl\+C: stopped; still on flash, not delivered: Panic to Alice", text);
            string next = RunBeacon(device, "");
            next += BeaconRuns.UntilDelivered(next, () => RunBeacon(device, ""));
            Assert.True(next.Contains("delivered: every recipient's swarm gave a verified receipt", StringComparison.Ordinal)
                && Regex.IsMatch(next, @"the input ended: stopped; nothing left on flash to send\s*$"), "first run:\n" + text + "\nnext run:\n" + next);
        }

        // A transport whose onion requests, once holding() says so, wait until the power goes and then go through.
        private sealed class LateOnions : IHttpTransport
        {
            private readonly IHttpTransport _inner;
            private readonly CancellationToken _off;
            private readonly Func<bool> _holding;
            private readonly ManualResetEventSlim _held;

            public LateOnions(IHttpTransport inner, CancellationToken off, Func<bool> holding, ManualResetEventSlim held)
            {
                _inner = inner;
                _off = off;
                _holding = holding;
                _held = held;
            }

            public HttpResponse Post(string url, byte[] body, int timeoutMilliseconds)
            {
                Hold(url);
                return _inner.Post(url, body, timeoutMilliseconds);
            }

            public HttpResponse Post(string url, byte[] body, int timeoutMilliseconds, IResponseSink sink)
            {
                Hold(url);
                return _inner.Post(url, body, timeoutMilliseconds, sink);
            }

            private void Hold(string url)
            {
                if (url.EndsWith("/onion_req/v2", StringComparison.Ordinal) && _holding())
                {
                    _held.Set();
                    _off.WaitHandle.WaitOne();
                }
            }
        }

        // A transport whose onion requests never answer until the power goes; everything else passes.
        private sealed class HungOnions : IHttpTransport
        {
            private readonly IHttpTransport _inner;
            private readonly CancellationToken _off;

            public HungOnions(IHttpTransport inner, CancellationToken off)
            {
                _inner = inner;
                _off = off;
            }

            public HttpResponse Post(string url, byte[] body, int timeoutMilliseconds)
            {
                if (url.EndsWith("/onion_req/v2", StringComparison.Ordinal))
                {
                    _off.WaitHandle.WaitOne();
                    return HttpResponse.Failed("POST " + url + ": the device was switched off");
                }
                return _inner.Post(url, body, timeoutMilliseconds);
            }

            public HttpResponse Post(string url, byte[] body, int timeoutMilliseconds, IResponseSink sink) => _inner.Post(url, body, timeoutMilliseconds, sink);
        }

        private static string[] Healthy(Fault fault) => fault switch
        {
            Fault.Delay => new[] { "--delay-ms", "0" },
            Fault.Drop => new[] { "--drop-rate", "0" },
            _ => new[] { "--down", "off" },
        };

        // 'testnet fault' on the fixture's admin URL, as a person at a terminal would run it.
        private void TestnetFault(int node, string[] knob)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            ExitCode code = Program.Run(new[] { "testnet", "fault", "--admin", _net.Network.AdminUrl, "--node", node.ToString() }.Concat(knob).ToArray(), output, error);
            Assert.True(code == ExitCode.Ok, error.ToString());
        }

        // A device folder as 'provision' writes it for one plain recipient on the testnet; returns it and Alice's Session ID.
        private (string Device, string Alice) NewDevice()
        {
            string device = _net.ProvisionDevice(out _, out string aliceId);
            string config = Path.Combine(device, "nf.config");
            string text = File.ReadAllText(config);
            Assert.Contains("\npanic.hold_ms = " + HoldMs + "\n", text);
            Assert.Contains("\npanic.cancel_ms = " + CancelMs + "\n", text);
            return (device, aliceId);
        }

        private static string RunBeacon(string device, string script)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            Task<ExitCode> run = Task.Run(() => Program.Run(new[] { "beacon", "run", "--data", device }, new StringReader(script), output, error));
            Assert.True(run.Wait(s_limit), "beacon run did not end by itself; output so far:\n" + output);
            Assert.True(run.Result == ExitCode.Ok, "exit " + run.Result + "\n" + error + "\n" + output);
            return output.ToString();
        }
    }
}
