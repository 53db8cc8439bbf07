// The beacon's network link over Wi-Fi with several networks (nf.config's wifi.ssid, wifi.2.ssid,
// ...): each Connect scans, orders the networks by WifiChoice's rules (the strongest heard first,
// nf.config's order when signals are alike, networks not heard last), and joins them in that order
// until one works, so a network that refuses or has gone out of range falls back to the next. It
// takes at most the radio's scan timeout plus one join timeout per network; after a round where
// none worked, the beacon's connection stage backs off and calls Connect again (App/Connection).
using SessionBeacon.Config;

namespace SessionBeacon.Hardware
{
    /// <summary>An <see cref="INetworkLink"/> that joins the best of several Wi-Fi networks.</summary>
    public sealed class WifiLink : INetworkLink
    {
        private readonly WifiNetwork[] _networks;
        private readonly IWifiRadio _radio;
        private readonly WifiChoice _choice;
        private int _joined = WifiChoice.NoneLeft;

        /// <summary>A link over <paramref name="radio"/> to one of <paramref name="networks"/>, in nf.config's order.</summary>
        /// <exception cref="System.ArgumentNullException">networks, one of them, or radio is null.</exception>
        public WifiLink(WifiNetwork[] networks, IWifiRadio radio)
        {
            if (networks == null)
            {
                throw Errors.Null("networks");
            }
            if (radio == null)
            {
                throw Errors.Null("radio");
            }
            var ssids = new string[networks.Length];
            for (int i = 0; i < networks.Length; i++)
            {
                if (networks[i] == null)
                {
                    throw Errors.Null("networks");
                }
                ssids[i] = networks[i].Ssid;
            }
            _networks = networks;
            _radio = radio;
            _choice = new WifiChoice(ssids);
        }

        /// <summary>True while the network joined last is still joined.</summary>
        public bool IsUp
        {
            get { return _joined != WifiChoice.NoneLeft && _radio.IsJoined; }
        }

        /// <summary>The name of the network joined by the last Connect, or null when none was.</summary>
        public string Joined
        {
            get { return _joined == WifiChoice.NoneLeft ? null : _networks[_joined].Ssid; }
        }

        /// <summary>Scans, then joins the networks in WifiChoice's order until one works.</summary>
        /// <returns>True when a network is joined.</returns>
        public bool Connect()
        {
            _joined = WifiChoice.NoneLeft;
            _choice.Forget();
            // A failed scan heard nothing: every network is then tried in nf.config's order.
            _radio.Scan(_choice);
            _choice.Order();
            for (int network = _choice.Next(); network != WifiChoice.NoneLeft; network = _choice.Next())
            {
                if (_radio.Join(_networks[network].Ssid, _networks[network].Password))
                {
                    _joined = network;
                    return true;
                }
            }
            return false;
        }
    }
}
