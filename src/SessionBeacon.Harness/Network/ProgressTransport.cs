using System;
using Session.Core.Micro.Network;

namespace SessionBeacon.Harness.Network
{
    /// <summary>
    /// Reports each request the core posts, and each that got no good answer, as a progress line: to a
    /// seed (the node list for the pool, or the whole list with swarm ids for a swarm), straight to a node (the test of a guard before a path is built on it), or
    /// an onion request into a guard. The core stays unaware of consoles: it only sees a transport.
    /// </summary>
    public sealed class ProgressTransport : IHttpTransport
    {
        private readonly IHttpTransport _inner;
        private readonly NetworkProfile _profile;
        private readonly Progress _progress;

        public ProgressTransport(IHttpTransport inner, NetworkProfile profile, Progress progress)
        {
            ArgumentNullException.ThrowIfNull(inner);
            ArgumentNullException.ThrowIfNull(profile);
            ArgumentNullException.ThrowIfNull(progress);
            _inner = inner;
            _profile = profile;
            _progress = progress;
        }

        public HttpResponse Post(string url, byte[] body, int timeoutMilliseconds)
        {
            return Send(url, body, timeoutMilliseconds, null);
        }

        public HttpResponse Post(string url, byte[] body, int timeoutMilliseconds, IResponseSink sink)
        {
            ArgumentNullException.ThrowIfNull(sink);
            return Send(url, body, timeoutMilliseconds, sink);
        }

        private HttpResponse Send(string url, byte[] body, int timeoutMilliseconds, IResponseSink sink)
        {
            ArgumentNullException.ThrowIfNull(url);
            var uri = new Uri(url);
            string node = uri.Host + ":" + uri.Port;
            if (_profile.IsSeed(url))
            {
                // A read into a sink is the swarm lookup: the seed's whole node list with swarm ids.
                _progress.Report(sink == null ? "getting nodes from the seed " + uri.GetLeftPart(UriPartial.Authority)
                    : (_progress.Step == null ? "" : _progress.Step + ": ") + "reading the node list with swarm ids from the seed " + uri.GetLeftPart(UriPartial.Authority));
            }
            else if (uri.AbsolutePath == "/onion_req/v2")
            {
                _progress.OnionRequest(node);
            }
            else
            {
                _progress.Report("building a path: testing guard " + node);
            }
            HttpResponse response = sink == null ? _inner.Post(url, body, timeoutMilliseconds) : _inner.Post(url, body, timeoutMilliseconds, sink);
            if (response.Status == 0)
            {
                _progress.Report("no answer from " + node + ": " + response.Error);
            }
            else if (response.Status != 200)
            {
                _progress.Report(node + " answered HTTP " + response.Status);
            }
            return response;
        }
    }
}
