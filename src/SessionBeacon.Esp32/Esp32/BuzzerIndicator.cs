// IIndicator on an active buzzer (buzzer.pin; nanoFramework only). An active buzzer has its own
// oscillator and sounds while its input is high, so a GPIO is enough - no PWM channel, no tone
// table. Wire it through an NPN transistor (docs/boards.md): most 3-5 V active buzzers draw
// 20-30 mA, more than a GPIO should source. The transistor makes the output active-high whatever
// the LED's polarity is, which is why this is not a GpioIndicator sharing led.active.
using System.Device.Gpio;
using SessionBeacon.Hardware;

namespace SessionBeacon.Esp32
{
    /// <summary>An active buzzer behind a transistor on one GPIO.</summary>
    public sealed class BuzzerIndicator : IIndicator
    {
        private readonly GpioPin _pin;

        /// <summary>Opens <paramref name="pinNumber"/> as an output, silent.</summary>
        /// <exception cref="System.InvalidOperationException">The pin is already open.</exception>
        public BuzzerIndicator(GpioController gpio, int pinNumber)
        {
            _pin = gpio.OpenPin(pinNumber, PinMode.Output);
            Set(false);
        }

        /// <summary>Sounds or silences the buzzer.</summary>
        public void Set(bool on)
        {
            _pin.Write(on ? PinValue.High : PinValue.Low);
        }
    }
}
