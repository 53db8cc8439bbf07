using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Session.Core.Micro.Identity;
using Session.Core.Micro.Network;
using Session.Core.Micro.Tests.Support;
using SessionBeacon.App;
using SessionBeacon.Config;
using SessionBeacon.Delivery;
using Xunit;
using Xunit.Abstractions;

namespace SessionBeacon.Tests.App
{
    /// <summary>
    /// The beacon on two threads, as on the device: the test's thread is the input side (button edges,
    /// Beacon.Step), a NetworkWorker runs the network side over the in-memory fake network behind a
    /// transport that misbehaves on demand. Times are the fake clock's; the wall clock only bounds how
    /// long the test waits for something that must happen (a hang detector, never an assertion on time).
    /// </summary>
    public class NetworkWorkerTests
    {
        private const long Boot = 1_700_000_000_000;
        private const int HoldMs = 1500;
        private const int CancelMs = 5000;

        // The input side must never wait for the network: this is how long the test lets it try (wall time).
        private static readonly TimeSpan s_hang = TimeSpan.FromSeconds(30);

        private readonly ITestOutputHelper _output;

        public NetworkWorkerTests(ITestOutputHelper output)
        {
            _output = output;
        }

        public enum Fault
        {
            None,

            /// <summary>Every request blocks until the test lets it go, as a peer that accepts and never answers.</summary>
            HangsUntilCancelled,

            /// <summary>Every request takes 30 s on the fake clock, then answers.</summary>
            ThirtySecondsPerCall,

            /// <summary>Every request is refused at once.</summary>
            Refuses,

            /// <summary>Every request throws half-way, which no transport should do.</summary>
            Throws,
        }

        /// <summary>The test's steady clock: set by the test's thread, read by both.</summary>
        private sealed class SteadyClock : IClock
        {
            private long _now = Boot;

            public long UnixMilliseconds => Interlocked.Read(ref _now);

            public void Sleep(int milliseconds) => throw new InvalidOperationException("nothing sleeps on the steady clock in these tests");

            public void Set(long now) => Interlocked.Exchange(ref _now, now);
        }

        /// <summary>The fake network behind a switch that makes it misbehave.</summary>
        private sealed class FaultyTransport : IHttpTransport
        {
            private readonly IHttpTransport _network;
            private readonly SteadyClock _steady;
            private readonly ManualResetEventSlim _letGo = new ManualResetEventSlim(false);
            private volatile Fault _fault;
            private int _waiting;
            private long _waitingUntil;

            public FaultyTransport(IHttpTransport network, SteadyClock steady)
            {
                _network = network;
                _steady = steady;
            }

            /// <summary>Released once per request that met the fault.</summary>
            public SemaphoreSlim Met { get; } = new SemaphoreSlim(0);

            /// <summary>True while a request waits in a fault (for the test to let it go, or for the fake clock).</summary>
            public bool Waiting => Volatile.Read(ref _waiting) > 0;

            /// <summary>The fake time at which the waiting request goes on by itself (long.MaxValue for never; 0 once let go).</summary>
            public long WaitingUntil => Interlocked.Read(ref _waitingUntil);

            public Fault Fault
            {
                get => _fault;
                set
                {
                    _fault = value;
                    if (value == Fault.HangsUntilCancelled)
                    {
                        _letGo.Reset();
                    }
                    else
                    {
                        // A hung request, let go, goes on now.
                        Interlocked.CompareExchange(ref _waitingUntil, 0, long.MaxValue);
                        _letGo.Set();
                    }
                }
            }

            public HttpResponse Post(string url, byte[] body, int timeoutMilliseconds)
            {
                HttpResponse failed = Meet(url);
                if (failed != null)
                {
                    return failed;
                }
                lock (_network)
                {
                    return _network.Post(url, body, timeoutMilliseconds);
                }
            }

            public HttpResponse Post(string url, byte[] body, int timeoutMilliseconds, IResponseSink sink)
            {
                HttpResponse failed = Meet(url);
                if (failed != null)
                {
                    return failed;
                }
                lock (_network)
                {
                    return _network.Post(url, body, timeoutMilliseconds, sink);
                }
            }

