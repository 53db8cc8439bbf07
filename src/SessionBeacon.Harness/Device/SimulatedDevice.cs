using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading;
using Session.Core.Micro.Identity;
using Session.Core.Micro.Network;
using SessionBeacon.App;
using SessionBeacon.Config;
using SessionBeacon.Delivery;
using SessionBeacon.Feedback;
using SessionBeacon.Harness.Network;
using SessionBeacon.Harness.Storage;
using SessionBeacon.Location;

namespace SessionBeacon.Harness.Device
{
    /// <summary>
    /// The firmware app (SessionBeacon.App.Beacon) on the desktop, as on a board, for 'beacon run' and
    /// the demo: its flash is DATA/flash (outbox, ratchet states, node pool), the output shows the LED,
    /// the buzzer, the inputs and the beacon's events, each stamped with the one DeviceClock that also
    /// drives the beacon's steps. The network is the one nf.config names, over the real HTTP(S)
    /// transport: a testnet (network.seed, network.seed_pin) or mainnet.
    /// The beacon's two sides (docs/architecture.md, "Two threads") run here on one thread, one after
    /// the other at each step: the input side, the network side, the input side again to show what the
    /// network reported; the network's work takes no device time, so a gesture keeps its exact timing.
    /// </summary>
    public sealed class SimulatedDevice
    {
        /// <summary>The folder under the data folder that plays the board's flash.</summary>
        public const string FlashFolder = "flash";

        /// <summary>After the input ends, the most device time the run gives what is pending.</summary>
        public const long FinishMs = 60000;

        private readonly BeaconConfig _config;
        private readonly BeaconSetup _setup;
        private readonly string _flash;
        private readonly BeaconHardware _hardware;
        private readonly DeviceClock _clock;
        private readonly TextWriter _output;
        private readonly List<string> _shown = new List<string>();
        private Beacon _beacon;
        private BeaconHalt _halt;
        private long _next = Beacon.Never;
        private long _time;
        private CancellationToken _stop;
        private readonly SimulatedGps _gps;

        /// <summary>A device; <paramref name="gps"/> is its GPS module when the board has one (GpsPins.Fitted).</summary>
        public SimulatedDevice(BeaconConfig config, BoardProfile board, IdentityKeys identity, string dataFolder, TextWriter output, DeviceClock clock,
            SessionBeacon.Hardware.INetworkLink wifi = null, SimulatedGps gps = null)
        {
            _gps = gps;
            _config = config;
            _setup = BeaconSetup.From(config, board, identity);
            _flash = Path.Combine(dataFolder, FlashFolder);
            _clock = clock;
            _output = output;
            var led = new TerminalIndicator("LED", Showing, _shown.Add);
            var buzzer = board.BuzzerPin == BoardProfile.NoPin ? null : new TerminalIndicator("buzzer", Showing, _shown.Add);
            _hardware = new BeaconHardware(wifi, null, null, led, buzzer, gps != null);
        }

        /// <summary>Each event of the beacon, as it is printed.</summary>
        public event Action<BeaconEvent> Happened;

        /// <summary>The beacon, once started; null before, and when it could not start.</summary>
        public Beacon Beacon => _beacon;

        /// <summary>True when the beacon could not start (BeaconSetup), as a board halts: <see cref="HaltReason"/> says why.</summary>
        public bool IsHalted => _halt != null;

        public string HaltReason => _setup.HaltReason;

        /// <summary>
        /// Starts the beacon at the clock's time, as a board does (BeaconSetup); false when it cannot start: then
        /// it shows the halt once, the reason and the halted pattern, as a board repeats them.
        /// </summary>
        public bool Start()
        {
            _time = _clock.Now;
            NetworkProfile profile = _setup.Profile();
            try
            {
                var flash = new DirectoryStore(_flash);
                _beacon = _setup.Start(flash, profile, new HttpClientTransport(profile), new SystemClock(), new SystemRandom(), _hardware, _time);
            }
            catch (IOException failure)
            {
                // The board's own step, as Esp32/Program opening its drive: a halt that names it.
                _setup.Halt("opening the flash folder " + _flash, failure);
            }
            if (_beacon == null)
            {
                ShowHalt();
                return false;
            }
            if (_config.Network == BeaconConfig.Testnet)
            {
                _beacon.Client.RequestTimeout = TestnetClient.RequestTimeout;
                _beacon.Paths.GuardTestTimeoutMilliseconds = TestnetClient.GuardTestTimeout;
            }
            _next = _time;
            Show(_time);
            return true;
        }

