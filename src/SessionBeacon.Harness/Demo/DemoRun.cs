// One demo run on a running testnet: two recipients are made (Alice with the stock app's plain
// alerts, Bob with a companion receiver paired through the alert ratchet), the beacon is
// provisioned in the order docs/provisioning.md gives (its identity first, then Bob's pre-key for
// that beacon only, then 'provision' with it: nf.config, hellos), and the firmware app
// (SessionBeacon.App.Beacon) runs as the simulated device of 'beacon run': a panic with the GPS's
// position, its first tracking update 30 s later, a cancel that ends the tracking, a duress press
// and a sensor alert, each traced through its onion path to both swarms, opened by both receivers
// (the same Listener as 'listen'), and acknowledged by Bob's receiver. Each scene's inputs are the
// typed lines 'beacon run' reads, played on the device's clock, which jumps over the hold and the
// cancel window; everything on the network happens in real time. Every time stamp printed, the
// receivers' included, is read from that one clock.
using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Session.Core.Micro.Identity;
using Session.Testnet;
using SessionBeacon.App;
using SessionBeacon.Config;
using SessionBeacon.Delivery;
using SessionBeacon.Harness.Commands;
using SessionBeacon.Harness.Config;
using SessionBeacon.Harness.Device;
using SessionBeacon.Harness.Identity;
using SessionBeacon.Harness.Network;
using SessionBeacon.Harness.Receiver;

namespace SessionBeacon.Harness.Demo
{
    /// <summary>The demo's scenes; Play returns null when every alert went through, else the reason.</summary>
    internal sealed class DemoRun
    {
        private const string BeaconAddress = "127.0.0.1";

        // Where the demo's GPS module is (a script's gps line), and what Alice must read for it.
        private const string GpsLine = "gps 52.52001 13.40495 8";
        private const string Position = "Position: 52.52001, 13.40495 (\u00b18 m, ";
        private const string MapLink = "https://www.openstreetmap.org/?mlat=52.52001&mlon=13.40495#map=17/52.52001/13.40495";

        // The shortest tracking interval (location.track_s): the demo's clock jumps over it.
        private const int TrackSeconds = 30;
        private static readonly TimeSpan s_networkLimit = TimeSpan.FromSeconds(30);

        private readonly HarnessConsole _console;
        private readonly TextWriter _output;
        private readonly TestNetwork _network;
        private readonly string _folder;
        private readonly string _configPath;
        private readonly string _sensorLine;
        private readonly string[] _names;
        private readonly IdentityFolder[] _recipientFolders = new IdentityFolder[2];
        private readonly DemoInbox[] _inboxes = new DemoInbox[2];
        private readonly string[] _ids = new string[2];
        private readonly List<BeaconEvent> _events = new List<BeaconEvent>();
        private readonly DeviceClock _clock = new DeviceClock();
        private SimulatedDevice _device;
        private IdentityKeys _beaconKeys;
        private BeaconConfig _config;
        private BoardProfile _board;
        private int _looked;

        public DemoRun(HarnessConsole console, TestNetwork network, string folder, string configPath, string sensorLine, string[] names)
        {
            _console = console;
            _output = console.Output;
            _network = network;
            _folder = folder;
            _configPath = configPath;
            _sensorLine = sensorLine;
            _names = names;
        }

        private string BeaconFolder => Path.Combine(_folder, "beacon");

        public string Play()
        {
            try
            {
                return PlayScenes();
            }
            finally
            {
                // The device's network thread ends with the demo.
                _device?.PowerOff();
            }
        }

