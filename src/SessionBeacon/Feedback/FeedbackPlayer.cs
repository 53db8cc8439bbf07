// Plays feedback patterns on the LED and, in light+sound mode, the buzzer; in silent mode nothing
// is ever switched on. A new pattern replaces the one playing. The steady light of a pending panic
// (the policy's cue) is separate: it shows while no pattern plays, and is cleared by a cancel or a
// duress gesture alike. Lifecycle as the other modules: Step(now) -> next change, single-threaded.
using SessionBeacon.Config;
using SessionBeacon.Hardware;

namespace SessionBeacon.Feedback
{
    /// <summary>Drives the indicators through feedback patterns.</summary>
    public sealed class FeedbackPlayer
    {
        /// <summary>Step's answer when nothing is playing.</summary>
        public const long Never = long.MaxValue;

        private readonly IIndicator _light;
        private readonly IIndicator _sound;
        private readonly bool _silent;
        private int[] _timings;
        private int _step;
        private long _stepEnds;
        private bool _cue;
        private int _lastPattern = -1;

        /// <summary>A player for <paramref name="light"/> and <paramref name="sound"/> (either may be null) in <paramref name="mode"/>.</summary>
        /// <param name="mode">BeaconConfig.FeedbackLight, FeedbackLightAndSound or FeedbackSilent.</param>
        /// <exception cref="System.ArgumentException">An unknown mode.</exception>
        public FeedbackPlayer(IIndicator light, IIndicator sound, string mode)
        {
            if (mode != BeaconConfig.FeedbackLight && mode != BeaconConfig.FeedbackLightAndSound && mode != BeaconConfig.FeedbackSilent)
            {
                throw Errors.Range("mode", "must be light, light+sound or silent");
            }
            _silent = mode == BeaconConfig.FeedbackSilent;
            _light = _silent ? null : light;
            _sound = mode == BeaconConfig.FeedbackLightAndSound ? sound : null;
        }

        /// <summary>True while a pattern is playing.</summary>
        public bool IsPlaying
        {
            get { return _timings != null; }
        }

        /// <summary>The last pattern started (even in silent mode, for logs and tests), or -1.</summary>
        public int LastPattern
        {
            get { return _lastPattern; }
        }

        /// <summary>Starts <paramref name="pattern"/> at <paramref name="now"/>, replacing the one playing.</summary>
        /// <exception cref="System.ArgumentException">Not a FeedbackPattern constant.</exception>
        public void Play(int pattern, long now)
        {
            int[] timings = FeedbackPattern.Timings(pattern);
            _lastPattern = pattern;
            if (_silent)
            {
                return;
            }
            _timings = timings;
            _step = 0;
            _stepEnds = now + timings[0];
            Output(true);
        }

        /// <summary>Shows or clears the steady light of a pending panic (never the buzzer).</summary>
        public void Cue(bool on)
        {
            if (on == _cue)
            {
                return;
            }
            _cue = on;
            if (_timings == null && _light != null)
            {
                _light.Set(on);
            }
        }

        /// <summary>Advances the pattern to <paramref name="now"/>.</summary>
        /// <returns>When to call Step next, or <see cref="Never"/>.</returns>
        public long Step(long now)
        {
            while (_timings != null && now >= _stepEnds)
            {
                _step++;
                if (_step >= _timings.Length)
                {
                    _timings = null;
                    Output(false);
                    if (_light != null && _cue)
                    {
                        _light.Set(true);
                    }
                    return Never;
                }
                _stepEnds += _timings[_step];
                Output(_step % 2 == 0);
            }
            return _timings == null ? Never : _stepEnds;
        }

        /// <summary>Switches everything off.</summary>
        public void Stop()
        {
            _timings = null;
            _cue = false;
            Output(false);
        }

        private void Output(bool on)
        {
            if (_light != null)
            {
                _light.Set(on);
            }
            if (_sound != null)
            {
                _sound.Set(on);
            }
        }
    }
}
