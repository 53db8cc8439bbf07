// The pre-built flash alert: in idle time, for every plain Session v1 recipient,
// the complete panic payload (nf.config alert.panic, profile name device.name, timestamp = the
// network time of the build) and the complete onion request that stores it (fresh onion keys over
// a live path to a member of the recipient's swarm, ServiceNodeClient.PrepareStore). At a press,
// Take() hands the set out and the press costs only the outbox write and the transport: no
// X25519, no signature, no onion layer encryption. The detailed alert follows through the
// normal (armed) path.
// Its payloads have the padded size of every panic alert (given: AlertComposer.MinimumPaddedSize), so that
// it looks like the detailed alert and the tracking updates (docs/threat-model.md, "Sizes").
// Ratchet recipients (companion receivers) get no flash alert, only the detailed one: a ratchet
// packet built ahead would use up a message key on every refresh (the receiver would see gaps
// and keep skipped keys for messages never sent), and a packet kept unsent across a ratchet step
// could no longer be opened.
// Freshness: each recipient's part is rebuilt every flash.refresh_s (10 to 50 s; 0 turns the flash
// alert off), is never handed out once it is older than MaxAgeMs (60 s) by the network clock, and is
// dropped at once when its path is no longer live or its destination left the swarm. The recipient's
// app shows the build time as the sent time, and Session Desktop drops a message from a sender not
// yet in the contacts when the contacts config is more than 2 minutes newer than the message, which
// can happen before the beacon's hello is accepted: so a flash alert is at most a minute old at the
// press, or it does not leave (the detailed alert, stamped at the press, follows anyway). The swarm
// stores a message whose timestamp lies in the past as long as timestamp + TTL is not more than 10 s
// behind its clock (docs/protocol.md §3.2), which the TTL (at least 1 hour) always meets.
// Cost per rebuild of one recipient: the payload (2 X25519 for the seal, 2 fixed-base
// multiplications for the signature and decoy) and the request's symmetric layers over the onion
// keys of the part it replaces, kept while their path and destination are current
// (ServiceNodeClient.PrepareStore with the replaced request); fresh keys (8 X25519) only when they
// are not. Measured (docs/performance.md, "Flash alert freshness"): 1.4-3.7 s of ESP32 CPU per
// recipient with kept keys, 3.7-10 s with fresh ones; signing at the press instead would cost
// 0.15-0.4 s per recipient at the press, against the flash alert's 0.1 s goal. One recipient per
// Step. RAM: the payload and its request, about 2 KB per recipient.
// Lifecycle (CONTRIBUTING.md rule 13): Start(now), Step(now) -> next wake, Stop().
// Two threads: Step builds on the network thread, Take hands the parts out on the input thread at a
// press (docs/architecture.md, "Two threads"). A lock guards the parts; it is held only to check, swap
// or hand them out, never while a part is built. Take reads nothing of the network's state (paths,
// swarms, the network clock's offset: the network thread's alone): it tells a part's age by the local
// clock the network time is counted on, and a part whose path or destination went stale since the
// last Step is handed out all the same; its payload is then stored over a fresh route
// (ServiceNodeClient.Store with a prepared store that is no longer current).
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Identity;
using Session.Core.Micro.Messages;
using Session.Core.Micro.Network;
using SessionBeacon.Config;

namespace SessionBeacon.Arming
{
    /// <summary>Keeps a pre-built flash alert to every plain recipient ready to leave at once.</summary>
    public sealed class FlashAlert
    {
        /// <summary>Step's answer when nothing is left to do (flash alert off, or not started).</summary>
        public const long Never = long.MaxValue;

        /// <summary>How often a full set is checked against the live paths and swarms (ms).</summary>
        public const long RecheckMs = 10000;

        /// <summary>The oldest a part may be when it is handed out (ms of network time since its timestamp).</summary>
        public const long MaxAgeMs = 60000;

        /// <summary>How long to wait after the network could not supply the clock, a swarm or a path (ms).</summary>
        public const long RetryMs = 30000;

        private readonly ServiceNodeClient _client;
        private readonly NetworkClock _clock;
        private readonly IdentityKeys _sender;
        private readonly IRandomSource _random;
        private readonly string _text;
        private readonly string _name;
        private readonly int _paddedSize;
        private readonly long _refreshMs;
        private readonly long _ttlMs;
        private readonly string[] _ids;
        private readonly byte[][] _keys;
        // Per plain recipient: the payload, its prepared store and when it was built (Step's clock); null = none.
        private readonly byte[][] _payloads;
        private readonly PreparedStore[] _stores;
        private readonly long[] _builtAt;
        // Per part: the local clock's reading at its build, for its age at a press (see the file's header).
        private readonly long[] _stampedAt;
        private readonly object _parts = new object();
        private bool _started;
        private long _networkRetryAt;

