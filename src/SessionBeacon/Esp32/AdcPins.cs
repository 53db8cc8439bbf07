// Which ADC channel reads which GPIO (nanoFramework only). nanoFramework's AdcController opens
// channels by number, not by pin; on its ESP32 targets channels 0-7 are ADC1's channels 0-7, and
// ADC1 channel n sits on a chip-specific GPIO (ESP-IDF's adc_channel.h):
//   ESP32:    GPIO36, 37, 38, 39, 32, 33, 34, 35 -> channels 0-7
//   ESP32-S3: GPIO1 ... GPIO10                    -> channels 0-9
//   ESP32-C3: GPIO0 ... GPIO4                     -> channels 0-4
// Only ADC1 is offered: ADC2 is taken by the Wi-Fi driver while Wi-Fi is on, which it always is.
// The chip is named by the nanoFramework firmware target the board was flashed with
// (docs/flashing.md): ESP32_..., ESP32_S3..., ESP32_C3...; the firmware reports it
// (SystemInfo.TargetName), so ChannelOnThisChip needs no configuration.
using nanoFramework.Runtime.Native;

namespace SessionBeacon.Esp32
{
    /// <summary>Maps GPIOs to ADC1 channel numbers.</summary>
    public static class AdcPins
    {
        /// <summary>Returned for a GPIO that is not an ADC1 input on that chip.</summary>
        public const int NoChannel = -1;

        private static readonly int[] s_esp32Gpios = { 36, 37, 38, 39, 32, 33, 34, 35 };

        /// <summary>The ADC channel of <paramref name="gpio"/> on the chip this firmware runs on, or <see cref="NoChannel"/>.</summary>
        public static int ChannelOnThisChip(int gpio)
        {
            return ChannelOf(SystemInfo.TargetName, gpio);
        }

        /// <summary>The ADC channel of <paramref name="gpio"/> on the chip of <paramref name="firmwareTarget"/>, or <see cref="NoChannel"/>.</summary>
        /// <param name="firmwareTarget">The nanoff target name, such as ESP32_REV0, ESP32_S3 or ESP32_C3.</param>
        /// <param name="gpio">The GPIO number.</param>
        public static int ChannelOf(string firmwareTarget, int gpio)
        {
            if (firmwareTarget == null)
            {
                return NoChannel;
            }
            if (firmwareTarget.StartsWith("ESP32_S3"))
            {
                return gpio >= 1 && gpio <= 10 ? gpio - 1 : NoChannel;
            }
            if (firmwareTarget.StartsWith("ESP32_C3"))
            {
                return gpio >= 0 && gpio <= 4 ? gpio : NoChannel;
            }
            if (firmwareTarget.StartsWith("ESP32"))
            {
                for (int channel = 0; channel < s_esp32Gpios.Length; channel++)
                {
                    if (s_esp32Gpios[channel] == gpio)
                    {
                        return channel;
                    }
                }
            }
            return NoChannel;
        }
    }
}
