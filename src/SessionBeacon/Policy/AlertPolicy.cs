// The alert policy (docs/alert-policy.md; docs/architecture.md, "One alert, end to end"): turns
// raw input edges and samples into decisions. It owns no hardware and no clock: the device feeds
// it button and sensor levels with their times and calls Step when the returned wake time comes,
// tests do the same on a fake clock. Module lifecycle (CONTRIBUTING.md rule 13): Start,
// Step(now) -> next wake, Stop.
//   Button: debounced (a level counts once it has held for button.debounce_ms, from the edge's own
//   time), then the gestures of ButtonTransitions: hold panic.hold_ms = panic, pending for
//   panic.cancel_ms; a short press in that window cancels, the duress pattern (duress.presses short
//   presses) shows the same cancel cue and sends duress; test.presses short presses from idle send a
//   test; fewer are pocket bumps and do nothing.
//   Sensors: digital levels debounced by sensor.debounce_ms; analog samples with threshold and re-arm
//   level (hysteresis); each sensor fires at most once per sensor.min_interval_s.
//   Heartbeat every heartbeat.interval_min with the last battery level; a low battery alerts once
//   until the level recovers by PolicySettings.BatteryHysteresisPercent.
// Timers are processed in time order, each at its own due time, so a late Step gives the same
// decisions as a timely one. Panic and duress are never rate-limited.
using System.Collections;
using SessionBeacon.Config;

namespace SessionBeacon.Policy
{
    /// <summary>The alert policy module: debounce, gestures, cancel window, duress, sensors, rate limit, heartbeat.</summary>
    public sealed class AlertPolicy
    {
        /// <summary>The wake time meaning "no timer pending": sleep until the next input.</summary>
        public const long Never = long.MaxValue;

        private const long NeverFired = long.MinValue;
        private const long MsPerSecond = 1000;
        private const long MsPerMinute = 60000;

        private readonly PolicySettings _settings;
        private readonly ArrayList _decisions = new ArrayList();
        private readonly bool[] _sensorRaw;
        private readonly long[] _sensorRawSince;
        private readonly bool[] _sensorStable;
        private readonly bool[] _analogTripped;
        private readonly long[] _sensorLastFired;

        private bool _started;
        private long _now;
        private long _target;
        private ButtonState _state;
        private bool _rawDown;
        private long _rawSince;
        private bool _stableDown;
        private long _pressStart;
        private long _lastRelease;
        private int _presses;
        private bool _windowOpen;
        private long _windowEnd;
        private long _nextHeartbeat;
        private int _battery;
        private bool _batteryArmed;

        /// <summary>A policy for <paramref name="settings"/>; call <see cref="Start"/> before feeding it.</summary>
        /// <exception cref="System.ArgumentNullException"><paramref name="settings"/> is null.</exception>
        public AlertPolicy(PolicySettings settings)
        {
            if (settings == null)
            {
                throw Errors.Null("settings");
            }
            _settings = settings;
            int count = settings.Sensors.Length;
            _sensorRaw = new bool[count];
            _sensorRawSince = new long[count];
            _sensorStable = new bool[count];
            _analogTripped = new bool[count];
            _sensorLastFired = new long[count];
        }

        /// <summary>The button recogniser's state (for logs and tests).</summary>
        public ButtonState State
        {
            get { return _state; }
        }

        /// <summary>The last battery level given, or Decision.UnknownBattery (alerts that are no decision of the policy carry it too).</summary>
        public int BatteryPercent
        {
            get { return _battery; }
        }

        /// <summary>Starts from rest at <paramref name="now"/>: button up, sensors inactive, the first heartbeat one interval ahead.</summary>
        /// <returns>The time to call <see cref="Step"/> next, or <see cref="Never"/>.</returns>
        public long Start(long now)
        {
            _started = true;
            _now = now;
            _state = ButtonState.Idle;
            _rawDown = false;
            _stableDown = false;
            _presses = 0;
            _windowOpen = false;
            _battery = Decision.UnknownBattery;
            _batteryArmed = true;
            for (int i = 0; i < _sensorRaw.Length; i++)
            {
                _sensorRaw[i] = false;
                _sensorStable[i] = false;
                _analogTripped[i] = false;
                _sensorLastFired[i] = NeverFired;
            }
            _nextHeartbeat = _settings.HeartbeatIntervalMinutes > 0 ? now + _settings.HeartbeatIntervalMinutes * MsPerMinute : Never;
            _decisions.Clear();
            return NextDue();
        }

        /// <summary>Runs every timer due up to <paramref name="now"/>, in time order.</summary>
        /// <returns>The time to call Step next, or <see cref="Never"/>.</returns>
        /// <exception cref="System.InvalidOperationException">The policy is not started.</exception>
        public long Step(long now)
        {
            Advance(now);
            return NextDue();
        }

