// The Wi-Fi station under WifiLink: the ESP32's radio (Esp32/WifiRadio) or the harness's simulated
// one. It scans and joins one network at a time; which networks, and in what order, is WifiLink's
// and WifiChoice's, the same on the device and on the desktop.
namespace SessionBeacon.Hardware
{
    /// <summary>A Wi-Fi station that can scan and join one network.</summary>
    public interface IWifiRadio
    {
        /// <summary>True while the station is joined and has an address.</summary>
        bool IsJoined { get; }

        /// <summary>Scans the channels and tells <paramref name="heard"/> every network heard, waiting at most the radio's own timeout.</summary>
        /// <returns>False when no scan could be made (then nothing was heard); never throws for that.</returns>
        bool Scan(WifiChoice heard);

        /// <summary>Joins <paramref name="ssid"/> and waits for an address, at most the radio's own timeout.</summary>
        /// <param name="ssid">The network's name.</param>
        /// <param name="password">Its passphrase; empty for an open network. Never logged.</param>
        /// <returns>True when joined with an address; false when not (out of range, refused, no address), never an exception for that.</returns>
        bool Join(string ssid, string password);
    }
}
