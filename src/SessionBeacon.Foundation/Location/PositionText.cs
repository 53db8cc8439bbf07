// The position as the recipient's stock Session app shows it (docs/location.md, docs/recipients.md):
// a headline, then two links, appended to an alert's text:
//   Position: 52.52001, 13.40495 (±8 m, 42 s ago)
//   https://www.openstreetmap.org/?mlat=52.52001&mlon=13.40495#map=17/52.52001/13.40495
//   geo:52.52001,13.40495
// A fix older than CurrentMaxAgeMs is "Last known position (3 h ago): ...", no fix is said plainly.
// Degrees have 5 decimals (about 1 m), rounded half away from zero, south and west negative.
// Accuracy is HDOP times UereMetres: a rough horizontal error for a consumer receiver, not a bound.
// The https link is the one every Session app makes clickable; Session Desktop and Android leave a
// geo: URI (RFC 5870) as plain text, but copied into a phone's map or navigation app it opens there
// without a web service, and an app that does link it opens it directly (docs/location.md).
// Integer arithmetic and a few
// concatenations only: nanoCLR has no fast floating point, and a double prints differently there.
namespace SessionBeacon.Location
{
    /// <summary>Writes a GPS fix as the lines an alert carries.</summary>
    public static class PositionText
    {
        /// <summary>The oldest fix, in ms, that is written as the current position; an older one is the last known position.</summary>
        public const long CurrentMaxAgeMs = 60000;

        /// <summary>The user equivalent range error assumed for the accuracy, in metres: accuracy = HDOP x this.</summary>
        public const int UereMetres = 5;

        /// <summary>The line when the board has a GPS but no fix has been seen.</summary>
        public const string NoFixText = "No position: the GPS has no fix";

        /// <summary>The line when the board has no GPS.</summary>
        public const string NoGpsText = "No position: this beacon has no GPS";

        private const int MaxLatitudeE7 = 900000000;
        private const int MaxLongitudeE7 = 1800000000;
        private const long E7PerE5 = 100;
        private const long E5PerDegree = 100000;
        private const string Decimals = "00000";

        /// <summary>
        /// The headline and, with a fix, the map link and the geo: URI on lines of their own; <see cref="NoFixText"/>
        /// when <paramref name="fix"/> is null.
        /// </summary>
        /// <param name="fix">The newest fix known (from the GPS, or the last one kept on flash), or null.</param>
        /// <param name="ageMs">How long ago the fix was taken, in ms; negative when unknown.</param>
        /// <exception cref="System.ArgumentException">The fix's latitude or longitude is out of range.</exception>
        public static string Lines(GpsFix fix, long ageMs)
        {
            string headline = Headline(fix, ageMs);
            return fix == null ? headline : headline + "\n" + Links(fix);
        }

        /// <summary>
        /// "Position: 52.52001, 13.40495 (±8 m, 42 s ago)" for a fix at most <see cref="CurrentMaxAgeMs"/> old,
        /// "Last known position (3 h ago): 52.52001, 13.40495 (±8 m)" for an older one (or one of unknown age),
        /// <see cref="NoFixText"/> for none.
        /// </summary>
        /// <exception cref="System.ArgumentException">The fix's latitude or longitude is out of range.</exception>
        public static string Headline(GpsFix fix, long ageMs)
        {
            if (fix == null)
            {
                return NoFixText;
            }
            Check(fix);
            string where = Degrees(fix.LatitudeE7) + ", " + Degrees(fix.LongitudeE7);
            if (ageMs >= 0 && ageMs <= CurrentMaxAgeMs)
            {
                return "Position: " + where + " (" + Accuracy(fix.HdopCenti) + ", " + Age(ageMs) + " ago)";
            }
            return "Last known position (" + (ageMs < 0 ? "time unknown" : Age(ageMs) + " ago") + "): " + where + " (" + Accuracy(fix.HdopCenti) + ")";
        }

        /// <summary>
        /// Two lines: the OpenStreetMap link that shows a marker at the fix (a clickable https link in every Session app),
        /// then the geo: URI of the fix ("geo:52.52001,13.40495") for a phone's map app.
        /// </summary>
        /// <exception cref="System.ArgumentNullException"><paramref name="fix"/> is null.</exception>
        /// <exception cref="System.ArgumentException">The fix's latitude or longitude is out of range.</exception>
        public static string Links(GpsFix fix)
        {
            Check(fix);
            string latitude = Degrees(fix.LatitudeE7);
            string longitude = Degrees(fix.LongitudeE7);
            return "https://www.openstreetmap.org/?mlat=" + latitude + "&mlon=" + longitude + "#map=17/" + latitude + "/" + longitude
                + "\ngeo:" + latitude + "," + longitude;
        }

        /// <summary>Degrees from 1e-7 units with 5 decimals, rounded half away from zero: 525200050 is "52.52001", -4 is "0.00000".</summary>
        public static string Degrees(int e7)
        {
            long magnitude = e7 < 0 ? -(long)e7 : e7;
            long e5 = (magnitude + E7PerE5 / 2) / E7PerE5;
            string decimals = (e5 % E5PerDegree).ToString();
            string text = (e5 / E5PerDegree).ToString() + "." + Decimals.Substring(decimals.Length) + decimals;
            return e7 < 0 && e5 != 0 ? "-" + text : text;
        }

        /// <summary>"±8 m" from the HDOP in hundredths (HDOP x <see cref="UereMetres"/>, rounded, at least 1 m); "accuracy unknown" for a negative HDOP.</summary>
        public static string Accuracy(int hdopCenti)
        {
            if (hdopCenti < 0)
            {
                return "accuracy unknown";
            }
            long metres = ((long)hdopCenti * UereMetres + 50) / 100;
            return "\u00b1" + (metres < 1 ? 1 : metres).ToString() + " m";
        }

        /// <summary>A duration in whole units, rounded down: "42 s" up to 2 minutes, "5 min" up to 2 hours, "3 h" up to 2 days, then "4 d".</summary>
        /// <exception cref="System.ArgumentException"><paramref name="ms"/> is negative.</exception>
        public static string Age(long ms)
        {
            if (ms < 0)
            {
                throw Errors.Range("ms", "must not be negative");
            }
            long seconds = ms / 1000;
            if (seconds < 120)
            {
                return seconds.ToString() + " s";
            }
            long minutes = seconds / 60;
            if (minutes < 120)
            {
                return minutes.ToString() + " min";
            }
            long hours = minutes / 60;
            return hours < 48 ? hours.ToString() + " h" : (hours / 24).ToString() + " d";
        }

        /// <summary>True when the fix's latitude is within 90 degrees and its longitude within 180.</summary>
        internal static bool IsOnEarth(GpsFix fix)
        {
            return fix.LatitudeE7 >= -MaxLatitudeE7 && fix.LatitudeE7 <= MaxLatitudeE7 && fix.LongitudeE7 >= -MaxLongitudeE7 && fix.LongitudeE7 <= MaxLongitudeE7;
        }

        private static void Check(GpsFix fix)
        {
            if (fix == null)
            {
                throw Errors.Null("fix");
            }
            if (!IsOnEarth(fix))
            {
                throw Errors.Range("fix", "must lie within 90 degrees of latitude and 180 of longitude");
            }
        }
    }
}
