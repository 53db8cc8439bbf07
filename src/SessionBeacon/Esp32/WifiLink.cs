// INetworkLink over Wi-Fi (nanoFramework only): joins the network from nf.config (wifi.ssid,
// wifi.password) with nanoFramework's WifiNetworkHelper.ConnectDhcp, which stores the credentials
// in the Wi-Fi configuration, connects, and waits for a DHCP address. The wait is bounded by a
// CancellationTokenSource, so a missing access point costs at most the timeout, after which the
// beacon's connection stage backs off and tries again. The passphrase goes only to the helper:
// it is never written to the debug output or put into an exception message.
using System;
using System.Device.Wifi;
using System.Diagnostics;
using System.Threading;
using nanoFramework.Networking;
using SessionBeacon.Hardware;

namespace SessionBeacon.Esp32
{
    /// <summary>The ESP32's Wi-Fi station.</summary>
    public sealed class WifiLink : INetworkLink
    {
        /// <summary>A join plus DHCP normally takes 2-8 s; 20 s leaves room for a slow access point.</summary>
        public const int DefaultTimeoutMilliseconds = 20000;

        private readonly string _ssid;
        private readonly string _password;
        private readonly int _timeoutMilliseconds;
        private bool _up;

        /// <summary>A link to <paramref name="ssid"/>.</summary>
        /// <param name="ssid">The network's name.</param>
        /// <param name="password">The passphrase; empty for an open network.</param>
        /// <param name="timeoutMilliseconds">How long one Connect may wait for the join and an address.</param>
        /// <exception cref="ArgumentNullException">ssid or password is null.</exception>
        /// <exception cref="ArgumentException">ssid is empty or timeoutMilliseconds is below 1.</exception>
        public WifiLink(string ssid, string password, int timeoutMilliseconds)
        {
            if (ssid == null)
            {
                throw new ArgumentNullException("ssid");
            }
            if (password == null)
            {
                throw new ArgumentNullException("password");
            }
            if (ssid.Length == 0)
            {
                throw new ArgumentException("ssid must not be empty", "ssid");
            }
            if (timeoutMilliseconds < 1)
            {
                throw new ArgumentException("timeoutMilliseconds must be at least 1", "timeoutMilliseconds");
            }
            _ssid = ssid;
            _password = password;
            _timeoutMilliseconds = timeoutMilliseconds;
        }

        /// <summary>
        /// True after a successful Connect while the helper still reports the network ready. A link
        /// that drops later is noticed when a request fails; the beacon then calls Connect again.
        /// </summary>
        public bool IsUp
        {
            get { return _up && WifiNetworkHelper.Status == NetworkHelperStatus.NetworkIsReady; }
        }

        /// <summary>Joins the network and waits for an address, at most the timeout.</summary>
        /// <returns>True when the link is up.</returns>
        public bool Connect()
        {
            using (var timeout = new CancellationTokenSource(_timeoutMilliseconds))
            {
                // requiresDateTime is false: SntpTimeSync sets the clock as its own, bounded step.
                _up = WifiNetworkHelper.ConnectDhcp(_ssid, _password, WifiReconnectionKind.Automatic, false, 0, timeout.Token);
            }
            if (!_up)
            {
                Debug.WriteLine("Wi-Fi: could not join '" + _ssid + "' within " + _timeoutMilliseconds.ToString() + " ms (" + StatusName(WifiNetworkHelper.Status) + ")");
            }
            return _up;
        }

        private static string StatusName(NetworkHelperStatus status)
        {
            switch (status)
            {
                case NetworkHelperStatus.FailedNoNetworkInterface: return "no Wi-Fi interface configured";
                case NetworkHelperStatus.TokenExpiredWaitingIPAddress: return "no address before the timeout";
                case NetworkHelperStatus.ErrorConnetingToWiFiWhileScanning: return "the access point refused the join";
                case NetworkHelperStatus.ExceptionOccurred: return "the helper failed";
                default: return "not ready";
            }
        }
    }
}