        /// <summary>
        /// A flash alert from <paramref name="config"/> (alert.panic, device.name, flash.refresh_s,
        /// alert.ttl_hours, the recipients without a pre-key) signed as <paramref name="sender"/>.
        /// </summary>
        /// <param name="config">The beacon's configuration.</param>
        /// <param name="sender">The beacon's identity.</param>
        /// <param name="client">The client whose paths, swarms and clock the requests are built on.</param>
        /// <param name="clock">The client's network clock (the payloads' timestamps).</param>
        /// <param name="random">Ephemeral keys, decoys and nonces.</param>
        /// <param name="paddedSize">The padded size of its payloads (ContentMessage.MinimumPaddedSize): a panic alert's, or 0.</param>
        /// <exception cref="System.ArgumentNullException">An argument is null.</exception>
        /// <exception cref="System.ArgumentException">The refresh interval is longer than half the alert TTL, or ContentMessage.MinimumPaddedSize refuses the padded size.</exception>
        public FlashAlert(BeaconConfig config, IdentityKeys sender, ServiceNodeClient client, NetworkClock clock, IRandomSource random, int paddedSize)
        {
            if (config == null) { throw Errors.Null("config"); }
            if (sender == null) { throw Errors.Null("sender"); }
            if (client == null) { throw Errors.Null("client"); }
            if (clock == null) { throw Errors.Null("clock"); }
            if (random == null) { throw Errors.Null("random"); }
            _refreshMs = config.FlashRefreshSeconds * 1000L;
            _ttlMs = config.AlertTtlHours * 3600000L;
            if (_refreshMs < 0 || _refreshMs > _ttlMs / 2)
            {
                throw Errors.Range("config", "flash.refresh_s must be at most half of alert.ttl_hours");
            }
            _client = client;
            _clock = clock;
            _sender = sender;
            _random = random;
            _text = config.PanicText;
            _name = config.DeviceName;
            // Refused now rather than at every build.
            new ContentMessage("", null, 1).MinimumPaddedSize = paddedSize;
            _paddedSize = paddedSize;
            int plain = 0;
            for (int i = 0; i < config.Recipients.Length; i++)
            {
                plain += config.Recipients[i].UsesRatchet ? 0 : 1;
            }
            _ids = new string[plain];
            _keys = new byte[plain][];
            for (int i = 0, r = 0; i < config.Recipients.Length; i++)
            {
                Recipient recipient = config.Recipients[i];
                if (!recipient.UsesRatchet)
                {
                    _ids[r] = recipient.SessionId.ToLower();
                    _keys[r] = recipient.PublicKey;
                    r++;
                }
            }
            _payloads = new byte[plain][];
            _stores = new PreparedStore[plain];
            _builtAt = new long[plain];
            _stampedAt = new long[plain];
        }

        /// <summary>True when the flash alert is on and every plain recipient's part is built and current (ask on the thread that runs Step).</summary>
        public bool IsReady
        {
            get
            {
                if (!_started || _refreshMs == 0 || _ids.Length == 0)
                {
                    return false;
                }
                lock (_parts)
                {
                    for (int r = 0; r < _ids.Length; r++)
                    {
                        if (_stores[r] == null || !IsFresh(_stores[r]))
                        {
                            return false;
                        }
                    }
                }
                return true;
            }
        }

        /// <summary>Starts building; returns when to call <see cref="Step"/> (now, or Never when the flash alert is off).</summary>
        public long Start(long now)
        {
            _started = true;
            _networkRetryAt = now;
            return _refreshMs == 0 || _ids.Length == 0 ? Never : now;
        }

        /// <summary>
        /// Drops parts whose path or swarm changed, then builds or refreshes at most one recipient's part.
        /// Returns when to call again: now while parts are missing, else the next refresh or recheck.
        /// </summary>
        /// <exception cref="System.InvalidOperationException">Not started.</exception>
        public long Step(long now)
        {
            if (!_started)
            {
                throw Errors.NotStarted("FlashAlert");
            }
            if (_refreshMs == 0 || _ids.Length == 0)
            {
                return Never;
            }
            DropStale();
            long wake = now + RecheckMs;
            for (int r = 0; r < _ids.Length; r++)
            {
                long due;
                lock (_parts)
                {
                    due = _stores[r] == null ? now : _builtAt[r] + _refreshMs;
                }
                if (due > now)
                {
                    wake = due < wake ? due : wake;
                    continue;
                }
                if (now < _networkRetryAt)
                {
                    return _networkRetryAt < wake ? _networkRetryAt : wake;
                }
                if (!Build(r, now))
                {
                    _networkRetryAt = now + RetryMs;
                    return now + RecheckMs < _networkRetryAt ? now + RecheckMs : _networkRetryAt;
                }
                return now;
            }
            return wake;
        }