        private string PlayScenes()
        {
            string failure = MakeRecipients() ?? Provision() ?? StartBeacon();
            if (failure != null)
            {
                return failure;
            }
            int hold = _config.PanicHoldMs + 500;
            bool tracks = _board.Gps.Fitted && _config.Location.TrackMinutes > 0;
            Scene("Panic: " + (_board.Gps.Fitted ? "the GPS module has a fix ('" + GpsLine + "'), " : "") + "the button held " + hold + " ms, then the "
                + _config.PanicCancelMs + " ms cancel window passes");
            failure = _board.Gps.Fitted ? Play(GpsLine) : null;
            failure ??= Alert(AlertKind.Panic, _config.Location.Includes(true) && _board.Gps.Fitted ? Position : null, "press " + hold, "wait " + _config.PanicCancelMs);
            if (failure != null)
            {
                return failure;
            }
            if (tracks)
            {
                Scene("Tracking: " + TrackSeconds + " s after the panic (location.track_s) the first update leaves, numbered, with the position");
                failure = Alert(AlertKind.Tracking, Position, "wait " + TrackSeconds * 1000);
                if (failure != null)
                {
                    return failure;
                }
                Scene("Cancel: a panic press, then a tap in the cancel window: nothing is sent, and the tracking ends");
                failure = Play("press " + hold, "tap", "wait " + _config.Policy.GestureGapMs)
                    ?? Await(e => e.Kind == BeaconEventKind.TrackingStopped, "the cancel did not end the tracking");
                if (failure != null)
                {
                    return failure;
                }
            }

            Scene("Duress: a panic press, then " + _config.Policy.DuressPresses + " taps in the cancel window (the device shows what a cancel shows)");
            var duress = new List<string> { "press " + hold };
            for (int i = 0; i < _config.Policy.DuressPresses; i++)
            {
                duress.Add("tap");
            }
            duress.Add("wait " + _config.Policy.GestureGapMs);
            failure = Alert(AlertKind.Duress, null, duress.ToArray());
            if (failure != null)
            {
                return failure;
            }

            SensorSetting sensor = _config.Policy.Sensors[0];
            Scene("Sensor: '" + sensor.Name + "' (" + sensor.Kind + " on GPIO" + sensor.Pin + ") becomes active");
            return Alert(AlertKind.Sensor, null, "sensor " + sensor.Name + " on");
        }

        // Alice's and Bob's identities as 'identity new' makes them; the beacon's identity, and Bob's
        // pre-key for that beacon only, as 'identity new' and 'prekey new --beacon' make them.
        private string MakeRecipients()
        {
            for (int i = 0; i < 2; i++)
            {
                _recipientFolders[i] = new IdentityFolder(Path.Combine(_folder, _names[i].ToLowerInvariant()));
                _recipientFolders[i].SaveSeed(RandomNumberGenerator.GetBytes(IdentityKeys.SeedSize));
                _ids[i] = _recipientFolders[i].LoadKeys().SessionId;
            }
            IdentityKeys beacon = ProvisionCommand.NewIdentity(new IdentityFolder(BeaconFolder));
            string beaconId = beacon.SessionId;
            beacon.Wipe();
            var preKeyOutput = new StringWriter();
            if (PreKeyCommand.New(_recipientFolders[1].Path, beaconId, false, preKeyOutput, preKeyOutput) != ExitCode.Ok)
            {
                return "Bob's pre-key could not be made: " + preKeyOutput;
            }
            _output.WriteLine(Pad(_names[0] + ":", 9) + _ids[0] + "  a phone with the stock Session app: plain Session v1 alerts (swarm " + SwarmAddresses(_ids[0]) + ")");
            _output.WriteLine(Pad(_names[1] + ":", 9) + _ids[1] + "  a companion receiver ('listen'): alerts through the alert ratchet, acknowledged (swarm " + SwarmAddresses(_ids[1]) + ")");
            return null;
        }

