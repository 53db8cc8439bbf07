// IRandomSource on the device (nanoFramework only). nanoFramework's System.Random on the ESP32
// draws from the chip's hardware random number generator (docs/portable-csharp.md §4), which is
// the only entropy source the firmware has; every key and nonce of the core comes through here.
using System;
using Session.Core.Micro.Crypto;

namespace SessionBeacon.Esp32
{
    /// <summary>Random bytes from the ESP32's hardware RNG.</summary>
    public sealed class HardwareRandom : IRandomSource
    {
        private readonly Random _random = new Random();

        /// <summary>Fills <paramref name="count"/> bytes of <paramref name="buffer"/> from <paramref name="offset"/>.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="buffer"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">The range lies outside the buffer.</exception>
        public void Fill(byte[] buffer, int offset, int count)
        {
            if (buffer == null)
            {
                throw new ArgumentNullException("buffer");
            }
            if (offset < 0 || count < 0 || offset > buffer.Length - count)
            {
                throw new ArgumentOutOfRangeException("count");
            }
            byte[] bytes = new byte[count];
            try
            {
                _random.NextBytes(bytes);
                Array.Copy(bytes, 0, buffer, offset, count);
            }
            finally
            {
                // The bytes may become key material.
                CryptoBytes.Wipe(bytes);
            }
        }
    }
}
