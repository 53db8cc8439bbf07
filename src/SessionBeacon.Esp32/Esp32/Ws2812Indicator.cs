// IIndicator on an addressable RGB LED (led.kind = ws2812; nanoFramework only): the M5Stack Atom
// Lite's SK6812, the ESP32-C3-DevKitM-1's and ESP32-S3-DevKitC-1's WS2812. The driver is
// nanoFramework.Iot.Device.Ws28xx.Esp32, which clocks the bits out with the ESP32's RMT peripheral
// (WS2812B timing, which the SK6812 accepts). One LED, one colour, on or off. The colour is dim on
// purpose: a panic button should not light up a room, and these LEDs are blinding at full power.
using Iot.Device.Ws28xx.Esp32;
using SessionBeacon.Hardware;

namespace SessionBeacon.Esp32
{
    /// <summary>One WS2812/SK6812 LED showing a single colour or nothing.</summary>
    public sealed class Ws2812Indicator : IIndicator
    {
        /// <summary>A dim amber (of 255 per channel).</summary>
        public const byte DefaultRed = 40;

        /// <summary>A dim amber (of 255 per channel).</summary>
        public const byte DefaultGreen = 16;

        /// <summary>A dim amber (of 255 per channel).</summary>
        public const byte DefaultBlue = 0;

        private readonly Ws2812b _led;
        private readonly byte _red;
        private readonly byte _green;
        private readonly byte _blue;

        /// <summary>Drives the LED on <paramref name="pinNumber"/>, switched off.</summary>
        /// <param name="pinNumber">The LED's data GPIO (boards/ led.pin).</param>
        /// <param name="red">The colour when on.</param>
        /// <param name="green">The colour when on.</param>
        /// <param name="blue">The colour when on.</param>
        public Ws2812Indicator(int pinNumber, byte red, byte green, byte blue)
        {
            _red = red;
            _green = green;
            _blue = blue;
            _led = new Ws2812b(pinNumber, 1);
            Set(false);
        }

        /// <summary>Shows the colour or puts the LED out.</summary>
        public void Set(bool on)
        {
            if (on)
            {
                _led.Image.SetPixel(0, 0, _red, _green, _blue);
            }
            else
            {
                _led.Image.SetPixel(0, 0, 0, 0, 0);
            }
            _led.Update();
        }
    }
}
