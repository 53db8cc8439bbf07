// Press to flash (docs/performance.md, "Firmware app: press to flash"): the device CPU from the end
// of the gesture to the alert on flash, with the LED saying so. What is timed is the input side's
// one step at the moment the cancel window ends (Beacon.Step): the policy's decision, the alert's
// text, the alert written held (running number, outbox record with its SHA-256, on an in-memory
// store that keeps the bytes as flash would), and the "sending" pattern started. Everything before
// it (the button's edges, the hold, the window) is prepared untimed for each call, on a fresh beacon
// with two plain recipients: a press is single-use.
//   no flash alert: no flash alert is ready (the network down, hung, refusing or slow, or not yet
//     reached): the beacon's transport refuses everything, its network side never ran.
//   a request in flight: the same, while the beacon's own network thread (NetworkWorker) is inside
//     a request that never answers: the input side shares nothing with it but the locks it never holds then.
//   healthy network: the same step, then the flash alert's write as AlertWriter makes it after the
//     LED (Outbox.Add of a pre-built alert for both recipients, CoreOperations.PreparedFlashAlert).
//     Not in it: FlashAlert.Take's bookkeeping and the sender's Offer, a few list entries.
using System;
using System.Threading;
using Session.Core.Micro.Crypto;
using Session.Core.Micro.Identity;
using Session.Core.Micro.Network;
using SessionBeacon.App;
using SessionBeacon.Arming;
using SessionBeacon.Config;
using SessionBeacon.Delivery;

namespace Session.Core.Micro.Bench
{
    public sealed class PressToFlash
    {
        public const string NoFlashName = "press to flash: held alert, no flash alert ready (network down, hung or faulty)";
        public const string InFlightName = "press to flash: held alert, while the network thread waits in a request that never answers";
        public const string HealthyName = "press to flash: held alert, then the flash alert's write (healthy network)";

        private const long Boot = 1764237600000;
        private const int HoldMs = 1500;
        private const int CancelMs = 5000;

        private static readonly string[] s_recipients = { "05" + new string('a', 64), "05" + new string('b', 64) };

        private readonly BeaconConfig _config = BeaconConfig.Parse("board = esp32-devkitc\n"
            + "recipient = " + s_recipients[0] + " Alice\nrecipient = " + s_recipients[1] + " Bob\n"
            + "panic.hold_ms = " + HoldMs + "\npanic.cancel_ms = " + CancelMs + "\n", "nf.config");
        private readonly IdentityKeys _identity = IdentityKeys.FromSeed(new byte[IdentityKeys.SeedSize]);
        private readonly ManualResetEvent _answer = new ManualResetEvent(false);
        private readonly CoreOperations _core;

        /// <param name="core">Builds the flash alert of the healthy-network entry.</param>
        public PressToFlash(CoreOperations core)
        {
            _core = core;
        }

        /// <summary>The entries: each prepares a beacon whose cancel window ends at the timed step.</summary>
        public (string Name, Func<Action> Prepare)[] Entries()
        {
            return new (string, Func<Action>)[]
            {
                (NoFlashName, () => Pressed(false, false)),
                (InFlightName, () => Pressed(true, false)),
                (HealthyName, () => Pressed(false, true)),
            };
        }

        /// <summary>Lets every request that waits for an answer fail, so their threads end.</summary>
        public void Release()
        {
            _answer.Set();
        }

        private Action Pressed(bool requestInFlight, bool flashAlertReady)
        {
            var transport = new Transport(requestInFlight ? _answer : null);
            var beacon = new Beacon(_config, _identity, new Store(), NetworkProfile.Mainnet(), transport, new Clock(),
                new Random(), new BeaconHardware(null, null, null, new Light(), null), HeapBudget.OutboxSlotsFor("standard"));
            beacon.Start(Boot);
            if (requestInFlight)
            {
                var worker = new NetworkWorker(beacon, new Clock());
                new Thread(worker.Run) { IsBackground = true }.Start();
                transport.Entered.WaitOne();
            }
            beacon.Policy.ButtonLevel(true, Boot);
            beacon.Step(Boot);
            beacon.Policy.ButtonLevel(false, Boot + HoldMs);
            beacon.Step(Boot + HoldMs);
            beacon.TakeEvents();
            long end = Boot + HoldMs + CancelMs;
            PreparedAlert flash = flashAlertReady ? _core.PreparedFlashAlert(s_recipients, end - 1000) : null;
            var random = new Random();
            return () =>
            {
                beacon.Step(end);
                if (flash != null)
                {
                    beacon.Outbox.Add(AlertKind.Panic, end, flash, random);
                }
                if (beacon.Outbox.Count != (flash == null ? 1 : 2))
                {
                    throw new InvalidOperationException("the press did not put the alert on flash");
                }
            };
        }

        // A network that refuses, or, given a gate, waits for it to open first (a peer that never answers).
        private sealed class Transport : IHttpTransport
        {
            private readonly ManualResetEvent _gate;

            public Transport(ManualResetEvent gate)
            {
                _gate = gate;
            }

            public ManualResetEvent Entered { get; } = new ManualResetEvent(false);

            public HttpResponse Post(string url, byte[] body, int timeoutMilliseconds)
            {
                Entered.Set();
                if (_gate != null)
                {
                    _gate.WaitOne();
                }
                return HttpResponse.Failed("refused");
            }

            public HttpResponse Post(string url, byte[] body, int timeoutMilliseconds, IResponseSink sink)
            {
                return Post(url, body, timeoutMilliseconds);
            }
        }

        private sealed class Clock : IClock
        {
            public long UnixMilliseconds => Boot;

            public void Sleep(int milliseconds)
            {
            }
        }

        private sealed class Random : IRandomSource
        {
            public void Fill(byte[] buffer, int offset, int count)
            {
                Array.Clear(buffer, offset, count);
                buffer[offset] = 1;
            }
        }

        // Flash in memory: keeps the value written, as flash keeps the bytes.
        private sealed class Store : IKeyValueStore
        {
            private readonly System.Collections.Generic.Dictionary<string, byte[]> _values = new System.Collections.Generic.Dictionary<string, byte[]>();

            public byte[] Get(string key) => _values.TryGetValue(key, out byte[] value) ? value : null;

            public void Put(string key, byte[] value) => _values[key] = value;

            public void Remove(string key) => _values.Remove(key);
        }

        private sealed class Light : SessionBeacon.Hardware.IIndicator
        {
            public void Set(bool on)
            {
            }
        }
    }
}
