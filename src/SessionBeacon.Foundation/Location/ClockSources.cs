// The beacon's UTC time from its two independent clocks (docs/location.md, "GPS and the clock"):
// the network's clock (NetworkClock: SNTP, then the median of service nodes' clocks, kept within
// 10 s of the local clock unless ten nodes agree on a jump) and the time of the GPS receiver's last
// valid RMC sentence, carried forward on the device's steady clock. The rule:
//   - a GPS time counts when it is at most GpsMaxAgeMs old and not before EarliestGpsUtc (a
//     receiver without almanac, or one past a GPS week-number rollover, reports a date years back);
//   - with both, and within AgreementMs of each other, the network's clock is taken: it is the one
//     service nodes check timestamps against;
//   - with both further apart, the GPS time is taken and the difference reported: the network's
//     clock stays near the local clock, set by SNTP that anyone on the Wi-Fi can forge, until ten
//     nodes agree on a jump, while forging GPS takes a transmitter near the beacon;
//   - with one, that one; with neither, none.
// For what people read and what the beacon plans (alert times, a fix's age, the tracking plan).
// Request timestamps keep using the network's clock: nodes refuse any other.
namespace SessionBeacon.Location
{
    /// <summary>Chooses the UTC time from the network's clock and the GPS.</summary>
    public static class ClockSources
    {
        /// <summary>How far the two clocks may differ and still agree, in ms: an RMC sentence comes up to a second late, and a node's time is taken over an onion path.</summary>
        public const long AgreementMs = 5000;

        /// <summary>The oldest GPS time still used, in ms of the steady clock since its RMC sentence (the steady clock drifts little in 10 minutes).</summary>
        public const long GpsMaxAgeMs = 600000;

        /// <summary>2025-01-01 00:00 UTC in Unix ms: a GPS date before it is a receiver's default or a rollover, never the time.</summary>
        public const long EarliestGpsUtc = 1735689600000;

        /// <summary>The UTC time now, Unix ms, or -1 when neither clock knows it.</summary>
        /// <param name="networkKnown">True once the network's clock is set (NetworkClock.IsSynchronised).</param>
        /// <param name="networkNow">The network's time now, Unix ms.</param>
        /// <param name="gpsUtc">The UTC time of the last valid RMC sentence, Unix ms, or -1 when none was seen.</param>
        /// <param name="gpsAtMs">The steady clock, in ms, when that sentence arrived.</param>
        /// <param name="steadyNow">The steady clock now, in ms.</param>
        /// <param name="source">Which clock the time came from.</param>
        /// <param name="differenceMs">GPS time minus network time when both are known, else 0.</param>
        public static long Now(bool networkKnown, long networkNow, long gpsUtc, long gpsAtMs, long steadyNow, out TimeSource source, out long differenceMs)
        {
            long gpsAge = steadyNow - gpsAtMs;
            bool gpsKnown = gpsUtc >= EarliestGpsUtc && gpsAge >= 0 && gpsAge <= GpsMaxAgeMs;
            long gpsNow = gpsUtc + gpsAge;
            differenceMs = networkKnown && gpsKnown ? gpsNow - networkNow : 0;
            if (!gpsKnown)
            {
                source = networkKnown ? TimeSource.Network : TimeSource.None;
                return networkKnown ? networkNow : -1;
            }
            if (!networkKnown)
            {
                source = TimeSource.Gps;
                return gpsNow;
            }
            bool agree = differenceMs <= AgreementMs && differenceMs >= -AgreementMs;
            source = agree ? TimeSource.Network : TimeSource.GpsOverNetwork;
            return agree ? networkNow : gpsNow;
        }
    }
}
