// The beacon itself: the alert policy's decisions become alerts in the outbox, written
// to flash before anything goes on the air; the connection brings the network up stage by stage;
// armed slots make the next press cheap; the outbox sends with retries until verified receipts or
// the TTL; the inbox brings acknowledgements and replies; the feedback player shows all of it.
// The same class runs on the ESP32 (Esp32/Program.cs) and in the harness (beacon run, demo);
// only BeaconHardware differs. Lifecycle (CONTRIBUTING.md rule 13): Start(now), Step(now) -> next wake,
// Stop(); inputs go to Policy between Steps.
// Two threads (docs/architecture.md, "Two threads"): Step is the input side (battery, policy, the
// alert onto flash, what the LED shows) and never waits for the network or computes a key;
// StepNetwork is the network side (BeaconNetwork), run by a thread of its own (NetworkWorker) or, in
// tests, alternately with Step on one thread. Neither throws: whatever fails is reported as a Problem
// event and retried, because a beacon that stops is worse than one that waits.
// Duress: the device shows what a cancel shows, and stays without any feedback for DuressQuietMs,
// so neither "sending" nor "delivered" nor "help reached" can give the duress alert away; each
// tracking update after a duress alert starts that quiet time again.
// Location (docs/location.md): ReadGps takes what the GPS module sent, on the input thread; panic and
// duress alerts (every alert with location.mode = all) carry the position, and tracking updates
// follow them until the plan ends, the owner cancels (not after duress) or a recipient replies
// "stop" (BeaconLocation.StopReply). An alert accepted while the beacon has no network shows
// "stored, not sent" instead of "sending".
using System;
using System.Collections;
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Identity;
using Session.Core.Micro.Network;
using SessionBeacon.Arming;
using SessionBeacon.Config;
using SessionBeacon.Delivery;
using SessionBeacon.Feedback;
using SessionBeacon.Location;
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
        private readonly BeaconHardware _hardware;
        private readonly NodePool _pool;
        private readonly OnionPaths _paths;
        private readonly ServiceNodeClient _client;
        private readonly FlashAlert _flash;
        private readonly Outbox _outbox;
        private readonly ArmedSlots _armed;
        private readonly AlertPolicy _policy;
        private readonly AlertWriter _writer;
        private readonly RatchetPairings _pairings;
        private readonly FeedbackPlayer _feedback;
        private readonly AlertNotes _notes;
        private readonly Inbox _inbox;
        private readonly BeaconNetwork _network;
        private readonly BeaconLocation _location;
        private readonly ArrayList _events = new ArrayList();
        private bool _wasArmed;
        private bool _started;
        private long _nextBatteryRead;
        private long _quietUntil;

        /// <summary>A beacon for <paramref name="config"/> with the account <paramref name="identity"/>.</summary>
        /// <param name="config">The validated nf.config.</param>
        /// <param name="identity">The beacon's Session identity (kept outside nf.config).</param>
        /// <param name="store">The flash key-value store: outbox, ratchet states, node pool, cursors, handled inbox messages.</param>
        /// <param name="profile">The network: NetworkProfile.Mainnet() or a testnet.</param>
        /// <param name="transport">HTTP(S) to seeds and nodes (called on the network thread only).</param>
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
            _hardware = hardware;
            // Both threads write to flash and draw random bytes: each call is one at a time.
            store = new LockedStore(store);
            random = new LockedRandom(random);
            var recipientIds = new string[config.Recipients.Length];
            for (int i = 0; i < recipientIds.Length; i++)
            {
                recipientIds[i] = config.Recipients[i].SessionId;
            }
            var networkClock = new NetworkClock(clock);
            _pool = new NodePool(profile, transport, store, random);
            _paths = new OnionPaths(_pool, transport, random, identity.SessionId, PathCount);
            var swarms = new SwarmCache();
            // One read of the seed's node list gives every recipient's swarm and the beacon's own (its inbox).
            for (int i = 0; i < recipientIds.Length; i++)
            {
                swarms.Track(recipientIds[i]);
            }
            swarms.Track(identity.SessionId);
            _client = new ServiceNodeClient(_pool, _paths, swarms, networkClock, transport, store, random);
            var connection = new Connection(hardware.Link, hardware.Time, _pool, _paths, _client, recipientIds);
            _armed = new ArmedSlots(_client, _paths, swarms, random, recipientIds, SlotsPerRecipient, identity);
            var composer = new AlertComposer(config);
            _flash = new FlashAlert(config, identity, _client, networkClock, random, composer.MinimumPaddedSize(false));
            var alertSender = new ServiceNodeAlertSender(_client, RequiredSignatures);
            alertSender.Armed = _armed;
            var sender = new ReportingSender(alertSender);
            _outbox = new Outbox(store, sender, outboxCapacity);
            _policy = new AlertPolicy(config.Policy);
            _pairings = new RatchetPairings(config.Recipients, identity, store, random);
            _notes = new AlertNotes(store, config.RatchetOnDamage == BeaconConfig.OnDamageHold ? _pairings.WaitingNotes() : "");
            _location = new BeaconLocation(config.Location, hardware.HasGps, store);
            _writer = new AlertWriter(config, store, random, _outbox, _flash, alertSender, _notes, composer, _location, _events);
            var sealer = new AlertSealer(config, identity, random, networkClock, _outbox, _armed, _pairings, composer);
            _inbox = new Inbox(_client, identity, config, _pairings, store);
            _network = new BeaconNetwork(config, hardware.Link, connection, sealer, _outbox, sender, _inbox, _armed, _flash, networkClock);
            _feedback = new FeedbackPlayer(hardware.Light, hardware.Sound, config.Feedback);
        }

        /// <summary>
        /// Raised by Step (on the input thread) when it has written an alert: the network side has work
        /// now, whatever time it asked for. NetworkWorker listens to it.
        /// </summary>
        public event EventHandler NetworkWanted;

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

        /// <summary>True when a pre-built flash alert was ready for every plain recipient at the last network step (FlashAlert).</summary>
        public bool IsFlashReady
        {
            get { return _network.IsFlashReady; }
        }

        /// <summary>Where the beacon is now (as the network side last saw it).</summary>
        public BeaconStage Stage
        {
            get { return _network.Stage; }
        }

        /// <summary>True when nothing is pending: no alert to send, no gesture in progress, no pattern playing (a battery board may deep-sleep).</summary>
        public bool IsIdle
        {
            get { return _outbox.Count == 0 && _policy.State == ButtonState.Idle && !_feedback.IsPlaying; }
        }

        /// <summary>
        /// Loads the outbox from flash (alerts from before a reboot resume) and starts the modules; call it before either
        /// thread steps. What it finds damaged on flash (an alert, a pairing) is reported as events and the "failed"
        /// pattern (StartupReport).
        /// </summary>
        /// <returns>When to call <see cref="Step"/> and <see cref="StepNetwork"/>: now.</returns>
        public long Start(long now)
        {
            _outbox.Start(now);
            _policy.Start(now);
            _armed.Start(now);
            _flash.Start(now);
            _network.Start(now);
            _started = true;
            _nextBatteryRead = now;
            Report(BeaconEventKind.Stage, now, null, BeaconNetwork.StageName(BeaconStage.Boot));
            if (_outbox.Count > 0)
            {
                Report(BeaconEventKind.Queued, now, null, _outbox.Count.ToString() + " alert(s) from before the restart resume");
            }
            new StartupReport(_config, _notes, _feedback, _events).Tell(now, _outbox.TakeDamage(), _pairings, _location);
            return now;
        }

        /// <summary>
        /// Takes what the GPS module sent since the last call (<paramref name="reader"/> fed with its bytes): the fix and
        /// the satellites' time. Call it on the input thread, at least every 2 s while the module runs, so that a fix
        /// counts as current only while the module goes on sending it. A flash write that fails is reported, never thrown.
        /// </summary>
        /// <exception cref="System.ArgumentNullException"><paramref name="reader"/> is null.</exception>
        public void ReadGps(NmeaReader reader, long now)
        {
            if (reader == null)
            {
                throw Errors.Null("reader");
            }
            try
            {
                _location.Read(reader, now);
            }
            catch (Exception failure)
            {
                Problem(now, "last position not written", failure);
            }
        }

        /// <summary>
        /// The input side: reads the battery when due, runs the policy on the inputs given since the last
        /// call, writes each alert it decides on to flash, and plays what the LED and buzzer show, also
        /// for what the network side reported meanwhile. Never waits for the network.
        /// </summary>
        /// <returns>When to call again at the latest (an input, or news from the network side, may come earlier).</returns>
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
            try
            {
                wake = Min(wake, StepTracking(now));
            }
            catch (Exception failure)
            {
                Problem(now, "tracking", failure);
            }
            BeaconEvent[] news = _network.TakeNews();
            for (int i = 0; i < news.Length; i++)
            {
                _events.Add(news[i]);
                ShowNews(news[i], now);
            }
            wake = Min(wake, _feedback.Step(now));
            return wake < now ? now : wake;
        }

        /// <summary>
        /// The network side: the connection's stages, sealing held alerts, sending, the inbox and arming,
        /// whatever is due at <paramref name="now"/> (on Step's clock). Waits for the network, each wait
        /// bounded by the transport; call it from one thread only, the network thread (NetworkWorker).
        /// </summary>
        /// <returns>When to call again at the latest (<see cref="NetworkWanted"/> may ask earlier).</returns>
        /// <exception cref="System.InvalidOperationException">Not started.</exception>
        public long StepNetwork(long now)
        {
            if (!_started)
            {
                throw Errors.NotStarted("Beacon");
            }
            return _network.Step(now);
        }

        /// <summary>Stops the modules once the network thread has stopped; alerts stay on flash for the next Start; armed slots are wiped.</summary>
        public void Stop()
        {
            _armed.Stop();
            _flash.Stop();
            _outbox.Stop();
            _policy.Stop();
            _feedback.Stop();
            _started = false;
        }

        /// <summary>The events since the last call, oldest first (the network side's as Step took them); call it on the input thread.</summary>
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
                        _feedback.Cue(false);
                        break;
                    case DecisionKind.Cancel:
                        _feedback.Cue(false);
                        // The owner's cancel ends tracking, except after a duress alert, and says nothing then.
                        StopTracking(true, "cancelled on the beacon", now);
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

        // The alert goes to flash first (AlertWriter); then what the device shows for it, then a panic's
        // flash alert; tracking starts after a panic or duress alert, and the network side is woken.
        private void Queue(Decision decision, long now)
        {
            long utcNow = UtcNow(now);
            AlertKind kind = _writer.Write(decision, utcNow, now);
            if (kind == AlertKind.Duress)
            {
                _quietUntil = now + DuressQuietMs;
            }
            else
            {
                Show(IsConnected ? FeedbackPattern.Sending : FeedbackPattern.Stored, now);
            }
            if (kind == AlertKind.Panic)
            {
                try
                {
                    _writer.QueueFlash(now);
                }
                catch (Exception failure)
                {
                    // The panic is on flash; only its faster twin is missing.
                    Problem(now, "flash alert not queued", failure);
                }
            }
            if (kind == AlertKind.Panic || kind == AlertKind.Duress)
            {
                try
                {
                    if (!_location.StartTracking(kind == AlertKind.Duress, utcNow) && _hardware.HasGps)
                    {
                        Report(BeaconEventKind.Problem, now, null, "tracking not started: neither the network nor the GPS has told the time yet");
                    }
                }
                catch (Exception failure)
                {
                    // Tracking runs in memory; only its record for a restart is missing.
                    Problem(now, "tracking plan not written", failure);
                }
            }
            WakeNetwork();
        }

        // A tracking update when one is due; an update whose write fails is skipped, as one missed while the
        // beacon was off (the next carries a higher number). Returns when the next one is due.
        private long StepTracking(long now)
        {
            if (!_location.IsTracking)
            {
                return Never;
            }
            long utcNow = UtcNow(now);
            int number = _location.Due(utcNow);
            if (number > 0)
            {
                try
                {
                    _writer.WriteTracking(number, _policy.BatteryPercent, utcNow, now);
                    if (_location.IsDuressTracking)
                    {
                        _quietUntil = now + DuressQuietMs;
                    }
                    WakeNetwork();
                }
                finally
                {
                    _location.Taken(number);
                }
            }
            return _location.NextWake(now, UtcNow(now));
        }

        private void StopTracking(bool byOwner, string why, long now)
        {
            if (!_location.IsTracking)
            {
                return;
            }
            try
            {
                if (_location.StopTracking(byOwner))
                {
                    Report(BeaconEventKind.TrackingStopped, now, null, why);
                }
            }
            catch (Exception failure)
            {
                // The plan has ended in memory; its record stays for the next start, which ends it when due.
                Problem(now, "tracking stopped, its record not removed", failure);
            }
        }

        // True while the network side can send: armed, firing or confirmed.
        private bool IsConnected
        {
            get
            {
                BeaconStage stage = _network.Stage;
                return stage == BeaconStage.Armed || stage == BeaconStage.Firing || stage == BeaconStage.Confirmed;
            }
        }

        // The UTC time for the position's age and the tracking plan (BeaconLocation.UtcNow).
        private long UtcNow(long now)
        {
            long networkNow;
            bool known = _network.NetworkTime(now, out networkNow);
            return _location.UtcNow(known, networkNow, now);
        }

        private void WakeNetwork()
        {
            EventHandler wanted = NetworkWanted;
            if (wanted != null)
            {
                wanted(this, EventArgs.Empty);
            }
        }

        // What the device shows for what the network side reported.
        private void ShowNews(BeaconEvent news, long now)
        {
            switch (news.Kind)
            {
                case BeaconEventKind.Delivered:
                    Show(FeedbackPattern.Delivered, now);
                    break;
                case BeaconEventKind.Expired:
                case BeaconEventKind.Failed:
                    Show(FeedbackPattern.Failed, now);
                    break;
                case BeaconEventKind.HelpReached:
                    Show(FeedbackPattern.HelpReached, now);
                    break;
                case BeaconEventKind.Reply:
                    Show(FeedbackPattern.HelpReached, now);
                    if (BeaconLocation.IsStopReply(news.Text))
                    {
                        StopTracking(false, "stopped by " + news.Recipient + "'s reply", now);
                    }
                    break;
                case BeaconEventKind.Stage:
                    if (!_wasArmed && news.Text == BeaconNetwork.StageName(BeaconStage.Armed))
                    {
                        _wasArmed = true;
                        Show(FeedbackPattern.Armed, now);
                    }
                    break;
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

        private static long Min(long a, long b)
        {
            return a < b ? a : b;
        }
    }
}
