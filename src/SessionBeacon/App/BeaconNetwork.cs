// The beacon's network side (docs/architecture.md, "Two threads"): the connection's stages, sealing
// held alerts, sending the outbox, reading the inbox, and in idle time arming, in that order. It runs
// on the network thread only (NetworkWorker), so anything here may wait for the network, each wait
// bounded by the transport's timeouts (docs/architecture.md, "Every wait has a bound"); the input
// thread never calls into it. What the two threads share: the outbox (its own lock), the flash
// alert's parts and the sender's offered requests (their own locks), the flash store and the random
// source (LockedStore, LockedRandom), and the events this side reports, which Beacon.Step takes
// (TakeNews) and turns into what the LED shows. Stage, IsFlashReady and the network's time (as an
// offset from Step's clock, for the input side's tracking plan and a fix's age) are single values
// written here and read there. Step never throws: whatever fails becomes a Problem event and is tried again.
using System;
using System.Collections;
using Session.Core.Micro.Network;
using SessionBeacon.Arming;
using SessionBeacon.Config;
using SessionBeacon.Delivery;
using SessionBeacon.Hardware;

namespace SessionBeacon.App
{
    /// <summary>Everything the beacon does that waits for the network; one thread calls it.</summary>
    internal sealed class BeaconNetwork
    {
        private readonly BeaconConfig _config;
        private readonly INetworkLink _link;
        private readonly Connection _connection;
        private readonly AlertSealer _sealer;
        private readonly Outbox _outbox;
        private readonly ReportingSender _sender;
        private readonly Inbox _inbox;
        private readonly ArmedSlots _armed;
        private readonly FlashAlert _flash;
        private readonly NetworkClock _networkClock;
        private readonly ArrayList _news = new ArrayList();
        // Guards _stage, _flashReady, _timeKnown and _timeOffset, which the input thread reads.
        private readonly object _state = new object();
        private BeaconStage _stage = BeaconStage.Boot;
        private bool _flashReady;
        private bool _timeKnown;
        private long _timeOffset;
        private bool _confirmed;
        private long _armedWake;
        private long _flashWake;
        private long _nextInboxPoll;
        private long _fastPollUntil;

        internal BeaconNetwork(BeaconConfig config, INetworkLink link, Connection connection, AlertSealer sealer, Outbox outbox,
            ReportingSender sender, Inbox inbox, ArmedSlots armed, FlashAlert flash, NetworkClock networkClock)
        {
            _networkClock = networkClock;
            _config = config;
            _link = link;
            _connection = connection;
            _sealer = sealer;
            _outbox = outbox;
            _sender = sender;
            _inbox = inbox;
            _armed = armed;
            _flash = flash;
        }

        /// <summary>Where the beacon stands; written by Step, read from any thread.</summary>
        internal BeaconStage Stage
        {
            get
            {
                lock (_state)
                {
                    return _stage;
                }
            }
        }

        /// <summary>The flash alert's readiness as the last Step saw it; readable from any thread.</summary>
        internal bool IsFlashReady
        {
            get
            {
                lock (_state)
                {
                    return _flashReady;
                }
            }
        }

        /// <summary>
        /// The network's time at <paramref name="now"/> on Step's clock, as the last Step saw it (carried forward on
        /// that clock); false while the network's clock is not set. Readable from any thread.
        /// </summary>
        internal bool NetworkTime(long now, out long networkNow)
        {
            lock (_state)
            {
                networkNow = now + _timeOffset;
                return _timeKnown;
            }
        }

        internal void Start(long now)
        {
            _armedWake = now;
            _flashWake = now;
            _nextInboxPoll = now;
        }

        /// <summary>Runs what is due at <paramref name="now"/>; returns when to run again.</summary>
        internal long Step(long now)
        {
            // Before and after: an alert written since the last step is "firing" even when this step delivers it.
            UpdateStage(now);
            long wake;
            try
            {
                wake = StepConnected(now);
            }
            catch (Exception failure)
            {
                Report(BeaconEventKind.Problem, now, null, "network: " + failure.Message);
                wake = now + Connection.BackoffMinMs;
            }
            UpdateStage(now);
            bool ready = _flash.IsReady;
            bool timeKnown = _networkClock.IsSynchronised;
            long timeOffset = _networkClock.Now - now;
            lock (_state)
            {
                _flashReady = ready;
                _timeKnown = timeKnown;
                _timeOffset = timeOffset;
            }
            return wake < now ? now : wake;
        }

