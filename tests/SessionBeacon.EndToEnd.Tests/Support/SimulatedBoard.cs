using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using Session.Core.Micro.Identity;
using Session.Core.Micro.Network;
using Session.Testnet;
using SessionBeacon.App;
using SessionBeacon.Config;
using SessionBeacon.Hardware;
using SessionBeacon.Harness.Network;
using SessionBeacon.Harness.Storage;
using Xunit;

namespace SessionBeacon.EndToEnd.Tests.Support
{
    /// <summary>
    /// The firmware app (SessionBeacon.App.Beacon) on a simulated board: real testnet, real HTTPS
    /// transport limited to the replies the device reads, a real folder as its flash, the real clock;
    /// only the button, the LED and the Wi-Fi link are simulated. Both of the app's sides run on the
    /// test's thread, one after the other: the input side, the network side, the input side again to
    /// show what the network reported (on the device the network side has a thread of its own).
    /// </summary>
    public sealed class SimulatedBoard
    {
        public SimulatedBoard(TestNetwork network, string folder, IdentityKeys identity, string recipientLines, bool flash = false)
        {
            Identity = identity;
            Folder = folder;
            Config = BeaconConfig.Parse("network = testnet\nnetwork.seed = " + network.SeedUrl + "\nnetwork.seed_pin = " + network.SeedPin + "\n"
                + "board = esp32-devkitc\ndevice.name = Test beacon\npanic.cancel_ms = 0\nduress.presses = 0\ninbox.poll_s = 600\n"
                + (flash ? "" : "flash.refresh_s = 0\n")
                + recipientLines, "nf.config");
            NetworkProfile profile = NetworkProfile.Testnet(network.SeedUrl, network.SeedPin, 1);
            ReplyLimit = new DeviceReplyLimit(new HttpClientTransport(profile), Inbox.DefaultReplyBytes);
            Transport = new TracingTransport(ReplyLimit);
            Beacon = new Beacon(Config, identity, new DirectoryStore(folder), profile, Transport, new RealClock(), new SystemRandom(),
                new BeaconHardware(Link, null, null, Led, null), HeapBudget.OutboxSlotsFor("standard"));
            Beacon.Client.RequestTimeout = BeaconClient.RequestTimeout;
            Beacon.Paths.GuardTestTimeoutMilliseconds = BeaconClient.GuardTestTimeout;
        }

        public IdentityKeys Identity { get; }
        public string Folder { get; }
        public BeaconConfig Config { get; }
        public TracingTransport Transport { get; }
        public DeviceReplyLimit ReplyLimit { get; }
        public Beacon Beacon { get; }
        public SimulatedLink Link { get; } = new SimulatedLink();
        public RecordingLed Led { get; } = new RecordingLed();
        public List<BeaconEvent> Events { get; } = new List<BeaconEvent>();

        /// <summary>The policy's time: never behind the real clock, never going back.</summary>
        public long Now { get; private set; }

        /// <summary>The beacon's onion requests and guard tests wait as long as BeaconClient.UsePatientTimeouts makes a client's.</summary>
        public SimulatedBoard UsePatientTimeouts()
        {
            Beacon.Client.RequestTimeout = BeaconClient.PatientRequestTimeout;
            Beacon.Paths.GuardTestTimeoutMilliseconds = BeaconClient.PatientGuardTestTimeout;
            return this;
        }

        public void Start()
        {
            Now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            Beacon.Start(Now);
        }

        /// <summary>Holds the button for <paramref name="holdMs"/> and lets it go.</summary>
        public void Press(int holdMs)
        {
            Tick();
            Beacon.Policy.ButtonLevel(true, Now);
            Step();
            Now += holdMs;
            Beacon.Policy.ButtonLevel(false, Now);
        }

        /// <summary>Runs the main loop until <paramref name="done"/> holds, failing after <paramref name="timeoutMs"/>.</summary>
        public void RunUntil(Func<bool> done, int timeoutMs, string what)
        {
            var limit = Stopwatch.StartNew();
            while (!done())
            {
                Assert.True(limit.ElapsedMilliseconds < timeoutMs, "timed out waiting for " + what + "; events: " + Describe());
                Tick();
                long next = Step();
                if (!done() && next > Now)
                {
                    Thread.Sleep((int)Math.Min(50, next - Now));
                }
            }
        }

        public int Count(BeaconEventKind kind) => Events.Count(e => e.Kind == kind);

        public string Describe() => string.Join(" | ", Events.Select(e => e.Kind + (e.Recipient == null ? "" : " " + e.Recipient) + (e.Text == null ? "" : ": " + e.Text)));

        /// <summary>Writes the board's events and every request its transport made, for a test's output.</summary>
        public void WriteTo(Xunit.Abstractions.ITestOutputHelper output)
        {
            output.WriteLine("events: " + Describe());
            foreach (string line in Transport.Lines)
            {
                output.WriteLine("  " + line);
            }
        }

        private long Step()
        {
            long input = Beacon.Step(Now);
            long network = Beacon.StepNetwork(Now);
            long shown = Beacon.Step(Now);
            Events.AddRange(Beacon.TakeEvents());
            return Math.Min(input, Math.Min(network, shown));
        }

        private void Tick()
        {
            Now = Math.Max(Now + 1, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        }

        public sealed class SimulatedLink : INetworkLink
        {
            public bool Available { get; set; } = true;
            public int Connects { get; private set; }
            public bool IsUp { get; private set; }

            public bool Connect()
            {
                Connects++;
                IsUp = Available;
                return IsUp;
            }
        }

        /// <summary>The LED: every change, so tests can count the feedback patterns it showed.</summary>
        public sealed class RecordingLed : IIndicator
        {
            private readonly List<bool> _changes = new List<bool>();

            public bool IsOn { get; private set; }

            public int Flashes => _changes.Count(on => on);

            public void Set(bool on)
            {
                IsOn = on;
                _changes.Add(on);
            }
        }
    }
}
