// Which clock ClockSources took the time from (docs/location.md, "GPS and the clock").
namespace SessionBeacon.Location
{
    /// <summary>The source of the beacon's UTC time.</summary>
    public enum TimeSource
    {
        /// <summary>Neither clock knows the time yet.</summary>
        None = 0,

        /// <summary>The network's clock (the median of service nodes' clocks); with a recent GPS time, the two agree.</summary>
        Network = 1,

        /// <summary>The GPS time, because the network's clock is not known yet.</summary>
        Gps = 2,

        /// <summary>The GPS time, because the network's clock differs from it by more than ClockSources.AgreementMs.</summary>
        GpsOverNetwork = 3,
    }
}
