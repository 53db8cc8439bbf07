// The alert policy's settings from nf.config (no timing is fixed in code, every one is
// configurable): button debounce, the press gestures (cancel, duress, test), sensors with debounce
// and a rate limit, the heartbeat and the low-battery level. Defaults are safe for a pocket-carried
// button; each value is range-checked and every problem is reported with its line.
using System.Collections;

namespace SessionBeacon.Config
{
    /// <summary>The validated timings and inputs that drive <see cref="Policy.AlertPolicy"/>.</summary>
    public sealed class PolicySettings
    {
        /// <summary>The most sensor lines a beacon accepts (each costs a GPIO and a little state).</summary>
        public const int MaxSensors = 8;

        /// <summary>How far a battery level must rise above <see cref="LowBatteryPercent"/> before a new low-battery alert can fire.</summary>
        public const int BatteryHysteresisPercent = 10;

        private const int MaxGpio = 48;

        // The word on a digital sensor's line, between the GPIO and the name, that turns the internal pull off.
        private const string ExternalPullWord = "external-pull";

        private PolicySettings()
        {
        }

        /// <summary>How long the button must hold the panic press, in ms (panic.hold_ms).</summary>
        public int PanicHoldMs { get; private set; }

        /// <summary>How long after a long press a short press can still cancel, in ms; 0 fires at once (panic.cancel_ms).</summary>
        public int PanicCancelMs { get; private set; }

        /// <summary>How long a button level must stay unchanged to count, in ms.</summary>
        public int ButtonDebounceMs { get; private set; }

        /// <summary>The pause after the last short press that ends a gesture (cancel, duress or test), in ms.</summary>
        public int GestureGapMs { get; private set; }

        /// <summary>Short presses in the cancel window that send a duress alert while looking like a cancel; 0 when off.</summary>
        public int DuressPresses { get; private set; }

        /// <summary>Short presses from idle that send a test alert; 0 when off.</summary>
        public int TestPresses { get; private set; }

        /// <summary>The configured sensors, in file order (the index is the sensor's number in decisions).</summary>
        public SensorSetting[] Sensors { get; private set; }

        /// <summary>How long a sensor's digital level must stay unchanged to count, in ms.</summary>
        public int SensorDebounceMs { get; private set; }

        /// <summary>The shortest time between two alerts from one sensor, in seconds; edges in between are dropped.</summary>
        public int SensorMinIntervalSeconds { get; private set; }

        /// <summary>Minutes between check-in messages; 0 when off.</summary>
        public int HeartbeatIntervalMinutes { get; private set; }

        /// <summary>The battery level (percent) at or below which a low-battery alert fires; 0 when off.</summary>
        public int LowBatteryPercent { get; private set; }

        /// <summary>Reads the policy keys of <paramref name="file"/>; problems are recorded in the file.</summary>
        internal static PolicySettings Read(ConfigFile file, int panicHoldMs, int panicCancelMs)
        {
            var settings = new PolicySettings();
            settings.PanicHoldMs = panicHoldMs;
            settings.PanicCancelMs = panicCancelMs;
            settings.ButtonDebounceMs = file.Integer("button.debounce_ms", 30, 5, 100);
            settings.GestureGapMs = file.Integer("gesture.gap_ms", 700, 200, 3000);
            settings.DuressPresses = PressCount(file, "duress.presses", 2, 2, "1 press is the cancel");
            settings.TestPresses = PressCount(file, "test.presses", 5, 3, "fewer presses happen by accident in a pocket");
            settings.Sensors = ReadSensors(file);
            settings.SensorDebounceMs = file.Integer("sensor.debounce_ms", 50, 0, 5000);
            settings.SensorMinIntervalSeconds = file.Integer("sensor.min_interval_s", 300, 0, 86400);
            settings.HeartbeatIntervalMinutes = file.OffOrInteger("heartbeat.interval_min", 0, 15, 10080);
            settings.LowBatteryPercent = file.Integer("battery.low_percent", 20, 0, 50);
            if (settings.DuressPresses > 0 && panicCancelMs == 0 && file.Single("duress.presses") != null)
            {
                file.Report(file.Single("duress.presses").Line, "'duress.presses' needs a cancel window: set panic.cancel_ms above 0, or duress.presses = 0");
            }
            if (panicCancelMs == 0)
            {
                settings.DuressPresses = 0;
            }
            return settings;
        }