        /// <summary>Wipes every prepared request and drops the payloads; Start again to rebuild.</summary>
        public void Stop()
        {
            lock (_parts)
            {
                for (int r = 0; r < _ids.Length; r++)
                {
                    Drop(r);
                }
                _started = false;
            }
        }

        /// <summary>
        /// Hands out the parts built so far and at most <see cref="MaxAgeMs"/> old (all plain recipients when
        /// <see cref="IsReady"/>), once: they are removed here and rebuilt by the next Steps. Null when none is
        /// ready. Add the result to the outbox (Outbox.Add with a PreparedAlert) and offer it to the sender
        /// (ServiceNodeAlertSender.Offer). Safe on another thread than Step; no network state is read (see the file's header).
        /// </summary>
        public PreparedAlert Take()
        {
            long local = _clock.Local.UnixMilliseconds;
            lock (_parts)
            {
                return _started ? TakeParts(local) : null;
            }
        }

        // Under the lock; local is the local clock's reading now.
        private PreparedAlert TakeParts(long local)
        {
            int count = 0;
            for (int r = 0; r < _ids.Length; r++)
            {
                if (_stores[r] != null && local - _stampedAt[r] > MaxAgeMs)
                {
                    Drop(r);
                }
                count += _stores[r] == null ? 0 : 1;
            }
            if (count == 0)
            {
                return null;
            }
            string[] ids = new string[count];
            byte[][] payloads = new byte[count][];
            PreparedStore[] stores = new PreparedStore[count];
            long created = long.MaxValue;
            for (int r = 0, i = 0; r < _ids.Length; r++)
            {
                if (_stores[r] == null)
                {
                    continue;
                }
                ids[i] = _ids[r];
                payloads[i] = _payloads[r];
                stores[i] = _stores[r];
                created = _stores[r].Timestamp < created ? _stores[r].Timestamp : created;
                _stores[r] = null;
                _payloads[r] = null;
                i++;
            }
            return new PreparedAlert(ids, payloads, stores, created, _ttlMs);
        }

        // Builds recipient r's payload and its store request; false when the network could not help.
        private bool Build(int r, long now)
        {
            try
            {
                if (!_clock.IsSynchronised)
                {
                    _client.SyncClock();
                }
                _client.GetSwarm(_ids[r]);
                long stampedAt = _clock.Local.UnixMilliseconds;
                var content = new ContentMessage(_text, _name, _clock.Now);
                content.MinimumPaddedSize = _paddedSize;
                byte[] payload = MessageEncoder.Encode(_sender, _keys[r], content, _random);
                PreparedStore replaced;
                lock (_parts)
                {
                    replaced = _stores[r];
                }
                // The part it replaces gives up its onion keys while they are current, and is used up either
                // way. Should a press take it meanwhile, the sender finds it used and stores its payload over
                // a fresh route (ServiceNodeAlertSender); the new part goes in all the same.
                PreparedStore store = _client.PrepareStore(_ids[r], payload, _ttlMs, replaced);
                lock (_parts)
                {
                    Drop(r);
                    _payloads[r] = payload;
                    _stores[r] = store;
                    _builtAt[r] = now;
                    _stampedAt[r] = stampedAt;
                }
                return true;
            }
            catch (ServiceNodeException)
            {
                // No clock, swarm or path just now: the next try comes after RetryMs. A part still current stays.
                return false;
            }
        }

        private void DropStale()
        {
            lock (_parts)
            {
                for (int r = 0; r < _ids.Length; r++)
                {
                    if (_stores[r] != null && !IsFresh(_stores[r]))
                    {
                        Drop(r);
                    }
                }
            }
        }

        // Still able to go out as built, and stamped at most MaxAgeMs ago.
        private bool IsFresh(PreparedStore store)
        {
            return _clock.Now - store.Timestamp <= MaxAgeMs && _client.IsCurrent(store);
        }

        // Under the lock.
        private void Drop(int r)
        {
            if (_stores[r] != null)
            {
                _stores[r].Wipe();
            }
            _stores[r] = null;
            _payloads[r] = null;
        }
    }
}
