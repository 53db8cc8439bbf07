// Compile-only shim of nanoFramework.System.Device.Wifi 1.5.144 (assembly System.Device.Wifi):
// WifiNetworkHelper.ConnectDhcp and its arguments, and the WifiAdapter scan (ScanAsync, the
// AvailableNetworksChanged event, NetworkReport and its networks' names and signals), exactly as
// src/SessionBeacon.Esp32 calls them, with the signatures of nanoframework/System.Device.Wifi
// System.Device.Wifi/NetworkHelper/WifiNetworkHelper.cs, WifiAdapter.cs, WifiNetworkReport.cs,
// WifiAvailableNetwork.cs and WifiReconnectionKind.cs (see README.md). Never run: every body throws.
namespace System.Device.Wifi
{
    /// <summary>nanoFramework: raised when a scan of the adapter completes.</summary>
    public delegate void AvailableNetworksChangedEventHandler(WifiAdapter sender, object e);

    /// <summary>nanoFramework: a Wi-Fi adapter that scans and connects.</summary>
    public sealed class WifiAdapter : IDisposable
    {
        private WifiAdapter()
        {
        }

        /// <summary>Raised when a scan started by ScanAsync completes.</summary>
        public event AvailableNetworksChangedEventHandler AvailableNetworksChanged
        {
            add => throw new NotImplementedException();
            remove => throw new NotImplementedException();
        }

        /// <summary>The networks the last scan found.</summary>
        public WifiNetworkReport NetworkReport => throw new NotImplementedException();

        /// <summary>Every Wi-Fi adapter of the device; a new object for each on every call.</summary>
        public static WifiAdapter[] FindAllAdapters() => throw new NotImplementedException();

        /// <summary>Starts a scan; AvailableNetworksChanged says when it is done.</summary>
        public void ScanAsync() => throw new NotImplementedException();

        /// <summary>Releases the adapter.</summary>
        public void Dispose() => throw new NotImplementedException();
    }

    /// <summary>nanoFramework: the result of a scan.</summary>
    public class WifiNetworkReport
    {
        private WifiNetworkReport()
        {
        }

        /// <summary>One entry per access point heard.</summary>
        public WifiAvailableNetwork[] AvailableNetworks => throw new NotImplementedException();
    }

    /// <summary>nanoFramework: one access point a scan heard.</summary>
    public class WifiAvailableNetwork
    {
        private WifiAvailableNetwork()
        {
        }

        /// <summary>The network's name; empty for a hidden network.</summary>
        public string Ssid => throw new NotImplementedException();

        /// <summary>The signal strength in dBm.</summary>
        public double NetworkRssiInDecibelMilliwatts => throw new NotImplementedException();
    }

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
