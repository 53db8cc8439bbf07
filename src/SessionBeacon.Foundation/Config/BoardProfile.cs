// A board profile from boards/ (docs/architecture.md, Configuration and boards): which chip the board
// carries, which pins the button, LED and buzzer use, how they are wired, where a GPS module is wired
// (GpsPins), and how much heap the board
// leaves the app (heap.kb, or the RAM class's default) with the sizes its RAM class sets (HeapBudget:
// the nodes asked of a seed, the outbox's slots, the reply cap; docs/heap.md). Boards are data, not code: a new board is a new file (CONTRIBUTING.md rule 14).
// Every pin is checked against the chip's facts (ChipPins): a pin the board would crash on, or a
// button that would stop it from booting, is refused here rather than found on the bench.
namespace SessionBeacon.Config
{
    /// <summary>The validated pin map and memory class of one board.</summary>
    public sealed class BoardProfile
    {
        /// <summary>No pin assigned (for an optional part such as a buzzer).</summary>
        public const int NoPin = -1;

        private const int MaxGpio = 48;

        // heap.kb's range: the smallest figure that could hold anything, and 64 MiB.
        private const int MinHeapKiB = 16;
        private const int MaxHeapKiB = 65536;

        private static readonly string[] s_knownKeys =
        {
            "board.name", "chip", "button.pin", "button.pull", "led.pin", "led.kind", "led.active", "buzzer.pin", "power", "battery.pin", "ram.class", "heap.kb",
            "gps.rx", "gps.tx", "gps.baud", "gps.power", "gps.power_active",
        };

        private BoardProfile()
        {
        }

        /// <summary>The board's product name.</summary>
        public string Name { get; private set; }

        /// <summary>The chip on the board, whose pin facts every pin here was checked against; null only while problems are being collected.</summary>
        public ChipPins Chip { get; private set; }

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

        /// <summary>"small" (under about 64 KiB of heap: the ESP32-C3, the Atom Lite's ESP32_PICO image), "standard" (about 79 KiB, ESP32) or "psram" (several MiB).</summary>
        public string RamClass { get; private set; }

        /// <summary>The managed heap the board's firmware leaves the app, in bytes (heap.kb, or the RAM class's default).</summary>
        public int HeapBytes { get; private set; }

        /// <summary>How many alerts the outbox holds (by RAM class, <see cref="HeapBudget.OutboxSlotsFor"/>).</summary>
        public int OutboxSlots
        {
            get { return HeapBudget.OutboxSlotsFor(RamClass); }
        }

        /// <summary>The largest reply body the device accepts (by RAM class, <see cref="HeapBudget.ReplyCapFor"/>).</summary>
        public int ReplyCapBytes
        {
            get { return HeapBudget.ReplyCapFor(RamClass); }
        }

        /// <summary>How many nodes the device asks a seed for (by RAM class, <see cref="HeapBudget.PoolNodesFor"/>).</summary>
        public int PoolNodes
        {
            get { return HeapBudget.PoolNodesFor(RamClass); }
        }

        /// <summary>True for a battery board: the device deep-sleeps between events and wakes by the button or a timer.</summary>
        public bool OnBattery { get; private set; }

        /// <summary>The ADC GPIO that reads the battery through a 1:2 divider, or <see cref="NoPin"/> when the board cannot tell.</summary>
        public int BatteryPin { get; private set; }

        /// <summary>Where a GPS module is wired (<see cref="GpsPins.Fitted"/> false when the board has none).</summary>
        public GpsPins Gps { get; private set; }

        /// <summary>Reads and validates a board profile.</summary>
        /// <exception cref="ConfigException">The profile has one or more problems; all are listed.</exception>
        public static BoardProfile Parse(string text, string sourceName)
        {
            ConfigFile file = ConfigFile.Parse(text, sourceName);
            BoardProfile board = Read(file);
            file.ThrowIfProblems();
            return board;
        }

