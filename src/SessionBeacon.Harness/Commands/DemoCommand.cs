using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Diagnostics;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Session.Core.Micro.Identity;
using Session.Core.Micro.Messages;
using Session.Core.Micro.Network;
using Session.Testnet;
using SessionBeacon.Config;
using SessionBeacon.Delivery;
using SessionBeacon.Harness.Delivery;
using SessionBeacon.Harness.Demo;
using SessionBeacon.Harness.Network;
using SessionBeacon.Harness.Storage;
using SessionBeacon.Policy;

namespace SessionBeacon.Harness.Commands
{
    /// <summary>
    /// Issue 8's demo: a 12-node testnet in this process, a simulated beacon provisioned from
    /// nf.config, the app's own AlertPolicy, AlertComposer and Outbox, the core's ServiceNodeClient
    /// over real HTTPS; a panic, a duress press and a sensor alert, each traced through its onion
    /// path, receipted, and retrieved and opened by both recipients' receivers.
    /// </summary>
    public sealed class DemoCommand
    {
        /// <summary>The demo's nodes live on 127.0.120.1 to 127.0.125.2: no test project or default uses that range.</summary>
        public const int FirstSubnet = 120;

        /// <summary>Verified swarm signatures a store needs to count as delivered.</summary>
        public const int RequiredSignatures = 1;

        private const string BeaconAddress = "127.0.0.1";
        private const int RetrieveTries = 3;
        private static readonly TimeSpan s_deliveryLimit = TimeSpan.FromSeconds(30);

        public static Command Create(HarnessConsole console)
        {
            Option<string> config = CommonOptions.Text("--config", "FILE", "the beacon's configuration [default: nf.config]", false);
            Option<string> data = CommonOptions.Data("keep the testnet's and the beacon's files here [default: a temporary folder, deleted]", required: false);
            var command = new Command("demo", "a 12-node local testnet, a simulated beacon from nf.config: panic, duress and sensor alerts through onion paths to two recipients who open them")
            {
                config,
                data,
            };
            command.SetAction(parsed => (int)new DemoCommand().Run(parsed.GetValue(config) ?? "nf.config", parsed.GetValue(data), console.Output, console.Error));
            return command;
        }