        // The beacon's files exactly as 'provision --out' writes them into the folder of its identity, hellos included.
        private string Provision()
        {
            Scene("Provisioning: the beacon's identity came first, so Bob's pre-key names it; 'provision' writes nf.config and board.conf and sends each recipient a hello");
            string device = BeaconFolder;
            string bundle = Convert.ToBase64String(File.ReadAllBytes(_recipientFolders[1].PreKeyBundlePath));
            var request = new ProvisionCommand.Request
            {
                Board = BeaconConfig.Parse(DeviceFiles.ConfigText(_configPath), Path.GetFileName(_configPath)).Board,
                Folder = device,
                Recipients = new[] { _ids[0] + " " + _names[0], _ids[1] + " " + _names[1] },
                PreKeys = new[] { _ids[1] + " " + bundle },
                SeedUrl = _network.SeedUrl,
                SeedPin = _network.SeedPin,
                Hello = true,
                Template = _configPath,
                Boards = DeviceFiles.BoardsBeside(_configPath),
            };
            if (ProvisionCommand.Run(request, _console) != ExitCode.Ok)
            {
                return "provisioning failed";
            }
            string configPath = Path.Combine(device, ProvisionCommand.ConfigFileName);
            if (_sensorLine != null)
            {
                File.AppendAllText(configPath, _sensorLine + "\n");
                _output.WriteLine("note: the demo adds '" + _sensorLine + "' to the beacon's nf.config");
            }
            FitGps(configPath, Path.Combine(device, ProvisionCommand.BoardFileName));
            _config = BeaconConfig.Parse(File.ReadAllText(configPath), ProvisionCommand.ConfigFileName);
            _beaconKeys = new IdentityFolder(device).LoadKeys();
            for (int i = 0; i < 2; i++)
            {
                var client = new TestnetClient(_network.SeedUrl, _network.SeedPin, _recipientFolders[i].LoadKeys(), _recipientFolders[i].NetworkStore(), new SystemClock());
                var listener = new Listener(_recipientFolders[i], client, Array.Empty<string>(), null, TextWriter.Null, TextWriter.Null);
                _inboxes[i] = new DemoInbox(_names[i], listener, s_networkLimit);
            }
            for (int i = 0; i < 2; i++)
            {
                string failure = Receive(i, "a hello", m => m.Kind == "message" && m.Text == HelloMessage.Text(_config.DeviceName, i == 1));
                if (failure != null)
                {
                    return failure;
                }
            }
            return null;
        }

        // The board profiles' commented GPS lines made real (docs/boards.md), so the simulated board has its module, and
        // tracking every TrackSeconds, so one update comes within the demo.
        private void FitGps(string configPath, string boardPath)
        {
            string board = File.ReadAllText(boardPath);
            string fitted = Regex.Replace(board, @"^# (gps\.(rx|tx) = \d+)$", "$1", RegexOptions.Multiline);
            if (fitted == board)
            {
                return;
            }
            File.WriteAllText(boardPath, fitted);
            string config = File.ReadAllText(configPath);
            string setting = "location.track_s = " + TrackSeconds;
            config = Regex.IsMatch(config, @"^location\.track_s\s*=", RegexOptions.Multiline)
                ? Regex.Replace(config, @"^location\.track_s\s*=.*$", setting, RegexOptions.Multiline) : config + setting + "\n";
            File.WriteAllText(configPath, config);
            _output.WriteLine("note: the demo fits the board's GPS module (the gps.rx and gps.tx lines of its board.conf) and sets '" + setting + "' in nf.config");
        }

        private string StartBeacon()
        {
            string device = BeaconFolder;
            BoardProfile board = DeviceFiles.Board(Path.Combine(device, ProvisionCommand.BoardFileName));
            _board = board;
            _device = new SimulatedDevice(_config, board, _beaconKeys, device, new IndentedWriter(_output), _clock, null, board.Gps.Fitted ? new SimulatedGps() : null);
            _device.Happened += _events.Add;
            Scene("The beacon starts: the app from src/SessionBeacon on a simulated " + board.Name + ", its flash in " + Path.Combine(device, SimulatedDevice.FlashFolder));
            if (!_device.Start())
            {
                return "the beacon halted: " + _device.HaltReason;
            }
            string failure = Await(e => e.Kind == BeaconEventKind.Stage && e.Text == "armed", "the beacon did not reach 'armed'");
            if (failure != null)
            {
                return failure;
            }
            // Idle time: the armed slots, then the flash alert built ahead for the plain recipient.
            if (!_device.RunUntil(() => _device.Beacon.IsFlashReady, s_networkLimit))
            {
                return "the flash alert was not built (" + LastProblem() + ")";
            }
            _output.WriteLine("  the beacon is armed: single-use onion and seal slots, and a flash alert to " + _names[0] + " built ahead, ready to leave at the press");
            return null;
        }

