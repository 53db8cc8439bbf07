// Where the beacon is on its way from power-on to a confirmed alert. The stages
// before Armed are the connection's; Firing and Confirmed are the outbox's. An alert can be
// accepted in any stage: it is written to flash at once and leaves when the network is there.
namespace SessionBeacon.App
{
    /// <summary>The beacon's stages, in the order a healthy boot passes them.</summary>
    public enum BeaconStage
    {
        /// <summary>Started; the outbox and the policy are loaded.</summary>
        Boot,

        /// <summary>Waiting for the network link (Wi-Fi).</summary>
        NetworkUp,

        /// <summary>Waiting for the wall clock (SNTP).</summary>
        Clock,

        /// <summary>Loading the node pool, the network's time, the recipients' swarms and an onion path.</summary>
        Paths,

        /// <summary>Ready: paths built, single-use slots being armed, nothing waiting to be sent.</summary>
        Armed,

        /// <summary>Alerts in the outbox are being sent.</summary>
        Firing,

        /// <summary>The last alert was delivered to every recipient with verified receipts.</summary>
        Confirmed,
    }
}
