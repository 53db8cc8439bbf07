// What the device shows (docs/feedback.md), as on/off timings for the LED and the buzzer. Patterns
// are short and few, so a person learns them in a minute and an onlooker sees little: no pattern
// repeats for long, and a duress alert shows exactly what a cancel shows (nothing after the LED
// goes off). The one exception is "halted", repeated by a device that cannot start, which is of no
// use to anyone until it is fixed. Durations are milliseconds: on, off, on, off, ...
namespace SessionBeacon.Feedback
{
    /// <summary>The feedback patterns and their timings.</summary>
    public static class FeedbackPattern
    {
        /// <summary>The beacon is ready: paths built, slots armed. One short blink.</summary>
        public const int Armed = 0;

        /// <summary>An alert is on its way. One short blink, shown each time sending starts.</summary>
        public const int Sending = 1;

        /// <summary>Every recipient's swarm gave a verified receipt. Two short blinks.</summary>
        public const int Delivered = 2;

        /// <summary>A companion receiver acknowledged, or a recipient replied: help was reached. One long glow.</summary>
        public const int HelpReached = 3;

        /// <summary>Something failed and will be retried, or an alert expired undelivered. Five fast blinks.</summary>
        public const int Failed = 4;

        /// <summary>The battery is low. Three slow blinks.</summary>
        public const int LowBattery = 5;

        /// <summary>
        /// The device cannot start (BeaconHalt): one long glow and two short blinks, repeated while it is halted,
        /// the only pattern that repeats. It never sends anything in this state.
        /// </summary>
        public const int Halted = 6;

        /// <summary>
        /// An alert was written to flash while the beacon has no network (before it is armed, or after the
        /// Wi-Fi went down): stored, not sent yet. A very short blink, then a glow; shown once, when the alert
        /// is accepted, in place of "sending". It leaves when the network is back ("delivered" then).
        /// </summary>
        public const int Stored = 7;

        /// <summary>How many patterns there are.</summary>
        public const int Count = 8;

        private static readonly int[][] s_timings =
        {
            new int[] { 150 },
            new int[] { 60 },
            new int[] { 100, 150, 100 },
            new int[] { 1500 },
            new int[] { 50, 80, 50, 80, 50, 80, 50, 80, 50 },
            new int[] { 400, 400, 400, 400, 400 },
            new int[] { 1000, 250, 150, 250, 150 },
            new int[] { 60, 300, 800 },
        };

        /// <summary>The on/off timings of <paramref name="pattern"/> (a copy).</summary>
        /// <exception cref="System.ArgumentException">Not a pattern.</exception>
        public static int[] Timings(int pattern)
        {
            if (pattern < 0 || pattern >= Count)
            {
                throw Errors.Range("pattern", "must be one of the FeedbackPattern constants");
            }
            return (int[])s_timings[pattern].Clone();
        }

        /// <summary>The pattern's name, for logs and the harness.</summary>
        public static string Name(int pattern)
        {
            switch (pattern)
            {
                case Armed: return "armed";
                case Sending: return "sending";
                case Delivered: return "delivered";
                case HelpReached: return "help reached";
                case Failed: return "failed";
                case LowBattery: return "low battery";
                case Halted: return "halted";
                case Stored: return "stored, not sent";
                default: return "?";
            }
        }
    }
}
