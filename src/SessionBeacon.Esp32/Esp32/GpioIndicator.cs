// IIndicator on a plain GPIO (nanoFramework only): a status LED or a buzzer, with the board's
// polarity (boards/ led.active). WS2812 LEDs need the RMT peripheral and are not driven here.
using System.Device.Gpio;
using SessionBeacon.Hardware;

namespace SessionBeacon.Esp32
{
    /// <summary>An LED or buzzer on one GPIO.</summary>
    public sealed class GpioIndicator : IIndicator
    {
        private readonly GpioPin _pin;
        private readonly bool _activeLow;

        /// <summary>Opens <paramref name="pinNumber"/> as an output, switched off.</summary>
        /// <exception cref="System.InvalidOperationException">The pin is already open.</exception>
        public GpioIndicator(GpioController gpio, int pinNumber, bool activeLow)
        {
            _activeLow = activeLow;
            _pin = gpio.OpenPin(pinNumber, PinMode.Output);
            Set(false);
        }

        /// <summary>Switches the output on or off.</summary>
        public void Set(bool on)
        {
            _pin.Write(on != _activeLow ? PinValue.High : PinValue.Low);
        }
    }
}
