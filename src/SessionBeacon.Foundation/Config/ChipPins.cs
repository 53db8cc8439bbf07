// The GPIO facts of the three ESP32 chips SessionBeacon runs on, as data in one place (a board
// profile's "chip" line picks a row). Which GPIOs exist; which carry the flash (using one crashes
// the board); which are strapping pins, read at reset to pick the boot mode or the flash voltage
// (a button or sensor holding one can stop the board from starting); which are input-only (no
// output, no internal pull resistors); which reach ADC1 and ADC2 (ADC2 is taken by the Wi-Fi
// driver while Wi-Fi is on, which on a beacon is always); the input that gives the ADC's largest
// reading at 12 dB, the attenuation nanoFramework's AdcController sets (ESP-IDF's ADC pages:
// 0-2500 mV on the ESP32-C3, 0-3100 mV on the ESP32-S3; on the ESP32 about 3100 mV, an
// approximation, since its accurate range ends near 2450 mV); and which GPIOs can wake the chip
// from deep sleep by their level (the RTC GPIOs of the ESP32 and ESP32-S3; GPIO0-5 on the
// ESP32-C3) and whether nanoFramework can arm one: its Sleep.EnableWakeupByPin uses ext0, which
// the ESP32 and ESP32-S3 have and the ESP32-C3 lacks (nf-interpreter's
// nanoFramework_hardware_esp32_native_Hardware_Esp32_Sleep.cpp answers "not supported" there).
// UART0's pins (U0TXD, U0RXD) carry the boot ROM's messages and nanoFramework's debugger link, so a
// GPS module may not take them.
// Sources: the pin, strapping-pin, RTC, UART and ADC sections of Espressif's ESP32, ESP32-C3 and ESP32-S3
// datasheets, and ESP-IDF's soc/<chip>/include/soc/adc_channel.h. docs/boards.md says the same per board.
// The strapping pin that every devkit wires its BOOT button to is the exception for the button: it
// must read high at reset for a normal boot, which a button with a pull-up does while not held.
// nanoFramework's AdcController opens ADC1 channel n as channel n, so the ADC1 list is in channel order.
namespace SessionBeacon.Config
{
    /// <summary>The pins of one ESP32 chip: what each GPIO may be used for.</summary>
    public sealed class ChipPins
    {
        /// <summary>Returned by <see cref="Adc1Channel"/> for a GPIO that is not an ADC1 input.</summary>
        public const int NoChannel = -1;

        private static readonly ChipPins[] s_chips =
        {
            new ChipPins("esp32", "ESP32", new[] { "ESP32_REV", "ESP32_PSRAM", "ESP32_PICO" },
                gpios: new[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 23, 25, 26, 27, 32, 33, 34, 35, 36, 37, 38, 39 },
                flash: new[] { 6, 7, 8, 9, 10, 11 },
                strapping: new[] { 0, 2, 5, 12, 15 },
                bootButton: 0,
                inputOnly: new[] { 34, 35, 36, 37, 38, 39 },
                console: new[] { 1, 3 },
                adc1: new[] { 36, 37, 38, 39, 32, 33, 34, 35 },
                adc2: new[] { 0, 2, 4, 12, 13, 14, 15, 25, 26, 27 },
                adcFullScaleMillivolts: 3100,
                wake: new[] { 0, 2, 4, 12, 13, 14, 15, 25, 26, 27, 32, 33, 34, 35, 36, 37, 38, 39 },
                canArmWakePin: true),
            // GPIO11 feeds the flash (VDD_SPI) unless an eFuse is burnt to free it, so it counts as a flash pin.
            new ChipPins("esp32-c3", "ESP32-C3", new[] { "ESP32_C3" },
                gpios: new[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21 },
                flash: new[] { 11, 12, 13, 14, 15, 16, 17 },
                strapping: new[] { 2, 8, 9 },
                bootButton: 9,
                inputOnly: new int[0],
                console: new[] { 21, 20 },
                adc1: new[] { 0, 1, 2, 3, 4 },
                adc2: new[] { 5 },
                adcFullScaleMillivolts: 2500,
                wake: new[] { 0, 1, 2, 3, 4, 5 },
                canArmWakePin: false),
            new ChipPins("esp32-s3", "ESP32-S3", new[] { "ESP32_S3" },
                gpios: new[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48 },
                flash: new[] { 26, 27, 28, 29, 30, 31, 32 },
                strapping: new[] { 0, 3, 45, 46 },
                bootButton: 0,
                inputOnly: new int[0],
                console: new[] { 43, 44 },
                adc1: new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 },
                adc2: new[] { 11, 12, 13, 14, 15, 16, 17, 18, 19, 20 },
                adcFullScaleMillivolts: 3100,
                wake: new[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21 },
                canArmWakePin: true),
        };

