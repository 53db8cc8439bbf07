// A button or digital sensor on a GPIO (nanoFramework only). The pin's change interrupt
// (GpioPin.ValueChanged, raised on the runtime's event thread) reads the level and queues it with
// the time for the main loop, then wakes the loop. Debouncing is the alert policy's: it judges each
// level from the time of its own edge (button.debounce_ms, sensor.debounce_ms), so the native
// filter is left off - it would drop the level a bounce ends on.
using System;
using System.Device.Gpio;
using System.Threading;
using Session.Core.Micro.Network;
using SessionBeacon.Hardware;

namespace SessionBeacon.Esp32
{
    /// <summary>One digital input feeding an <see cref="InputQueue"/> from its interrupt.</summary>
    public sealed class GpioInput
    {
        private readonly GpioPin _pin;
        private readonly bool _activeHigh;
        private readonly InputKind _kind;
        private readonly int _index;
        private readonly InputQueue _queue;
        private readonly IClock _clock;
        private readonly AutoResetEvent _wake;

        /// <summary>Opens <paramref name="pinNumber"/> in <paramref name="mode"/> and starts queueing its levels.</summary>
        /// <param name="gpio">The controller.</param>
        /// <param name="pinNumber">The GPIO.</param>
        /// <param name="mode">Input, InputPullUp or InputPullDown, as the wiring needs.</param>
        /// <param name="activeHigh">True when a high level means pressed or active.</param>
        /// <param name="kind">Button or sensor.</param>
        /// <param name="index">The sensor's index (0 for the button).</param>
        /// <param name="queue">Where levels go.</param>
        /// <param name="clock">The time stamped on each level.</param>
        /// <param name="wake">Set after each level, to wake the main loop.</param>
        /// <exception cref="InvalidOperationException">The pin is already open.</exception>
        public GpioInput(GpioController gpio, int pinNumber, PinMode mode, bool activeHigh, InputKind kind, int index, InputQueue queue, IClock clock, AutoResetEvent wake)
        {
            _activeHigh = activeHigh;
            _kind = kind;
            _index = index;
            _queue = queue;
            _clock = clock;
            _wake = wake;
            _pin = gpio.OpenPin(pinNumber, mode);
            _pin.DebounceTimeout = TimeSpan.Zero;
            _pin.ValueChanged += OnValueChanged;
        }

        /// <summary>True while the input is pressed or active.</summary>
        public bool IsActive
        {
            get { return (_pin.Read() == PinValue.High) == _activeHigh; }
        }

        /// <summary>Queues the current level now (at start, so a door already open is seen).</summary>
        public void PostLevel()
        {
            _queue.Post(_kind, _index, IsActive, _clock.UnixMilliseconds);
            _wake.Set();
        }

        private void OnValueChanged(object sender, PinValueChangedEventArgs e)
        {
            // The level is read rather than taken from e.ChangeType: after a burst of edges, the
            // last event must report where the pin settled.
            PostLevel();
        }
    }
}