            // The fault, if any, as the request meets it: a wait, or the failed answer (null to go on to the network).
            private HttpResponse Meet(string url)
            {
                Fault fault = _fault;
                if (fault != Fault.None)
                {
                    Met.Release();
                }
                switch (fault)
                {
                    case Fault.HangsUntilCancelled:
                        Interlocked.Exchange(ref _waitingUntil, long.MaxValue);
                        Interlocked.Increment(ref _waiting);
                        _letGo.Wait();
                        Interlocked.Decrement(ref _waiting);
                        break;
                    case Fault.ThirtySecondsPerCall:
                        long until = _steady.UnixMilliseconds + 30_000;
                        Interlocked.Exchange(ref _waitingUntil, until);
                        Interlocked.Increment(ref _waiting);
                        while (_steady.UnixMilliseconds < until)
                        {
                            Thread.Sleep(1);
                        }
                        Interlocked.Decrement(ref _waiting);
                        break;
                    case Fault.Refuses:
                        return HttpResponse.Failed("connection refused: " + url);
                    case Fault.Throws:
                        throw new System.IO.IOException("the transport broke half-way through " + url);
                }
                return null;
            }
        }

        /// <summary>The device's flash as both threads see it.</summary>
        private sealed class SharedFlash : IKeyValueStore
        {
            public ConcurrentDictionary<string, byte[]> Values { get; } = new ConcurrentDictionary<string, byte[]>();

            public byte[] Get(string key) => Values.TryGetValue(key, out byte[] value) ? (byte[])value.Clone() : null;

            public void Put(string key, byte[] value) => Values[key] = (byte[])value.Clone();

            public void Remove(string key) => Values.TryRemove(key, out _);
        }

        private sealed class Rig : IDisposable
        {
            public FakeNetwork Network;
            public FaultyTransport Transport;
            public SteadyClock Steady = new SteadyClock();
            public SharedFlash Flash = new SharedFlash();
            public Beacon Beacon;
            public NetworkWorker Worker;
            public Thread Thread;
            public List<BeaconEvent> Events = new List<BeaconEvent>();
            public long Now = Boot;
            public long Next;
            public string Recipient;

            // The input side at `now`: the main loop's one step (inputs already given to the policy).
            public void StepAt(long now)
            {
                Now = now;
                Steady.Set(now);
                Worker.Wake();
                Next = Beacon.Step(now);
                Events.AddRange(Beacon.TakeEvents());
            }

            // Runs the input side's loop on the fake clock, moving 1 s at a time (or to its wake), until
            // done holds; false when `until` (fake time) or the hang limit (wall time) came first. The
            // clock moves on only while the network thread waits (for its next time, or in a fault), so
            // its work takes no fake time and the run is the same however fast the machine is.
            public bool RunUntil(Func<bool> done, long until)
            {
                var waited = System.Diagnostics.Stopwatch.StartNew();
                while (!done())
                {
                    if (Now >= until || waited.Elapsed > s_hang)
                    {
                        return false;
                    }
                    if (Worker.IsIdle)
                    {
                        StepAt(Math.Min(until, Math.Max(Now + 1, Math.Min(Next, Now + 1000))));
                    }
                    else if (Transport.Waiting && Now < Transport.WaitingUntil)
                    {
                        // A request waits in a fault: time passes up to when it goes on by itself, as on a board.
                        StepAt(Math.Min(until, Math.Min(Transport.WaitingUntil, Math.Max(Now + 1, Math.Min(Next, Now + 1000)))));
                    }
                    else
                    {
                        Thread.Sleep(1);
                        StepAt(Now);
                    }
                }
                return true;
            }

            public void Dispose()
            {
                Transport.Fault = Fault.None;
                Worker.Stop();
                Thread.Join(s_hang);
            }
        }

        private Rig Make(string name)
        {
            var random = new SeededRandom(_output, name);
            var rig = new Rig { Network = new FakeNetwork(random, 12) { ServerTime = Boot } };
            string recipient = "05" + Convert.ToHexStringLower(random.Bytes(32));
            IdentityKeys identity = IdentityKeys.FromSeed(random.Bytes(32));
            rig.Recipient = recipient;
            rig.Network.SetSwarm(recipient, 0, 1, 2, 3);
            rig.Network.SetSwarm(identity.SessionId, 4, 5, 6, 7);
            rig.Transport = new FaultyTransport(rig.Network, rig.Steady);
            BeaconConfig config = BeaconConfig.Parse("board = esp32-devkitc\nrecipient = " + recipient + " Alice\ninbox.poll_s = 10\nflash.refresh_s = 0\n"
                + "panic.hold_ms = " + HoldMs + "\npanic.cancel_ms = " + CancelMs + "\n", "nf.config");
            rig.Beacon = new Beacon(config, identity, rig.Flash, rig.Network.Profile, rig.Transport, new FakeClock(Boot),
                new FixedRandom(random.Bytes(1 << 20)), new BeaconHardware(null, null, null, null, null), 4);
            rig.Next = rig.Beacon.Start(Boot);
            rig.Worker = new NetworkWorker(rig.Beacon, rig.Steady);
            rig.Thread = new Thread(rig.Worker.Run) { IsBackground = true, Name = "network" };
            rig.Thread.Start();
            Assert.True(rig.RunUntil(() => rig.Beacon.Stage == BeaconStage.Armed, Boot + 60_000), "not armed: " + Describe(rig));
            return rig;
        }