        /// <summary>Reads a board profile; problems are recorded in <paramref name="file"/>, and pins with problems are <see cref="NoPin"/>.</summary>
        internal static BoardProfile Read(ConfigFile file)
        {
            file.ReportUnknownKeys(s_knownKeys);
            var board = new BoardProfile();
            board.Name = file.RequiredText("board.name", "the board's product name");
            board.Chip = ReadChip(file);
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
            board.HeapBytes = file.Integer("heap.kb", HeapBudget.DefaultHeapKiB(board.RamClass), MinHeapKiB, MaxHeapKiB) * HeapBudget.KiB;
            board.Gps = GpsPins.Read(file, MaxGpio);
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
            if (board.Chip != null)
            {
                board.CheckPins(file);
            }
            board.Gps.Check(file, board);
            return board;
        }

        private static ChipPins ReadChip(ConfigFile file)
        {
            ConfigEntry entry = file.Single("chip");
            string names = "";
            foreach (string name in ChipPins.Names)
            {
                names += (names.Length == 0 ? "" : ", ") + name;
            }
            if (entry == null)
            {
                file.Report("'chip' is missing: the chip on the board, one of " + names + " (it decides which GPIOs are safe to use)");
                return null;
            }
            ChipPins chip = ChipPins.Named(entry.Value);
            if (chip == null)
            {
                file.Report(entry.Line, "'chip' must be one of " + names + ", not '" + entry.Value + "'");
            }
            return chip;
        }

        // The chip's rules for each part: any pin must exist and not be a flash pin; the button must not
        // stop the board from booting and must have a pull resistor; the LED and buzzer need an output;
        // the battery gauge an ADC1 input.
        private void CheckPins(ConfigFile file)
        {
            if (IsUsable(file, "button.pin", ButtonPin))
            {
                if (Chip.IsStrapping(ButtonPin) && ButtonPin != Chip.BootButton)
                {
                    file.Report(file.FirstLine("button.pin"), "button.pin GPIO" + ButtonPin.ToString() + " is a strapping pin of the " + Chip.Title + " ("
                        + Chip.StrappingPins + "): its level at reset decides how the chip boots, so a button there can stop the board from starting;"
                        + " only GPIO" + Chip.BootButton.ToString() + ", the BOOT button's pin, may hold the button (docs/boards.md)");
                }
                else if (ButtonPin == Chip.BootButton && !ButtonActiveLow)
                {
                    file.Report(file.FirstLine("button.pull"), "button.pin GPIO" + ButtonPin.ToString() + " is the " + Chip.Title + "'s BOOT strapping pin, which must read high at reset:"
                        + " wire the button to GND with a pull-up (button.pull = internal-up or external-up), or the board starts in download mode at every reset");
                }
                if (Chip.IsInputOnly(ButtonPin) && ButtonNeedsInternalPull)
                {
                    file.Report(file.FirstLine("button.pull") != 0 ? file.FirstLine("button.pull") : file.FirstLine("button.pin"), "button.pin GPIO" + ButtonPin.ToString() + " is input-only on the "
                        + Chip.Title + " (" + Chip.InputOnlyPins + ") and has no internal pull-up: fit a 10 kOhm resistor from it to 3.3 V and set button.pull = external-up");
                }
            }
            if (IsUsable(file, "led.pin", LedPin) && Chip.IsInputOnly(LedPin))
            {
                file.Report(file.FirstLine("led.pin"), "led.pin GPIO" + LedPin.ToString() + " is input-only on the " + Chip.Title + " (" + Chip.InputOnlyPins + "): it cannot drive the LED");
            }
            if (IsUsable(file, "buzzer.pin", BuzzerPin) && Chip.IsInputOnly(BuzzerPin))
            {
                file.Report(file.FirstLine("buzzer.pin"), "buzzer.pin GPIO" + BuzzerPin.ToString() + " is input-only on the " + Chip.Title + " (" + Chip.InputOnlyPins + "): it cannot drive the buzzer");
            }
            if (IsUsable(file, "battery.pin", BatteryPin) && Chip.Adc1Channel(BatteryPin) == ChipPins.NoChannel)
            {
                file.Report(file.FirstLine("battery.pin"), "battery.pin GPIO" + BatteryPin.ToString() + " " + NotAdc1(Chip, BatteryPin));
            }
            if (OnBattery && ButtonPin != NoPin && Chip.Has(ButtonPin))
            {
                CheckWake(file);
            }
        }

