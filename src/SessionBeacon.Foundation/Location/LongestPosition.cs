// The longest lines PositionText writes (docs/location.md), for the sizes that must hold any
// position: the padded size of alerts that can carry one (AlertComposer.MinimumPaddedSize,
// docs/threat-model.md "Sizes") and the heap they take (HeapBudget). Found by writing the extremes:
// the south-western corner (most digits and minus signs), an unknown and the largest accuracy, and
// ages from none to unknown and very old; the lines when there is no position are among them.
using Session.Core.Micro.Encoding;

namespace SessionBeacon.Location
{
    /// <summary>The longest position lines an alert can carry.</summary>
    public static class LongestPosition
    {
        private const int SouthWestLatitudeE7 = -899999900;
        private const int SouthWestLongitudeE7 = -1799999900;

        // NmeaReader takes an HDOP of at most 999.99.
        private const int LargestHdopCenti = 99999;

        // About 270 years: more digits of age than any clock can give.
        private const long LongestAgeMs = 8640000000000;

        /// <summary>The longest text, in UTF-8 bytes, that PositionText.Lines or a no-position line gives.</summary>
        public static string Lines()
        {
            string longest = PositionText.NoGpsText;
            longest = Longer(longest, PositionText.NoFixText);
            long[] ages = { -1, 0, PositionText.CurrentMaxAgeMs, LongestAgeMs };
            int[] hdops = { -1, LargestHdopCenti };
            for (int h = 0; h < hdops.Length; h++)
            {
                var fix = new GpsFix(SouthWestLatitudeE7, SouthWestLongitudeE7, hdops[h], 0, 1, 1);
                for (int a = 0; a < ages.Length; a++)
                {
                    longest = Longer(longest, PositionText.Lines(fix, ages[a]));
                }
            }
            return longest;
        }

        /// <summary>The longer of two texts in UTF-8 bytes, what a message's size counts; the first when they are equal.</summary>
        public static string Longer(string a, string b)
        {
            return Utf8.Encode(b).Length > Utf8.Encode(a).Length ? b : a;
        }
    }
}
