// The device's configuration, read from nf.config (architecture.md, Configuration and boards).
// Every problem is reported with its line and what is expected; nothing is guessed, because a
// beacon that silently alerts nobody is worse than one that refuses to start. Identity secrets
// are never kept here.
using System.Collections;
using Session.Core.Micro.Identity;

namespace SessionBeacon.Config
{
    /// <summary>The validated settings of one beacon.</summary>
    public sealed class BeaconConfig
    {
        /// <summary>The network value for the real Session network.</summary>
        public const string Mainnet = "mainnet";

        /// <summary>The network value for a test network, whose seed is given by network.seed.</summary>
        public const string Testnet = "testnet";

        /// <summary>The longest TTL the swarm accepts for a public-inbox message (protocol.md §3.2): 14 days.</summary>
        public const int MaxTtlHours = 14 * 24;

        private static readonly string[] s_knownKeys =
        {
            "network", "network.seed", "board", "device.name", "recipient",
            "alert.panic", "alert.duress", "alert.sensor", "alert.ttl_hours",
            "panic.hold_ms", "panic.cancel_ms",
            "button.debounce_ms", "gesture.gap_ms", "duress.presses", "test.presses", "sensor",
            "sensor.debounce_ms", "sensor.min_interval_s", "heartbeat.interval_min", "battery.low_percent",
        };

        private BeaconConfig()
        {
        }

        /// <summary>"mainnet" or "testnet".</summary>
        public string Network { get; private set; }

        /// <summary>The seed node's JSON-RPC URL of a test network; null on mainnet (the pinned seeds are built in).</summary>
        public string SeedUrl { get; private set; }

        /// <summary>The board profile's name, a file in boards/ without its extension.</summary>
        public string Board { get; private set; }

        /// <summary>The name the beacon shows as its Session profile name and in alert bodies.</summary>
        public string DeviceName { get; private set; }

        /// <summary>Who receives alerts; at least one.</summary>
        public Recipient[] Recipients { get; private set; }

        /// <summary>The body of a panic alert.</summary>
        public string PanicText { get; private set; }

        /// <summary>The body of a duress alert; it must not look like a cancel to the recipient.</summary>
        public string DuressText { get; private set; }

        /// <summary>The body of a sensor alert.</summary>
        public string SensorText { get; private set; }

        /// <summary>How long an undelivered alert is kept and retried, in hours.</summary>
        public int AlertTtlHours { get; private set; }

        /// <summary>How long the button must be held to fire a panic alert.</summary>
        public int PanicHoldMs { get; private set; }

        /// <summary>How long a short press can still cancel a panic alert.</summary>
        public int PanicCancelMs { get; private set; }

        /// <summary>Timings, gestures, sensors, heartbeat and battery level of the alert policy.</summary>
        public PolicySettings Policy { get; private set; }

        /// <summary>Reads and validates nf.config text.</summary>
        /// <exception cref="ConfigException">The text has one or more problems; all are listed.</exception>
        public static BeaconConfig Parse(string text, string sourceName)
        {
            ConfigFile file = ConfigFile.Parse(text, sourceName);
            file.ReportUnknownKeys(s_knownKeys);
            var config = new BeaconConfig();
            config.Network = file.Choice("network", Mainnet, new[] { Mainnet, Testnet });
            config.SeedUrl = ReadSeed(file, config.Network);
            config.Board = file.RequiredText("board", "the board profile to use, a name from boards/ such as esp32-devkitc");
            config.DeviceName = file.Text("device.name", "SessionBeacon");
            config.Recipients = ReadRecipients(file);
            config.PanicText = file.Text("alert.panic", "PANIC: I need help now");
            config.DuressText = file.Text("alert.duress", "PANIC (duress): I need help now");
            config.SensorText = file.Text("alert.sensor", "Sensor alert");
            config.AlertTtlHours = file.Integer("alert.ttl_hours", MaxTtlHours, 1, MaxTtlHours);
            config.PanicHoldMs = file.Integer("panic.hold_ms", 1500, 200, 10000);
            config.PanicCancelMs = file.Integer("panic.cancel_ms", 5000, 0, 60000);
            config.Policy = PolicySettings.Read(file, config.PanicHoldMs, config.PanicCancelMs);
            file.ThrowIfProblems();
            return config;
        }

        private static string ReadSeed(ConfigFile file, string network)
        {
            ConfigEntry seed = file.Single("network.seed");
            if (network == Mainnet)
            {
                if (seed != null)
                {
                    file.Report(seed.Line, "'network.seed' is only for network = testnet; mainnet uses the built-in pinned seed nodes");
                }
                return null;
            }
            if (seed == null)
            {
                file.Report("'network.seed' is missing: network = testnet needs the seed node's URL, such as http://127.0.0.1:22100/json_rpc");
                return null;
            }
            if (!seed.Value.StartsWith("http://") && !seed.Value.StartsWith("https://"))
            {
                file.Report(seed.Line, "'network.seed' must be an http:// or https:// URL, not '" + seed.Value + "'");
                return null;
            }
            return seed.Value;
        }

        // "recipient = <Session ID> <name>": the ID first, so a name may hold spaces.
        private static Recipient[] ReadRecipients(ConfigFile file)
        {
            var recipients = new ArrayList();
            foreach (ConfigEntry entry in file.All("recipient"))
            {
                int space = entry.Value.IndexOf(' ');
                string id = space < 0 ? entry.Value : entry.Value.Substring(0, space);
                string name = space < 0 ? "" : entry.Value.Substring(space + 1).Trim();
                string problem;
                byte[] key = SessionId.TryParse(id, out problem);
                if (key == null)
                {
                    file.Report(entry.Line, "recipient '" + id + "' is not a Session ID: " + problem);
                    continue;
                }
                if (name.Length == 0)
                {
                    file.Report(entry.Line, "recipient needs a name after the Session ID, such as 'recipient = " + id.Substring(0, 6) + "... Alice'");
                    continue;
                }
                recipients.Add(new Recipient(name, id.ToLower(), key));
            }
            if (recipients.Count == 0 && file.All("recipient").Length == 0)
            {
                file.Report("no 'recipient' given: add at least one line 'recipient = <Session ID> <name>'");
            }
            return (Recipient[])recipients.ToArray(typeof(Recipient));
        }
    }
}