        /// <summary>The events since the last call, oldest first; safe from any thread.</summary>
        internal BeaconEvent[] TakeNews()
        {
            lock (_news)
            {
                var news = (BeaconEvent[])_news.ToArray(typeof(BeaconEvent));
                _news.Clear();
                return news;
            }
        }

        private long StepConnected(long now)
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
            // What is due goes first (a flash alert, built ahead, leaves before the held alert's sealing
            // costs its cryptography); then the held alerts are sealed and sent.
            if (_outbox.NextAttempt() <= now)
            {
                StepOutbox(now);
            }
            if (_sealer.SealHeld(now))
            {
                StepOutbox(now);
            }
            long outboxWake = _outbox.NextAttempt();
            long wake = outboxWake;
            if (_config.InboxPollSeconds > 0)
            {
                if (now >= _nextInboxPoll)
                {
                    // Set first, so that a poll that throws (a failing flash) is not repeated at once. A poll's next
                    // page comes at once, after what became due meanwhile: the next Step sends that first.
                    _nextInboxPoll = now + (now < _fastPollUntil ? Beacon.FastPollMs : _config.InboxPollSeconds * 1000L);
                    if (PollInbox(now))
                    {
                        _nextInboxPoll = now;
                    }
                }
                wake = Min(wake, _nextInboxPoll);
            }
            // Arming is idle work: one slot or one flash recipient per Step, and only with nothing left to send now.
            if (outboxWake > now)
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

        private void StepOutbox(long now)
        {
            int delivered = _outbox.DeliveredCount;
            int expired = _outbox.ExpiredCount;
            int failed = _outbox.FailedSends;
            _outbox.Step(now);
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
                _fastPollUntil = now + Beacon.FastPollWindowMs;
                _nextInboxPoll = Min(_nextInboxPoll, now + Beacon.FastPollMs);
            }
            for (int i = delivered; i < _outbox.DeliveredCount; i++)
            {
                _confirmed = true;
                Report(BeaconEventKind.Delivered, now, null, null);
            }
            for (int i = expired; i < _outbox.ExpiredCount; i++)
            {
                _confirmed = false;
                Report(BeaconEventKind.Expired, now, null, null);
            }
            if (_outbox.FailedSends > failed)
            {
                Report(BeaconEventKind.Failed, now, null, (_outbox.FailedSends - failed).ToString() + " send(s) without a receipt ("
                    + _sender.LastError + "); retrying");
                if (_link != null && !_link.IsUp)
                {
                    _connection.Lost("the network link went down", now);
                }
            }
        }

        // One page of the inbox; true when the poll goes on with another.
        private bool PollInbox(long now)
        {
            var found = new ArrayList();
            try
            {
                return _inbox.Poll(now, found);
            }
            catch (ServiceNodeException failed)
            {
                Report(BeaconEventKind.Problem, now, null, "inbox: " + failed.Message);
                return false;
            }
            finally
            {
                lock (_news)
                {
                    for (int i = 0; i < found.Count; i++)
                    {
                        _news.Add(found[i]);
                    }
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
            lock (_state)
            {
                if (stage == _stage)
                {
                    return;
                }
                _stage = stage;
            }
            Report(BeaconEventKind.Stage, now, null, StageName(stage));
        }

        private void Report(BeaconEventKind kind, long now, string recipient, string text)
        {
            lock (_news)
            {
                _news.Add(new BeaconEvent(kind, now, BeaconEvent.NoAlert, recipient, text));
            }
        }

        private string NameOf(string recipientId)
        {
            int i = _config.RecipientIndex(recipientId);
            return i < 0 ? recipientId : _config.Recipients[i].Name;
        }

        /// <summary>The name a Stage event gives <paramref name="stage"/>.</summary>
        internal static string StageName(BeaconStage stage)
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