        private readonly string[] _firmwareTargets;
        private readonly int[] _gpios;
        private readonly int[] _flash;
        private readonly int[] _strapping;
        private readonly int[] _inputOnly;
        private readonly int[] _console;
        private readonly int[] _adc1;
        private readonly int[] _adc2;
        private readonly int[] _wake;

        private ChipPins(string name, string title, string[] firmwareTargets, int[] gpios, int[] flash, int[] strapping, int bootButton,
            int[] inputOnly, int[] console, int[] adc1, int[] adc2, int adcFullScaleMillivolts, int[] wake, bool canArmWakePin)
        {
            Name = name;
            Title = title;
            _firmwareTargets = firmwareTargets;
            _gpios = gpios;
            _flash = flash;
            _strapping = strapping;
            BootButton = bootButton;
            _inputOnly = inputOnly;
            _console = console;
            _adc1 = adc1;
            _adc2 = adc2;
            AdcFullScaleMillivolts = adcFullScaleMillivolts;
            _wake = wake;
            CanArmWakePin = canArmWakePin;
        }

        /// <summary>The chip's name in a board profile's "chip" line, such as "esp32-c3".</summary>
        public string Name { get; }

        /// <summary>The chip's name in messages, such as "ESP32-C3".</summary>
        public string Title { get; }

        /// <summary>The strapping pin of the devkits' BOOT button: a button with a pull-up may use it.</summary>
        public int BootButton { get; }

        /// <summary>The input, in millivolts, that gives the ADC's largest reading at nanoFramework's attenuation (12 dB, ESP-IDF's ADC_ATTEN_DB_12).</summary>
        public int AdcFullScaleMillivolts { get; }

        /// <summary>Whether nanoFramework can arm a pin to wake the chip from deep sleep (Sleep.EnableWakeupByPin, ext0).</summary>
        public bool CanArmWakePin { get; }

        /// <summary>The names a board profile's "chip" line accepts.</summary>
        public static string[] Names
        {
            get
            {
                var names = new string[s_chips.Length];
                for (int i = 0; i < names.Length; i++)
                {
                    names[i] = s_chips[i].Name;
                }
                return names;
            }
        }

        /// <summary>The chip called <paramref name="name"/>, or null when there is none.</summary>
        public static ChipPins Named(string name)
        {
            foreach (ChipPins chip in s_chips)
            {
                if (chip.Name == name)
                {
                    return chip;
                }
            }
            return null;
        }

        /// <summary>
        /// The chip a nanoFramework firmware target is built for (the target names docs/flashing.md flashes, such as
        /// ESP32_REV0, ESP32_PICO, ESP32_C3 or ESP32_S3_OCTAL), or null for a target name it does not know.
        /// </summary>
        public static ChipPins OfFirmwareTarget(string target)
        {
            if (target == null)
            {
                return null;
            }
            foreach (ChipPins chip in s_chips)
            {
                foreach (string prefix in chip._firmwareTargets)
                {
                    if (target.StartsWith(prefix))
                    {
                        return chip;
                    }
                }
            }
            return null;
        }

