// The beacon itself: the alert policy's decisions become alerts in the outbox, written
// to flash before anything goes on the air; the connection brings the network up stage by stage;
// armed slots make the next press cheap; the outbox sends with retries until verified receipts or
// the TTL; the inbox brings acknowledgements and replies; the feedback player shows all of it.
// The same class runs on the ESP32 (Esp32/Program.cs) and in the harness (beacon run, demo);
// only BeaconHardware differs. Lifecycle (CONTRIBUTING.md rule 13): Start(now), Step(now) -> next wake,
// Stop(); single-threaded; inputs go to Policy between Steps. Step never throws: whatever fails is
// reported as a Problem event and retried, because a beacon that stops is worse than one that waits.
// Duress: the device shows what a cancel shows, and stays without any feedback for DuressQuietMs,
// so neither "sending" nor "delivered" nor "help reached" can give the duress alert away.
using System;
using System.Collections;
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Identity;
using Session.Core.Micro.Network;
using SessionBeacon.Arming;
using SessionBeacon.Config;
using SessionBeacon.Delivery;
using SessionBeacon.Feedback;
using SessionBeacon.Policy;

namespace SessionBeacon.App
{
    /// <summary>A running beacon: policy, outbox, network, pre-arming, inbox and feedback.</summary>
    public sealed class Beacon
    {
        /// <summary>Step's answer when nothing is due.</summary>
        public const long Never = long.MaxValue;

        /// <summary>Armed slots of each kind per recipient.</summary>
        public const int SlotsPerRecipient = 2;

        /// <summary>
        /// Verified signatures a receipt needs, from distinct members of the recipient's swarm as the seed's list
        /// gives it (1 for a swarm of one, ServiceNodeClient.RequiredSignaturesFor): the destination alone
        /// cannot make an alert "delivered"; at least one other member signed that it holds the message too.
        /// </summary>
        public const int RequiredSignatures = 2;

        /// <summary>Onion paths kept built.</summary>
        public const int PathCount = 2;

        /// <summary>How often the battery is read.</summary>
        public const long BatteryPollMs = 600000;

        /// <summary>How long the device shows nothing at all after a duress alert.</summary>
        public const long DuressQuietMs = 3600000;

        /// <summary>How often the inbox is read while an acknowledgement may be on its way (after a delivery).</summary>
        public const long FastPollMs = 3000;

        /// <summary>How long after a delivery the inbox is read every FastPollMs.</summary>
        public const long FastPollWindowMs = 300000;

        private readonly BeaconConfig _config;
        private readonly IdentityKeys _identity;
        private readonly IKeyValueStore _store;
        private readonly IRandomSource _random;
        private readonly BeaconHardware _hardware;
        private readonly NetworkClock _networkClock;
        private readonly NodePool _pool;
        private readonly OnionPaths _paths;
        private readonly ServiceNodeClient _client;
        private readonly Connection _connection;
        private readonly FlashAlert _flash;
        private readonly ServiceNodeAlertSender _alertSender;
        private readonly ReportingSender _sender;
        private readonly Outbox _outbox;
        private readonly ArmedSlots _armed;
        private readonly AlertPolicy _policy;
        private readonly AlertWriter _writer;
        private readonly RatchetPairings _pairings;
        private readonly AlertNotes _notes;
        private readonly Inbox _inbox;
        private readonly FeedbackPlayer _feedback;
        private readonly string[] _recipientIds;
        private readonly ArrayList _events = new ArrayList();
        private BeaconStage _stage = BeaconStage.Boot;
        private bool _wasArmed;
        private bool _confirmed;
        private bool _started;
        private long _outboxWake;
        private long _armedWake;
        private long _flashWake;
        private long _nextInboxPoll;
        private long _nextBatteryRead;
        private long _quietUntil;
        private long _fastPollUntil;

