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
using SessionBeacon.Hardware;
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
    /// Two threads, as on the board (docs/architecture.md, "Two threads"): the caller's thread plays the
    /// inputs and runs the beacon's input side (Beacon.Step), and prints everything; a network thread
    /// runs its network side (NetworkWorker). The device clock skips only time in which both wait; while
    /// the network works it runs with the machine's time, up to the next input or input-side step, each
    /// at its exact time. A request that runs past its bound (TransportWatch) restarts the app from its
    /// flash, as the board's watchdog does.
    /// </summary>
    public sealed class SimulatedDevice
    {
        /// <summary>The folder under the data folder that plays the board's flash.</summary>
        public const string FlashFolder = "flash";

        /// <summary>After the input ends, the most device time the run gives what is pending.</summary>
        public const long FinishMs = 60000;

        // How long a restart or the end of a run waits for the network thread to let go (machine time).
        private static readonly TimeSpan s_letGo = TimeSpan.FromSeconds(10);

        private readonly BeaconConfig _config;
        private readonly BeaconSetup _setup;
        private readonly string _flash;
        private readonly string[] _wifiInRange;
        private readonly IIndicator _led;
        private readonly IIndicator _buzzer;
        private readonly DeviceClock _clock;
        private readonly TextWriter _output;
        private readonly Func<NetworkProfile, CancellationToken, IHttpTransport> _transport;
        private readonly List<string> _shown = new List<string>();
        private readonly List<string> _radio = new List<string>();
        private readonly AutoResetEvent _networkStepped = new AutoResetEvent(false);
        private DevicePower _power;
        private Beacon _beacon;
        private TransportWatch _watch;
        private NetworkWorker _worker;
        private Thread _network;
        private BeaconHalt _halt;
        private long _next = Beacon.Never;
        private bool _news;
        private long _time;
        private CancellationToken _stop;
        private readonly SimulatedGps _gps;

        /// <param name="wifiInRange">
        /// The Wi-Fi networks in range ('beacon run --wifi-in-range'): the device then joins one of nf.config's networks
        /// through the firmware's WifiLink over a SimulatedRadio; null for no Wi-Fi at all (the computer's network).
        /// </param>
        /// <param name="gps">Its GPS module when the board has one (GpsPins.Fitted); null for none.</param>
        public SimulatedDevice(BeaconConfig config, BoardProfile board, IdentityKeys identity, string dataFolder, TextWriter output, DeviceClock clock,
            string[] wifiInRange = null, SimulatedGps gps = null)
            : this(config, board, identity, dataFolder, output, clock, wifiInRange, (profile, off) => new HttpClientTransport(profile, off), gps)
        {
        }

        /// <summary>A device whose network goes through <paramref name="transport"/>, made anew at each power-on (tests give a faulty one).</summary>
        internal SimulatedDevice(BeaconConfig config, BoardProfile board, IdentityKeys identity, string dataFolder, TextWriter output, DeviceClock clock,
            string[] wifiInRange, Func<NetworkProfile, CancellationToken, IHttpTransport> transport, SimulatedGps gps = null)
        {
            _gps = gps;
            _config = config;
            _setup = BeaconSetup.From(config, board, identity);
            _flash = Path.Combine(dataFolder, FlashFolder);
            _wifiInRange = wifiInRange;
            _clock = clock;
            _output = output;
            _transport = transport;
            _led = new TerminalIndicator("LED", Showing, _shown.Add);
            _buzzer = board.BuzzerPin == BoardProfile.NoPin ? null : new TerminalIndicator("buzzer", Showing, _shown.Add);
        }

        /// <summary>Each event of the beacon, as it is printed.</summary>
        public event Action<BeaconEvent> Happened;

        /// <summary>The beacon, once started; null before, and when it could not start.</summary>
        public Beacon Beacon => _beacon;

        /// <summary>True when the beacon could not start (BeaconSetup), as a board halts: <see cref="HaltReason"/> says why.</summary>
        public bool IsHalted => _halt != null;

        public string HaltReason => _setup.HaltReason;

        /// <summary>
        /// Starts the beacon at the clock's time, as a board does (BeaconSetup), and its network thread; false
        /// when it cannot start: then it shows the halt once, the reason and the halted pattern, as a board
        /// repeats them.
        /// </summary>
        public bool Start()
        {
            _time = _clock.Now;
            if (!PowerOn(_time))
            {
                ShowHalt();
                return false;
            }
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
            while (!stop.IsCancellationRequested && _halt == null)
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
            if (_halt == null)
            {
                Stop("Ctrl+C: stopped", input.BadLines);
            }
        }

        /// <summary>
        /// Plays <paramref name="line"/> from the device time reached so far (InputLine says how long
        /// each takes). The clock moves only by the line's own times meanwhile, stopping at each time the
        /// beacon asked for: the beacon runs its timers as on a board, and the line's inputs come at their
        /// exact times. Time in which the network works passes as the machine's time (see the class).
        /// The clock stays held afterwards, so that the next line, when it is already there, starts
        /// exactly where this one ended; it runs again once the device waits for input.
        /// </summary>
        public void Play(InputLine line)
        {
            _clock.Hold();
            long t = _clock.Now;
            Say(t, "> " + line.Text);
            if (_halt != null)
            {
                return;
            }
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

        /// <summary>Runs the device on the running clock until <paramref name="done"/>; false when <paramref name="limit"/> of the machine's time passed first.</summary>
        public bool RunUntil(Func<bool> done, TimeSpan limit)
        {
            var waited = Stopwatch.StartNew();
            while (!done())
            {
                if (waited.Elapsed >= limit || _halt != null)
                {
                    return false;
                }
                Idle();
            }
            return true;
        }

        /// <summary>Stops the network thread and the beacon without a last line (the demo's end); the flash keeps what is pending.</summary>
        public void PowerOff()
        {
            if (_beacon != null)
            {
                SwitchOff();
            }
        }

        // Runs the input side when it is due or the network side has news, else waits a little for either
        // or for an input, on the running clock.
        private void Idle()
        {
            _clock.Release();
            StepIfDue(_clock.Now);
            _news |= _networkStepped.WaitOne((int)Math.Clamp(_next - _clock.Now, 0, 20));
        }

        // After the input: the beacon goes on, the clock skipping idle time as in a wait, until the last
        // input has settled and nothing is pending (no gesture, no alert to send, no pattern playing).
        private bool Finish()
        {
            _clock.Hold();
            long start = _clock.Now;
            long settled = start + Math.Max(_config.Policy.ButtonDebounceMs, _config.Policy.SensorDebounceMs);
            return AdvanceTo(start + FinishMs, () => _clock.Now >= settled && _beacon.IsIdle);
        }

        // Moves the held clock to target, stepping the input side at every time it is due on the way (a
        // step that leaves it due at once moves the clock one ms, so the way always ends); true when
        // done() came first. While the network thread waits, the clock jumps, never past the network's
        // own next time; while it works, the clock runs with the machine's time up to the next time this
        // side must act, then is held again. Ctrl+C, or a halt at a restart, ends the way where it is.
        private bool AdvanceTo(long target, Func<bool> done)
        {
            while (!_stop.IsCancellationRequested)
            {
                long now = _clock.Now;
                StepIfDue(now);
                if (_halt != null)
                {
                    return false;
                }
                if (done != null && done())
                {
                    return true;
                }
                if (now >= target)
                {
                    return false;
                }
                long until = Math.Min(target, _next > now ? _next : now + 1);
                if (_worker.IsIdle)
                {
                    _clock.Advance(Math.Min(until, Math.Max(_worker.NextWake, now + 1)));
                    _worker.Wake();
                }
                else
                {
                    _clock.RunUntil(until);
                    _news |= _networkStepped.WaitOne((int)Math.Clamp(until - _clock.Now, 1, 20));
                    _clock.Hold();
                }
            }
            return false;
        }

        // Steps the input side when it is due or the network side has news; restarts the device first when a request hangs.
        private void StepIfDue(long now)
        {
            if (_watch.IsOverdue)
            {
                Restart(now);
                return;
            }
            _news |= _networkStepped.WaitOne(0);
            if (_next <= now || _news)
            {
                _news = false;
                Step(now);
            }
        }

        private void Step(long now)
        {
            _time = now;
            _gps?.Poll(now, _beacon);
            _next = _beacon.Step(now);
            Show(now);
        }

        // The board's watchdog: a request past its bound resets the board; the app starts again from its flash.
        private void Restart(long now)
        {
            Say(now, "watchdog: " + _watch.Describe() + "; the device restarts, its alerts stay on flash");
            SwitchOff();
            _time = now;
            if (!PowerOn(now))
            {
                ShowHalt();
                return;
            }
            Show(now);
        }

        // One power-on: the beacon built over the flash folder and started (BeaconSetup), then its network
        // thread; false, with the setup's halt reason, when it cannot start.
        private bool PowerOn(long now)
        {
            _power = new DevicePower();
            NetworkProfile profile = _setup.Profile();
            IKeyValueStore flash;
            try
            {
                flash = new DirectoryStore(_flash);
            }
            catch (IOException failure)
            {
                // The board's own step, as Esp32/Program opening its drive: a halt that names it.
                _setup.Halt("opening the flash folder " + _flash, failure);
                return false;
            }
            INetworkLink wifi = _wifiInRange == null ? null : new WifiLink(_config.WifiNetworks, new SimulatedRadio(_wifiInRange, Radio));
            _watch = new TransportWatch(_transport(profile, _power.Off), _clock);
            _beacon = _setup.Start(_power.Flash(flash), profile, _watch, _power.Clock, new SystemRandom(), new BeaconHardware(wifi, null, null, _led, _buzzer, _gps != null), now);
            if (_beacon == null)
            {
                return false;
            }
            if (_config.Network == BeaconConfig.Testnet)
            {
                _beacon.Client.RequestTimeout = TestnetClient.RequestTimeout;
                _beacon.Paths.GuardTestTimeoutMilliseconds = TestnetClient.GuardTestTimeout;
            }
            _worker = new NetworkWorker(_beacon, _clock);
            _worker.Stepped += (_, _) => _networkStepped.Set();
            _network = new Thread(_worker.Run) { IsBackground = true, Name = "network" };
            _network.Start();
            _next = now;
            return true;
        }

        // The power goes: the network thread gives up its request and stops (what it still writes is
        // refused), then the beacon stops; the flash keeps the alerts.
        private void SwitchOff()
        {
            if (StopNetwork())
            {
                _beacon.Stop();
            }
        }

        // True when the network thread ended within its time to let go.
        private bool StopNetwork()
        {
            _power.SwitchOff();
            _worker.Stop();
            return _network.Join(s_letGo);
        }

        private void Button(bool down, long time)
        {
            if (_halt != null)
            {
                return;
            }
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

        // A line of the simulated radio, said on the network thread: shown by this thread at its next step.
        private void Radio(string line)
        {
            lock (_radio)
            {
                _radio.Add(line);
            }
        }

        // What the network thread's radio said, the beacon's events, then what the LED and the buzzer did
        // meanwhile, all at the step's time (the network side's as the input side takes them: on a board,
        // when the device shows them).
        private void Show(long time)
        {
            lock (_radio)
            {
                foreach (string line in _radio)
                {
                    Say(time, line);
                }
                _radio.Clear();
            }
            foreach (BeaconEvent e in _beacon.TakeEvents())
            {
                Say(time, DeviceOutput.Describe(e));
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
            _halt = new BeaconHalt(_setup.HaltReason, _led, _buzzer, _config.Feedback);
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

        // The last line: the input side takes its last step, the power goes, then what the network
        // reported up to then is shown (a request in flight may still deliver while its thread stops),
        // then what the flash keeps.
        private void Stop(string reason, int badLines)
        {
            _time = Math.Max(_time, _clock.Now);
            _beacon.Step(_time);
            bool stopped = StopNetwork();
            _beacon.Step(_time);
            Show(_time);
            string flash = OnFlash();
            if (stopped)
            {
                _beacon.Stop();
            }
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