        public ExitCode Run(string configPath, string given, TextWriter output, TextWriter error)
        {
            if (!File.Exists(configPath))
            {
                error.WriteLine(configPath + " not found: run from the repository root or pass --config FILE");
                return ExitCode.ConfigError;
            }
            BeaconConfig config;
            BoardProfile board;
            string sensorNote = null;
            try
            {
                string text = File.ReadAllText(configPath);
                string source = Path.GetFileName(configPath);
                config = BeaconConfig.Parse(text, source);
                string boardPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(configPath)), "boards", config.Board + ".conf");
                if (!File.Exists(boardPath))
                {
                    error.WriteLine(source + ": board '" + config.Board + "' has no profile " + boardPath + "; run check-config for the list");
                    return ExitCode.ConfigError;
                }
                board = BoardProfile.Parse(File.ReadAllText(boardPath), Path.GetFileName(boardPath));
                if (config.Policy.Sensors.Length == 0)
                {
                    string line = "sensor = contact " + FreePin(board) + " Front door";
                    config = BeaconConfig.Parse(text + "\n" + line + "\n", source);
                    sensorNote = Path.GetFileName(configPath) + " has no sensor; the demo adds '" + line + "'";
                }
            }
            catch (ConfigException problems)
            {
                error.WriteLine(problems.Message);
                return ExitCode.ConfigError;
            }
            string folder = given ?? Directory.CreateTempSubdirectory("sessionbeacon-demo").FullName;
            try
            {
                return Task.Run(() => RunAsync(config, board, sensorNote, folder, output, error)).GetAwaiter().GetResult();
            }
            finally
            {
                if (given == null)
                {
                    try
                    {
                        Directory.Delete(folder, true);
                    }
                    catch (IOException)
                    {
                        // A file still held open; the temp folder is cleaned by the system.
                    }
                }
            }
        }

        private static async Task<ExitCode> RunAsync(BeaconConfig config, BoardProfile board, string sensorNote, string folder, TextWriter output, TextWriter error)
        {
            var wall = Stopwatch.StartNew();
            output.WriteLine("SessionBeacon demo: '" + config.DeviceName + "' on " + board.Name + ", " + config.Recipients.Length + " recipients, a local testnet of 12 nodes");
            if (config.Recipients.Length < 2)
            {
                error.WriteLine("demo: nf.config names " + config.Recipients.Length + " recipient; the demo needs two (Alice and Bob)");
                return ExitCode.ConfigError;
            }
            string[] names = { config.Recipients[0].Name, config.Recipients[1].Name };
            output.WriteLine("note: nf.config's recipient IDs are placeholders whose keys nobody has; the demo recipients stand in for "
                + names[0] + " and " + names[1] + " (fresh identities, made now)");
            if (sensorNote != null)
            {
                output.WriteLine("note: " + sensorNote);
            }
            TestNetwork network;
            try
            {
                network = await TestNetwork.StartAsync(new TestnetOptions
                {
                    NodeCount = 12,
                    SwarmSize = 4,
                    DataFolder = Path.Combine(folder, "testnet"),
                    FirstSubnet = FirstSubnet,
                });
            }
            catch (Exception failed) when (failed is IOException || failed is InvalidOperationException || failed is System.Net.Sockets.SocketException)
            {
                error.WriteLine("demo failed: the testnet did not start: " + failed.Message);
                return ExitCode.Failed;
            }
            await using (network)
            {
                output.WriteLine("testnet: 12 nodes in swarms of 4 on 127.0." + FirstSubnet + ".1 to 127.0." + (FirstSubnet + 5) + ".2, seed " + network.SeedUrl
                    + " (started in " + network.StartupTime.TotalSeconds.ToString("0.0") + " s)");
                try
                {
                    var run = new DemoRun(config, network, folder, names, output);
                    string failure = run.Play();
                    if (failure != null)
                    {
                        error.WriteLine("demo failed: " + failure);
                        return ExitCode.Failed;
                    }
                }
                catch (ServiceNodeException failed)
                {
                    error.WriteLine("demo failed: the network did not answer: " + failed.Message);
                    return ExitCode.Failed;
                }
            }
            output.WriteLine("demo finished in " + wall.Elapsed.TotalSeconds.ToString("0.0") + " s: every alert delivered with a verified receipt and opened by both recipients");
            return ExitCode.Ok;
        }

        // A GPIO for the demo's sensor that the board's button and LED do not use.
        private static int FreePin(BoardProfile board)
        {
            foreach (int pin in new[] { 13, 14, 25, 26, 5 })
            {
                if (pin != board.ButtonPin && pin != board.LedPin)
                {
                    return pin;
                }
            }
            return 33;
        }

        /// <summary>One demo run: the beacon, its outbox and policy, and the two receivers, on a running testnet.</summary>
        private sealed class DemoRun
        {
            private readonly BeaconConfig _config;
            private readonly TestNetwork _network;
            private readonly TextWriter _output;
            private readonly IdentityKeys _beaconKeys;
            private readonly TestnetClient _beacon;
            private readonly TestnetClient[] _receivers;
            private readonly string[] _names;
            private readonly AlertPolicy _policy;
            private readonly AlertComposer _composer;
            private readonly Outbox _outbox;
            private readonly TracingAlertSender _sender;
            private readonly List<string> _traceProblems = new List<string>();
            private int[] _marks;
            private long _simulated;

            public DemoRun(BeaconConfig config, TestNetwork network, string folder, string[] names, TextWriter output)
            {
                _config = config;
                _network = network;
                _output = output;
                _names = names;
                var clock = new SystemClock();
                _beaconKeys = NewIdentity();
                _beacon = new TestnetClient(network.SeedUrl, network.SeedPin, _beaconKeys, new DirectoryStore(Path.Combine(folder, "beacon")), clock);
                _receivers = new TestnetClient[2];
                for (int i = 0; i < 2; i++)
                {
                    _receivers[i] = new TestnetClient(network.SeedUrl, network.SeedPin, NewIdentity(), new DirectoryStore(Path.Combine(folder, "receiver-" + i)), clock);
                }
                output.WriteLine("beacon:  " + _beaconKeys.SessionId + "  (" + config.DeviceName + ", node pool of " + _beacon.Pool.Count + " from the pinned seed)");
                for (int i = 0; i < 2; i++)
                {
                    output.WriteLine(Pad(names[i] + ":", 9) + _receivers[i].Keys.SessionId + "  (swarm: " + SwarmAddresses(_receivers[i].Keys.SessionId) + ")");
                }
                _policy = new AlertPolicy(config.Policy);
                _composer = new AlertComposer(config);
                _sender = new TracingAlertSender(new ServiceNodeAlertSender(_beacon.Client, RequiredSignatures));
                _outbox = new Outbox(_beacon.Store, _sender, 8);
                _sender.BeforeSend = _ => _marks = Marks();
                _sender.AfterSend = ShowSend;
            }

            /// <summary>Runs the three scenes; null when all went through, else the reason.</summary>
            public string Play()
            {
                _outbox.Start(_beacon.NetworkClock.Now);
                _policy.Start(0);
                int hold = _config.PanicHoldMs;
                int gap = _config.Policy.GestureGapMs;
                int debounce = _config.Policy.ButtonDebounceMs;
                int tap = Math.Max(4 * debounce, 120);

                Scene("Panic: the button held " + (hold + 500) + " ms, then the " + _config.PanicCancelMs + " ms cancel window passes");
                Button(true, 0, "button down");
                Button(false, hold + 500, "button up (held past panic.hold_ms = " + hold + ")");
                string failure = RunUntilAlert(DecisionKind.FirePanic);
                if (failure != null)
                {
                    return failure;
                }

                long start = _simulated + 2000;
                Scene("Duress: a panic press, then " + _config.Policy.DuressPresses + " short presses in the cancel window (the device shows a cancel)");
                Button(true, start, "button down");
                Button(false, start + hold + 500, "button up: panic pending");
                long at = start + hold + 500 + 2 * tap;
                for (int i = 0; i < _config.Policy.DuressPresses; i++)
                {
                    Button(true, at, "short press " + (i + 1));
                    Button(false, at + tap, "released");
                    at += 2 * tap;
                }
                failure = RunUntilAlert(DecisionKind.FireDuress);
                if (failure != null)
                {
                    return failure;
                }

                SensorSetting sensor = _config.Policy.Sensors[0];
                long when = _simulated + 2000;
                Scene("Sensor: '" + sensor.Name + "' (" + sensor.Kind + " on GPIO" + sensor.Pin + ") becomes active");
                _policy.SensorLevel(0, true, when);
                Say(when, "sensor active");
                return RunUntilAlert(DecisionKind.FireSensor);
            }

            private void Scene(string title)
            {
                _output.WriteLine();
                _output.WriteLine("== " + title);
            }

            private void Button(bool down, long time, string what)
            {
                // Timers due before the edge first, so the lines come out in time order.
                _policy.Step(time);
                ShowDecisions();
                _policy.ButtonLevel(down, time);
                _simulated = time;
                Say(time, what);
                ShowDecisions();
            }

            // Steps the policy on its own wake times until it decides to send; then composes, queues, sends and checks.
            private string RunUntilAlert(DecisionKind expected)
            {
                Decision alert = null;
                for (int steps = 0; steps < 100 && alert == null; steps++)
                {
                    long wake = _policy.Step(_simulated);
                    alert = ShowDecisions();
                    if (alert == null)
                    {
                        if (wake == AlertPolicy.Never)
                        {
                            break;
                        }
                        _simulated = wake;
                    }
                }
                if (alert == null || alert.Kind != expected)
                {
                    return "the policy did not decide " + expected + (alert == null ? "" : " (it decided " + alert.Kind + ")");
                }
                return Deliver(alert);
            }

            // Prints the policy's decisions; returns the alert among them, if any.
            private Decision ShowDecisions()
            {
                Decision alert = null;
                foreach (Decision decision in _policy.TakeDecisions())
                {
                    Say(decision.Time, "policy: " + decision.Kind + Cue(decision.Kind));
                    if (AlertComposer.IsAlert(decision))
                    {
                        alert = decision;
                    }
                }
                return alert;
            }

            private static string Cue(DecisionKind kind) => kind switch
            {
                DecisionKind.CuePending => " (the LED shows: panic pending, a short press cancels)",
                DecisionKind.CueCancelled => " (the LED shows: cancelled, the same as for a real cancel)",
                _ => "",
            };

            private string Deliver(Decision alert)
            {
                long now = _beacon.NetworkClock.Now;
                ContentMessage content = _composer.Compose(alert, now, (uint)_outbox.DeliveredCount + 1);
                AlertKind kind = _composer.KindOf(alert);
                string[] ids = { _receivers[0].Keys.SessionId, _receivers[1].Keys.SessionId };
                OutboxRecord record = _outbox.Add(kind, now, _config.AlertTtlHours * 3600000L, _beaconKeys, ids, content, _beacon.Random);
                _output.WriteLine("  alert:  " + kind + " \"" + content.Body + "\" from '" + _config.DeviceName + "' to " + _names[0] + " and " + _names[1]
                    + "; in the outbox (" + _outbox.Count + " alert, " + record.RecipientCount + " sealed payloads) before anything is sent");
                _traceProblems.Clear();
                var limit = Stopwatch.StartNew();
                long wake = _outbox.Step(_beacon.NetworkClock.Now);
                while (_outbox.Count > 0 && limit.Elapsed < s_deliveryLimit)
                {
                    long wait = Math.Min(wake - _beacon.NetworkClock.Now, 10000);
                    _output.WriteLine("  outbox: not every recipient has a verified receipt; retrying in " + Math.Max(wait, 0) + " ms");
                    if (wait > 0)
                    {
                        Thread.Sleep((int)wait);
                    }
                    wake = _outbox.Step(_beacon.NetworkClock.Now);
                }
                if (_outbox.Count > 0)
                {
                    return kind + " alert not delivered within " + s_deliveryLimit.TotalSeconds + " s: " + LastError();
                }
                if (_traceProblems.Count > 0)
                {
                    return _traceProblems[0];
                }
                _output.WriteLine("  delivered: both recipients have a verified receipt; the outbox is empty");
                for (int i = 0; i < 2; i++)
                {
                    string failure = Open(i, record.Payload(i), content, now);
                    if (failure != null)
                    {
                        return failure;
                    }
                }
                return null;
            }

            private void ShowSend(SendAttempt attempt)
            {
                string name = NameOf(attempt.Recipient);
                if (!attempt.Delivered)
                {
                    _output.WriteLine("  to " + name + ": not delivered: " + (attempt.Error ?? ReceiptText(attempt.Receipt)));
                    return;
                }
                Observation[][] seen = SeenSince(_marks);
                TracedHop[] path = OnionTrace.StorePath(_network.Map, seen, attempt.Recipient, out string problem);
                if (path == null)
                {
                    _traceProblems.Add("the path of the store to " + name + " could not be traced: " + problem);
                    _output.WriteLine("  to " + name + ": " + ReceiptText(attempt.Receipt) + "; path not traced: " + problem);
                    return;
                }
                TracedHop guard = path[0];
                TracedHop destination = path[3];
                _output.WriteLine("  to " + name + ":");
                _output.WriteLine("    path:        guard " + guard.Node.Ip + " -> middle " + path[1].Node.Ip + " -> middle " + path[2].Node.Ip
                    + " -> destination " + destination.Node.Ip + " (a member of " + name + "'s swarm)");
                _output.WriteLine("    receipt:     " + ReceiptText(attempt.Receipt));
                _output.WriteLine("    guard saw:   from " + guard.Seen.From + " (the beacon), next hop " + path[1].Node.Ip + ", Session ID: "
                    + (guard.Seen.SessionId ?? "none"));
                _output.WriteLine("    destination saw: from " + destination.Seen.From + " (a relay, not the beacon), " + destination.Seen.Method + " for "
                    + destination.Seen.SessionId + " (" + name + ")");
                if (guard.Seen.From != BeaconAddress || guard.Seen.SessionId != null || guard.Seen.Destination)
                {
                    _traceProblems.Add("the guard " + guard.Node.Ip + " saw more than the beacon's address: Session ID " + (guard.Seen.SessionId ?? "none") + ", from " + guard.Seen.From);
                }
                if (destination.Seen.From == BeaconAddress || !_network.Map.IsNodeAddress(destination.Seen.From))
                {
                    _traceProblems.Add("the destination " + destination.Node.Ip + " was reached from " + destination.Seen.From + ", not from a relay node");
                }
                foreach (Observation[] node in seen)
                {
                    foreach (Observation o in node)
                    {
                        if (o.From == BeaconAddress && o.Endpoint == "onion_req/v2" && o.SessionId != null)
                        {
                            _traceProblems.Add("a node reached from the beacon's address learnt the Session ID " + o.SessionId);
                        }
                    }
                }
            }

            // Recipient i's receiver retrieves its messages through onion requests and opens the alert.
            private string Open(int i, byte[] payload, ContentMessage sent, long sigTimestamp)
            {
                TestnetClient receiver = _receivers[i];
                string id = receiver.Keys.SessionId;
                string hash = Session.Core.Micro.Network.MessageHash.Compute(id, 0, payload);
                for (int attempt = 1; attempt <= RetrieveTries; attempt++)
                {
                    RetrieveResult result = receiver.Client.Retrieve(id, receiver.Keys.Ed25519SecretKey, 0);
                    for (int m = 0; m < result.Count; m++)
                    {
                        if (result.Message(m).Hash != hash)
                        {
                            continue;
                        }
                        IncomingMessage opened;
                        try
                        {
                            opened = new MessageReceiver(receiver.Keys).OpenStoreData(MessageEncoder.ToStoreData(result.Message(m).Data));
                        }
                        catch (MessageException refused)
                        {
                            return _names[i] + "'s receiver could not open the alert: " + refused.Message;
                        }
                        _output.WriteLine("  " + _names[i] + "'s receiver: retrieved " + result.Count + " message(s) from " + IpOf(result.Node)
                            + " through an onion path and opened the alert:");
                        _output.WriteLine("    \"" + opened.Body + "\"  from " + opened.SenderSessionId
                            + (opened.SenderSessionId == _beaconKeys.SessionId ? " (the beacon)" : " (NOT the beacon)") + "  at " + Time(opened.Timestamp));
                        if (opened.Kind != IncomingMessageKind.DataMessage || opened.Body != sent.Body || opened.SenderSessionId != _beaconKeys.SessionId
                            || opened.Timestamp != sigTimestamp)
                        {
                            return _names[i] + "'s receiver opened a message that is not the alert sent (kind " + opened.Kind + ")";
                        }
                        return null;
                    }
                }
                return _names[i] + "'s receiver did not find the alert in " + RetrieveTries + " retrieves";
            }

            private string LastError()
            {
                for (int i = _sender.Attempts.Count - 1; i >= 0; i--)
                {
                    if (!_sender.Attempts[i].Delivered)
                    {
                        return _sender.Attempts[i].Error ?? ReceiptText(_sender.Attempts[i].Receipt);
                    }
                }
                return "no attempt failed, yet the outbox kept the alert";
            }

            private static string ReceiptText(StoreReceipt receipt) =>
                receipt.VerifiedCount + " verified swarm signature(s) (k = " + RequiredSignatures + ")"
                + (receipt.RejectedCount > 0 ? ", " + receipt.RejectedCount + " rejected" : "")
                + (receipt.FailedCount > 0 ? ", " + receipt.FailedCount + " failed" : "")
                + (receipt.Already ? ", already stored" : "");

            private string NameOf(string sessionId)
            {
                for (int i = 0; i < 2; i++)
                {
                    if (string.Equals(_receivers[i].Keys.SessionId, sessionId, StringComparison.OrdinalIgnoreCase))
                    {
                        return _names[i];
                    }
                }
                return sessionId;
            }

            private string IpOf(string ed25519Hex)
            {
                NodeEntry node = ed25519Hex == null ? null : _network.Map.FindByEd25519(ed25519Hex);
                return node == null ? "a node" : node.Ip;
            }

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
                    int from = marks == null ? 0 : Math.Min(marks[i], all.Length);
                    seen[i] = all[from..];
                }
                return seen;
            }

            private void Say(long time, string what)
            {
                _output.WriteLine("  " + Pad("t=" + time + " ms", 12) + what);
            }

            private static string Pad(string text, int width) => text.Length >= width ? text + " " : text.PadRight(width);

            private static string Time(long unixMs) => DateTimeOffset.FromUnixTimeMilliseconds(unixMs).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff") + " UTC";

            private static IdentityKeys NewIdentity() => IdentityKeys.FromSeed(RandomNumberGenerator.GetBytes(IdentityKeys.SeedSize));
        }
    }
}
