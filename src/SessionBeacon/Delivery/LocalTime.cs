// The time in an alert's body as its recipients read it: the beacon's local wall-clock time from
// Unix milliseconds and nf.config's time.utc_offset_min, "2026-11-27 14:03 (UTC+01:00)". Written
// out by hand (days to civil date) because the device's DateTime formatting differs from the
// desktop's and the body must be the same text on both.
namespace SessionBeacon.Delivery
{
    /// <summary>Formats a moment as local date and time with its UTC offset.</summary>
    public static class LocalTime
    {
        private const long MsPerMinute = 60000;
        private const long MinutesPerDay = 1440;

        /// <summary>"yyyy-MM-dd HH:mm (UTC±hh:mm)" for <paramref name="unixMs"/> at <paramref name="offsetMinutes"/> from UTC.</summary>
        /// <exception cref="System.ArgumentException">unixMs is negative.</exception>
        public static string Format(long unixMs, int offsetMinutes)
        {
            if (unixMs < 0)
            {
                throw Errors.Range("unixMs", "must not be before 1970");
            }
            long minutes = unixMs / MsPerMinute + offsetMinutes;
            long days = minutes / MinutesPerDay;
            long minuteOfDay = minutes % MinutesPerDay;
            if (minuteOfDay < 0)
            {
                minuteOfDay += MinutesPerDay;
                days--;
            }
            int year;
            int month;
            int day;
            CivilDate(days, out year, out month, out day);
            return year.ToString() + "-" + Two(month) + "-" + Two(day) + " " + Two((int)(minuteOfDay / 60)) + ":" + Two((int)(minuteOfDay % 60))
                + " (UTC" + (offsetMinutes < 0 ? "-" : "+") + Two(Abs(offsetMinutes) / 60) + ":" + Two(Abs(offsetMinutes) % 60) + ")";
        }

        // Days since 1970-01-01 to the proleptic Gregorian date, by 400-year eras (each 146,097 days).
        private static void CivilDate(long days, out int year, out int month, out int day)
        {
            long z = days + 719468;
            long era = (z >= 0 ? z : z - 146096) / 146097;
            long dayOfEra = z - era * 146097;
            long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
            long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
            long monthIndex = (5 * dayOfYear + 2) / 153;
            day = (int)(dayOfYear - (153 * monthIndex + 2) / 5 + 1);
            month = (int)(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9);
            year = (int)(yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
        }

        private static string Two(int value)
        {
            return value < 10 ? "0" + value.ToString() : value.ToString();
        }

        private static int Abs(int value)
        {
            return value < 0 ? -value : value;
        }
    }
}
