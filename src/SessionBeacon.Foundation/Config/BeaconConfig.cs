// The device's configuration, read from nf.config (docs/architecture.md, Configuration and boards).
// Every problem is reported with its line and what is expected; nothing is guessed, because a
// beacon that silently alerts nobody is worse than one that refuses to start. Identity secrets
// are never kept here.
using System.Collections;
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Encoding;
using Session.Core.Micro.Identity;
using Session.Core.Micro.Ratchet;

namespace SessionBeacon.Config
{
    /// <summary>The validated settings of one beacon.</summary>
    public sealed class BeaconConfig
    {
        /// <summary>The network value for the real Session network.</summary>
        public const string Mainnet = "mainnet";

        /// <summary>The network value for a test network, whose seed is given by network.seed.</summary>
        public const string Testnet = "testnet";

        /// <summary>The longest TTL the swarm accepts for a public-inbox message (docs/protocol.md §3.2): 14 days.</summary>
        public const int MaxTtlHours = 14 * 24;

        private static readonly string[] s_knownKeys =
        {
            "network", "network.seed", "network.seed_pin", "board", "device.name", "recipient", "recipient.prekey",
            "alert.panic", "alert.duress", "alert.sensor", "alert.ttl_hours",
            "panic.hold_ms", "panic.cancel_ms",
            "button.debounce_ms", "gesture.gap_ms", "duress.presses", "test.presses", "sensor",
            "sensor.debounce_ms", "sensor.min_interval_s", "heartbeat.interval_min", "battery.low_percent",
            "feedback", "inbox.poll_s", "flash.refresh_s", "time.utc_offset_min", "ratchet.on_damage",
            "location.mode", "location.track_s", "location.track_min",
        };

        /// <summary>ratchet.on_damage = plain: a receiver whose pairing is lost gets its alerts as plain Session messages, marked.</summary>
        public const string OnDamagePlain = "plain";

        /// <summary>ratchet.on_damage = hold: a receiver whose pairing is lost gets its alerts once it is paired again (within their TTL).</summary>
        public const string OnDamageHold = "hold";

        /// <summary>feedback = light: the LED shows states and results, the buzzer stays quiet.</summary>
        public const string FeedbackLight = "light";

        /// <summary>feedback = light+sound: the LED and the buzzer (where the board has one).</summary>
        public const string FeedbackLightAndSound = "light+sound";

        /// <summary>feedback = silent: no light and no sound at all, whatever happens.</summary>
        public const string FeedbackSilent = "silent";

        private BeaconConfig()
        {
        }

        /// <summary>"mainnet" or "testnet".</summary>
        public string Network { get; private set; }

        /// <summary>The seed node's JSON-RPC URL of a test network; null on mainnet (the pinned seeds are built in).</summary>
        public string SeedUrl { get; private set; }

        /// <summary>The pin of the testnet seed's certificate (base64 SHA-256 of its public key info); null on mainnet.</summary>
        public string SeedPin { get; private set; }

        /// <summary>
        /// The Wi-Fi networks the device may join, in priority order (wifi.ssid first, then wifi.2.ssid ...);
        /// empty when none is given (the desktop harness needs none).
        /// </summary>
        public WifiNetwork[] WifiNetworks { get; private set; }

        /// <summary>How the device gives feedback: <see cref="FeedbackLight"/>, <see cref="FeedbackLightAndSound"/> or <see cref="FeedbackSilent"/>.</summary>
        public string Feedback { get; private set; }

        /// <summary>Seconds between inbox polls for replies and acknowledgements; 0 = never poll.</summary>
        public int InboxPollSeconds { get; private set; }

        /// <summary>Seconds after which the pre-built flash alert is built again with a fresh time; 0 = no flash alert.</summary>
        public int FlashRefreshSeconds { get; private set; }

        /// <summary>Minutes from UTC of the local time written in alert bodies (time.utc_offset_min, default 0).</summary>
        public int UtcOffsetMinutes { get; private set; }

        /// <summary>The board profile's name, a file in boards/ without its extension.</summary>
        public string Board { get; private set; }

        /// <summary>
        /// What happens to the alerts of a companion receiver whose pairing cannot be loaded at start (docs/ratchet.md,
        /// "A damaged pairing"): <see cref="OnDamagePlain"/> (the default) or <see cref="OnDamageHold"/>.
        /// </summary>
        public string RatchetOnDamage { get; private set; }

        /// <summary>The name the beacon shows as its Session profile name and in alert bodies.</summary>
        public string DeviceName { get; private set; }

        /// <summary>The key of a line that makes a recipient a ratchet recipient: "recipient.prekey = &lt;Session ID&gt; &lt;bundle in base64&gt;".</summary>
        public const string PreKeyKey = "recipient.prekey";