        private static int PressCount(ConfigFile file, string key, int defaultValue, int min, string why)
        {
            ConfigEntry entry = file.Single(key);
            int value;
            if (entry != null && int.TryParse(entry.Value, out value) && value > 0 && value < min)
            {
                file.Report(entry.Line, "'" + key + "' must be 0 (off) or " + min.ToString() + " to 9, not " + value.ToString() + ": " + why);
                return 0;
            }
            return file.OffOrInteger(key, defaultValue, min, 9);
        }

        private static SensorSetting[] ReadSensors(ConfigFile file)
        {
            var sensors = new ArrayList();
            ConfigEntry[] entries = file.All("sensor");
            if (entries.Length > MaxSensors)
            {
                file.Report(entries[MaxSensors].Line, "too many sensors: at most " + MaxSensors.ToString());
            }
            foreach (ConfigEntry entry in entries)
            {
                SensorSetting sensor = ReadSensor(file, entry);
                if (sensor == null)
                {
                    continue;
                }
                foreach (SensorSetting other in sensors)
                {
                    if (other.Pin == sensor.Pin)
                    {
                        file.Report(entry.Line, "sensor GPIO " + sensor.Pin.ToString() + " is already used by sensor '" + other.Name + "'");
                        sensor = null;
                        break;
                    }
                }
                if (sensor != null && sensors.Count < MaxSensors)
                {
                    sensors.Add(sensor);
                }
            }
            return (SensorSetting[])sensors.ToArray(typeof(SensorSetting));
        }

        // The kind and GPIO first, the name last, so a name may hold spaces.
        private static SensorSetting ReadSensor(ConfigFile file, ConfigEntry entry)
        {
            string[] words = Words(entry.Value);
            const string Usage = "write 'sensor = contact|motion|tamper|power <gpio> [" + ExternalPullWord + "] <name>' or 'sensor = analog <gpio> above|below <threshold> <rearm> <name>'";
            bool externalPull = words.Length > 2 && words[0] != "analog" && words[2] == ExternalPullWord;
            if (words.Length < (externalPull ? 4 : 3))
            {
                file.Report(entry.Line, "sensor needs a kind, a GPIO and a name: " + Usage);
                return null;
            }
            SensorKind kind;
            switch (words[0])
            {
                case "contact": kind = SensorKind.Contact; break;
                case "motion": kind = SensorKind.Motion; break;
                case "tamper": kind = SensorKind.Tamper; break;
                case "power": kind = SensorKind.PowerLoss; break;
                case "analog": kind = SensorKind.Analog; break;
                default:
                    file.Report(entry.Line, "sensor kind '" + words[0] + "' is not one of contact, motion, tamper, power, analog");
                    return null;
            }
            int pin;
            if (!int.TryParse(words[1], out pin) || pin < 0 || pin > MaxGpio)
            {
                file.Report(entry.Line, "sensor GPIO must be a whole number from 0 to " + MaxGpio.ToString() + ", not '" + words[1] + "'");
                return null;
            }
            if (kind != SensorKind.Analog)
            {
                return new SensorSetting(kind, pin, JoinFrom(words, externalPull ? 3 : 2), externalPull, false, 0, 0, entry.Line);
            }
            if (words.Length < 6)
            {
                file.Report(entry.Line, "analog sensor needs a direction, a threshold, a re-arm level and a name: " + Usage);
                return null;
            }
            if (words[2] != "above" && words[2] != "below")
            {
                file.Report(entry.Line, "analog sensor direction must be above or below, not '" + words[2] + "'");
                return null;
            }
            bool above = words[2] == "above";
            int threshold;
            int rearm;
            if (!int.TryParse(words[3], out threshold) || !int.TryParse(words[4], out rearm) || threshold < 0 || rearm < 0)
            {
                file.Report(entry.Line, "analog threshold and re-arm level must be whole ADC values (0 or more), not '" + words[3] + "' and '" + words[4] + "'");
                return null;
            }
            if (above ? rearm >= threshold : rearm <= threshold)
            {
                file.Report(entry.Line, "analog re-arm level " + rearm.ToString() + " must be " + (above ? "below" : "above") + " the threshold " + threshold.ToString() + ", or a value hovering there alerts again and again");
                return null;
            }
            return new SensorSetting(kind, pin, JoinFrom(words, 5), false, above, threshold, rearm, entry.Line);
        }

        private static string[] Words(string text)
        {
            var words = new ArrayList();
            foreach (string word in text.Split(' ', '\t'))
            {
                if (word.Length > 0)
                {
                    words.Add(word);
                }
            }
            return (string[])words.ToArray(typeof(string));
        }

        private static string JoinFrom(string[] words, int first)
        {
            string text = "";
            for (int i = first; i < words.Length; i++)
            {
                text += (i == first ? "" : " ") + words[i];
            }
            return text;
        }
    }
}
