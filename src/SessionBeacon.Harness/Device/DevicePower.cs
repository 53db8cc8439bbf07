using System;
using System.Threading;
using Session.Core.Micro.Network;

namespace SessionBeacon.Harness.Device
{
    /// <summary>
    /// One power-on of the simulated board, so that a restart can cut it as a board's reset does: once
    /// switched off, its flash refuses every write (a network thread still finishing a request can no
    /// longer change what the next power-on reads), its network clock's waits end at once, and its
    /// transport (given <see cref="Off"/>) gives up the request under way.
    /// </summary>
    public sealed class DevicePower
    {
        private readonly CancellationTokenSource _off = new CancellationTokenSource();

        /// <summary>Cancelled when the power goes.</summary>
        public CancellationToken Off => _off.Token;

        /// <summary>The machine's time for the beacon's network clock; a wait (a retry's backoff) ends when the power goes.</summary>
        public IClock Clock => new PoweredClock(_off.Token);

        /// <summary><paramref name="flash"/> as this power-on writes it: nothing more once the power is gone.</summary>
        public IKeyValueStore Flash(IKeyValueStore flash) => new PoweredFlash(flash, _off.Token);

        public void SwitchOff() => _off.Cancel();

        private sealed class PoweredClock : IClock
        {
            private readonly CancellationToken _off;

            public PoweredClock(CancellationToken off) => _off = off;

            public long UnixMilliseconds => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

            public void Sleep(int milliseconds) => _off.WaitHandle.WaitOne(milliseconds);
        }

        private sealed class PoweredFlash : IKeyValueStore
        {
            private readonly IKeyValueStore _flash;
            private readonly CancellationToken _off;

            public PoweredFlash(IKeyValueStore flash, CancellationToken off)
            {
                _flash = flash;
                _off = off;
            }

            public byte[] Get(string key) => _flash.Get(key);

            public void Put(string key, byte[] value)
            {
                Check();
                _flash.Put(key, value);
            }

            public void Remove(string key)
            {
                Check();
                _flash.Remove(key);
            }

            private void Check()
            {
                if (_off.IsCancellationRequested)
                {
                    throw new InvalidOperationException("the simulated board's power is off: nothing more is written to its flash");
                }
            }
        }
    }
}