        /// <summary>Who receives alerts; at least one. Each is plain v1 unless a recipient.prekey line makes it a ratchet recipient.</summary>
        public Recipient[] Recipients { get; private set; }

        /// <summary>The index in <see cref="Recipients"/> of the recipient with Session ID <paramref name="sessionId"/> (lowercase), or -1.</summary>
        public int RecipientIndex(string sessionId)
        {
            for (int i = 0; i < Recipients.Length; i++)
            {
                if (Recipients[i].SessionId == sessionId)
                {
                    return i;
                }
            }
            return -1;
        }

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

        /// <summary>Which alerts carry the GPS position, and the tracking after a panic (docs/location.md).</summary>
        public LocationSettings Location { get; private set; }

        /// <summary>Reads and validates nf.config text.</summary>
        /// <exception cref="ConfigException">The text has one or more problems; all are listed.</exception>
        public static BeaconConfig Parse(string text, string sourceName)
        {
            ConfigFile file = ConfigFile.Parse(text, sourceName);
            BeaconConfig config = Read(file);
            file.ThrowIfProblems();
            return config;
        }

        /// <summary>Reads nf.config's keys; problems are recorded in <paramref name="file"/>, and values with problems keep their defaults.</summary>
        internal static BeaconConfig Read(ConfigFile file)
        {
            file.ReportUnknownKeys(s_knownKeys, WifiNetwork.KeyPrefix);
            var config = new BeaconConfig();
            config.Network = file.Choice("network", Mainnet, new[] { Mainnet, Testnet });
            config.SeedUrl = ReadSeed(file, config.Network);
            config.SeedPin = ReadSeedPin(file, config.Network);
            config.WifiNetworks = WifiNetwork.ReadAll(file);
            config.Board = file.RequiredText("board", "the board profile to use, a name from boards/ such as esp32-devkitc");
            config.DeviceName = file.Text("device.name", "SessionBeacon");
            config.Recipients = ReadRecipients(file);
            ReadPreKeys(file, config.Recipients);
            config.PanicText = file.Text("alert.panic", "PANIC: I need help now");
            config.DuressText = file.Text("alert.duress", "PANIC (duress): I need help now");
            config.SensorText = file.Text("alert.sensor", "Sensor alert");
            config.AlertTtlHours = file.Integer("alert.ttl_hours", MaxTtlHours, 1, MaxTtlHours);
            config.PanicHoldMs = file.Integer("panic.hold_ms", 1500, 200, 10000);
            config.PanicCancelMs = file.Integer("panic.cancel_ms", 5000, 0, 60000);
            config.Policy = PolicySettings.Read(file, config.PanicHoldMs, config.PanicCancelMs);
            config.Feedback = file.Choice("feedback", FeedbackLight, new[] { FeedbackLight, FeedbackLightAndSound, FeedbackSilent });
            config.InboxPollSeconds = file.OffOrInteger("inbox.poll_s", 300, 10, 86400);
            config.FlashRefreshSeconds = file.OffOrInteger("flash.refresh_s", 45, 10, 50);
            config.UtcOffsetMinutes = file.Integer("time.utc_offset_min", 0, -720, 840);
            config.RatchetOnDamage = file.Choice("ratchet.on_damage", OnDamagePlain, new[] { OnDamagePlain, OnDamageHold });
            config.Location = LocationSettings.Read(file);
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

        // The pin ties the device to the testnet it was provisioned for; over TLS it is the only trust anchor.
        private static string ReadSeedPin(ConfigFile file, string network)
        {
            ConfigEntry pin = file.Single("network.seed_pin");
            if (network == Mainnet)
            {
                if (pin != null)
                {
                    file.Report(pin.Line, "'network.seed_pin' is only for network = testnet; mainnet's seed nodes are pinned in the firmware");
                }
                return null;
            }
            if (pin == null)
            {
                file.Report("'network.seed_pin' is missing: network = testnet needs the seed's certificate pin (44 base64 characters; the harness's 'testnet up' prints it)");
                return null;
            }
            byte[] hash = Base64.TryDecode(pin.Value);
            if (hash == null || hash.Length != Sha256.HashSize)
            {
                file.Report(pin.Line, "'network.seed_pin' must be a SHA-256 in base64 (44 characters), not '" + pin.Value + "'");
                return null;
            }
            return pin.Value;
        }

        // "recipient = <Session ID> <name>": the ID first, so a name may hold spaces.
        private static Recipient[] ReadRecipients(ConfigFile file)
        {
            var recipients = new ArrayList();
            var lines = new ArrayList();
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
                int same = Find(recipients, key);
                if (same >= 0)
                {
                    file.Report(entry.Line, "recipient " + id.Substring(0, 8).ToLower() + "... is already a recipient on line " + lines[same].ToString() + " ('"
                        + ((Recipient)recipients[same]).Name + "'); give each Session ID once, or every alert goes to it twice");
                    continue;
                }
                recipients.Add(new Recipient(name, id.ToLower(), key));
                lines.Add(entry.Line);
            }
            if (recipients.Count == 0 && file.All("recipient").Length == 0)
            {
                file.Report("no 'recipient' given: add at least one line 'recipient = <Session ID> <name>'");
            }
            return (Recipient[])recipients.ToArray(typeof(Recipient));
        }