        /// <summary>Starts the device and runs it until quit, the end of the input (once what is pending is done) or <paramref name="stop"/>; the last line says why it stopped and what stays on flash.</summary>
        public void Run(DeviceInput input, CancellationToken stop)
        {
            _stop = stop;
            if (!Start())
            {
                return;
            }
            while (!stop.IsCancellationRequested)
            {
                if (!input.TryTake(out DeviceInput.Entry entry))
                {
                    Idle();
                    continue;
                }
                switch (entry.What)
                {
                    case DeviceInput.Kind.Line:
                        Play(entry.Line);
                        break;
                    case DeviceInput.Kind.ButtonDown:
                    case DeviceInput.Kind.ButtonUp:
                        Button(entry.What == DeviceInput.Kind.ButtonDown, Math.Max(entry.Time, _time));
                        break;
                    case DeviceInput.Kind.Quit:
                        Stop("quit: stopped", input.BadLines);
                        return;
                    default:
                        bool finished = Finish();
                        Stop(stop.IsCancellationRequested ? "Ctrl+C: stopped" : finished ? "the input ended: stopped"
                            : "the input ended: stopped after waiting " + FinishMs / 1000 + " s (device clock) for what was pending", input.BadLines);
                        return;
                }
            }
            Stop("Ctrl+C: stopped", input.BadLines);
        }

        /// <summary>
        /// Plays <paramref name="line"/> from the device time reached so far (InputLine says how long
        /// each takes). The clock moves only by the line's own times meanwhile, stopping at each time the
        /// beacon asked for: the beacon runs its timers as on a board, and its network work takes no
        /// device time, so a gesture keeps its exact timing.
        /// </summary>
        public void Play(InputLine line)
        {
            _clock.Hold();
            try
            {
                long t = _clock.Now;
                Say(t, "> " + line.Text);
                switch (line.What)
                {
                    case InputLine.Kind.Press:
                        Button(true, t);
                        AdvanceTo(t + line.Ms, null);
                        Button(false, t + line.Ms);
                        AdvanceTo(t + line.Ms + InputLine.RestMs, null);
                        break;
                    case InputLine.Kind.Wait:
                        AdvanceTo(t + line.Ms, null);
                        break;
                    case InputLine.Kind.Sensor:
                        _beacon.Policy.SensorLevel(line.Sensor, line.Active, t);
                        Input(t, "sensor " + InputLine.Describe(_config.Policy.Sensors[line.Sensor]) + (line.Active ? " active" : " idle"));
                        break;
                    case InputLine.Kind.Analog:
                        _beacon.Policy.AnalogSample(line.Sensor, line.Value, t);
                        Input(t, "sensor " + InputLine.Describe(_config.Policy.Sensors[line.Sensor]) + " reads " + line.Value);
                        break;
                    case InputLine.Kind.Battery:
                        _beacon.Policy.BatteryLevel(line.Value, t);
                        Input(t, "battery " + line.Value + "%");
                        break;
                    case InputLine.Kind.Gps:
                        _gps.Fix(line.LatitudeE7, line.LongitudeE7, line.Value);
                        Input(t, "GPS fix " + PositionText.Degrees(line.LatitudeE7) + ", " + PositionText.Degrees(line.LongitudeE7) + " (" + PositionText.Accuracy(line.Value * 100 / PositionText.UereMetres) + ")");
                        break;
                    case InputLine.Kind.GpsLost:
                        _gps.Lose();
                        Input(t, "GPS lost the sky: no fix");
                        break;
                }
            }
            finally
            {
                _clock.Release();
            }
        }

        /// <summary>Runs the device on the running clock until <paramref name="done"/>; false when <paramref name="limit"/> of the machine's time passed first.</summary>
        public bool RunUntil(Func<bool> done, TimeSpan limit)
        {
            var waited = Stopwatch.StartNew();
            while (!done())
            {
                if (waited.Elapsed >= limit)
                {
                    return false;
                }
                Idle();
            }
            return true;
        }

        // Runs the beacon when it is due on the running clock, else waits a little for it or for an input.
        private void Idle()
        {
            long now = _clock.Now;
            if (_next <= now)
            {
                Step(now);
            }
            Thread.Sleep((int)Math.Clamp(_next - _clock.Now, 0, 20));
        }

