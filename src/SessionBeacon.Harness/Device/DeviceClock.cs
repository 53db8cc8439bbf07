using System;
using System.Diagnostics;
using System.Threading;
using Session.Core.Micro.Network;

namespace SessionBeacon.Harness.Device
{
    /// <summary>
    /// The simulated device's clock (Unix ms), the one clock of a run: the beacon's steps, the inputs
    /// and every time stamp printed read it. It starts at the machine's time and runs with it, except
    /// that a script moves it ahead (a wait, the hold of a press) and holds it still while one of its
    /// lines plays, so that the line's timing is exact. While the network works during a line, the clock
    /// runs with the machine's time again, up to the line's next time and no further (RunUntil): the
    /// network takes real time, as on a board, and the line's inputs still come at their exact times. It
    /// never goes back. The beacon's network and alert times come from the machine's clock, as on the
    /// board, where the steady clock drives the policy and the RTC the network.
    /// </summary>
    public sealed class DeviceClock : IClock
    {
        private readonly object _gate = new object();
        private readonly Stopwatch _machine = Stopwatch.StartNew();
        private readonly long _start = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        private long _ahead;
        private bool _held;
        private long _heldAt;
        private long _cap = long.MaxValue;

        /// <summary>The clock as IClock: the network thread's and the watchdog's time.</summary>
        public long UnixMilliseconds => Now;

        public long Now
        {
            get
            {
                lock (_gate)
                {
                    return _held ? _heldAt : Math.Min(Running(), _cap);
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
                    _heldAt = Math.Min(Running(), _cap);
                    _held = true;
                }
            }
        }

        /// <summary>Lets the clock run with the machine's time again, from where it stands.</summary>
        public void Release()
        {
            RunUntil(long.MaxValue);
        }

        /// <summary>Lets the clock run with the machine's time from where it stands, but not past <paramref name="cap"/>: there it stops until moved again.</summary>
        public void RunUntil(long cap)
        {
            lock (_gate)
            {
                long now = _held ? _heldAt : Math.Min(Running(), _cap);
                // Time spent held, or stopped at a cap, is not made up: the clock runs on from now.
                _ahead += now - Running();
                _held = false;
                _cap = Math.Max(cap, now);
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
                else if (time > Math.Min(Running(), _cap))
                {
                    _ahead += time - Running();
                    _cap = Math.Max(_cap, time);
                }
            }
        }

        /// <summary>Waits <paramref name="milliseconds"/> of the machine's time (the clock runs with it unless held).</summary>
        public void Sleep(int milliseconds) => Thread.Sleep(milliseconds);

        private long Running() => _start + _machine.ElapsedMilliseconds + _ahead;
    }
}