        /// <summary>A beacon for <paramref name="config"/> with the account <paramref name="identity"/>.</summary>
        /// <param name="config">The validated nf.config.</param>
        /// <param name="identity">The beacon's Session identity (kept outside nf.config).</param>
        /// <param name="store">The flash key-value store: outbox, ratchet states, node pool, cursors, handled inbox messages.</param>
        /// <param name="profile">The network: NetworkProfile.Mainnet() or a testnet.</param>
        /// <param name="transport">HTTP(S) to seeds and nodes.</param>
        /// <param name="clock">The local clock (Unix milliseconds).</param>
        /// <param name="random">The CSPRNG.</param>
        /// <param name="hardware">The device-specific parts.</param>
        /// <param name="outboxCapacity">Alerts the outbox holds at most (the board's <see cref="BoardProfile.OutboxSlots"/>).</param>
        /// <exception cref="System.ArgumentNullException">An argument is null.</exception>
        /// <exception cref="System.ArgumentException">outboxCapacity is below 1 or above 64.</exception>
        public Beacon(BeaconConfig config, IdentityKeys identity, IKeyValueStore store, NetworkProfile profile, IHttpTransport transport,
            IClock clock, IRandomSource random, BeaconHardware hardware, int outboxCapacity)
        {
            if (config == null) { throw Errors.Null("config"); }
            if (identity == null) { throw Errors.Null("identity"); }
            if (store == null) { throw Errors.Null("store"); }
            if (profile == null) { throw Errors.Null("profile"); }
            if (transport == null) { throw Errors.Null("transport"); }
            if (clock == null) { throw Errors.Null("clock"); }
            if (random == null) { throw Errors.Null("random"); }
            if (hardware == null) { throw Errors.Null("hardware"); }
            _config = config;
            _identity = identity;
            _store = store;
            _random = random;
            _hardware = hardware;
            _recipientIds = new string[config.Recipients.Length];
            for (int i = 0; i < _recipientIds.Length; i++)
            {
                _recipientIds[i] = config.Recipients[i].SessionId;
            }
            _networkClock = new NetworkClock(clock);
            _pool = new NodePool(profile, transport, store, random);
            _paths = new OnionPaths(_pool, transport, random, identity.SessionId, PathCount);
            var swarms = new SwarmCache();
            // One read of the seed's node list gives every recipient's swarm and the beacon's own (its inbox).
            for (int i = 0; i < _recipientIds.Length; i++)
            {
                swarms.Track(_recipientIds[i]);
            }
            swarms.Track(identity.SessionId);
            _client = new ServiceNodeClient(_pool, _paths, swarms, _networkClock, transport, store, random);
            _connection = new Connection(hardware.Link, hardware.Time, _pool, _paths, _client, _recipientIds);
            _armed = new ArmedSlots(_client, _paths, swarms, random, _recipientIds, SlotsPerRecipient, identity);
            _flash = new FlashAlert(config, identity, _client, _networkClock, random);
            _alertSender = new ServiceNodeAlertSender(_client, RequiredSignatures);
            _alertSender.Armed = _armed;
            _sender = new ReportingSender(_alertSender);
            _outbox = new Outbox(store, _sender, outboxCapacity);
            _policy = new AlertPolicy(config.Policy);
            _pairings = new RatchetPairings(config.Recipients, identity, store, random);
            _notes = new AlertNotes(store, config.RatchetOnDamage == BeaconConfig.OnDamageHold ? _pairings.WaitingNotes() : "");
            _writer = new AlertWriter(config, identity, store, random, _networkClock, _outbox, _armed, _flash, _alertSender, _pairings, _notes, _events);
            _inbox = new Inbox(_client, identity, config, _pairings, store);
            _feedback = new FeedbackPlayer(hardware.Light, hardware.Sound, config.Feedback);
        }

        /// <summary>The alert policy: give it the button, sensor and analog inputs between Steps.</summary>
        public AlertPolicy Policy
        {
            get { return _policy; }
        }

        /// <summary>The service-node client (the harness tunes its timeouts for a local testnet).</summary>
        public ServiceNodeClient Client
        {
            get { return _client; }
        }