        /// <summary>Stops the policy: pending gestures and timers are dropped, decisions not taken are kept.</summary>
        public void Stop()
        {
            _started = false;
        }

        /// <summary>The button's raw level changed (bounces included) at <paramref name="time"/>.</summary>
        /// <exception cref="System.InvalidOperationException">The policy is not started.</exception>
        public void ButtonLevel(bool down, long time)
        {
            Advance(time);
            if (down != _rawDown)
            {
                _rawDown = down;
                _rawSince = _now;
            }
        }

        /// <summary>A digital sensor's raw level changed at <paramref name="time"/>; active means door open, motion, case open or power lost.</summary>
        /// <exception cref="System.ArgumentException"><paramref name="sensor"/> is not a configured digital sensor.</exception>
        /// <exception cref="System.InvalidOperationException">The policy is not started.</exception>
        public void SensorLevel(int sensor, bool active, long time)
        {
            CheckSensor(sensor, false);
            Advance(time);
            if (active != _sensorRaw[sensor])
            {
                _sensorRaw[sensor] = active;
                _sensorRawSince[sensor] = _now;
            }
        }

        /// <summary>An analog sensor's sample (raw ADC value) at <paramref name="time"/>.</summary>
        /// <exception cref="System.ArgumentException"><paramref name="sensor"/> is not a configured analog sensor.</exception>
        /// <exception cref="System.InvalidOperationException">The policy is not started.</exception>
        public void AnalogSample(int sensor, int value, long time)
        {
            CheckSensor(sensor, true);
            Advance(time);
            SensorSetting setting = _settings.Sensors[sensor];
            bool beyond = setting.FiresAbove ? value >= setting.Threshold : value <= setting.Threshold;
            bool back = setting.FiresAbove ? value <= setting.Rearm : value >= setting.Rearm;
            if (!_analogTripped[sensor] && beyond)
            {
                _analogTripped[sensor] = true;
                FireSensor(sensor, _now, value);
            }
            else if (_analogTripped[sensor] && back)
            {
                _analogTripped[sensor] = false;
            }
        }

        /// <summary>The battery level in percent (0..100) at <paramref name="time"/>.</summary>
        /// <exception cref="System.ArgumentException"><paramref name="percent"/> is outside 0..100.</exception>
        /// <exception cref="System.InvalidOperationException">The policy is not started.</exception>
        public void BatteryLevel(int percent, long time)
        {
            if (percent < 0 || percent > 100)
            {
                throw Errors.Range("percent", "must be 0 to 100");
            }
            Advance(time);
            _battery = percent;
            int low = _settings.LowBatteryPercent;
            if (low == 0)
            {
                return;
            }
            if (_batteryArmed && percent <= low)
            {
                _batteryArmed = false;
                Emit(DecisionKind.FireLowBattery, _now, Decision.NoSensor);
            }
            else if (!_batteryArmed && percent >= low + PolicySettings.BatteryHysteresisPercent)
            {
                _batteryArmed = true;
            }
        }

        /// <summary>The decisions taken since the last call, oldest first; the list is then empty.</summary>
        public Decision[] TakeDecisions()
        {
            var taken = (Decision[])_decisions.ToArray(typeof(Decision));
            _decisions.Clear();
            return taken;
        }

        private void Advance(long target)
        {
            if (!_started)
            {
                throw Errors.NotStarted("AlertPolicy");
            }
            _target = target;
            while (true)
            {
                long due = NextDue();
                if (due > target)
                {
                    break;
                }
                // A timer that fell due before the last input is handled at that input's time.
                _now = due > _now ? due : _now;
                RunDue(due);
            }
            if (target > _now)
            {
                _now = target;
            }
        }

        // The earliest of every timer; button timers wait while an edge is settling unless they
        // fell due before the edge (a release 10 ms before the hold time is not a long press).
        private long NextDue()
        {
            if (!_started)
            {
                return Never;
            }
            long due = Never;
            bool settling = _rawDown != _stableDown;
            if (settling)
            {
                due = _rawSince + _settings.ButtonDebounceMs;
            }
            due = Earliest(due, ButtonTimer(), settling);
            for (int i = 0; i < _sensorRaw.Length; i++)
            {
                if (_sensorRaw[i] != _sensorStable[i])
                {
                    due = Earliest(due, _sensorRawSince[i] + _settings.SensorDebounceMs, false);
                }
            }
            return Earliest(due, _nextHeartbeat, false);
        }

        private long Earliest(long due, long timer, bool onlyBeforeEdge)
        {
            if (timer == Never || (onlyBeforeEdge && timer >= _rawSince))
            {
                return due;
            }
            return timer < due ? timer : due;
        }

