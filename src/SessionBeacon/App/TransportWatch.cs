// The watchdog's eye on the network (docs/architecture.md, "Every wait has a bound"): every request
// the network thread makes passes through here, which notes when it began and how long it may take.
// The transport bounds its own waits (the device's TlsHttpTransport closes the socket at the
// request's deadline); this is the last line behind it, for a wait that nothing in managed code can
// end. The input thread's main loop asks IsOverdue and, past the request's timeout plus GraceMs,
// restarts the device: everything that matters is on flash, so a restart loses nothing.
using Session.Core.Micro.Network;

namespace SessionBeacon.App
{
    /// <summary>An IHttpTransport that lets another thread see a request that runs past its bound.</summary>
    public sealed class TransportWatch : IHttpTransport
    {
        /// <summary>How long past its own timeout a request may run before it counts as hung, ms.</summary>
        public const int GraceMs = 10000;

        private readonly IHttpTransport _inner;
        private readonly IClock _clock;
        private readonly object _gate = new object();
        private bool _busy;
        private long _since;
        private long _limit;
        private string _url;

        /// <summary>Watches <paramref name="inner"/>, timing its requests on <paramref name="clock"/> (a steady clock).</summary>
        /// <exception cref="System.ArgumentNullException">An argument is null.</exception>
        public TransportWatch(IHttpTransport inner, IClock clock)
        {
            if (inner == null) { throw Errors.Null("inner"); }
            if (clock == null) { throw Errors.Null("clock"); }
            _inner = inner;
            _clock = clock;
        }

        /// <summary>True while a request runs past its timeout plus <see cref="GraceMs"/>; safe from any thread.</summary>
        public bool IsOverdue
        {
            get
            {
                lock (_gate)
                {
                    return _busy && _clock.UnixMilliseconds - _since > _limit;
                }
            }
        }

        /// <summary>What is overdue, for the log: the request's URL (no body) and how long it has run.</summary>
        public string Describe()
        {
            lock (_gate)
            {
                return _busy
                    ? "POST " + _url + " has run " + ((_clock.UnixMilliseconds - _since) / 1000).ToString() + " s, its bound is " + (_limit / 1000).ToString() + " s"
                    : "no request under way";
            }
        }

        /// <summary>Posts through the watched transport, noting the request while it runs.</summary>
        public HttpResponse Post(string url, byte[] body, int timeoutMilliseconds)
        {
            Begin(url, timeoutMilliseconds);
            try
            {
                return _inner.Post(url, body, timeoutMilliseconds);
            }
            finally
            {
                End();
            }
        }

        /// <summary>Posts through the watched transport with the answer read into <paramref name="sink"/>, noting the request while it runs.</summary>
        public HttpResponse Post(string url, byte[] body, int timeoutMilliseconds, IResponseSink sink)
        {
            Begin(url, timeoutMilliseconds);
            try
            {
                return _inner.Post(url, body, timeoutMilliseconds, sink);
            }
            finally
            {
                End();
            }
        }

        private void Begin(string url, int timeoutMilliseconds)
        {
            lock (_gate)
            {
                _busy = true;
                _since = _clock.UnixMilliseconds;
                _limit = (long)timeoutMilliseconds + GraceMs;
                _url = url;
            }
        }

        private void End()
        {
            lock (_gate)
            {
                _busy = false;
            }
        }
    }
}
