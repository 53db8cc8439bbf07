using System.Collections.Generic;
using SessionBeacon.Hardware;

namespace SessionBeacon.Tests.Support
{
    /// <summary>
    /// A deterministic IWifiRadio: the access points it hears (name and signal, in the order a scan
    /// reports them), the networks that accept a join, and every join it was asked for, in order.
    /// </summary>
    internal sealed class AirwavesRadio : IWifiRadio
    {
        private readonly List<(string Ssid, int Rssi)> _heard = new List<(string, int)>();
        private readonly HashSet<string> _accepting = new HashSet<string>();

        /// <summary>False makes every scan fail, as a radio busy or not started.</summary>
        public bool ScanWorks { get; set; } = true;

        /// <summary>The networks Join was asked for, in order.</summary>
        public List<string> Joins { get; } = new List<string>();

        /// <summary>The passphrase of each join, in order.</summary>
        public List<string> Passwords { get; } = new List<string>();

        public bool IsJoined { get; set; }

        /// <summary>An access point a scan hears; a network may have several.</summary>
        public AirwavesRadio Hears(string ssid, int rssi)
        {
            _heard.Add((ssid, rssi));
            return this;
        }

        /// <summary>The radio hears nothing any more (until Hears), as when the beacon is carried elsewhere.</summary>
        public AirwavesRadio Quiet()
        {
            _heard.Clear();
            return this;
        }

        /// <summary>A network that accepts a join (in range or not: a hidden network is not heard but can be joined).</summary>
        public AirwavesRadio Accepts(string ssid)
        {
            _accepting.Add(ssid);
            return this;
        }

        public bool Scan(WifiChoice heard)
        {
            if (!ScanWorks)
            {
                return false;
            }
            foreach ((string ssid, int rssi) in _heard)
            {
                heard.Heard(ssid, rssi);
            }
            return true;
        }

        public bool Join(string ssid, string password)
        {
            Joins.Add(ssid);
            Passwords.Add(password);
            IsJoined = _accepting.Contains(ssid);
            return IsJoined;
        }
    }
}