        // One scene: the input lines played, the alert on flash, its stores traced, both receivers opening it (with the
        // position when given), Bob's acknowledgement coming back.
        private string Alert(AlertKind kind, string position, params string[] inputs)
        {
            int helpBefore = Count(BeaconEventKind.HelpReached);
            int[] marks = Marks();
            string failure = Play(inputs) ?? Await(e => e.Kind == BeaconEventKind.Queued, "the policy did not decide to send");
            if (failure != null)
            {
                return failure;
            }
            BeaconEvent queued = _events[_looked - 1];
            if (queued.Alert != kind)
            {
                return "the beacon queued a " + queued.Alert + " alert, not " + kind;
            }
            failure = Await(e => e.Kind == BeaconEventKind.Delivered && _device.Beacon.Outbox.Count == 0, kind + " alert not delivered within " + s_networkLimit.TotalSeconds + " s");
            if (failure != null)
            {
                return failure;
            }
            Observation[][] seen = SeenSince(marks);
            for (int i = 0; i < 2; i++)
            {
                failure = ShowPath(i, seen);
                if (failure != null)
                {
                    return failure;
                }
            }
            _output.WriteLine("  delivered: both recipients have a verified receipt; the outbox is empty");
            string text = kind == AlertKind.Panic ? _config.PanicText : kind == AlertKind.Duress ? _config.DuressText
                : kind == AlertKind.Tracking ? "Tracking 1/" : _config.SensorText;
            bool Placed(string body) => position == null || (body.Contains(position, StringComparison.Ordinal) && body.Contains(MapLink, StringComparison.Ordinal));
            if (kind == AlertKind.Panic)
            {
                failure = Receive(0, "the flash alert (built ahead, so it left with no crypto at the press)", m => m.Kind == "message" && m.Text == text);
                if (failure != null)
                {
                    return failure;
                }
            }
            failure = Receive(0, "the " + kind + " alert", m => m.Kind == "message" && m.Sender == _beaconKeys.SessionId && m.Text.StartsWith(text, StringComparison.Ordinal) && m.Text.Contains("\n#", StringComparison.Ordinal) && Placed(m.Text))
                ?? Receive(1, "the " + kind + " alert", m => m.Kind == "secure-alert" && m.Sender == _beaconKeys.SessionId && m.Text.StartsWith(text, StringComparison.Ordinal) && Placed(m.Text));
            if (failure != null)
            {
                return failure;
            }
            // The acknowledgement is on its way: the device idles until its next inbox poll, which comes FastPollMs after a delivery at the latest.
            return Play("wait " + Beacon.FastPollMs) ?? Await(e => e.Kind == BeaconEventKind.HelpReached && Count(BeaconEventKind.HelpReached) > helpBefore, "Bob's acknowledgement did not reach the beacon");
        }

        // Plays typed lines on the device, as 'beacon run' reads them.
        private string Play(params string[] inputs)
        {
            foreach (string input in inputs)
            {
                InputLine line = InputLine.Parse(input, _config.Policy.Sensors, out string problem);
                if (line == null)
                {
                    return "the demo's input '" + input + "' cannot be played: " + problem;
                }
                _device.Play(line);
            }
            return null;
        }

        // Runs the device until an event not looked at yet matches; the events after it stay for the next call.
        private string Await(Func<BeaconEvent, bool> match, string failure)
        {
            bool Found()
            {
                while (_looked < _events.Count)
                {
                    if (match(_events[_looked++]))
                    {
                        return true;
                    }
                }
                return false;
            }
            return _device.RunUntil(Found, s_networkLimit) ? null : failure + " (" + LastProblem() + ")";
        }

        private string LastProblem()
        {
            for (int i = _events.Count - 1; i >= 0; i--)
            {
                if (_events[i].Kind == BeaconEventKind.Problem || _events[i].Kind == BeaconEventKind.Failed)
                {
                    return _events[i].Text;
                }
            }
            return "no problem reported";
        }

        // Recipient i polls its inbox as 'listen' does until the expected message is there (DemoInbox).
        private string Receive(int i, string what, Func<Listener.Message, bool> expected)
        {
            Listener.Message message = _inboxes[i].Await(what, expected, out string failure);
            if (message == null)
            {
                return failure;
            }
            string by = i == 0 ? "'s app" : "'s receiver";
            Say(_names[i] + by + " opened " + what + (message.Kind == "secure-alert" ? " (through the ratchet; it sent the acknowledgement)" : "")
                + ": \"" + message.Text.Replace("\n", " / ") + "\" from " + message.Sender
                + (message.Sender == _beaconKeys?.SessionId || _beaconKeys == null ? " (the beacon)" : ""));
            return null;
        }

