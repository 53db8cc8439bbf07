using System;
using System.Diagnostics;

namespace SessionBeacon.Harness.Device
{
    /// <summary>
    /// The simulated device's clock (Unix ms), the one clock of a run: the beacon's steps, the inputs
    /// and every time stamp printed read it. It starts at the machine's time and runs with it, except
    /// that a script moves it ahead (a wait, the hold of a press) and holds it still while one of its
    /// lines plays, so that the line's timing is exact whatever the network takes meanwhile. It never
    /// goes back. The beacon's network and alert times come from the machine's clock, as on the board,
    /// where the steady clock drives the policy and the RTC the network.
    /// </summary>
    public sealed class DeviceClock
    {
        private readonly object _gate = new object();
        private readonly Stopwatch _machine = Stopwatch.StartNew();
        private readonly long _start = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        private long _ahead;
        private bool _held;
        private long _heldAt;

        public long Now
        {
            get
            {
                lock (_gate)
                {
                    return _held ? _heldAt : Running();
                }
            }
        }

        /// <summary>Stops the clock at its present time; only <see cref="Advance"/> moves it until <see cref="Release"/>.</summary>
        public void Hold()
        {
            lock (_gate)
            {
                if (!_held)
                {
                    _heldAt = Running();
                    _held = true;
                }
            }
        }

        /// <summary>Lets the clock run with the machine's time again, from where it was held.</summary>
        public void Release()
        {
            lock (_gate)
            {
                if (_held)
                {
                    _ahead += _heldAt - Running();
                    _held = false;
                }
            }
        }

        /// <summary>Moves the clock ahead to <paramref name="time"/>; a time already passed changes nothing.</summary>
        public void Advance(long time)
        {
            lock (_gate)
            {
                if (_held)
                {
                    _heldAt = Math.Max(_heldAt, time);
                }
                else
                {
                    _ahead += Math.Max(0, time - Running());
                }
            }
        }

        private long Running() => _start + _machine.ElapsedMilliseconds + _ahead;
    }
}
