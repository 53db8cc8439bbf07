using System;
using System.Threading;
using Session.Core.Micro.Network;
using Session.Core.Micro.Tests.Support;
using SessionBeacon.App;
using Xunit;

namespace SessionBeacon.Tests.App
{
    /// <summary>The watchdog's view of a request: overdue only while it runs past its timeout plus the grace, on the fake clock.</summary>
    public class TransportWatchTests
    {
        private const long Start = 1_700_000_000_000;
        private static readonly TimeSpan s_hang = TimeSpan.FromSeconds(30);

        private sealed class HeldTransport : IHttpTransport
        {
            public readonly ManualResetEventSlim Entered = new ManualResetEventSlim(false);
            public readonly ManualResetEventSlim Released = new ManualResetEventSlim(false);

            public HttpResponse Post(string url, byte[] body, int timeoutMilliseconds)
            {
                Entered.Set();
                Released.Wait();
                return new HttpResponse(200, new byte[] { 1 });
            }

            public HttpResponse Post(string url, byte[] body, int timeoutMilliseconds, IResponseSink sink)
            {
                Entered.Set();
                Released.Wait();
                sink.Write(new byte[] { 1 }, 0, 1);
                return new HttpResponse(200, new byte[0]);
            }
        }

        private sealed class Kept : IResponseSink
        {
            public int Count;

            public bool Write(byte[] buffer, int offset, int count)
            {
                Count += count;
                return true;
            }
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void IsOverdue_OnlyWhileARequestRunsPastItsTimeoutAndTheGrace(bool intoASink)
        {
            var clock = new FakeClock(Start);
            var held = new HeldTransport();
            var watch = new TransportWatch(held, clock);
            Assert.False(watch.IsOverdue);
            Assert.Equal("no request under way", watch.Describe());

            HttpResponse response = null;
            var kept = new Kept();
            const string Url = "https://127.0.0.9:22021/onion_req/v2";
            var network = new Thread(() => response = intoASink ? watch.Post(Url, new byte[10], 30_000, kept) : watch.Post(Url, new byte[10], 30_000)) { IsBackground = true };
            network.Start();
            Assert.True(held.Entered.Wait(s_hang));

            clock.UnixMilliseconds = Start + 30_000 + TransportWatch.GraceMs;
            Assert.False(watch.IsOverdue);
            clock.UnixMilliseconds += 1;
            Assert.True(watch.IsOverdue);
            Assert.Equal("POST https://127.0.0.9:22021/onion_req/v2 has run 40 s, its bound is 40 s", watch.Describe());

            held.Released.Set();
            Assert.True(network.Join(s_hang));
            Assert.Equal(200, response.Status);
            Assert.Equal(intoASink ? 1 : 0, kept.Count);
            Assert.False(watch.IsOverdue);
        }

        [Fact]
        public void Constructor_NullArguments_Throw()
        {
            Assert.Throws<ArgumentNullException>(() => new TransportWatch(null, new FakeClock(Start)));
            Assert.Throws<ArgumentNullException>(() => new TransportWatch(new HeldTransport(), null));
        }
    }
}
