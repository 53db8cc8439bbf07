using System;
using System.IO;
using Session.Core.Micro.Network;
using SessionBeacon.Harness.Demo;
using SessionBeacon.Harness.Identity;
using SessionBeacon.Harness.Network;
using SessionBeacon.Harness.Receiver;
using SessionBeacon.Harness.Tests.Support;
using Xunit;

namespace SessionBeacon.Harness.Tests.Demo
{
    /// <summary>
    /// A demo recipient waiting for a message on a real testnet, its onion requests cut for a while:
    /// a poll the network did not answer is not the end of the demo, only the network limit is.
    /// </summary>
    [Collection(ListenCollection.Name)]
    public class DemoInboxTests
    {
        private static readonly TimeSpan s_limit = TimeSpan.FromSeconds(30);
        private readonly ListenTestnet _net;

        public DemoInboxTests(ListenTestnet net)
        {
            _net = net;
        }

        [Fact]
        public void Await_OnePollTheNetworkDidNotAnswer_TheNextPollOpensTheMessage()
        {
            string alice = _net.NewIdentity(out string aliceId);
            Writer beacon = Writer.New(_net.Network, _net.NewFolder());
            beacon.Send(aliceId, "PANIC");
            var cut = new CutOnions(Profile);
            // The network comes back once the receiver has said it could not reach it: exactly one poll fails.
            var error = new ReportingWriter(() => cut.Down = false);
            DemoInbox inbox = NewInbox(alice, cut, error);

            Listener.Message message = inbox.Await("the alert", m => m.Text == "PANIC", out string failure);

            Assert.True(message != null, failure + "\n" + error);
            Assert.Equal(beacon.Id, message.Sender);
            Assert.StartsWith("listen: the network did not answer", error.ToString());
        }

        [Fact]
        public void Await_TheNetworkNeverAnswers_FailsWhenTheLimitRunsOut_SayingSo()
        {
            string alice = _net.NewIdentity(out _);
            var error = new StringWriter();
            DemoInbox inbox = NewInbox(alice, new CutOnions(Profile), error, TimeSpan.FromSeconds(1));

            Listener.Message message = inbox.Await("the alert", m => true, out string failure);

            Assert.Null(message);
            Assert.Equal("Alice's receiver could not reach the network", failure);
            Assert.StartsWith("listen: the network did not answer", error.ToString());
        }

        private NetworkProfile Profile => NetworkProfile.Testnet(_net.Network.SeedUrl, _net.Network.SeedPin, 1);

        private DemoInbox NewInbox(string folder, IHttpTransport transport, TextWriter error, TimeSpan? limit = null)
        {
            var identity = new IdentityFolder(folder);
            var client = new TestnetClient(_net.Network.SeedUrl, _net.Network.SeedPin, identity.LoadKeys(), identity.NetworkStore(), new SystemClock(), transport);
            var listener = new Listener(identity, client, Array.Empty<string>(), null, TextWriter.Null, error);
            return new DemoInbox("Alice", listener, limit ?? s_limit);
        }

        // A transport whose onion requests fail at once while Down is set (a network that does not answer); the seed's answer passes.
        private sealed class CutOnions : IHttpTransport
        {
            private readonly HttpClientTransport _inner;
            private volatile bool _down = true;

            public CutOnions(NetworkProfile profile) => _inner = new HttpClientTransport(profile);

            public bool Down
            {
                set => _down = value;
            }

            public HttpResponse Post(string url, byte[] body, int timeoutMilliseconds) =>
                Cut(url) ? HttpResponse.Failed("POST " + url + ": cut") : _inner.Post(url, body, timeoutMilliseconds);

            public HttpResponse Post(string url, byte[] body, int timeoutMilliseconds, IResponseSink sink) =>
                Cut(url) ? HttpResponse.Failed("POST " + url + ": cut") : _inner.Post(url, body, timeoutMilliseconds, sink);

            private bool Cut(string url) => _down && url.EndsWith("/onion_req/v2", StringComparison.Ordinal);
        }

        // The receiver's error lines, each reported as it is written.
        private sealed class ReportingWriter : StringWriter
        {
            private readonly Action _written;

            public ReportingWriter(Action written) => _written = written;

            public override void WriteLine(string value)
            {
                base.WriteLine(value);
                _written();
            }
        }
    }
}