        // "recipient.prekey = <Session ID> <bundle in base64>": makes the recipient with that Session ID a
        // ratchet (companion receiver) recipient. The bundle is checked fully here (length, version,
        // signature, and that the recipient's own Session identity signed it), so a beacon never starts
        // with a bundle its first alert would fail on.
        private static void ReadPreKeys(ConfigFile file, Recipient[] recipients)
        {
            int[] seenOn = new int[recipients.Length];
            foreach (ConfigEntry entry in file.All(PreKeyKey))
            {
                int space = entry.Value.IndexOf(' ');
                if (space < 0)
                {
                    file.Report(entry.Line, "recipient.prekey needs the recipient's Session ID and then its pre-key bundle (base64, from the receiver's provisioning), such as 'recipient.prekey = 05ab... AQ...'");
                    continue;
                }
                string id = entry.Value.Substring(0, space);
                string encoded = entry.Value.Substring(space + 1).Trim();
                string problem;
                byte[] key = SessionId.TryParse(id, out problem);
                if (key == null)
                {
                    file.Report(entry.Line, "recipient.prekey: '" + id + "' is not a Session ID: " + problem);
                    continue;
                }
                string shortId = id.Substring(0, 8).ToLower() + "...";
                int index = Find(recipients, key);
                if (index < 0)
                {
                    file.Report(entry.Line, "recipient.prekey for " + shortId + ": no 'recipient' line has this Session ID; add 'recipient = " + shortId + " <name>' or fix the ID");
                    continue;
                }
                if (seenOn[index] != 0)
                {
                    file.Report(entry.Line, "recipient.prekey for " + shortId + " is already given on line " + seenOn[index].ToString() + "; give one bundle per recipient");
                    continue;
                }
                seenOn[index] = entry.Line;
                if (encoded.IndexOf(' ') >= 0 || encoded.IndexOf('\t') >= 0)
                {
                    file.Report(entry.Line, "recipient.prekey for " + shortId + ": the bundle must be one word of base64 with no spaces");
                    continue;
                }
                byte[] bundle = Base64.TryDecode(encoded);
                if (bundle == null)
                {
                    file.Report(entry.Line, "recipient.prekey for " + shortId + ": the bundle is not base64 (A-Z, a-z, 0-9, '+', '/')");
                    continue;
                }
                string refused = CheckBundle(bundle, key);
                if (refused != null)
                {
                    file.Report(entry.Line, "recipient.prekey for " + shortId + ": " + refused);
                    continue;
                }
                recipients[index].PreKeyBundle = bundle;
            }
        }

        // Why the bundle cannot be used with the recipient key, or null when it can.
        private static string CheckBundle(byte[] bundle, byte[] recipientKey)
        {
            if (bundle.Length != RatchetPreKey.Size)
            {
                return "the bundle is " + bundle.Length.ToString() + " bytes; a pre-key bundle is " + RatchetPreKey.Size.ToString()
                    + " (172 base64 characters). Copy it again from the receiver";
            }
            if (bundle[0] != RatchetPreKey.Version)
            {
                return "the bundle has version " + bundle[0].ToString() + "; this beacon reads version " + RatchetPreKey.Version.ToString()
                    + ". Provision the receiver with a matching release";
            }
            try
            {
                RatchetPreKey.Open(new byte[X25519.KeySize], bundle, recipientKey);
                return null;
            }
            catch (RatchetException)
            {
                // With length and version checked above, only the signature or the identity is left. Tell a damaged bundle from one that is intact but another identity's.
                byte[] signer = new byte[Ed25519.PublicKeySize];
                System.Array.Copy(bundle, 1, signer, 0, signer.Length);
                byte[] converted = new byte[X25519.KeySize];
                if (Ed25519ToX25519.PublicKey(converted, signer) && CryptoBytes.ConstantTimeEquals(converted, recipientKey))
                {
                    return "the bundle's signature does not verify: it is damaged. Copy it again from the receiver";
                }
                return "the bundle was not made by this recipient's Session ID (copied from another receiver, or damaged)";
            }
        }

        // The index of the recipient (in an array or the list being read) with X25519 key <paramref name="key"/>, or -1.
        private static int Find(IList recipients, byte[] key)
        {
            for (int i = 0; i < recipients.Count; i++)
            {
                if (CryptoBytes.ConstantTimeEquals(((Recipient)recipients[i]).PublicKey, key))
                {
                    return i;
                }
            }
            return -1;
        }
    }
}
