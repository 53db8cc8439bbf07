// The link under the onion requests: Wi-Fi on the device (WifiLink over Esp32/WifiRadio), always up on the desktop.
// The beacon's connection stages ask it first and go back to it whenever a request finds no route.
namespace SessionBeacon.Hardware
{
    /// <summary>A network interface that can be brought up.</summary>
    public interface INetworkLink
    {
        /// <summary>True while the link has an address and can carry requests.</summary>
        bool IsUp { get; }

        /// <summary>Tries once to bring the link up, waiting at most its own timeout.</summary>
        /// <returns>True when the link is up.</returns>
        bool Connect();
    }
}
