// Which of the configured Wi-Fi networks to try, and in what order, from what a scan heard
// (docs/provisioning.md, "Several Wi-Fi networks"). The rules:
//   - Networks the scan heard come first. The next one is the strongest left, except that a
//     network earlier in nf.config's order wins over it when its signal is within AlikeDecibels:
//     a few dB say little (they change as a person turns around), while the order says where the
//     owner wants the beacon to be, home before a phone's hotspot that drains its battery.
//   - Networks the scan did not hear come last, in nf.config's order: a hidden network never shows
//     its name in a scan, and a hotspot switched on a moment ago may have been missed. A failed scan
//     hears nothing, so then every network is tried in nf.config's order.
//   - Networks nf.config does not list, and hidden ones (no name), are never tried; an access
//     point heard several times (a network with several access points) counts at its strongest.
// Allocation-bounded: the arrays are made once, in the constructor; a scan and an order allocate
// nothing, so a beacon that looks for Wi-Fi every few minutes for weeks does not wear its heap.
using System;

namespace SessionBeacon.Hardware
{
    /// <summary>Orders the configured Wi-Fi networks for joining, from a scan.</summary>
    public sealed class WifiChoice
    {
        /// <summary>Signals this close count as alike, and nf.config's order decides between them.</summary>
        public const int AlikeDecibels = 10;

        /// <summary>The signal of a network the scan did not hear.</summary>
        public const int NotHeard = int.MinValue;

        /// <summary>The weakest signal a radio reports (an 8-bit dBm value); anything below counts as this.</summary>
        public const int WeakestRssi = -128;

        /// <summary><see cref="Next"/>'s answer once every network was tried.</summary>
        public const int NoneLeft = -1;

        private readonly string[] _ssids;
        private readonly int[] _rssi;
        private readonly int[] _order;
        private readonly bool[] _placed;
        private int _next;

        /// <summary>A choice among <paramref name="ssids"/>, the networks' names in nf.config's order.</summary>
        /// <exception cref="ArgumentNullException">ssids or one of its names is null.</exception>
        public WifiChoice(string[] ssids)
        {
            if (ssids == null)
            {
                throw Errors.Null("ssids");
            }
            foreach (string ssid in ssids)
            {
                if (ssid == null)
                {
                    throw Errors.Null("ssids");
                }
            }
            _ssids = ssids;
            _rssi = new int[ssids.Length];
            _order = new int[ssids.Length];
            _placed = new bool[ssids.Length];
            Forget();
        }

        /// <summary>Starts a new scan: nothing is heard, and the order is nf.config's until <see cref="Order"/>.</summary>
        public void Forget()
        {
            for (int i = 0; i < _rssi.Length; i++)
            {
                _rssi[i] = NotHeard;
                _order[i] = i;
            }
            _next = 0;
        }

        /// <summary>A scan heard <paramref name="ssid"/> at <paramref name="rssi"/> dBm; names nf.config does not list are ignored.</summary>
        public void Heard(string ssid, int rssi)
        {
            if (ssid == null || ssid.Length == 0)
            {
                return;
            }
            if (rssi < WeakestRssi)
            {
                rssi = WeakestRssi;
            }
            for (int i = 0; i < _ssids.Length; i++)
            {
                if (_ssids[i] == ssid && rssi > _rssi[i])
                {
                    _rssi[i] = rssi;
                }
            }
        }

        /// <summary>The strongest signal heard of network <paramref name="network"/> (its index in nf.config's order), or <see cref="NotHeard"/>.</summary>
        public int Signal(int network)
        {
            return _rssi[network];
        }

        /// <summary>Puts the networks in the order to try them (the rules at the top of this file); <see cref="Next"/> starts again from the first.</summary>
        public void Order()
        {
            int count = 0;
            for (int i = 0; i < _placed.Length; i++)
            {
                _placed[i] = false;
            }
            while (true)
            {
                int strongest = NotHeard;
                for (int i = 0; i < _rssi.Length; i++)
                {
                    if (!_placed[i] && _rssi[i] > strongest)
                    {
                        strongest = _rssi[i];
                    }
                }
                if (strongest == NotHeard)
                {
                    break;
                }
                // The first in nf.config's order whose signal is alike to the strongest left (the strongest itself at least).
                int pick = 0;
                while (_placed[pick] || _rssi[pick] == NotHeard || _rssi[pick] < strongest - AlikeDecibels)
                {
                    pick++;
                }
                _placed[pick] = true;
                _order[count++] = pick;
            }
            for (int i = 0; i < _placed.Length; i++)
            {
                if (!_placed[i])
                {
                    _order[count++] = i;
                }
            }
            _next = 0;
        }

        /// <summary>The next network to try (its index in nf.config's order), or <see cref="NoneLeft"/>.</summary>
        public int Next()
        {
            return _next < _order.Length ? _order[_next++] : NoneLeft;
        }
    }
}
