// A board profile from boards/ (docs/architecture.md, Configuration and boards): which pins the
// button, LED and buzzer use, how they are wired, and how much heap the board leaves the app.
// Boards are data, not code: a new board is a new file (CONTRIBUTING.md rule 14).
namespace SessionBeacon.Config
{
    /// <summary>The validated pin map and memory class of one board.</summary>
    public sealed class BoardProfile
    {
        /// <summary>No pin assigned (for an optional part such as a buzzer).</summary>
        public const int NoPin = -1;

        private const int MaxGpio = 48;

        private static readonly string[] s_knownKeys =
        {
            "board.name", "button.pin", "button.pull", "led.pin", "led.kind", "led.active", "buzzer.pin", "power", "battery.pin", "ram.class",
        };

        private BoardProfile()
        {
        }

        /// <summary>The board's product name.</summary>
        public string Name { get; private set; }

        /// <summary>The GPIO of the panic button.</summary>
        public int ButtonPin { get; private set; }

        /// <summary>True when the button pulls the pin low when pressed (pull-up wiring).</summary>
        public bool ButtonActiveLow { get; private set; }

        /// <summary>True when the pin needs the chip's internal pull resistor (none fitted on the board).</summary>
        public bool ButtonNeedsInternalPull { get; private set; }

        /// <summary>The GPIO of the status LED.</summary>
        public int LedPin { get; private set; }

        /// <summary>"plain" for an LED on a GPIO, "ws2812" for an addressable RGB LED.</summary>
        public string LedKind { get; private set; }

        /// <summary>True when a plain LED lights on a low level.</summary>
        public bool LedActiveLow { get; private set; }

        /// <summary>The GPIO of an optional buzzer, or <see cref="NoPin"/>.</summary>
        public int BuzzerPin { get; private set; }

        /// <summary>"small" (about 54 KB heap, ESP32-C3), "standard" (about 79 KB, ESP32) or "psram" (several MB).</summary>
        public string RamClass { get; private set; }

        /// <summary>True for a battery board: the device deep-sleeps between events and wakes by the button or a timer.</summary>
        public bool OnBattery { get; private set; }

        /// <summary>The ADC GPIO that reads the battery through a 1:2 divider, or <see cref="NoPin"/> when the board cannot tell.</summary>
        public int BatteryPin { get; private set; }

        /// <summary>Reads and validates a board profile.</summary>
        /// <exception cref="ConfigException">The profile has one or more problems; all are listed.</exception>
        public static BoardProfile Parse(string text, string sourceName)
        {
            ConfigFile file = ConfigFile.Parse(text, sourceName);
            file.ReportUnknownKeys(s_knownKeys);
            var board = new BoardProfile();
            board.Name = file.RequiredText("board.name", "the board's product name");
            board.ButtonPin = RequiredPin(file, "button.pin", "the GPIO of the panic button");
            string pull = file.Choice("button.pull", "internal-up", new[] { "internal-up", "external-up", "external-down" });
            board.ButtonActiveLow = pull != "external-down";
            board.ButtonNeedsInternalPull = pull == "internal-up";
            board.LedPin = RequiredPin(file, "led.pin", "the GPIO of the status LED");
            board.LedKind = file.Choice("led.kind", "plain", new[] { "plain", "ws2812" });
            board.LedActiveLow = file.Choice("led.active", "high", new[] { "high", "low" }) == "low";
            board.BuzzerPin = file.Integer("buzzer.pin", NoPin, NoPin, MaxGpio);
            board.OnBattery = file.Choice("power", "usb", new[] { "usb", "battery" }) == "battery";
            board.BatteryPin = file.Integer("battery.pin", NoPin, NoPin, MaxGpio);
            board.RamClass = file.Choice("ram.class", "standard", new[] { "small", "standard", "psram" });
            if (board.BuzzerPin != NoPin && (board.BuzzerPin == board.ButtonPin || board.BuzzerPin == board.LedPin))
            {
                file.Report("buzzer.pin " + board.BuzzerPin.ToString() + " is already used by the button or the LED");
            }
            if (board.BatteryPin != NoPin && (board.BatteryPin == board.ButtonPin || board.BatteryPin == board.LedPin || board.BatteryPin == board.BuzzerPin))
            {
                file.Report("battery.pin " + board.BatteryPin.ToString() + " is already used by the button, the LED or the buzzer");
            }
            if (board.ButtonPin == board.LedPin && board.ButtonPin != NoPin)
            {
                file.Report("button.pin and led.pin are both " + board.ButtonPin.ToString() + "; each needs its own GPIO");
            }
            file.ThrowIfProblems();
            return board;
        }

        private static int RequiredPin(ConfigFile file, string key, string meaning)
        {
            if (file.Single(key) == null)
            {
                file.Report("'" + key + "' is missing: " + meaning);
                return NoPin;
            }
            return file.Integer(key, NoPin, 0, MaxGpio);
        }
    }
}
