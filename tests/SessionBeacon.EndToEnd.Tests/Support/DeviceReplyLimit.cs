using System.Threading;
using Session.Core.Micro.Network;

namespace SessionBeacon.EndToEnd.Tests.Support
{
    /// <summary>
    /// The device's reply limit on the harness's transport: an answer larger than the limit comes back as the device's
    /// HTTP reader reports it (HttpResponse.TooLarge), so the simulated board meets what an ESP32 meets. The harness's
    /// own transport reads any size, and the device's transport runs only on nanoFramework.
    /// </summary>
    public sealed class DeviceReplyLimit : IHttpTransport
    {
        private readonly IHttpTransport _inner;
        private readonly int _limit;
        private int _tooLarge;

        public DeviceReplyLimit(IHttpTransport inner, int limit)
        {
            _inner = inner;
            _limit = limit;
        }

        /// <summary>How many answers were over the limit.</summary>
        public int TooLargeCount => _tooLarge;

        public HttpResponse Post(string url, byte[] body, int timeoutMilliseconds)
        {
            HttpResponse response = _inner.Post(url, body, timeoutMilliseconds);
            if (response.Status != 0 && response.Body.Length > _limit)
            {
                Interlocked.Increment(ref _tooLarge);
                return HttpResponse.TooLarge("POST " + url + ": the answer is larger than " + _limit + " bytes");
            }
            return response;
        }

        // A body handed to a sink piece by piece is never held, so the device reads it at any size.
        public HttpResponse Post(string url, byte[] body, int timeoutMilliseconds, IResponseSink sink)
        {
            return _inner.Post(url, body, timeoutMilliseconds, sink);
        }
    }
}
