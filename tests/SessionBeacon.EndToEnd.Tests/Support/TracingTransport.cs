using System.Collections.Generic;
using System.Diagnostics;
using Session.Core.Micro.Network;

namespace SessionBeacon.EndToEnd.Tests.Support
{
    /// <summary>Passes every POST to the real transport and keeps a line per POST, for the test output when a scenario fails.</summary>
    public sealed class TracingTransport : IHttpTransport
    {
        private readonly IHttpTransport _inner;
        private readonly List<string> _lines = new List<string>();

        public TracingTransport(IHttpTransport inner)
        {
            _inner = inner;
        }

        public string[] Lines
        {
            get
            {
                lock (_lines)
                {
                    return _lines.ToArray();
                }
            }
        }

        public HttpResponse Post(string url, byte[] body, int timeoutMilliseconds)
        {
            return Trace(url, body, timeoutMilliseconds, null);
        }

        public HttpResponse Post(string url, byte[] body, int timeoutMilliseconds, IResponseSink sink)
        {
            return Trace(url, body, timeoutMilliseconds, sink);
        }

        private HttpResponse Trace(string url, byte[] body, int timeoutMilliseconds, IResponseSink sink)
        {
            var clock = Stopwatch.StartNew();
            HttpResponse response = sink == null ? _inner.Post(url, body, timeoutMilliseconds) : _inner.Post(url, body, timeoutMilliseconds, sink);
            string text = response.Status == 0 ? response.Error : System.Text.Encoding.UTF8.GetString(response.Body, 0, System.Math.Min(80, response.Body.Length));
            lock (_lines)
            {
                _lines.Add(clock.ElapsedMilliseconds + " ms  " + url + " => " + response.Status + " " + (response.Status == 200 && url.EndsWith("/onion_req/v2") ? "" : text));
            }
            return response;
        }
    }
}
