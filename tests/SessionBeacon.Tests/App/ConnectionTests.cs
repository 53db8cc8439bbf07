using System;
using System.Collections.Generic;
using Session.Core.Micro.Network;
using Session.Core.Micro.Tests.Support;
using SessionBeacon.App;
using SessionBeacon.Hardware;
using Xunit;

namespace SessionBeacon.Tests.App
{
    /// <summary>
    /// The connection's stages and backoff, with the link, the time server and the seed simulated:
    /// the seed answers nothing (every POST fails), so the Paths stage fails as it would offline.
    /// </summary>
    public class ConnectionTests
    {
        private const string Alice = "05d2ad010eeb72d72e561d9de7bd7b6989af77dcabffa03a5111a6c859ae5c3a72";

        private sealed class Link : INetworkLink
        {
            public bool Available;
            public int Tries;
            public bool IsUp { get; private set; }

            public bool Connect()
            {
                Tries++;
                IsUp = Available;
                return IsUp;
            }
        }

        private sealed class TimeServer : ITimeSync
        {
            public bool Answers = true;
            public int Tries;

            public bool Synchronise()
            {
                Tries++;
                return Answers;
            }
        }

        private sealed class DeadSeed : IHttpTransport
        {
            public readonly List<string> Urls = new List<string>();

            public HttpResponse Post(string url, byte[] body, int timeoutMilliseconds)
            {
                Urls.Add(url);
                return HttpResponse.Failed("connection refused");
            }

            public HttpResponse Post(string url, byte[] body, int timeoutMilliseconds, IResponseSink sink) => Post(url, body, timeoutMilliseconds);
        }

        private static Connection Make(Link link, TimeServer time, DeadSeed seed)
        {
            var store = new MemoryStore();
            var random = new SessionBeacon.Tests.Support.SeededSource(7);
            NetworkProfile profile = NetworkProfile.Testnet("http://127.0.0.1:1/json_rpc", null, 1);
            var pool = new NodePool(profile, seed, store, random);
            var paths = new OnionPaths(pool, seed, random, Alice, 2);
            var client = new ServiceNodeClient(pool, paths, new SwarmCache(), new NetworkClock(new FakeClock(1_790_000_000_000)), seed, store, random);
            return new Connection(link, time, pool, paths, client, new[] { Alice });
        }

        [Fact]
        public void LinkDown_RetriedWithDoublingBackoffUpToTheMaximum()
        {
            var link = new Link();
            Connection connection = Make(link, new TimeServer(), new DeadSeed());
            long now = 0;
            var waits = new List<long>();
            for (int i = 0; i < 12; i++)
            {
                long next = connection.Step(now);
                waits.Add(next - now);
                now = next;
            }
            Assert.Equal(BeaconStage.NetworkUp, connection.Stage);
            Assert.Equal(12, link.Tries);
            Assert.Equal(new long[] { 2000, 4000, 8000, 16000, 32000, 64000, 128000, 256000, 300000, 300000, 300000, 300000 }, waits);
            Assert.Equal("the network link (Wi-Fi) did not come up", connection.LastProblem);
        }

        [Fact]
        public void NoTimeToStepYet_NothingTried()
        {
            var link = new Link();
            Connection connection = Make(link, new TimeServer(), new DeadSeed());
            Assert.Equal(2000, connection.Step(0));
            Assert.Equal(2000, connection.Step(1999));
            Assert.Equal(1, link.Tries);
        }

        [Fact]
        public void LinkAndClockUp_SeedDead_StopsAtPathsWithTheSeedsError()
        {
            var link = new Link { Available = true };
            var time = new TimeServer();
            var seed = new DeadSeed();
            Connection connection = Make(link, time, seed);
            Assert.Equal(0, connection.Step(0));
            Assert.Equal(BeaconStage.Clock, connection.Stage);
            Assert.Equal(0, connection.Step(0));
            Assert.Equal(BeaconStage.Paths, connection.Stage);
            Assert.Equal(Connection.BackoffMinMs, connection.Step(0));
            Assert.Equal(BeaconStage.Paths, connection.Stage);
            Assert.False(connection.IsReady);
            Assert.Contains("no seed gave a node list", connection.LastProblem);
            Assert.Contains("connection refused", connection.LastProblem);
            Assert.NotEmpty(seed.Urls);
        }

        [Fact]
        public void ClockFails_RetriedThere_AndLostStartsAgainFromTheLink()
        {
            var link = new Link { Available = true };
            var time = new TimeServer { Answers = false };
            Connection connection = Make(link, time, new DeadSeed());
            connection.Step(0);
            long next = connection.Step(0);
            Assert.Equal(BeaconStage.Clock, connection.Stage);
            Assert.Equal("the time server did not answer", connection.LastProblem);
            time.Answers = true;
            connection.Step(next);
            Assert.Equal(BeaconStage.Paths, connection.Stage);
            connection.Lost("the network link went down", next + 1);
            Assert.Equal(BeaconStage.NetworkUp, connection.Stage);
            Assert.Equal("the network link went down", connection.LastProblem);
            // The link still reports itself up, so it is not joined again; the clock is asked again.
            Assert.Equal(next + 1, connection.Step(next + 1));
            Assert.Equal(BeaconStage.Clock, connection.Stage);
            Assert.Equal(1, link.Tries);
        }

        [Fact]
        public void NoLinkOrTimeServer_TheDesktopCase_PassesStraightToPaths()
        {
            Connection connection = Make(null, null, new DeadSeed());
            connection.Step(0);
            connection.Step(0);
            Assert.Equal(BeaconStage.Paths, connection.Stage);
        }
    }
}
