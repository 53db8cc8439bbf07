// Compile-only shim of nanoFramework.System.Device.Wifi 1.5.144 (assembly System.Device.Wifi):
// WifiNetworkHelper.ConnectDhcp and its arguments, exactly as src/SessionBeacon/Esp32 calls them,
// with the signatures of nanoframework/System.Device.Wifi System.Device.Wifi/NetworkHelper/
// WifiNetworkHelper.cs and WifiReconnectionKind.cs (see README.md). Never run: every body throws.
namespace System.Device.Wifi
{
    /// <summary>nanoFramework: what the adapter does when the connection drops.</summary>
    public enum WifiReconnectionKind
    {
        /// <summary>Reconnect by itself.</summary>
        Automatic,

        /// <summary>Leave it to the app.</summary>
        Manual,
    }
}

namespace nanoFramework.Networking
{
    using System;
    using System.Device.Wifi;
    using System.Threading;

    /// <summary>nanoFramework: joins a Wi-Fi network and waits for an address.</summary>
    public static class WifiNetworkHelper
    {
        /// <summary>The helper's state after its last call.</summary>
        public static NetworkHelperStatus Status => throw new NotImplementedException();

        /// <summary>The exception behind a failed call, or null.</summary>
        public static Exception HelperException => throw new NotImplementedException();

        /// <summary>Joins <paramref name="ssid"/> with DHCP; false when <paramref name="token"/> is cancelled first or the join fails (see Status).</summary>
        public static bool ConnectDhcp(string ssid, string password, WifiReconnectionKind reconnectionKind = WifiReconnectionKind.Automatic, bool requiresDateTime = false, int wifiAdapterId = 0, CancellationToken token = default) => throw new NotImplementedException();
    }
}
