// A position from the GPS module, kept in whole numbers: nanoCLR has no fast floating point and
// printing a double differs between runtimes, while integers print the same everywhere. Degrees are
// in units of 1e-7 (about 1 cm; NMEA's usual 4 to 5 decimals of a minute are coarser), so a
// latitude or longitude fits an int.
namespace SessionBeacon.Location
{
    /// <summary>One position fix: where, how good, and when (UTC) the receiver took it.</summary>
    public sealed class GpsFix
    {
        /// <summary>A fix; pass -1 for a count or time the receiver did not give.</summary>
        public GpsFix(int latitudeE7, int longitudeE7, int hdopCenti, int satellites, int quality, long utcMillis)
        {
            LatitudeE7 = latitudeE7;
            LongitudeE7 = longitudeE7;
            HdopCenti = hdopCenti;
            Satellites = satellites;
            Quality = quality;
            UtcMillis = utcMillis;
        }

        /// <summary>Latitude in 1e-7 degrees, north positive (-900000000 to 900000000).</summary>
        public int LatitudeE7 { get; }

        /// <summary>Longitude in 1e-7 degrees, east positive (-1800000000 to 1800000000).</summary>
        public int LongitudeE7 { get; }

        /// <summary>Horizontal dilution of precision in hundredths (120 = 1.2), or -1 when unknown.</summary>
        public int HdopCenti { get; }

        /// <summary>Satellites used in the fix, or -1 when unknown.</summary>
        public int Satellites { get; }

        /// <summary>GGA fix quality: 1 GPS, 2 differential, 4/5 RTK, 6 dead reckoning; 0 is never a fix.</summary>
        public int Quality { get; }

        /// <summary>When the receiver took the fix, Unix milliseconds UTC, or -1 when it gave no date.</summary>
        public long UtcMillis { get; }
    }
}
