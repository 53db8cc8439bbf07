// The network thread's loop (docs/architecture.md, "Two threads"): it runs the beacon's network side
// (Beacon.StepNetwork) whenever that is due, and in between waits until its time comes or the input
// side wants it (an alert was just written: Beacon.NetworkWanted, or Wake). It owns no thread
// (CONTRIBUTING.md rule 13): the caller starts one on Run, new Thread(worker.Run), and ends it with
// Stop; Stop takes effect once the network step under way, bounded by the transport, returns.
// While a step runs the worker is busy; between steps it is idle until its next time. A caller that
// moves a clock of its own (the harness's device clock) reads IsIdle and NextWake to skip only time in
// which the network has nothing to do, and calls Wake after moving it.
using System;
using System.Threading;
using Session.Core.Micro.Network;

namespace SessionBeacon.App
{
    /// <summary>Runs a beacon's network side on the thread that calls Run.</summary>
    public sealed class NetworkWorker
    {
        private readonly Beacon _beacon;
        private readonly IClock _clock;
        private readonly AutoResetEvent _signal = new AutoResetEvent(false);
        private readonly object _gate = new object();
        private bool _stepping;
        private bool _wanted;
        private bool _stopping;
        private long _next;

        /// <summary>A worker for <paramref name="beacon"/> (started) that reads the time of its steps from <paramref name="clock"/>, the clock of Beacon.Step.</summary>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        public NetworkWorker(Beacon beacon, IClock clock)
        {
            if (beacon == null) { throw Errors.Null("beacon"); }
            if (clock == null) { throw Errors.Null("clock"); }
            _beacon = beacon;
            _clock = clock;
            beacon.NetworkWanted += OnNetworkWanted;
        }

        /// <summary>Raised on the network thread after each step (the input side may have news to show).</summary>
        public event EventHandler Stepped;

        /// <summary>True while no step runs, none is asked for, and the next one's time has not come.</summary>
        public bool IsIdle
        {
            get
            {
                lock (_gate)
                {
                    return !_stepping && !_wanted && _clock.UnixMilliseconds < _next;
                }
            }
        }

        /// <summary>When the network side next wants to run (Beacon.Never for no time); meaningful while <see cref="IsIdle"/>.</summary>
        public long NextWake
        {
            get
            {
                lock (_gate)
                {
                    return _next;
                }
            }
        }

        /// <summary>The thread's body: steps the network side until <see cref="Stop"/>.</summary>
        public void Run()
        {
            while (true)
            {
                lock (_gate)
                {
                    if (_stopping)
                    {
                        return;
                    }
                    _stepping = true;
                    _wanted = false;
                }
                long now = _clock.UnixMilliseconds;
                long next;
                try
                {
                    next = _beacon.StepNetwork(now);
                }
                catch (Exception)
                {
                    // StepNetwork reports its own failures; this is a beacon stopped under the worker.
                    next = now + Connection.BackoffMinMs;
                }
                lock (_gate)
                {
                    _stepping = false;
                    _next = next;
                }
                EventHandler stepped = Stepped;
                if (stepped != null)
                {
                    stepped(this, EventArgs.Empty);
                }
                WaitForWork();
            }
        }

        /// <summary>Makes the worker look at its time again at once (after its clock moved), or step now if something was asked.</summary>
        public void Wake()
        {
            _signal.Set();
        }

        /// <summary>Ends Run after the step under way.</summary>
        public void Stop()
        {
            lock (_gate)
            {
                _stopping = true;
            }
            _signal.Set();
        }

        private void OnNetworkWanted(object sender, EventArgs e)
        {
            lock (_gate)
            {
                _wanted = true;
            }
            _signal.Set();
        }

        private void WaitForWork()
        {
            while (true)
            {
                long wait;
                lock (_gate)
                {
                    if (_stopping || _wanted)
                    {
                        return;
                    }
                    wait = _next - _clock.UnixMilliseconds;
                    if (wait <= 0)
                    {
                        return;
                    }
                }
                _signal.WaitOne(wait > int.MaxValue ? int.MaxValue : (int)wait, false);
            }
        }
    }
}
