// The GPS module's wiring in a board profile (docs/gps.md, docs/boards.md): the GPIO that receives the
// module's NMEA (gps.rx, wired to the module's TX), the GPIO that transmits to it (gps.tx, to the
// module's RX), the line speed (gps.baud, 9600 as the common modules ship), and optionally a GPIO that
// switches the module's power (gps.power, through a P-MOSFET or the module's enable input, on at
// gps.power_active). No gps lines: no GPS. The device opens the chip's second UART (COM2) on these
// pins (Esp32/GpsUart).
// The chip's rules: a GPS pin must exist and not be a flash pin (BoardProfile.Unusable); it must not
// be a strapping pin, since the module's TX idles high and its RX input, like a switch's gate
// resistor, pulls the line at reset, which can change how the chip boots; not UART0, which carries
// the boot ROM's messages and nanoFramework's debugger link; and the two lines the ESP32 drives
// (gps.tx, gps.power) not an input-only pin. Each needs a GPIO of its own.
namespace SessionBeacon.Config
{
    /// <summary>Where a GPS module is wired, or that there is none.</summary>
    public sealed class GpsPins
    {
        /// <summary>The line speed when gps.baud is not given: what NEO-6M/M8N, ATGM336H and L76K modules ship with.</summary>
        public const int DefaultBaud = 9600;

        private static readonly string[] s_bauds = { "4800", "9600", "19200", "38400", "57600", "115200" };

        private GpsPins()
        {
        }

        /// <summary>Whether the board has a GPS module (gps.rx and gps.tx given).</summary>
        public bool Fitted => RxPin != BoardProfile.NoPin;

        /// <summary>The GPIO that receives the module's output (wired to its TX), or <see cref="BoardProfile.NoPin"/>.</summary>
        public int RxPin { get; private set; }

        /// <summary>The GPIO that transmits to the module (wired to its RX), or <see cref="BoardProfile.NoPin"/>.</summary>
        public int TxPin { get; private set; }

        /// <summary>The line speed in bits per second.</summary>
        public int Baud { get; private set; }

        /// <summary>The GPIO that switches the module's power, or <see cref="BoardProfile.NoPin"/> when it is always on.</summary>
        public int PowerPin { get; private set; }

        /// <summary>True when the power pin turns the module on at a low level (a P-MOSFET's gate).</summary>
        public bool PowerActiveLow { get; private set; }

        /// <summary>Reads the gps lines; problems are recorded in <paramref name="file"/>, and a GPS with problems is not fitted.</summary>
        internal static GpsPins Read(ConfigFile file, int maxGpio)
        {
            var gps = new GpsPins();
            gps.RxPin = file.Integer("gps.rx", BoardProfile.NoPin, 0, maxGpio);
            gps.TxPin = file.Integer("gps.tx", BoardProfile.NoPin, 0, maxGpio);
            gps.Baud = int.Parse(file.Choice("gps.baud", DefaultBaud.ToString(), s_bauds));
            gps.PowerPin = file.Integer("gps.power", BoardProfile.NoPin, 0, maxGpio);
            gps.PowerActiveLow = file.Choice("gps.power_active", "high", new[] { "high", "low" }) == "low";
            if ((gps.RxPin == BoardProfile.NoPin) != (gps.TxPin == BoardProfile.NoPin))
            {
                file.Report(file.FirstLine(gps.RxPin == BoardProfile.NoPin ? "gps.tx" : "gps.rx"),
                    "a GPS needs both gps.rx (the GPIO wired to the module's TX) and gps.tx (the GPIO wired to its RX) (docs/boards.md)");
                gps.RxPin = BoardProfile.NoPin;
                gps.TxPin = BoardProfile.NoPin;
            }
            if (gps.PowerPin != BoardProfile.NoPin && !gps.Fitted)
            {
                file.Report(file.FirstLine("gps.power"), "gps.power is set, but no GPS is: add gps.rx and gps.tx, or remove gps.power");
            }
            return gps;
        }

        /// <summary>Checks the pins against the chip's rules and the board's other parts; the GPS's own parts are named gps.rx, gps.tx and gps.power.</summary>
        internal void Check(ConfigFile file, BoardProfile board)
        {
            if (!Fitted)
            {
                return;
            }
            CheckPin(file, board, "gps.rx", RxPin);
            CheckPin(file, board, "gps.tx", TxPin);
            CheckPin(file, board, "gps.power", PowerPin);
        }

        private void CheckPin(ConfigFile file, BoardProfile board, string key, int pin)
        {
            if (pin == BoardProfile.NoPin)
            {
                return;
            }
            int line = file.FirstLine(key);
            string what = key + " GPIO" + pin.ToString();
            string part = board.PartOn(pin, key);
            ChipPins chip = board.Chip;
            if (part != null)
            {
                file.Report(line, what + " is already the board's " + part + "; give the GPS a GPIO of its own");
                return;
            }
            if (chip == null)
            {
                return;
            }
            string unusable = BoardProfile.Unusable(chip, pin);
            if (unusable != null)
            {
                file.Report(line, what + unusable);
            }
            else if (chip.IsStrapping(pin))
            {
                file.Report(line, what + " is a strapping pin of the " + chip.Title + " (" + chip.StrappingPins + "): the GPS module pulls the line at reset,"
                    + " which can stop the board from starting; use another GPIO (docs/boards.md)");
            }
            else if (chip.IsConsole(pin))
            {
                file.Report(line, what + " is the " + chip.Title + "'s UART0 (" + chip.ConsolePins + "), which carries the boot messages and nanoFramework's debugger link;"
                    + " use another GPIO (docs/boards.md)");
            }
            else if (key != "gps.rx" && chip.IsInputOnly(pin))
            {
                file.Report(line, what + " is input-only on the " + chip.Title + " (" + chip.InputOnlyPins + "): it cannot drive the module's "
                    + (key == "gps.tx" ? "RX line" : "power switch") + "; only gps.rx may use it");
            }
        }
    }
}
