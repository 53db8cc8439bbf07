// A device that cannot start (BeaconSetup says why): it sends nothing, shows the "halted" pattern
// (docs/feedback.md) and says why on its debug output, both again every RepeatMs, so whoever
// plugs it in sees it at once. It never reboots in a loop: nothing it could do differently at the
// next start, and a boot loop would hide the reason. Between repeats it sleeps (Step returns the
// next time it needs to run), so a halted device does not keep the CPU busy. Lifecycle as the
// other modules (CONTRIBUTING.md rule 13): Start(now), Step(now) -> next wake, Stop().
using SessionBeacon.Config;
using SessionBeacon.Feedback;
using SessionBeacon.Hardware;

namespace SessionBeacon.App
{
    /// <summary>A halted device: the halted pattern and the reason, repeated.</summary>
    public sealed class BeaconHalt
    {
        /// <summary>How often the pattern and the reason are repeated.</summary>
        public const long RepeatMs = 10000;

        private readonly FeedbackPlayer _player;
        private long _nextRepeat;
        private bool _reportDue;

        /// <summary>A halt for <paramref name="reason"/>, shown on <paramref name="light"/> and <paramref name="sound"/> (either may be null).</summary>
        /// <param name="reason">Why the device cannot start, one line.</param>
        /// <param name="light">The LED, or null when the board profile could not be read.</param>
        /// <param name="sound">The buzzer, or null.</param>
        /// <param name="feedbackMode">nf.config's feedback setting; null when nf.config could not be read (then the LED alone).</param>
        /// <exception cref="System.ArgumentNullException"><paramref name="reason"/> is null.</exception>
        public BeaconHalt(string reason, IIndicator light, IIndicator sound, string feedbackMode)
        {
            if (reason == null)
            {
                throw Errors.Null("reason");
            }
            Reason = reason;
            _player = new FeedbackPlayer(light, sound, feedbackMode == null ? BeaconConfig.FeedbackLight : feedbackMode);
        }

        /// <summary>Why the device cannot start.</summary>
        public string Reason { get; }

        /// <summary>Shows the pattern and makes the reason due.</summary>
        /// <returns>When to call <see cref="Step"/>.</returns>
        public long Start(long now)
        {
            _nextRepeat = now;
            return Step(now);
        }

        /// <summary>Advances the pattern; every RepeatMs it starts again and the reason is due again.</summary>
        /// <returns>When to call Step next.</returns>
        public long Step(long now)
        {
            if (now >= _nextRepeat)
            {
                _player.Play(FeedbackPattern.Halted, now);
                _reportDue = true;
                _nextRepeat = now + RepeatMs;
            }
            long pattern = _player.Step(now);
            return pattern < _nextRepeat ? pattern : _nextRepeat;
        }

        /// <summary>The line to write to the debug output, once per repeat; else null.</summary>
        public string TakeReport()
        {
            if (!_reportDue)
            {
                return null;
            }
            _reportDue = false;
            return "halted: " + Reason;
        }

        /// <summary>Switches the indicators off.</summary>
        public void Stop()
        {
            _player.Stop();
        }
    }
}