        // After the input: the beacon goes on, the clock skipping idle time as in a wait, until the last
        // input has settled and nothing is pending (no gesture, no alert to send, no pattern playing).
        private bool Finish()
        {
            _clock.Hold();
            try
            {
                long start = _clock.Now;
                long settled = start + Math.Max(_config.Policy.ButtonDebounceMs, _config.Policy.SensorDebounceMs);
                return AdvanceTo(start + FinishMs, () => _clock.Now >= settled && _beacon.IsIdle);
            }
            finally
            {
                _clock.Release();
            }
        }

        // Moves the held clock to target, stepping the beacon at every time it is due on the way (a step
        // that leaves it due at once moves the clock one ms, so the way always ends); true when done()
        // came first. Ctrl+C ends the way where it is.
        private bool AdvanceTo(long target, Func<bool> done)
        {
            while (!_stop.IsCancellationRequested)
            {
                long now = _clock.Now;
                if (_next <= now)
                {
                    Step(now);
                }
                if (done != null && done())
                {
                    return true;
                }
                if (now >= target)
                {
                    return false;
                }
                _clock.Advance(Math.Min(target, _next > now ? _next : now + 1));
            }
            return false;
        }

        private void Step(long now)
        {
            _time = now;
            _gps?.Poll(now, _beacon);
            long input = _beacon.Step(now);
            long network = _beacon.StepNetwork(now);
            long shown = _beacon.Step(now);
            _next = Math.Min(input, Math.Min(network, shown));
            Show(now);
        }

        private void Button(bool down, long time)
        {
            _beacon.Policy.ButtonLevel(down, time);
            Input(time, down ? "button down" : "button up");
        }

        // An input reached the policy: the beacon runs at once to take its decisions.
        private void Input(long time, string text)
        {
            _time = time;
            Say(time, text);
            _next = Math.Min(_next, time);
        }

        // The beacon's events, then what the LED and the buzzer did meanwhile, all at the step's time.
        private void Show(long time)
        {
            foreach (BeaconEvent e in _beacon.TakeEvents())
            {
                Say(e.Time, DeviceOutput.Describe(e));
                Happened?.Invoke(e);
            }
            foreach (string line in _shown)
            {
                Say(time, line);
            }
            _shown.Clear();
        }

        // What the LED or the buzzer shows when it goes on: the pattern playing, else the pending panic's steady light.
        private string Showing() => _halt != null ? FeedbackPattern.Name(FeedbackPattern.Halted)
            : _beacon.Feedback.IsPlaying ? FeedbackPattern.Name(_beacon.Feedback.LastPattern) : "panic pending";

        // One round of what a halted board repeats every BeaconHalt.RepeatMs: the reason and the halted pattern.
        private void ShowHalt()
        {
            _halt = new BeaconHalt(_setup.HaltReason, _hardware.Light, _hardware.Sound, _config.Feedback);
            long time = _time;
            long next = _halt.Start(time);
            while (true)
            {
                string report = _halt.TakeReport();
                if (report != null)
                {
                    Say(time, report);
                }
                foreach (string line in _shown)
                {
                    Say(time, line);
                }
                _shown.Clear();
                if (next >= _time + BeaconHalt.RepeatMs)
                {
                    return;
                }
                time = next;
                next = _halt.Step(time);
            }
        }

        private void Stop(string reason, int badLines)
        {
            string flash = OnFlash();
            _beacon.Stop();
            _time = Math.Max(_time, _clock.Now);
            Show(_time);
            Say(_time, reason + "; " + flash + (badLines > 0 ? "; " + badLines + " bad input line(s) ignored" : ""));
        }

        // What the outbox still holds: each alert with the recipients it has not reached yet.
        private string OnFlash()
        {
            OutboxRecord[] records = _beacon.Outbox.Records();
            if (records.Length == 0)
            {
                return "nothing left on flash to send";
            }
            var alerts = new List<string>();
            foreach (OutboxRecord record in records)
            {
                var names = new List<string>();
                for (int i = 0; i < record.RecipientCount; i++)
                {
                    if (!record.IsDeliveredTo(i))
                    {
                        int r = _config.RecipientIndex(record.RecipientId(i));
                        names.Add((r < 0 ? record.RecipientId(i) : _config.Recipients[r].Name) + (record.IsWaitingFor(i) ? " (waiting for a new pairing)" : ""));
                    }
                }
                alerts.Add(record.Kind + " to " + string.Join(" and ", names));
            }
            return "still on flash, not delivered: " + string.Join(", ", alerts) + " (sent on the next run)";
        }

        private void Say(long time, string text) => _output.WriteLine(DeviceOutput.Stamp(time) + text);
    }
}
