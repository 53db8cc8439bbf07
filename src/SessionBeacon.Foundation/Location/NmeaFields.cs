// The comma-separated fields of one NMEA 0183 sentence, read straight from the reader's byte buffer:
// no string is made (nanoCLR keeps strings as UTF-8, so indexing one walks it from its start;
// docs/portable-csharp.md §5) and nothing is allocated after construction. Field 0 is the address
// ("GPGGA"); the checksum is not a field. Every reader returns -1 for an empty field and
// NmeaFields.Invalid (below -1) for one that is present but malformed, so a caller can tell "not given"
// from "garbage". Numbers are whole: a decimal is read as a fixed-point integer (0.91 at two places is 91).
namespace SessionBeacon.Location
{
    internal sealed class NmeaFields
    {
        /// <summary>Returned for a field that is present but malformed.</summary>
        internal const long Invalid = -2;

        /// <summary>The most fields a sentence may have (a GSA has 18, or 19 with NMEA 4.1's system id).</summary>
        internal const int MaxFields = 24;

        private const int MillisPerDay = 86400000;

        // The largest value Fixed reads: far above any field of these sentences, far below a long's overflow.
        private const long MaxFixed = 1000000000000000;

        // The decimals of a minute that Degrees reads: u-blox's high-precision mode gives 7; more would overflow its long arithmetic.
        private const int MaxFractionDigits = 9;

        private const long Billion = 1000000000;

        private readonly byte[] _line;
        private readonly int[] _start = new int[MaxFields + 1];

        internal NmeaFields(byte[] line)
        {
            _line = line;
        }

        /// <summary>The number of fields.</summary>
        internal int Count { get; private set; }

        /// <summary>Splits _line[1.._end) (after the '$', before the '*') at commas; false when there are too many fields.</summary>
        internal bool Split(int end)
        {
            int count = 0;
            _start[0] = 1;
            for (int i = 1; i < end; i++)
            {
                if (_line[i] == (byte)',')
                {
                    if (++count == MaxFields)
                    {
                        return false;
                    }
                    _start[count] = i + 1;
                }
            }
            Count = count + 1;
            // One past the last field's end, as if a comma followed it, so that every field ends at _start[f + 1] - 1.
            _start[Count] = end + 1;
            return true;
        }

        /// <summary>The length of field <paramref name="field"/>, 0 when the sentence has fewer fields.</summary>
        internal int Length(int field)
        {
            return field < Count ? _start[field + 1] - 1 - _start[field] : 0;
        }

        /// <summary>The first byte of field <paramref name="field"/>, 0 when it is empty or absent.</summary>
        internal byte First(int field)
        {
            return Length(field) > 0 ? _line[_start[field]] : (byte)0;
        }

        /// <summary>The sentence type after the two-letter talker ("GGA" in "GPGGA") as <see cref="Code"/> gives it, 0 when the address is not 5 letters.</summary>
        internal int Type()
        {
            return Length(0) == 5 ? _line[3] << 16 | _line[4] << 8 | _line[5] : 0;
        }

        /// <summary>Three ASCII letters as one number, to compare with <see cref="Type"/> without walking a string (docs/portable-csharp.md §5).</summary>
        internal static int Code(char first, char second, char third)
        {
            return first << 16 | second << 8 | third;
        }

        /// <summary>
        /// Field <paramref name="field"/> as a decimal with <paramref name="places"/> digits after the point, as a whole
        /// number (places 2: "0.91" is 91, "12" is 1200); further digits are dropped. -1 when empty, <see cref="Invalid"/>
        /// when it is not an unsigned decimal.
        /// </summary>
        internal long Fixed(int field, int places)
        {
            int length = Length(field);
            if (length == 0)
            {
                return -1;
            }
            int at = _start[field];
            int end = at + length;
            long value = 0;
            int fraction = -1;
            bool digit = false;
            for (; at < end; at++)
            {
                int b = _line[at];
                if (b == '.' && fraction < 0)
                {
                    fraction = 0;
                }
                else if (b >= '0' && b <= '9')
                {
                    digit = true;
                    if (fraction < places)
                    {
                        fraction += fraction < 0 ? 0 : 1;
                        value = value * 10 + (b - '0');
                        if (value > MaxFixed)
                        {
                            return Invalid;
                        }
                    }
                }
                else
                {
                    return Invalid;
                }
            }
            if (!digit)
            {
                return Invalid;
            }
            for (int scale = fraction < 0 ? 0 : fraction; scale < places; scale++)
            {
                value *= 10;
            }
            return value;
        }

