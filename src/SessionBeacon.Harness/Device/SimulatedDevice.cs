using System;
using System.IO;
using System.Threading;
using Session.Core.Micro.Identity;
using Session.Core.Micro.Network;
using SessionBeacon.App;
using SessionBeacon.Config;
using SessionBeacon.Harness.Network;
using SessionBeacon.Harness.Storage;

namespace SessionBeacon.Harness.Device
{
    /// <summary>
    /// `beacon run`: the firmware app (SessionBeacon.App.Beacon) on the desktop, as on a board: its
    /// flash is DATA/flash (outbox, ratchet states, node pool), the terminal shows the LED and the
    /// buzzer, DeviceInput is the button and the sensors. The network is the one nf.config names: a
    /// testnet (network.seed, network.seed_pin) or mainnet.
    /// </summary>
    public sealed class SimulatedDevice
    {
        /// <summary>The folder under the data folder that plays the board's flash.</summary>
        public const string FlashFolder = "flash";

        private readonly Beacon _beacon;
        private readonly TextWriter _output;

        public SimulatedDevice(BeaconConfig config, BoardProfile board, IdentityKeys identity, string dataFolder, TextWriter output)
        {
            _output = output;
            _beacon = Create(config, board, identity, dataFolder, output, Now);
        }

        /// <summary>
        /// The app as the desktop runs it: flash in DATA/flash, the network nf.config names over the real
        /// HTTP(S) transport, the machine's clock and CSPRNG, the LED and buzzer as lines on
        /// <paramref name="output"/> stamped with <paramref name="now"/>.
        /// </summary>
        public static Beacon Create(BeaconConfig config, BoardProfile board, IdentityKeys identity, string dataFolder, TextWriter output, Func<long> now)
        {
            NetworkProfile profile = config.Network == BeaconConfig.Testnet
                ? NetworkProfile.Testnet(config.SeedUrl, config.SeedPin, 1)
                : NetworkProfile.Mainnet();
            var led = new TerminalIndicator("LED", output, now);
            var buzzer = board.BuzzerPin == BoardProfile.NoPin ? null : new TerminalIndicator("buzzer", output, now);
            var beacon = new Beacon(config, identity, new DirectoryStore(Path.Combine(dataFolder, FlashFolder)), profile, new HttpClientTransport(profile),
                new SystemClock(), new SystemRandom(), new BeaconHardware(null, null, null, led, buzzer), Beacon.OutboxCapacityFor(board.RamClass));
            if (config.Network == BeaconConfig.Testnet)
            {
                beacon.Client.RequestTimeout = TestnetClient.RequestTimeout;
                beacon.Paths.GuardTestTimeoutMilliseconds = TestnetClient.GuardTestTimeout;
            }
            return beacon;
        }

        public Beacon Beacon => _beacon;

        /// <summary>Runs the device's main loop until the input says quit.</summary>
        public void Run(DeviceInput input, CancellationToken stop)
        {
            long next = _beacon.Start(Now());
            Show();
            while (!stop.IsCancellationRequested)
            {
                while (input.TryTake(out DeviceInput.Edge edge))
                {
                    if (edge.What == DeviceInput.Kind.Quit)
                    {
                        _beacon.Stop();
                        Say(Now(), "stopped; alerts not yet delivered stay on flash for the next run");
                        return;
                    }
                    Apply(edge);
                    next = Now();
                }
                long now = Now();
                if (now >= next)
                {
                    next = _beacon.Step(now);
                    Show();
                }
                Thread.Sleep((int)Math.Clamp(next - Now(), 0, 20));
            }
            _beacon.Stop();
        }

        private void Apply(DeviceInput.Edge edge)
        {
            try
            {
                switch (edge.What)
                {
                    case DeviceInput.Kind.Button:
                        _beacon.Policy.ButtonLevel(edge.Level, edge.Time);
                        Say(edge.Time, edge.Level ? "button down" : "button up");
                        break;
                    case DeviceInput.Kind.Sensor:
                        _beacon.Policy.SensorLevel(edge.Index, edge.Level, edge.Time);
                        Say(edge.Time, "sensor " + edge.Index + (edge.Level ? " active" : " idle"));
                        break;
                    case DeviceInput.Kind.Battery:
                        _beacon.Policy.BatteryLevel(edge.Value, edge.Time);
                        Say(edge.Time, "battery " + edge.Value + "%");
                        break;
                }
            }
            catch (ArgumentException wrong)
            {
                Say(edge.Time, "input ignored: " + wrong.Message);
            }
        }

        private void Show()
        {
            foreach (BeaconEvent e in _beacon.TakeEvents())
            {
                Say(e.Time, DeviceOutput.Describe(e));
            }
        }

        private void Say(long time, string text)
        {
            lock (_output)
            {
                _output.WriteLine(DeviceOutput.Stamp(time) + text);
            }
        }

        private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    }
}