        /// <summary>The beacon's inbox reader; its pages follow the board's reply cap (Inbox.MaxReplyBytes).</summary>
        public Inbox Inbox
        {
            get { return _inbox; }
        }

        /// <summary>The node pool (the device limits how many nodes it asks a seed for).</summary>
        public NodePool Pool
        {
            get { return _pool; }
        }

        /// <summary>The onion paths (the harness tunes the guard test timeout; the demo shows them).</summary>
        public OnionPaths Paths
        {
            get { return _paths; }
        }

        /// <summary>The outbox: what is waiting to be delivered.</summary>
        public Outbox Outbox
        {
            get { return _outbox; }
        }

        /// <summary>The ratchet pairings with companion receivers.</summary>
        public RatchetPairings Pairings
        {
            get { return _pairings; }
        }

        /// <summary>The feedback player: which pattern the LED and the buzzer show (the harness names it).</summary>
        public FeedbackPlayer Feedback
        {
            get { return _feedback; }
        }

        /// <summary>True when a pre-built flash alert is ready for every plain recipient (FlashAlert).</summary>
        public bool IsFlashReady
        {
            get { return _flash.IsReady; }
        }

        /// <summary>Where the beacon is now.</summary>
        public BeaconStage Stage
        {
            get { return _stage; }
        }

        /// <summary>True when nothing is pending: no alert to send, no gesture in progress, no pattern playing (a battery board may deep-sleep).</summary>
        public bool IsIdle
        {
            get { return _outbox.Count == 0 && _policy.State == ButtonState.Idle && !_feedback.IsPlaying; }
        }

        /// <summary>
        /// Loads the outbox from flash (alerts from before a reboot resume) and starts the modules; what it finds
        /// damaged on flash (an alert, a pairing) is reported as events and the "failed" pattern (StartupReport).
        /// </summary>
        /// <returns>When to call <see cref="Step"/>: now.</returns>
        public long Start(long now)
        {
            _outbox.Start(now);
            _policy.Start(now);
            _armed.Start(now);
            _flash.Start(now);
            _started = true;
            _outboxWake = now;
            _armedWake = now;
            _flashWake = now;
            _nextInboxPoll = now;
            _nextBatteryRead = now;
            Report(BeaconEventKind.Stage, now, null, StageName(_stage));
            if (_outbox.Count > 0)
            {
                Report(BeaconEventKind.Queued, now, null, _outbox.Count.ToString() + " alert(s) from before the restart resume");
            }
            new StartupReport(_config, _notes, _feedback, _events).Tell(now, _outbox.TakeDamage(), _pairings);
            return now;
        }

        /// <summary>Runs everything that is due at <paramref name="now"/>.</summary>
        /// <returns>When to call again at the latest (an input may come earlier).</returns>
        /// <exception cref="System.InvalidOperationException">Not started.</exception>
        public long Step(long now)
        {
            if (!_started)
            {
                throw Errors.NotStarted("Beacon");
            }
            long wake = Never;
            try
            {
                wake = Min(wake, StepBattery(now));
            }
            catch (Exception failure)
            {
                Problem(now, "battery", failure);
            }
            wake = Min(wake, StepPolicy(now));
            UpdateStage(now);
            try
            {
                wake = Min(wake, StepNetwork(now));
            }
            catch (Exception failure)
            {
                Problem(now, "network", failure);
                wake = Min(wake, now + Connection.BackoffMinMs);
            }
            UpdateStage(now);
            wake = Min(wake, _feedback.Step(now));
            return wake < now ? now : wake;
        }

        /// <summary>Stops the modules; alerts stay on flash for the next Start; armed slots are wiped.</summary>
        public void Stop()
        {
            _armed.Stop();
            _flash.Stop();
            _outbox.Stop();
            _policy.Stop();
            _feedback.Stop();
            _started = false;
        }