        [Theory]
        [InlineData(Fault.HangsUntilCancelled)]
        [InlineData(Fault.ThirtySecondsPerCall)]
        [InlineData(Fault.Refuses)]
        [InlineData(Fault.Throws)]
        public void Panic_WhateverTheTransportDoes_OnFlashAtTheEndOfTheCancelWindow_DeliveredOnceItRecovers(Fault fault)
        {
            using Rig rig = Make(nameof(Panic_WhateverTheTransportDoes_OnFlashAtTheEndOfTheCancelWindow_DeliveredOnceItRecovers) + "-" + fault);
            rig.Transport.Fault = fault;
            // The next inbox poll meets the fault: for a hang or a slow call, a request is under way at the press.
            Assert.True(rig.RunUntil(() => rig.Transport.Met.CurrentCount > 0, rig.Now + 20_000), "no request met the fault");

            long down = rig.Now + 100;
            long up = down + HoldMs;
            long queuedAt = 0;
            var press = new Thread(() =>
            {
                rig.Beacon.Policy.ButtonLevel(true, down);
                rig.StepAt(down);
                rig.Beacon.Policy.ButtonLevel(false, up);
                rig.StepAt(up);
                // The main loop wakes when the input side asks (its next wake), as on the device.
                while (!rig.Events.Any(e => e.Kind == BeaconEventKind.Queued) && rig.Next < up + CancelMs + 1000)
                {
                    rig.StepAt(Math.Max(rig.Now + 1, rig.Next));
                }
                queuedAt = rig.Events.FirstOrDefault(e => e.Kind == BeaconEventKind.Queued)?.Time ?? 0;
            });
            press.Start();
            Assert.True(press.Join(s_hang), "the input side waited for the network (" + fault + ")");

            // On flash at the end of the cancel window, to the millisecond of the fake clock, whatever the network does.
            Assert.Equal(up + CancelMs, queuedAt);
            Assert.Contains(rig.Flash.Values.Keys, k => k.StartsWith("outbox.", StringComparison.Ordinal));
            Assert.Equal(AlertKind.Panic, Assert.Single(rig.Beacon.Outbox.Records()).Kind);

            rig.Transport.Fault = fault == Fault.ThirtySecondsPerCall ? fault : Fault.None;
            Assert.True(rig.RunUntil(() => rig.Events.Any(e => e.Kind == BeaconEventKind.Delivered) && rig.Beacon.Outbox.Count == 0, rig.Now + 3_600_000),
                "not delivered after the network recovered: " + Describe(rig));
            Assert.Contains(rig.Network.Stores, s => s.Owner == rig.Recipient);
        }

        [Fact]
        public void Stop_WhileARequestHangs_TakesEffectWhenItReturns()
        {
            using Rig rig = Make(nameof(Stop_WhileARequestHangs_TakesEffectWhenItReturns));
            rig.Transport.Fault = Fault.HangsUntilCancelled;
            Assert.True(rig.RunUntil(() => rig.Transport.Met.CurrentCount > 0, rig.Now + 20_000), "no request met the fault");
            Assert.False(rig.Worker.IsIdle);
            rig.Worker.Stop();
            Assert.False(rig.Thread.Join(200));
            rig.Transport.Fault = Fault.None;
            Assert.True(rig.Thread.Join(s_hang));
        }

        private static string Describe(Rig rig) => "at +" + (rig.Now - Boot) + " ms, next +" + (rig.Next - Boot) + " ms, network idle " + rig.Worker.IsIdle
            + " (next +" + (rig.Worker.NextWake - Boot) + "), outbox " + rig.Beacon.Outbox.Count + ": " + string.Join(" | ", rig.Events.Select(e => e.Kind + (e.Text == null ? "" : ": " + e.Text)));
    }
}