        // A battery board deep-sleeps and must wake when the button is pressed (Esp32/DeepSleep): the button
        // needs a pin whose level can wake the chip, a firmware that can arm it, and a pull-up that stays on
        // in deep sleep (the chip's internal one does not).
        private void CheckWake(ConfigFile file)
        {
            int line = file.FirstLine("power");
            const string Usb = ": keep this board on power = usb (docs/boards.md)";
            string unarmable = "nanoFramework cannot arm a wake pin on the " + Chip.Title + " (its wake-by-pin uses ext0, which the " + Chip.Title + " lacks)";
            if (!Chip.CanWake(ButtonPin))
            {
                string instead = Chip.CanArmWakePin
                    ? ": put the button on one of its wake pins (" + Chip.WakePins + ") (docs/boards.md)"
                    : ": only " + Chip.WakePins + " can; and even those cannot be armed by nanoFramework on this chip (its wake-by-pin uses ext0, which the " + Chip.Title + " lacks)" + Usb;
                file.Report(line, "power = battery, but button.pin GPIO" + ButtonPin.ToString() + " cannot wake the " + Chip.Title + " from deep sleep" + instead);
            }
            else if (!Chip.CanArmWakePin)
            {
                file.Report(line, "power = battery, but " + unarmable + ", so the button could not wake it from deep sleep" + Usb);
            }
            if (ButtonNeedsInternalPull)
            {
                file.Report(file.FirstLine("button.pull") != 0 ? file.FirstLine("button.pull") : line, "power = battery, but button.pull = internal-up: the chip's internal pull-up is off in deep sleep, so the button's pin would float;"
                    + " fit a 10 kOhm resistor from GPIO" + ButtonPin.ToString() + " to 3.3 V and set button.pull = external-up (docs/boards.md)");
            }
        }

        // Whether the part has a pin any part may use: false for NoPin, and false (reported) for a GPIO the chip lacks or a flash pin.
        private bool IsUsable(ConfigFile file, string key, int pin)
        {
            if (pin == NoPin)
            {
                return false;
            }
            string problem = Unusable(Chip, pin);
            if (problem != null)
            {
                file.Report(file.FirstLine(key), key + " GPIO" + pin.ToString() + problem);
                return false;
            }
            return true;
        }

        /// <summary>
        /// The board's part on <paramref name="pin"/> ("button", "GPS receive line", ...), or null when the pin is free. With
        /// <paramref name="before"/>, the key of one of the parts, only the parts listed before it count, so that a clash between
        /// two parts is reported once.
        /// </summary>
        internal string PartOn(int pin, string before)
        {
            string[] keys = { "button.pin", "led.pin", "buzzer.pin", "battery.pin", "gps.rx", "gps.tx", "gps.power" };
            string[] parts = { "button", "LED", "buzzer", "battery gauge", "GPS receive line", "GPS transmit line", "GPS power switch" };
            int[] pins = { ButtonPin, LedPin, BuzzerPin, BatteryPin, Gps.RxPin, Gps.TxPin, Gps.PowerPin };
            for (int i = 0; i < pins.Length && keys[i] != before; i++)
            {
                if (pin != NoPin && pins[i] == pin)
                {
                    return parts[i];
                }
            }
            return null;
        }

        /// <summary>Why no part may use <paramref name="pin"/> on <paramref name="chip"/> (the text follows "GPIOn"), or null when it may.</summary>
        internal static string Unusable(ChipPins chip, int pin)
        {
            if (!chip.Has(pin))
            {
                return ": the " + chip.Title + " has no such GPIO";
            }
            if (chip.IsFlash(pin))
            {
                return " is a flash pin of the " + chip.Title + " (" + chip.FlashPins + "): the chip reads its program over it, and using it crashes the board";
            }
            return null;
        }

        /// <summary>Why an ADC input cannot be read on <paramref name="pin"/> (the text follows "GPIOn"): ADC2 or no ADC at all.</summary>
        internal static string NotAdc1(ChipPins chip, int pin)
        {
            string instead = "use an ADC1 pin (" + chip.Adc1Pins + ")";
            return chip.IsAdc2(pin)
                ? "is an ADC2 pin of the " + chip.Title + ", which cannot be read while Wi-Fi is on (the Wi-Fi driver takes ADC2, and a beacon's Wi-Fi is always on): " + instead
                : "is not an analog input of the " + chip.Title + ": " + instead;
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
