using System;
using System.Linq;
using SessionBeacon.Hardware;

namespace SessionBeacon.Harness.Network
{
    /// <summary>
    /// The simulated device's Wi-Fi ('beacon run --wifi-in-range'): the networks named are in range,
    /// each heard by a scan at <see cref="SignalDbm"/> and accepting a join; every other network is
    /// out of range. The firmware's own WifiLink and WifiChoice decide which to join, as on a board,
    /// so a run shows the fallback to a phone's hotspot when home is away. The network underneath is
    /// still the computer's: in range or not only decides whether the beacon gets to use it. Each
    /// scan and join is one line of the run; passphrases are never shown.
    /// </summary>
    public sealed class SimulatedRadio : IWifiRadio
    {
        /// <summary>The signal of every network in range: alike, so nf.config's order decides among them.</summary>
        public const int SignalDbm = -60;

        private readonly string[] _inRange;
        private readonly Action<string> _say;

        /// <param name="inRange">The networks' names (SSIDs) in range; case matters, as on a radio.</param>
        /// <param name="say">Writes one line of the run.</param>
        public SimulatedRadio(string[] inRange, Action<string> say)
        {
            _inRange = inRange;
            _say = say;
        }

        public bool IsJoined { get; private set; }

        public bool Scan(WifiChoice heard)
        {
            foreach (string ssid in _inRange)
            {
                heard.Heard(ssid, SignalDbm);
            }
            _say("Wi-Fi: the scan hears " + (_inRange.Length == 0 ? "no network" : string.Join(", ", _inRange.Select(ssid => "'" + ssid + "'"))));
            return true;
        }

        public bool Join(string ssid, string password)
        {
            IsJoined = Array.IndexOf(_inRange, ssid) >= 0;
            _say(IsJoined ? "Wi-Fi: joined '" + ssid + "'" : "Wi-Fi: could not join '" + ssid + "': out of range");
            return IsJoined;
        }
    }
}
