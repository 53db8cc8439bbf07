// The ESP32's Wi-Fi station for WifiLink (nanoFramework only), which picks the networks and their
// order (Hardware/WifiChoice). Scan: the adapter's ScanAsync starts the scan and returns at once;
// the AvailableNetworksChanged event says when it is done (a sweep of the 2.4 GHz channels takes a
// few seconds), and the wait for it is bounded by the scan timeout. The adapter object is kept:
// every FindAllAdapters makes new ones and registers each for the adapter's events. A scan fails
// (and every network is then tried in nf.config's order) where the station is not started yet or is
// busy joining. Join: WifiNetworkHelper.ConnectDhcp, which stores the network in the device's Wi-Fi
// configuration, connects and waits for a DHCP address, bounded by a CancellationTokenSource; a
// network that is not there costs the whole join timeout, since the helper waits for the address
// whatever the join answered. The passphrase goes only to the helper: it is never written to the
// debug output or put into an exception message.
using System;
using System.Device.Wifi;
using System.Diagnostics;
using System.Threading;
using nanoFramework.Networking;
using SessionBeacon.Hardware;

namespace SessionBeacon.Esp32
{
    /// <summary>The ESP32's Wi-Fi station: scans, and joins one network at a time.</summary>
    public sealed class WifiRadio : IWifiRadio
    {
        /// <summary>A scan of the 2.4 GHz channels takes a few seconds; 10 s leaves room for a busy radio.</summary>
        public const int DefaultScanTimeoutMilliseconds = 10000;

        /// <summary>A join plus DHCP normally takes 2-8 s; 20 s leaves room for a slow access point.</summary>
        public const int DefaultJoinTimeoutMilliseconds = 20000;

        private readonly int _scanTimeoutMilliseconds;
        private readonly int _joinTimeoutMilliseconds;
        private readonly AutoResetEvent _scanned = new AutoResetEvent(false);
        private WifiAdapter _adapter;
        private bool _joined;

        /// <summary>A station that waits at most <paramref name="scanTimeoutMilliseconds"/> for a scan and <paramref name="joinTimeoutMilliseconds"/> for each join.</summary>
        /// <exception cref="ArgumentException">A timeout is below 1.</exception>
        public WifiRadio(int scanTimeoutMilliseconds, int joinTimeoutMilliseconds)
        {
            if (scanTimeoutMilliseconds < 1)
            {
                throw new ArgumentException("scanTimeoutMilliseconds must be at least 1", "scanTimeoutMilliseconds");
            }
            if (joinTimeoutMilliseconds < 1)
            {
                throw new ArgumentException("joinTimeoutMilliseconds must be at least 1", "joinTimeoutMilliseconds");
            }
            _scanTimeoutMilliseconds = scanTimeoutMilliseconds;
            _joinTimeoutMilliseconds = joinTimeoutMilliseconds;
        }

        /// <summary>
        /// True after a successful Join while the helper still reports the network ready. A link that
        /// drops later is noticed when a request fails; the beacon then connects again.
        /// </summary>
        public bool IsJoined
        {
            get { return _joined && WifiNetworkHelper.Status == NetworkHelperStatus.NetworkIsReady; }
        }

        /// <summary>Scans and tells <paramref name="heard"/> every access point heard, waiting at most the scan timeout.</summary>
        /// <returns>False when the scan could not be made or did not finish in time.</returns>
        public bool Scan(WifiChoice heard)
        {
            try
            {
                if (_adapter == null)
                {
                    WifiAdapter[] adapters = WifiAdapter.FindAllAdapters();
                    if (adapters.Length == 0)
                    {
                        Debug.WriteLine("Wi-Fi: no adapter to scan with");
                        return false;
                    }
                    _adapter = adapters[0];
                    _adapter.AvailableNetworksChanged += OnScanned;
                }
                _scanned.Reset();
                _adapter.ScanAsync();
                if (!_scanned.WaitOne(_scanTimeoutMilliseconds, false))
                {
                    Debug.WriteLine("Wi-Fi: the scan did not finish within " + _scanTimeoutMilliseconds.ToString() + " ms");
                    return false;
                }
                WifiAvailableNetwork[] networks = _adapter.NetworkReport.AvailableNetworks;
                foreach (WifiAvailableNetwork network in networks)
                {
                    heard.Heard(network.Ssid, (int)network.NetworkRssiInDecibelMilliwatts);
                }
                Debug.WriteLine("Wi-Fi: the scan heard " + networks.Length.ToString() + " access point(s)");
                return true;
            }
            catch (Exception failure)
            {
                // The station is not started yet, or busy joining: the networks are then tried in nf.config's order.
                Debug.WriteLine("Wi-Fi: no scan (" + failure.Message + ")");
                return false;
            }
        }

        /// <summary>Joins <paramref name="ssid"/> and waits for an address, at most the join timeout.</summary>
        /// <returns>True when joined with an address.</returns>
        public bool Join(string ssid, string password)
        {
            using (var timeout = new CancellationTokenSource(_joinTimeoutMilliseconds))
            {
                // requiresDateTime is false: SntpTimeSync sets the clock as its own, bounded step.
                _joined = WifiNetworkHelper.ConnectDhcp(ssid, password, WifiReconnectionKind.Automatic, false, 0, timeout.Token);
            }
            Debug.WriteLine(_joined ? "Wi-Fi: joined '" + ssid + "'"
                : "Wi-Fi: could not join '" + ssid + "' within " + _joinTimeoutMilliseconds.ToString() + " ms (" + StatusName(WifiNetworkHelper.Status) + ")");
            return _joined;
        }

        private void OnScanned(WifiAdapter sender, object e)
        {
            _scanned.Set();
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