        /// <summary>The events since the last call, oldest first.</summary>
        public BeaconEvent[] TakeEvents()
        {
            var events = (BeaconEvent[])_events.ToArray(typeof(BeaconEvent));
            _events.Clear();
            return events;
        }

        private long StepBattery(long now)
        {
            if (_hardware.Battery == null)
            {
                return Never;
            }
            if (now >= _nextBatteryRead)
            {
                int percent = _hardware.Battery.ReadPercent();
                if (percent >= 0)
                {
                    _policy.BatteryLevel(percent, now);
                }
                _nextBatteryRead = now + BatteryPollMs;
            }
            return _nextBatteryRead;
        }

        private long StepPolicy(long now)
        {
            long next = _policy.Step(now);
            Decision[] decisions = _policy.TakeDecisions();
            for (int i = 0; i < decisions.Length; i++)
            {
                Decision decision = decisions[i];
                switch (decision.Kind)
                {
                    case DecisionKind.CuePending:
                        _feedback.Cue(true);
                        break;
                    case DecisionKind.CueCancelled:
                    case DecisionKind.Cancel:
                        _feedback.Cue(false);
                        break;
                    case DecisionKind.RateLimited:
                        break;
                    default:
                        _feedback.Cue(false);
                        try
                        {
                            Queue(decision, now);
                        }
                        catch (Exception failure)
                        {
                            // Nothing may hide that an alert could not be written: show it even in a quiet time.
                            Problem(now, "alert not queued", failure);
                            _feedback.Play(FeedbackPattern.Failed, now);
                        }
                        break;
                }
            }
            return next;
        }

        // The alert goes to flash first (AlertWriter); then what the device shows for it.
        private void Queue(Decision decision, long now)
        {
            AlertKind kind = _writer.Write(decision, now);
            _outboxWake = now;
            if (kind == AlertKind.Duress)
            {
                _quietUntil = now + DuressQuietMs;
            }
            else
            {
                Show(FeedbackPattern.Sending, now);
            }
            _confirmed = false;
        }

        private long StepNetwork(long now)
        {
            if (!_connection.IsReady)
            {
                long next = _connection.Step(now);
                if (_connection.FailedJustNow)
                {
                    Report(BeaconEventKind.Problem, now, null, _connection.LastProblem);
                }
                if (!_connection.IsReady)
                {
                    return next;
                }
            }
            long wake = Never;
            if (_writer.SealHeld(now))
            {
                _outboxWake = now;
            }
            if (_outbox.Count > 0 && now >= _outboxWake)
            {
                _outboxWake = StepOutbox(now);
            }
            wake = Min(wake, _outbox.Count > 0 ? _outboxWake : Never);
            if (_config.InboxPollSeconds > 0)
            {
                if (now >= _nextInboxPoll)
                {
                    _nextInboxPoll = now + (now < _fastPollUntil ? FastPollMs : _config.InboxPollSeconds * 1000L);
                    PollInbox(now);
                }
                wake = Min(wake, _nextInboxPoll);
            }
            // Arming is idle work: one slot or one flash recipient per Step, and only with nothing left to send now.
            if (_outbox.Count == 0 || _outboxWake > now)
            {
                if (now >= _armedWake)
                {
                    _armedWake = _armed.Step(now);
                }
                else if (now >= _flashWake)
                {
                    _flashWake = _flash.Step(now);
                }
                wake = Min(wake, Min(_armedWake, _flashWake));
            }
            return wake;
        }

