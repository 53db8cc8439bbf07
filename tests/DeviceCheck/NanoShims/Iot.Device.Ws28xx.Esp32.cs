// Compile-only shim of nanoFramework.Iot.Device.Ws28xx.Esp32 1.2.864 (assembly Iot.Device.Ws28xx.Esp32):
// the WS2812B driver over the ESP32's RMT peripheral, exactly the members src/SessionBeacon.Esp32
// calls, with the signatures of nanoframework/nanoFramework.IoT.Device devices/Ws28xx.Esp32/
// {Ws28xx.cs, Ws2812B.cs, BitmapImage.cs} (see README.md). Never run: every body throws.
namespace Iot.Device.Ws28xx.Esp32
{
    using System;

    /// <summary>nanoFramework: the pixels of a strip or matrix.</summary>
    public abstract class BitmapImage
    {
        /// <summary>An image over <paramref name="data"/>, <paramref name="stride"/> bytes a row.</summary>
        protected BitmapImage(byte[] data, int width, int height, int stride) => throw new NotImplementedException();

        /// <summary>Sets pixel (<paramref name="x"/>, <paramref name="y"/>) to a colour.</summary>
        public abstract void SetPixel(int x, int y, byte r, byte g, byte b);
    }

    /// <summary>nanoFramework: a WS28xx driver; nothing shows until Update.</summary>
    public class Ws28xx
    {
        /// <summary>A driver for <paramref name="image"/>'s pixels on <paramref name="gpioPin"/>.</summary>
        public Ws28xx(int gpioPin, BitmapImage image) => throw new NotImplementedException();

        /// <summary>The pixels.</summary>
        public BitmapImage Image => throw new NotImplementedException();

        /// <summary>Sends the image to the LEDs.</summary>
        public void Update() => throw new NotImplementedException();
    }

    /// <summary>nanoFramework: WS2812B timing (also SK6812 RGB LEDs).</summary>
    public class Ws2812b : Ws28xx
    {
        /// <summary>A strip of <paramref name="width"/> by <paramref name="height"/> LEDs on <paramref name="gpioPin"/>.</summary>
        public Ws2812b(int gpioPin, int width, int height = 1) : base(gpioPin, null) => throw new NotImplementedException();
    }
}