        // The onion path of the store to recipient i, read back from what the nodes recorded.
        private string ShowPath(int i, Observation[][] seen)
        {
            string name = _names[i];
            TracedHop[] path = OnionTrace.StorePath(_network.Map, seen, _ids[i], out string problem);
            if (path == null)
            {
                return "the path of the store to " + name + " could not be traced: " + problem;
            }
            TracedHop guard = path[0];
            TracedHop destination = path[3];
            _output.WriteLine("  to " + name + ":");
            _output.WriteLine("    path:        guard " + guard.Node.Ip + " -> middle " + path[1].Node.Ip + " -> middle " + path[2].Node.Ip
                + " -> destination " + destination.Node.Ip + " (a member of " + name + "'s swarm)");
            _output.WriteLine("    guard saw:   from " + guard.Seen.From + " (the beacon), next hop " + path[1].Node.Ip + ", Session ID: " + (guard.Seen.SessionId ?? "none"));
            _output.WriteLine("    destination saw: from " + destination.Seen.From + " (a relay, not the beacon), " + destination.Seen.Method + " for "
                + destination.Seen.SessionId + " (" + name + ")");
            if (guard.Seen.From != BeaconAddress || guard.Seen.SessionId != null || guard.Seen.Destination)
            {
                return "the guard " + guard.Node.Ip + " saw more than the beacon's address: Session ID " + (guard.Seen.SessionId ?? "none") + ", from " + guard.Seen.From;
            }
            if (destination.Seen.From == BeaconAddress || !_network.Map.IsNodeAddress(destination.Seen.From))
            {
                return "the destination " + destination.Node.Ip + " was reached from " + destination.Seen.From + ", not from a relay node";
            }
            foreach (Observation[] node in seen)
            {
                foreach (Observation o in node)
                {
                    if (o.From == BeaconAddress && o.Endpoint == "onion_req/v2" && o.SessionId != null)
                    {
                        return "a node reached from the beacon's address learnt the Session ID " + o.SessionId;
                    }
                }
            }
            return null;
        }

        private int Count(BeaconEventKind kind) => _events.FindAll(e => e.Kind == kind).Count;

        private void Scene(string title)
        {
            _output.WriteLine();
            _output.WriteLine("== " + title);
        }

        // A line of the demo's own, stamped like the device's lines, by the same clock.
        private void Say(string what) => _output.WriteLine("  " + DeviceOutput.Stamp(_clock.Now) + what);

        private string SwarmAddresses(string sessionId)
        {
            var ips = new List<string>();
            foreach (NodeEntry member in _network.Map.Members(_network.Map.SwarmOf(Convert.FromHexString(sessionId))))
            {
                ips.Add(member.Ip);
            }
            return string.Join(", ", ips);
        }

        private int[] Marks()
        {
            var marks = new int[_network.NodeCount];
            for (int i = 0; i < marks.Length; i++)
            {
                marks[i] = _network.ObservationsAsync(i).GetAwaiter().GetResult().Length;
            }
            return marks;
        }

        private Observation[][] SeenSince(int[] marks)
        {
            var seen = new Observation[_network.NodeCount][];
            for (int i = 0; i < seen.Length; i++)
            {
                Observation[] all = _network.ObservationsAsync(i).GetAwaiter().GetResult();
                seen[i] = all[Math.Min(marks[i], all.Length)..];
            }
            return seen;
        }

        private static string Pad(string text, int width) => text.Length >= width ? text + " " : text.PadRight(width);

        /// <summary>The simulated device's lines, indented like the demo's own.</summary>
        private sealed class IndentedWriter : TextWriter
        {
            private readonly TextWriter _inner;

            public IndentedWriter(TextWriter inner) => _inner = inner;

            public override System.Text.Encoding Encoding => _inner.Encoding;

            public override void WriteLine(string value) => _inner.WriteLine("  " + value);

            public override void Write(char value) => _inner.Write(value);
        }
    }
}