        private long StepOutbox(long now)
        {
            int delivered = _outbox.DeliveredCount;
            int expired = _outbox.ExpiredCount;
            int failed = _outbox.FailedSends;
            long next = _outbox.Step(now);
            object[] stored = _sender.Take();
            for (int i = 0; i < stored.Length; i += 2)
            {
                var receipt = (StoreReceipt)stored[i + 1];
                Report(BeaconEventKind.Stored, now, NameOf((string)stored[i]), receipt.VerifiedCount.ToString() + " verified swarm signature(s)"
                    + (receipt.Already ? ", already stored" : ""));
            }
            if (_outbox.DeliveredCount > delivered)
            {
                // Help is most likely to answer now: read the inbox often for a while.
                _fastPollUntil = now + FastPollWindowMs;
                _nextInboxPoll = Min(_nextInboxPoll, now + FastPollMs);
            }
            for (int i = delivered; i < _outbox.DeliveredCount; i++)
            {
                _confirmed = true;
                Report(BeaconEventKind.Delivered, now, null, null);
                Show(FeedbackPattern.Delivered, now);
            }
            for (int i = expired; i < _outbox.ExpiredCount; i++)
            {
                _confirmed = false;
                Report(BeaconEventKind.Expired, now, null, null);
                Show(FeedbackPattern.Failed, now);
            }
            if (_outbox.FailedSends > failed)
            {
                Report(BeaconEventKind.Failed, now, null, (_outbox.FailedSends - failed).ToString() + " send(s) without a receipt ("
                    + _sender.LastError + "); retrying");
                Show(FeedbackPattern.Failed, now);
                if (_hardware.Link != null && !_hardware.Link.IsUp)
                {
                    _connection.Lost("the network link went down", now);
                }
            }
            return next;
        }

        private void PollInbox(long now)
        {
            int before = _events.Count;
            try
            {
                _inbox.Poll(now, _events);
            }
            catch (ServiceNodeException failed)
            {
                Report(BeaconEventKind.Problem, now, null, "inbox: " + failed.Message);
                return;
            }
            for (int i = before; i < _events.Count; i++)
            {
                BeaconEventKind kind = ((BeaconEvent)_events[i]).Kind;
                if (kind == BeaconEventKind.HelpReached || kind == BeaconEventKind.Reply)
                {
                    Show(FeedbackPattern.HelpReached, now);
                }
            }
        }

        private void UpdateStage(long now)
        {
            BeaconStage stage;
            if (!_connection.IsReady)
            {
                stage = _connection.Stage;
            }
            else if (_outbox.Count > 0)
            {
                stage = BeaconStage.Firing;
            }
            else if (_confirmed)
            {
                stage = BeaconStage.Confirmed;
            }
            else
            {
                stage = BeaconStage.Armed;
            }
            if (stage == _stage)
            {
                return;
            }
            _stage = stage;
            Report(BeaconEventKind.Stage, now, null, StageName(stage));
            if (stage == BeaconStage.Armed && !_wasArmed)
            {
                _wasArmed = true;
                Show(FeedbackPattern.Armed, now);
            }
        }

        private void Show(int pattern, long now)
        {
            if (now >= _quietUntil)
            {
                _feedback.Play(pattern, now);
            }
        }

        // Whatever fails is told and retried; none of it may stop the beacon.
        private void Problem(long now, string where, Exception failure)
        {
            Report(BeaconEventKind.Problem, now, null, where + ": " + failure.Message);
        }

        private void Report(BeaconEventKind kind, long now, string recipient, string text)
        {
            _events.Add(new BeaconEvent(kind, now, BeaconEvent.NoAlert, recipient, text));
        }

        private void Report(BeaconEventKind kind, long now, AlertKind alert, string recipient, string text)
        {
            _events.Add(new BeaconEvent(kind, now, alert, recipient, text));
        }

        private string NameOf(string recipientId)
        {
            int i = _config.RecipientIndex(recipientId);
            return i < 0 ? recipientId : _config.Recipients[i].Name;
        }

        private static string StageName(BeaconStage stage)
        {
            switch (stage)
            {
                case BeaconStage.Boot: return "boot";
                case BeaconStage.NetworkUp: return "network up";
                case BeaconStage.Clock: return "clock";
                case BeaconStage.Paths: return "pool and paths";
                case BeaconStage.Armed: return "armed";
                case BeaconStage.Firing: return "firing";
                default: return "confirmed";
            }
        }

        private static long Min(long a, long b)
        {
            return a < b ? a : b;
        }
    }
}
