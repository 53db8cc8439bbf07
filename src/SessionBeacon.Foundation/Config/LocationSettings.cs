// The position settings from nf.config (docs/location.md): which alerts carry the GPS position
// (location.mode), and the tracking updates that follow a panic or duress alert (location.track_s,
// location.track_min). Defaults: the position in panic and duress alerts, an update every 2
// minutes for 30 minutes. Each value is range-checked and every problem is reported with its line.
namespace SessionBeacon.Config
{
    /// <summary>The validated location settings of one beacon.</summary>
    public sealed class LocationSettings
    {
        /// <summary>location.mode = off: no alert carries a position, and nothing is tracked.</summary>
        public const string ModeOff = "off";

        /// <summary>location.mode = panic: panic and duress alerts carry the position (the default).</summary>
        public const string ModePanic = "panic";

        /// <summary>location.mode = all: every alert carries the position, sensor alerts, tests and check-ins too.</summary>
        public const string ModeAll = "all";

        /// <summary>The shortest time between tracking updates, in seconds: each is a message to every recipient.</summary>
        public const int MinTrackSeconds = 30;

        /// <summary>The longest time between tracking updates, in seconds.</summary>
        public const int MaxTrackSeconds = 3600;

        /// <summary>The longest tracking after an alert, in minutes.</summary>
        public const int MaxTrackMinutes = 240;

        private LocationSettings()
        {
        }

        /// <summary><see cref="ModeOff"/>, <see cref="ModePanic"/> or <see cref="ModeAll"/> (location.mode).</summary>
        public string Mode { get; private set; }

        /// <summary>Seconds between tracking updates (location.track_s).</summary>
        public int TrackSeconds { get; private set; }

        /// <summary>How long tracking lasts after a panic or duress alert, in minutes; 0 = no tracking (location.track_min).</summary>
        public int TrackMinutes { get; private set; }

        /// <summary>True when the alert of <paramref name="panicOrDuress"/> kind carries the position under this mode.</summary>
        public bool Includes(bool panicOrDuress)
        {
            return Mode == ModeAll || (Mode == ModePanic && panicOrDuress);
        }

        /// <summary>Reads the location keys of <paramref name="file"/>; problems are recorded in the file.</summary>
        internal static LocationSettings Read(ConfigFile file)
        {
            var settings = new LocationSettings();
            settings.Mode = file.Choice("location.mode", ModePanic, new[] { ModeOff, ModePanic, ModeAll });
            settings.TrackSeconds = file.Integer("location.track_s", 120, MinTrackSeconds, MaxTrackSeconds);
            settings.TrackMinutes = file.OffOrInteger("location.track_min", 30, 1, MaxTrackMinutes);
            int minutesLine = file.FirstLine("location.track_min");
            if (settings.Mode == ModeOff)
            {
                if (minutesLine != 0 && settings.TrackMinutes > 0)
                {
                    file.Report(minutesLine, "'location.track_min' sends positions, but location.mode = off: set location.mode to panic or all, or location.track_min = 0");
                }
                settings.TrackMinutes = 0;
            }
            if (settings.TrackMinutes > 0 && settings.TrackMinutes * 60 < settings.TrackSeconds)
            {
                file.Report(minutesLine != 0 ? minutesLine : file.FirstLine("location.track_s"), "location.track_min = " + settings.TrackMinutes.ToString()
                    + " is shorter than one update interval (location.track_s = " + settings.TrackSeconds.ToString() + "): no update would be sent");
            }
            return settings;
        }
    }
}
