using System;
using System.Globalization;
using SessionBeacon.Config;

namespace SessionBeacon.Harness.Device
{
    /// <summary>
    /// One typed input line of 'beacon run' (and of the demo's scenes). Each line happens at the
    /// device time reached so far, and the next one starts when it ends:
    ///   press MS        the button goes down, up MS ms later, and stays up RestMs before the next line
    ///   tap             a short press: press TapMs
    ///   wait MS         nothing happens for MS ms of device time (the beacon's timers run meanwhile)
    ///   sensor S on|off a digital sensor, by its name in nf.config or its GPIO, becomes active or idle
    ///   sensor S VALUE  an analog sensor's raw reading
    ///   battery PERCENT the battery level
    ///   gps LAT LON [M]  the GPS module has a fix there (degrees, south and west negative), accurate to about M
    ///                   metres (default 5), and sends it every second until the next gps line
    ///   gps lost        the GPS module has lost the sky: it sends "no fix"
    ///   quit            stop now
    /// Sensor, battery and gps lines take no time. Blank lines and lines starting with # are nothing.
    /// </summary>
    public sealed class InputLine
    {
        /// <summary>How long a tap holds the button: above any button.debounce_ms, far below panic.hold_ms.</summary>
        public const int TapMs = 150;

        /// <summary>How long the button stays up after a press before the next line: above any button.debounce_ms and below any gesture.gap_ms.</summary>
        public const int RestMs = 150;

        /// <summary>Every form, for help and error messages.</summary>
        public const string Forms = "press MS, tap, wait MS, sensor NAME|GPIO on|off, sensor NAME|GPIO READING (analog), battery PERCENT, gps LAT LON [ACCURACY_M], gps lost or quit";

        /// <summary>A gps line's accuracy when none is given, in metres.</summary>
        public const int DefaultAccuracyMetres = 5;

        public enum Kind { Press, Wait, Sensor, Analog, Battery, Gps, GpsLost, Quit }

        private InputLine(Kind what, string text)
        {
            What = what;
            Text = text;
        }

        public Kind What { get; }

        /// <summary>The line as typed (trimmed).</summary>
        public string Text { get; }

        /// <summary>Press and Wait: how long, in ms.</summary>
        public int Ms { get; private init; }

        /// <summary>Sensor and Analog: the sensor's index in nf.config's sensor lines.</summary>
        public int Sensor { get; private init; }

        /// <summary>Sensor: true for on (active).</summary>
        public bool Active { get; private init; }

        /// <summary>Analog: the raw reading; Battery: the percentage; Gps: the accuracy in metres.</summary>
        public int Value { get; private init; }

        /// <summary>Gps: the latitude in 1e-7 degrees, north positive.</summary>
        public int LatitudeE7 { get; private init; }

        /// <summary>Gps: the longitude in 1e-7 degrees, east positive.</summary>
        public int LongitudeE7 { get; private init; }

        /// <summary>
        /// The line <paramref name="text"/>, or null: with <paramref name="problem"/> null for a blank
        /// line or a comment, else with what is wrong.
        /// </summary>
        public static InputLine Parse(string text, SensorSetting[] sensors, out string problem)
        {
            problem = null;
            text = text.Trim();
            string[] words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0 || words[0].StartsWith('#'))
            {
                return null;
            }
            string command = words[0].ToLowerInvariant();
            switch (command)
            {
                case "press":
                case "wait":
                    if (words.Length != 2 || !int.TryParse(words[1], NumberStyles.None, CultureInfo.InvariantCulture, out int ms) || (ms == 0 && command == "press"))
                    {
                        problem = "'" + text + "' needs a time in ms, such as '" + command + (command == "press" ? " 2000'" : " 1000'");
                        return null;
                    }
                    return new InputLine(command == "press" ? Kind.Press : Kind.Wait, text) { Ms = ms };
                case "tap" when words.Length == 1:
                    return new InputLine(Kind.Press, text) { Ms = TapMs };
                case "quit" when words.Length == 1:
                    return new InputLine(Kind.Quit, text);
                case "battery":
                    if (words.Length != 2 || !int.TryParse(words[1], NumberStyles.None, CultureInfo.InvariantCulture, out int percent) || percent > 100)
                    {
                        problem = "'" + text + "' needs a percentage from 0 to 100";
                        return null;
                    }
                    return new InputLine(Kind.Battery, text) { Value = percent };
                case "sensor":
                    return SensorLine(text, words, sensors, out problem);
                case "gps":
                    return GpsLine(text, words, out problem);
                default:
                    problem = "'" + text + "' is not an input; write " + Forms;
                    return null;
            }
        }