        private long ButtonTimer()
        {
            long timer = Never;
            if (_state == ButtonState.Held || _state == ButtonState.WindowHeld)
            {
                timer = _pressStart + _settings.PanicHoldMs;
            }
            else if (_state == ButtonState.Counting || _state == ButtonState.WindowCounting)
            {
                timer = _lastRelease + _settings.GestureGapMs;
            }
            if (_windowOpen && _windowEnd < timer)
            {
                timer = _windowEnd;
            }
            return timer;
        }

        private void RunDue(long due)
        {
            if (_rawDown != _stableDown && _rawSince + _settings.ButtonDebounceMs == due)
            {
                _stableDown = _rawDown;
                Apply(_stableDown ? ButtonEvent.Press : ButtonEvent.Release, _rawSince);
                return;
            }
            if (_windowOpen && _windowEnd == due)
            {
                _windowOpen = false;
                Apply(ButtonEvent.WindowElapsed, due);
                return;
            }
            if (ButtonTimer() == due)
            {
                bool holding = _state == ButtonState.Held || _state == ButtonState.WindowHeld;
                Apply(holding ? ButtonEvent.HoldReached : ButtonEvent.GapElapsed, due);
                return;
            }
            for (int i = 0; i < _sensorRaw.Length; i++)
            {
                if (_sensorRaw[i] != _sensorStable[i] && _sensorRawSince[i] + _settings.SensorDebounceMs == due)
                {
                    _sensorStable[i] = _sensorRaw[i];
                    if (_sensorStable[i])
                    {
                        FireSensor(i, _now, Decision.NoReading);
                    }
                    return;
                }
            }
            System.Diagnostics.Debug.Assert(_nextHeartbeat == due);
            Emit(DecisionKind.FireHeartbeat, _now, Decision.NoSensor);
            long interval = _settings.HeartbeatIntervalMinutes * MsPerMinute;
            // Beats missed while the device was off or asleep are not replayed: one now, then on schedule.
            _nextHeartbeat = due + interval > _target ? due + interval : _target + interval;
        }

        // edgeTime is when the press or release really happened (before its debounce); decisions carry _now.
        private void Apply(ButtonEvent buttonEvent, long edgeTime)
        {
            ButtonAction action;
            _state = ButtonTransitions.Next(_state, buttonEvent, out action);
            switch (action)
            {
                case ButtonAction.BeginPress:
                    _pressStart = edgeTime;
                    break;
                case ButtonAction.CountPress:
                    _presses++;
                    _lastRelease = edgeTime;
                    break;
                case ButtonAction.OpenWindow:
                    _presses = 0;
                    _windowOpen = true;
                    _windowEnd = _now + _settings.PanicCancelMs;
                    if (_settings.PanicCancelMs > 0)
                    {
                        Emit(DecisionKind.CuePending, _now, Decision.NoSensor);
                    }
                    break;
                case ButtonAction.FirePanic:
                    _windowOpen = false;
                    Emit(DecisionKind.FirePanic, _now, Decision.NoSensor);
                    break;
                case ButtonAction.ResolveIdleGesture:
                    if (_settings.TestPresses > 0 && _presses == _settings.TestPresses)
                    {
                        Emit(DecisionKind.FireTest, _now, Decision.NoSensor);
                    }
                    _presses = 0;
                    break;
                case ButtonAction.ResolveWindowGesture:
                    bool duress = _settings.DuressPresses > 0 && _presses == _settings.DuressPresses;
                    Emit(duress ? DecisionKind.FireDuress : DecisionKind.Cancel, _now, Decision.NoSensor);
                    Emit(DecisionKind.CueCancelled, _now, Decision.NoSensor);
                    _presses = 0;
                    _windowOpen = false;
                    break;
            }
        }

        private void FireSensor(int sensor, long time, int reading)
        {
            long last = _sensorLastFired[sensor];
            if (last != NeverFired && time - last < _settings.SensorMinIntervalSeconds * MsPerSecond)
            {
                Emit(DecisionKind.RateLimited, time, sensor);
                return;
            }
            _sensorLastFired[sensor] = time;
            _decisions.Add(new Decision(DecisionKind.FireSensor, time, sensor, _battery, reading));
        }

        private void Emit(DecisionKind kind, long time, int sensor)
        {
            _decisions.Add(new Decision(kind, time, sensor, _battery));
        }

        private void CheckSensor(int sensor, bool analog)
        {
            if (sensor < 0 || sensor >= _sensorRaw.Length)
            {
                throw Errors.NoSuchSensor("sensor", sensor);
            }
            if ((_settings.Sensors[sensor].Kind == SensorKind.Analog) != analog)
            {
                throw Errors.WrongSensorKind("sensor", sensor, analog ? "analog" : "digital");
            }
        }
    }
}
