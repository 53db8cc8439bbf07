// One Wi-Fi network the beacon may join (nf.config), and the reader of all of them. Networks are
// numbered in priority order: the first is "wifi.ssid" and "wifi.password" (as before there was
// more than one), the next ones "wifi.2.ssid" and "wifi.2.password" up to MaxNetworks, with no gap.
// Which one is joined is WifiChoice's (docs/provisioning.md, "Several Wi-Fi networks"). Limits
// (IEEE 802.11): a name is 1 to 32 bytes of UTF-8 and may hold spaces (not at either end: values
// are trimmed); a WPA2 passphrase is 8 to 63 characters, none for an open network. A passphrase
// is never put into a message, not even its length.
using System.Collections;
using Session.Core.Micro.Encoding;

namespace SessionBeacon.Config
{
    /// <summary>A Wi-Fi network from nf.config: its name and passphrase.</summary>
    public sealed class WifiNetwork
    {
        /// <summary>The longest network name (SSID), in bytes of UTF-8.</summary>
        public const int MaxSsidBytes = 32;

        /// <summary>The shortest WPA2 passphrase.</summary>
        public const int MinPasswordLength = 8;

        /// <summary>The longest WPA2 passphrase.</summary>
        public const int MaxPasswordLength = 63;

        /// <summary>Every nf.config key of a Wi-Fi network starts so.</summary>
        internal const string KeyPrefix = "wifi.";

        // Network n (1-based) is s_ssidKeys[n - 1]: the first keeps the key a single network always had.
        private static readonly string[] s_ssidKeys = { "wifi.ssid", "wifi.2.ssid", "wifi.3.ssid", "wifi.4.ssid" };
        private static readonly string[] s_passwordKeys = { "wifi.password", "wifi.2.password", "wifi.3.password", "wifi.4.password" };

        /// <summary>How many networks nf.config may list: home, work, a phone's hotspot and one more.</summary>
        public static readonly int MaxNetworks = s_ssidKeys.Length;

        internal WifiNetwork(string ssid, string password)
        {
            Ssid = ssid;
            Password = password;
        }

        /// <summary>The network's name (SSID), as the access point broadcasts it; case matters.</summary>
        public string Ssid { get; }

        /// <summary>The WPA2 passphrase; empty for an open network. Never logged.</summary>
        public string Password { get; }

        /// <summary>Reads every network of nf.config in priority order; problems are recorded in <paramref name="file"/>.</summary>
        internal static WifiNetwork[] ReadAll(ConfigFile file)
        {
            ReportStrayKeys(file);
            var networks = new ArrayList();
            var lines = new ArrayList();
            string missing = null;
            for (int n = 0; n < s_ssidKeys.Length; n++)
            {
                string ssidKey = s_ssidKeys[n];
                ConfigEntry ssid = file.Single(ssidKey);
                ConfigEntry password = file.Single(s_passwordKeys[n]);
                if (ssid == null)
                {
                    if (password != null)
                    {
                        file.Report(password.Line, "'" + s_passwordKeys[n] + "' needs '" + ssidKey + "', the name of the Wi-Fi network");
                    }
                    missing = missing ?? ssidKey;
                    continue;
                }
                if (missing != null)
                {
                    file.Report(ssid.Line, "'" + ssidKey + "' follows a gap: there is no '" + missing + "'; number the Wi-Fi networks in order (wifi.ssid, wifi.2.ssid, wifi.3.ssid, ...)");
                    continue;
                }
                string problem = SsidProblem(ssid.Value, networks, lines);
                if (problem != null)
                {
                    file.Report(ssid.Line, "'" + ssidKey + "' " + problem);
                    continue;
                }
                if (password != null && !IsPassphrase(password.Value))
                {
                    file.Report(password.Line, "'" + s_passwordKeys[n] + "' must be a WPA2 passphrase of " + MinPasswordLength.ToString() + " to "
                        + MaxPasswordLength.ToString() + " characters, or empty (or left out) for an open network");
                    continue;
                }
                networks.Add(new WifiNetwork(ssid.Value, password == null ? "" : password.Value));
                lines.Add(ssid.Line);
            }
            return (WifiNetwork[])networks.ToArray(typeof(WifiNetwork));
        }

        // What is wrong with a network's name, or null; the message follows the key.
        private static string SsidProblem(string ssid, ArrayList networks, ArrayList lines)
        {
            if (ssid.Length == 0)
            {
                return "is empty: give the Wi-Fi network's name, or leave the line out";
            }
            if (Utf8.ByteCount(ssid) > MaxSsidBytes)
            {
                return "'" + ssid + "' is longer than a Wi-Fi network's name can be (" + MaxSsidBytes.ToString() + " bytes)";
            }
            for (int i = 0; i < networks.Count; i++)
            {
                if (((WifiNetwork)networks[i]).Ssid == ssid)
                {
                    return "'" + ssid + "' is already a Wi-Fi network on line " + lines[i].ToString() + "; give each network once";
                }
            }
            return null;
        }

        // Empty (an open network) or a WPA2 passphrase's length.
        private static bool IsPassphrase(string password)
        {
            int length = Utf8.ByteCount(password);
            return length == 0 || (length >= MinPasswordLength && length <= MaxPasswordLength);
        }

        // A key under "wifi." that is no network's: say which keys there are, rather than only "unknown key".
        private static void ReportStrayKeys(ConfigFile file)
        {
            foreach (ConfigEntry entry in file.StartingWith(KeyPrefix))
            {
                if (System.Array.IndexOf(s_ssidKeys, entry.Key) >= 0 || System.Array.IndexOf(s_passwordKeys, entry.Key) >= 0)
                {
                    continue;
                }
                string[] parts = entry.Key.Split('.');
                int number;
                if (parts.Length == 3 && int.TryParse(parts[1], out number) && (parts[2] == "ssid" || parts[2] == "password") && number != 0)
                {
                    file.Report(entry.Line, number == 1
                        ? "'" + entry.Key + "': the first Wi-Fi network is 'wifi.ssid' and 'wifi.password'; the next ones are wifi.2.ssid to wifi." + MaxNetworks.ToString() + ".ssid"
                        : "'" + entry.Key + "': at most " + MaxNetworks.ToString() + " Wi-Fi networks (wifi.ssid, then wifi.2.ssid to wifi." + MaxNetworks.ToString() + ".ssid)");
                    continue;
                }
                file.Report(entry.Line, "unknown key '" + entry.Key + "': a Wi-Fi network is 'wifi.ssid' and 'wifi.password', the next ones 'wifi.N.ssid' and 'wifi.N.password' (N from 2 to "
                    + MaxNetworks.ToString() + ")");
            }
        }
    }
}
