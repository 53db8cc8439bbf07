// The beacon's way onto the network, one stage per Step so the main loop keeps reading the button:
// link up (Wi-Fi) -> wall clock (SNTP) -> node pool, the network's time, the recipients' swarms and
// a first onion path. A failed stage is tried again after a backoff that doubles from BackoffMinMs
// to BackoffMaxMs; Lost() (a request found no route) starts again from the link. Nothing here
// throws: a device that crashes in the field is the worst bug, so failures become LastProblem.
using System;
using Session.Core.Micro.Network;
using SessionBeacon.Hardware;

namespace SessionBeacon.App
{
    /// <summary>Brings the beacon onto the network, stage by stage, with backoff.</summary>
    public sealed class Connection
    {
        /// <summary>First wait after a failed stage.</summary>
        public const long BackoffMinMs = 2000;

        /// <summary>Longest wait between tries.</summary>
        public const long BackoffMaxMs = 300000;

        private readonly INetworkLink _link;
        private readonly ITimeSync _time;
        private readonly NodePool _pool;
        private readonly OnionPaths _paths;
        private readonly ServiceNodeClient _client;
        private readonly string[] _recipientIds;
        private BeaconStage _stage = BeaconStage.NetworkUp;
        private long _retryAt;
        private bool _failedJustNow;
        private long _backoff = BackoffMinMs;
        private string _problem;

        /// <summary>A connection over <paramref name="link"/> and <paramref name="time"/> (either null when the platform needs none).</summary>
        /// <exception cref="System.ArgumentNullException">pool, paths, client or recipientIds is null.</exception>
        public Connection(INetworkLink link, ITimeSync time, NodePool pool, OnionPaths paths, ServiceNodeClient client, string[] recipientIds)
        {
            if (pool == null) { throw Errors.Null("pool"); }
            if (paths == null) { throw Errors.Null("paths"); }
            if (client == null) { throw Errors.Null("client"); }
            if (recipientIds == null) { throw Errors.Null("recipientIds"); }
            _link = link;
            _time = time;
            _pool = pool;
            _paths = paths;
            _client = client;
            _recipientIds = recipientIds;
        }

        /// <summary>NetworkUp, Clock, Paths, or Armed once the network is usable.</summary>
        public BeaconStage Stage
        {
            get { return _stage; }
        }

        /// <summary>True once every stage has passed.</summary>
        public bool IsReady
        {
            get { return _stage == BeaconStage.Armed; }
        }

        /// <summary>Why the last stage failed, or null; never holds secrets.</summary>
        public string LastProblem
        {
            get { return _problem; }
        }

        /// <summary>
        /// True when the last <see cref="Step"/> tried its stage and failed (the problem is new to tell); false while it
        /// waits out the backoff, so the same problem is told once per attempt, not at every step.
        /// </summary>
        public bool FailedJustNow
        {
            get { return _failedJustNow; }
        }

        /// <summary>Tries the current stage if its time has come.</summary>
        /// <returns>When to call again: now after progress, the retry time after a failure, <see cref="long.MaxValue"/> once ready.</returns>
        public long Step(long now)
        {
            if (_stage == BeaconStage.Armed)
            {
                return long.MaxValue;
            }
            _failedJustNow = false;
            if (now < _retryAt)
            {
                return _retryAt;
            }
            if (TryStage())
            {
                _stage = Next(_stage);
                _backoff = BackoffMinMs;
                _problem = null;
                return _stage == BeaconStage.Armed ? long.MaxValue : now;
            }
            _failedJustNow = true;
            _retryAt = now + _backoff;
            _backoff = _backoff * 2 > BackoffMaxMs ? BackoffMaxMs : _backoff * 2;
            return _retryAt;
        }

        /// <summary>A request found no route: check the link and the paths again from the start.</summary>
        public void Lost(string problem, long now)
        {
            _problem = problem;
            _stage = BeaconStage.NetworkUp;
            _retryAt = now;
        }

        private bool TryStage()
        {
            try
            {
                switch (_stage)
                {
                    case BeaconStage.NetworkUp:
                        return Check(_link == null || _link.IsUp || _link.Connect(), "the network link (Wi-Fi) did not come up");
                    case BeaconStage.Clock:
                        return Check(_time == null || _time.Synchronise(), "the time server did not answer");
                    default:
                        ReachNetwork();
                        return true;
                }
            }
            catch (Exception failure)
            {
                _problem = failure.Message;
                return false;
            }
        }

        // The pool, the network's time, each recipient's swarm, and one tested path to a member of the
        // first swarm: after this an alert needs no lookup before its first store.
        private void ReachNetwork()
        {
            _pool.EnsureReady();
            _client.SyncClock();
            ServiceNode[] first = null;
            for (int i = 0; i < _recipientIds.Length; i++)
            {
                ServiceNode[] swarm = _client.GetSwarm(_recipientIds[i]);
                if (first == null && swarm.Length > 0)
                {
                    first = swarm;
                }
            }
            if (first == null)
            {
                throw new ServiceNodeException("no recipient's swarm has a member", 0);
            }
            _paths.Select(first[0]);
        }

        private bool Check(bool passed, string problem)
        {
            if (!passed)
            {
                _problem = problem;
            }
            return passed;
        }

        private static BeaconStage Next(BeaconStage stage)
        {
            switch (stage)
            {
                case BeaconStage.NetworkUp: return BeaconStage.Clock;
                case BeaconStage.Clock: return BeaconStage.Paths;
                default: return BeaconStage.Armed;
            }
        }
    }
}