        /// <summary>Whether the chip has GPIO <paramref name="gpio"/>.</summary>
        public bool Has(int gpio) => Contains(_gpios, gpio);

        /// <summary>Whether <paramref name="gpio"/> carries the flash: using it crashes the board.</summary>
        public bool IsFlash(int gpio) => Contains(_flash, gpio);

        /// <summary>Whether <paramref name="gpio"/> is read at reset to choose how the chip boots.</summary>
        public bool IsStrapping(int gpio) => Contains(_strapping, gpio);

        /// <summary>Whether <paramref name="gpio"/> can only be read: no output, no internal pull resistor.</summary>
        public bool IsInputOnly(int gpio) => Contains(_inputOnly, gpio);

        /// <summary>Whether <paramref name="gpio"/> is UART0's TX or RX, the boot messages' and nanoFramework's debugger's line.</summary>
        public bool IsConsole(int gpio) => Contains(_console, gpio);

        /// <summary>Whether <paramref name="gpio"/>'s level can wake the chip from deep sleep.</summary>
        public bool CanWake(int gpio) => Contains(_wake, gpio);

        /// <summary>Whether <paramref name="gpio"/> is on ADC2, which cannot be read while Wi-Fi is on.</summary>
        public bool IsAdc2(int gpio) => Contains(_adc2, gpio);

        /// <summary>The ADC1 channel (nanoFramework's AdcController channel number) of <paramref name="gpio"/>, or <see cref="NoChannel"/>.</summary>
        public int Adc1Channel(int gpio)
        {
            for (int channel = 0; channel < _adc1.Length; channel++)
            {
                if (_adc1[channel] == gpio)
                {
                    return channel;
                }
            }
            return NoChannel;
        }

        /// <summary>The flash pins for a message, such as "GPIO6-11".</summary>
        public string FlashPins => Describe(_flash);

        /// <summary>The strapping pins for a message, such as "GPIO0, 2, 5, 12, 15".</summary>
        public string StrappingPins => Describe(_strapping);

        /// <summary>The input-only pins for a message, such as "GPIO34-39".</summary>
        public string InputOnlyPins => Describe(_inputOnly);

        /// <summary>UART0's pins for a message, such as "GPIO1, 3".</summary>
        public string ConsolePins => Describe(_console);

        /// <summary>The pins that can wake the chip from deep sleep, for a message, such as "GPIO0-5".</summary>
        public string WakePins => Describe(_wake);

        /// <summary>The ADC1 pins for a message, such as "GPIO32-39".</summary>
        public string Adc1Pins => Describe(_adc1);

        // "GPIO" and the pins in ascending order, runs of three or more written as a range: "GPIO0, 2, 4, 12-15, 25-27"; "none" for no pins.
        private static string Describe(int[] pins)
        {
            if (pins.Length == 0)
            {
                return "none";
            }
            // nanoFramework's Array has no Sort; the lists are a few pins long.
            int[] sorted = (int[])pins.Clone();
            for (int next = 1; next < sorted.Length; next++)
            {
                int pin = sorted[next];
                int at = next;
                while (at > 0 && sorted[at - 1] > pin)
                {
                    sorted[at] = sorted[at - 1];
                    at--;
                }
                sorted[at] = pin;
            }
            string text = "GPIO";
            int i = 0;
            while (i < sorted.Length)
            {
                int last = i;
                while (last + 1 < sorted.Length && sorted[last + 1] == sorted[last] + 1)
                {
                    last++;
                }
                text += (i == 0 ? "" : ", ") + sorted[i].ToString();
                if (last - i >= 2)
                {
                    text += "-" + sorted[last].ToString();
                    i = last + 1;
                }
                else
                {
                    i++;
                }
            }
            return text;
        }

        private static bool Contains(int[] pins, int gpio)
        {
            foreach (int pin in pins)
            {
                if (pin == gpio)
                {
                    return true;
                }
            }
            return false;
        }
    }
}