        /// <summary>A time of day "hhmmss" or "hhmmss.sss" as milliseconds since midnight (fractions past milliseconds dropped).</summary>
        internal long TimeOfDay(int field)
        {
            long value = Fixed(field, 3);
            if (value < 0)
            {
                return value;
            }
            long millis = value % 1000;
            long hhmmss = value / 1000;
            long hours = hhmmss / 10000;
            long minutes = hhmmss / 100 % 100;
            long seconds = hhmmss % 100;
            // A leap second reads 23:59:60.
            if (Length(field) < 6 || hours > 23 || minutes > 59 || seconds > 60)
            {
                return Invalid;
            }
            return ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis;
        }

        /// <summary>
        /// An RMC date "ddmmyy" as milliseconds from 1970-01-01 to that day's midnight UTC. The two-digit year is read as
        /// 2000-2099: a receiver whose week number rolled over reports an old date, which stays wrong here too.
        /// </summary>
        internal long Date(int field)
        {
            long value = Fixed(field, 0);
            if (value < 0)
            {
                return value;
            }
            int day = (int)(value / 10000);
            int month = (int)(value / 100 % 100);
            int year = 2000 + (int)(value % 100);
            if (Length(field) != 6 || month < 1 || month > 12 || day < 1 || day > DaysIn(month, year))
            {
                return Invalid;
            }
            // Days from 1970-01-01 in a calendar whose years start in March, so that the leap day comes last: a March year
            // y has 365 days and a quarter, less the century years 100 and 400 take away, which from 1901 to 2099 is always 15
            // in all (19 - 4, 20 - 5); 719484 puts 1970-01-01 at day 0.
            int y = month <= 2 ? year - 1 : year;
            long days = 365L * y + y / 4 + (153 * ((month + 9) % 12) + 2) / 5 + day - 719484;
            return days * MillisPerDay;
        }

        /// <summary>
        /// A latitude ("ddmm.mmmm", <paramref name="maxDegrees"/> 90) or longitude ("dddmm.mmmm", 180) with its hemisphere
        /// in the next field, in 1e-7 degrees, north and east positive. The minutes (up to 9 decimals; further ones are
        /// dropped) are converted exactly and rounded to the nearest 1e-7 degree, a half away from zero.
        /// <paramref name="valid"/> is false, and the value 0, when either field is empty or malformed, the minutes are
        /// 60 or more, or the angle is out of range.
        /// </summary>
        internal int Degrees(int field, int maxDegrees, out bool valid)
        {
            valid = false;
            long value = Fixed(field, MaxFractionDigits);
            byte hemisphere = First(field + 1);
            int sign = hemisphere == (maxDegrees == 90 ? 'N' : 'E') ? 1 : hemisphere == (maxDegrees == 90 ? 'S' : 'W') ? -1 : 0;
            long whole = value / Billion;
            long minutes = whole % 100;
            if (value < 0 || sign == 0 || Length(field + 1) != 1 || minutes > 59)
            {
                return 0;
            }
            // degrees + (minutes + fraction) / 60, times 1e7, where minutes + fraction = (value % 1e11) / 1e9: the
            // numerator stays below 6e10 * 1e7 = 6e17, inside a long.
            long e7 = whole / 100 * 10000000 + ((value % (100 * Billion)) * 10000000 + 30 * Billion) / (60 * Billion);
            if (e7 > maxDegrees * 10000000L)
            {
                return 0;
            }
            valid = true;
            return (int)(sign * e7);
        }

        private static int DaysIn(int month, int year)
        {
            if (month == 2)
            {
                return year % 4 == 0 ? 29 : 28;
            }
            return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
        }
    }
}