        /// <summary>How the run names a sensor: 'Front door' (GPIO 13).</summary>
        public static string Describe(SensorSetting sensor) => "'" + sensor.Name + "' (GPIO " + sensor.Pin + ")";

        // "sensor NAME|GPIO on|off|READING": the name may have spaces, so the value is the last word.
        private static InputLine SensorLine(string text, string[] words, SensorSetting[] sensors, out string problem)
        {
            problem = null;
            if (words.Length < 3)
            {
                problem = "'" + text + "' needs a sensor and on|off, such as 'sensor " + (sensors.Length > 0 ? sensors[0].Pin : 13) + " on'";
                return null;
            }
            string name = string.Join(' ', words, 1, words.Length - 2);
            int index = Find(name, sensors);
            if (index < 0)
            {
                problem = "no sensor '" + name + "' in nf.config; " + (sensors.Length == 0 ? "it has no 'sensor =' lines (docs/alert-policy.md)" : "its sensors: " + List(sensors));
                return null;
            }
            SensorSetting sensor = sensors[index];
            string value = words[^1].ToLowerInvariant();
            if (sensor.Kind == SensorKind.Analog)
            {
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int reading))
                {
                    problem = Describe(sensor) + " is an analog sensor: write a raw reading, such as 'sensor " + sensor.Pin + " " + sensor.Threshold + "'";
                    return null;
                }
                return new InputLine(Kind.Analog, text) { Sensor = index, Value = reading };
            }
            if (value != "on" && value != "off")
            {
                problem = Describe(sensor) + " is a digital sensor: write on or off, such as 'sensor " + sensor.Pin + " on'";
                return null;
            }
            return new InputLine(Kind.Sensor, text) { Sensor = index, Active = value == "on" };
        }

        // "gps LAT LON [ACCURACY_M]" or "gps lost".
        private static InputLine GpsLine(string text, string[] words, out string problem)
        {
            problem = null;
            if (words.Length == 2 && words[1].Equals("lost", StringComparison.OrdinalIgnoreCase))
            {
                return new InputLine(Kind.GpsLost, text);
            }
            int accuracy = DefaultAccuracyMetres;
            if (words.Length < 3 || words.Length > 4 || !Degrees(words[1], 90, out int latitude) || !Degrees(words[2], 180, out int longitude)
                || (words.Length == 4 && (!int.TryParse(words[3], NumberStyles.None, CultureInfo.InvariantCulture, out accuracy) || accuracy < 1 || accuracy > 1000)))
            {
                problem = "'" + text + "' needs a latitude from -90 to 90 and a longitude from -180 to 180 in degrees, and optionally an accuracy"
                    + " from 1 to 1000 m, such as 'gps 52.52001 13.40495 8', or 'gps lost'";
                return null;
            }
            return new InputLine(Kind.Gps, text) { LatitudeE7 = latitude, LongitudeE7 = longitude, Value = accuracy };
        }

        // Decimal degrees (at most 7 decimals) as 1e-7 units, within +-max.
        private static bool Degrees(string word, int max, out int e7)
        {
            e7 = 0;
            if (!decimal.TryParse(word, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal degrees)
                || decimal.Abs(degrees) > max || decimal.Round(degrees, 7) != degrees)
            {
                return false;
            }
            e7 = (int)(degrees * 10_000_000m);
            return true;
        }

        // A GPIO number first, then the name (any case).
        private static int Find(string name, SensorSetting[] sensors)
        {
            if (int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out int pin))
            {
                int byPin = Array.FindIndex(sensors, s => s.Pin == pin);
                if (byPin >= 0)
                {
                    return byPin;
                }
            }
            return Array.FindIndex(sensors, s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
        }

        private static string List(SensorSetting[] sensors)
        {
            var described = new string[sensors.Length];
            for (int i = 0; i < sensors.Length; i++)
            {
                described[i] = Describe(sensors[i]);
            }
            return string.Join(", ", described);
        }
    }
}
