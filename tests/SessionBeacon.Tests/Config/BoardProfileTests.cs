using System;
using System.IO;
using SessionBeacon.Config;
using Xunit;

namespace SessionBeacon.Tests.Config
{
    public class BoardProfileTests
    {
        private const string Plain = "board.name = Test\nchip = esp32\nbutton.pin = 4\nled.pin = 2\n";

        public static TheoryData<string> ShippedBoards()
        {
            var boards = new TheoryData<string>();
            foreach (string path in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "shipped", "boards"), "*.conf"))
            {
                boards.Add(Path.GetFileName(path));
            }
            return boards;
        }

        [Theory]
        [MemberData(nameof(ShippedBoards))]
        public void Parse_ShippedBoard_IsValid(string file)
        {
            string text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "shipped", "boards", file));
            BoardProfile board = BoardProfile.Parse(text, file);
            Assert.NotEqual(board.ButtonPin, board.LedPin);
            Assert.NotNull(board.Chip);
        }

        [Fact]
        public void Parse_ShippedBoards_AllFour()
        {
            Assert.Equal(4, ShippedBoards().Count);
        }

        // Espressif's ESP32-S3-DevKitC-1 user guide: the RGB LED is on GPIO38 on board v1.1, on GPIO48 on v1.0;
        // the shipped profile is for v1.1, and the documented override for v1.0 passes the check.
        [Fact]
        public void Parse_S3DevKitC_LedOnTheV11Pin_TheV10PinAlsoValid()
        {
            string text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "shipped", "boards", "esp32-s3-devkitc.conf"));
            Assert.Equal(38, BoardProfile.Parse(text, "esp32-s3-devkitc.conf").LedPin);
            Assert.Equal(48, BoardProfile.Parse(text.Replace("led.pin = 38", "led.pin = 48"), "board.conf").LedPin);
        }

        [Fact]
        public void Parse_Defaults_InternalPullUpPlainLed()
        {
            BoardProfile board = BoardProfile.Parse(Plain, "t.conf");
            Assert.True(board.ButtonActiveLow);
            Assert.True(board.ButtonNeedsInternalPull);
            Assert.Equal("plain", board.LedKind);
            Assert.False(board.LedActiveLow);
            Assert.Equal(BoardProfile.NoPin, board.BuzzerPin);
            Assert.Equal("standard", board.RamClass);
            Assert.False(board.OnBattery);
            Assert.Equal(BoardProfile.NoPin, board.BatteryPin);
            Assert.False(board.Gps.Fitted);
        }

        [Fact]
        public void Parse_Gps_ReadsPinsAndDefaultBaud_AlwaysPowered()
        {
            GpsPins gps = BoardProfile.Parse(Plain + "gps.rx = 16\ngps.tx = 17\n", "t.conf").Gps;
            Assert.True(gps.Fitted);
            Assert.Equal(16, gps.RxPin);
            Assert.Equal(17, gps.TxPin);
            Assert.Equal(GpsPins.DefaultBaud, gps.Baud);
            Assert.Equal(9600, gps.Baud);
            Assert.Equal(BoardProfile.NoPin, gps.PowerPin);
        }

        [Fact]
        public void Parse_GpsWithBaudAndLowActivePowerSwitch_ReadsThem()
        {
            GpsPins gps = BoardProfile.Parse(Plain + "gps.rx = 34\ngps.tx = 17\ngps.baud = 115200\ngps.power = 23\ngps.power_active = low\n", "t.conf").Gps;
            Assert.Equal(34, gps.RxPin);
            Assert.Equal(115200, gps.Baud);
            Assert.Equal(23, gps.PowerPin);
            Assert.True(gps.PowerActiveLow);
        }

        // docs/boards.md gives each shipped board a GPS wiring, as commented lines in its profile: uncommented they pass the check.
        [Theory]
        [MemberData(nameof(ShippedBoards))]
        public void Parse_ShippedBoard_WithItsCommentedGpsLines_IsValid(string file)
        {
            string text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "shipped", "boards", file));
            string withGps = text.Replace("\n# gps.", "\ngps.");
            Assert.NotEqual(text, withGps);
            GpsPins gps = BoardProfile.Parse(withGps, file).Gps;
            Assert.True(gps.Fitted);
            Assert.NotEqual(BoardProfile.NoPin, gps.PowerPin);
            Assert.False(BoardProfile.Parse(text, file).Gps.Fitted);
        }

        [Fact]
        public void Parse_BatteryBoard_ReadsPowerAndGauge()
        {
            BoardProfile board = BoardProfile.Parse(Plain + "button.pull = external-up\npower = battery\nbattery.pin = 35\n", "t.conf");
            Assert.True(board.OnBattery);
            Assert.Equal(35, board.BatteryPin);
        }

        [Fact]
        public void Parse_ExternalPullDown_ActiveHigh()
        {
            BoardProfile board = BoardProfile.Parse(Plain + "button.pull = external-down\n", "t.conf");
            Assert.False(board.ButtonActiveLow);
            Assert.False(board.ButtonNeedsInternalPull);
        }

        public static TheoryData<string, string> Problems => new TheoryData<string, string>
        {
            { "chip = esp32\nbutton.pin = 4\nled.pin = 2\n", "t.conf: 'board.name' is missing" },
            { "board.name = T\nchip = esp32\nled.pin = 2\n", "t.conf: 'button.pin' is missing" },
            { "board.name = T\nchip = esp32\nbutton.pin = 4\n", "t.conf: 'led.pin' is missing" },
            { "board.name = T\nbutton.pin = 4\nled.pin = 2\n", "t.conf: 'chip' is missing: the chip on the board, one of esp32, esp32-c3, esp32-s3" },
            { "board.name = T\nchip = esp8266\nbutton.pin = 4\nled.pin = 2\n", "t.conf line 2: 'chip' must be one of esp32, esp32-c3, esp32-s3, not 'esp8266'" },
            { Plain + "buzzer.pin = 49\n", "t.conf line 5: 'buzzer.pin' must be a whole number from -1 to 48" },
            { Plain + "buzzer.pin = 4\n", "t.conf: buzzer.pin 4 is already used" },
            { "board.name = T\nchip = esp32\nbutton.pin = 2\nled.pin = 2\n", "t.conf: button.pin and led.pin are both 2" },
            { Plain + "button.pull = floating\n", "t.conf line 5: 'button.pull' must be one of internal-up, external-up, external-down" },
            { Plain + "led.kind = neon\n", "t.conf line 5: 'led.kind' must be one of plain, ws2812" },
            { Plain + "led.active = sometimes\n", "t.conf line 5: 'led.active' must be one of high, low" },
            { Plain + "ram.class = huge\n", "t.conf line 5: 'ram.class' must be one of small, standard, psram" },
            { Plain + "power = solar\n", "t.conf line 5: 'power' must be one of usb, battery, not 'solar'" },
            { Plain + "battery.pin = 2\n", "t.conf: battery.pin 2 is already used" },
            { Plain + "led.colour = red\n", "t.conf line 5: unknown key 'led.colour'" },
            { "board.name = T\nchip = esp32\nbutton.pin = 49\nled.pin = 2\n", "t.conf line 3: 'button.pin' must be a whole number from 0 to 48, not '49'" },
            { "board.name = T\nchip = esp32\nbutton.pin = 4\nled.pin = -1\n", "t.conf line 4: 'led.pin' must be a whole number from 0 to 48, not '-1'" },
            { Plain + "gps.rx = 16\n", "t.conf line 5: a GPS needs both gps.rx (the GPIO wired to the module's TX) and gps.tx (the GPIO wired to its RX) (docs/boards.md)" },
            { Plain + "gps.tx = 17\n", "t.conf line 5: a GPS needs both gps.rx" },
            { Plain + "gps.power = 23\n", "t.conf line 5: gps.power is set, but no GPS is: add gps.rx and gps.tx, or remove gps.power" },
            { Plain + "gps.rx = 16\ngps.tx = 17\ngps.baud = 9000\n", "t.conf line 7: 'gps.baud' must be one of 4800, 9600, 19200, 38400, 57600, 115200, not '9000'" },
            { Plain + "gps.rx = 16\ngps.tx = 17\ngps.power = 23\ngps.power_active = on\n", "t.conf line 8: 'gps.power_active' must be one of high, low, not 'on'" },
            { Plain + "gps.rx = 49\ngps.tx = 17\n", "t.conf line 5: 'gps.rx' must be a whole number from 0 to 48, not '49'" },
        };

        // The chip's pin rules, one row per rule and chip (ChipPins holds the facts).
        public static TheoryData<string, string> PinProblems => new TheoryData<string, string>
        {
            { Board("esp32", "button.pin = 6"), "t.conf line 3: button.pin GPIO6 is a flash pin of the ESP32 (GPIO6-11): the chip reads its program over it, and using it crashes the board" },
            { Board("esp32", "button.pin = 20"), "t.conf line 3: button.pin GPIO20: the ESP32 has no such GPIO" },
            { Board("esp32", "button.pin = 2\nled.pin = 4"), "t.conf line 3: button.pin GPIO2 is a strapping pin of the ESP32 (GPIO0, 2, 5, 12, 15): its level at reset decides how the chip boots" },
            { Board("esp32", "button.pin = 5"), "t.conf line 3: button.pin GPIO5 is a strapping pin of the ESP32" },
            { Board("esp32", "button.pin = 12"), "t.conf line 3: button.pin GPIO12 is a strapping pin of the ESP32" },
            { Board("esp32", "button.pin = 15"), "t.conf line 3: button.pin GPIO15 is a strapping pin of the ESP32" },
            { Board("esp32", "button.pin = 0\nbutton.pull = external-down"), "t.conf line 6: button.pin GPIO0 is the ESP32's BOOT strapping pin, which must read high at reset" },
            { Board("esp32", "button.pin = 34"), "t.conf line 3: button.pin GPIO34 is input-only on the ESP32 (GPIO34-39) and has no internal pull-up: fit a 10 kOhm resistor" },
            { Board("esp32", "button.pin = 39\nbutton.pull = internal-up"), "t.conf line 6: button.pin GPIO39 is input-only on the ESP32" },
            { Board("esp32", "led.pin = 35"), "t.conf line 4: led.pin GPIO35 is input-only on the ESP32 (GPIO34-39): it cannot drive the LED" },
            { Board("esp32", "buzzer.pin = 36"), "t.conf line 5: buzzer.pin GPIO36 is input-only on the ESP32 (GPIO34-39): it cannot drive the buzzer" },
            { Board("esp32", "led.pin = 9"), "t.conf line 4: led.pin GPIO9 is a flash pin of the ESP32" },
            { Board("esp32", "battery.pin = 25"), "t.conf line 6: battery.pin GPIO25 is an ADC2 pin of the ESP32, which cannot be read while Wi-Fi is on (the Wi-Fi driver takes ADC2, and a beacon's Wi-Fi is always on): use an ADC1 pin (GPIO32-39)" },
            { Board("esp32", "battery.pin = 23"), "t.conf line 6: battery.pin GPIO23 is not an analog input of the ESP32: use an ADC1 pin (GPIO32-39)" },
            { Board("esp32-c3", "button.pin = 2"), "t.conf line 3: button.pin GPIO2 is a strapping pin of the ESP32-C3 (GPIO2, 8, 9)" },
            { Board("esp32-c3", "button.pin = 8\nled.pin = 7"), "t.conf line 3: button.pin GPIO8 is a strapping pin of the ESP32-C3" },
            { Board("esp32-c3", "button.pin = 11"), "t.conf line 3: button.pin GPIO11 is a flash pin of the ESP32-C3 (GPIO11-17)" },
            { Board("esp32-c3", "button.pin = 17"), "t.conf line 3: button.pin GPIO17 is a flash pin of the ESP32-C3" },
            { Board("esp32-c3", "button.pin = 22"), "t.conf line 3: button.pin GPIO22: the ESP32-C3 has no such GPIO" },
            { Board("esp32-c3", "battery.pin = 5"), "t.conf line 6: battery.pin GPIO5 is an ADC2 pin of the ESP32-C3" },
            { Board("esp32-s3", "button.pin = 3"), "t.conf line 3: button.pin GPIO3 is a strapping pin of the ESP32-S3 (GPIO0, 3, 45, 46)" },
            { Board("esp32-s3", "button.pin = 45"), "t.conf line 3: button.pin GPIO45 is a strapping pin of the ESP32-S3" },
            { Board("esp32-s3", "button.pin = 26"), "t.conf line 3: button.pin GPIO26 is a flash pin of the ESP32-S3 (GPIO26-32)" },
            { Board("esp32-s3", "button.pin = 24"), "t.conf line 3: button.pin GPIO24: the ESP32-S3 has no such GPIO" },
            { Board("esp32-s3", "battery.pin = 11"), "t.conf line 6: battery.pin GPIO11 is an ADC2 pin of the ESP32-S3, which cannot be read while Wi-Fi is on (the Wi-Fi driver takes ADC2, and a beacon's Wi-Fi is always on): use an ADC1 pin (GPIO1-10)" },
            // power = battery: the button must be able to wake the chip from deep sleep, which needs one of its wake pins and a pull-up that stays on.
            { Board("esp32-c3", "button.pin = 9\nbutton.pull = external-up\npower = battery"), "t.conf line 7: power = battery, but button.pin GPIO9 cannot wake the ESP32-C3 from deep sleep: only GPIO0-5 can;"
                + " and even those cannot be armed by nanoFramework on this chip (its wake-by-pin uses ext0, which the ESP32-C3 lacks): keep this board on power = usb (docs/boards.md)" },
            { Board("esp32-c3", "button.pin = 3\nbutton.pull = external-up\npower = battery"), "t.conf line 7: power = battery, but nanoFramework cannot arm a wake pin on the ESP32-C3 (its wake-by-pin uses ext0, which the ESP32-C3 lacks),"
                + " so the button could not wake it from deep sleep: keep this board on power = usb (docs/boards.md)" },
            { Board("esp32", "button.pin = 23\nbutton.pull = external-up\npower = battery"), "t.conf line 7: power = battery, but button.pin GPIO23 cannot wake the ESP32 from deep sleep: put the button on one of its wake pins (GPIO0, 2, 4, 12-15, 25-27, 32-39) (docs/boards.md)" },
            { Board("esp32-s3", "button.pin = 38\nbutton.pull = external-up\npower = battery"), "t.conf line 7: power = battery, but button.pin GPIO38 cannot wake the ESP32-S3 from deep sleep: put the button on one of its wake pins (GPIO0-21) (docs/boards.md)" },
            // A GPS: no flash, strapping or UART0 pin, no input-only pin for a line the chip drives, no pin another part has.
            { Board("esp32", "gps.rx = 12\ngps.tx = 17"), "t.conf line 6: gps.rx GPIO12 is a strapping pin of the ESP32 (GPIO0, 2, 5, 12, 15): the GPS module pulls the line at reset, which can stop the board from starting; use another GPIO (docs/boards.md)" },
            { Board("esp32", "gps.rx = 16\ngps.tx = 6"), "t.conf line 7: gps.tx GPIO6 is a flash pin of the ESP32 (GPIO6-11)" },
            { Board("esp32", "gps.rx = 3\ngps.tx = 1"), "t.conf line 6: gps.rx GPIO3 is the ESP32's UART0 (GPIO1, 3), which carries the boot messages and nanoFramework's debugger link; use another GPIO (docs/boards.md)" },
            { Board("esp32", "gps.rx = 16\ngps.tx = 34"), "t.conf line 7: gps.tx GPIO34 is input-only on the ESP32 (GPIO34-39): it cannot drive the module's RX line; only gps.rx may use it" },
            { Board("esp32", "gps.rx = 16\ngps.tx = 17\ngps.power = 35"), "t.conf line 8: gps.power GPIO35 is input-only on the ESP32 (GPIO34-39): it cannot drive the module's power switch" },
            { Board("esp32", "gps.rx = 4\ngps.tx = 17"), "t.conf line 6: gps.rx GPIO4 is already the board's button; give the GPS a GPIO of its own" },
            { Board("esp32", "gps.rx = 16\ngps.tx = 25"), "t.conf line 7: gps.tx GPIO25 is already the board's buzzer" },
            { Board("esp32", "gps.rx = 16\ngps.tx = 16"), "t.conf line 7: gps.tx GPIO16 is already the board's GPS receive line" },
            { Board("esp32", "gps.rx = 16\ngps.tx = 17\ngps.power = 17"), "t.conf line 8: gps.power GPIO17 is already the board's GPS transmit line" },
            { Board("esp32", "battery.pin = 35\ngps.rx = 35\ngps.tx = 17"), "t.conf line 7: gps.rx GPIO35 is already the board's battery gauge" },
            { Board("esp32-c3", "gps.rx = 20\ngps.tx = 21"), "t.conf line 6: gps.rx GPIO20 is the ESP32-C3's UART0 (GPIO20, 21)" },
            { Board("esp32-c3", "gps.rx = 10\ngps.tx = 9"), "t.conf line 7: gps.tx GPIO9 is a strapping pin of the ESP32-C3 (GPIO2, 8, 9)" },
            { Board("esp32-s3", "gps.rx = 18\ngps.tx = 43"), "t.conf line 7: gps.tx GPIO43 is the ESP32-S3's UART0 (GPIO43, 44)" },
            { Board("esp32-s3", "gps.rx = 18\ngps.tx = 17\ngps.power = 46"), "t.conf line 8: gps.power GPIO46 is a strapping pin of the ESP32-S3" },
            { Board("esp32", "power = battery"), "t.conf line 6: power = battery, but button.pull = internal-up: the chip's internal pull-up is off in deep sleep, so the button's pin would float;"
                + " fit a 10 kOhm resistor from GPIO4 to 3.3 V and set button.pull = external-up (docs/boards.md)" },
        };

        [Theory]
        [MemberData(nameof(PinProblems))]
        public void Parse_PinTheChipCannotUse_ReportedWithItsLineAndWhy(string text, string expected)
        {
            var error = Assert.Throws<ConfigException>(() => BoardProfile.Parse(text, "t.conf"));
            Assert.Contains(error.Problems, problem => problem.StartsWith(expected, StringComparison.Ordinal));
        }

        // The devkits' own wiring: the BOOT button on its strapping pin with a pull-up, an input-only pin with an
        // external pull-up, an LED on a strapping pin, and a battery gauge on ADC1.
        [Theory]
        [InlineData("esp32", "button.pin = 0\nbutton.pull = external-up")]
        [InlineData("esp32", "button.pin = 0\nbutton.pull = internal-up")]
        [InlineData("esp32", "button.pin = 39\nbutton.pull = external-up")]
        [InlineData("esp32", "button.pin = 36\nbutton.pull = external-down")]
        [InlineData("esp32", "battery.pin = 35")]
        [InlineData("esp32-c3", "button.pin = 9\nbutton.pull = external-up\nled.pin = 8")]
        [InlineData("esp32-c3", "battery.pin = 3")]
        [InlineData("esp32-s3", "button.pin = 0\nbutton.pull = external-up\nled.pin = 48")]
        [InlineData("esp32-s3", "button.pin = 0\nbutton.pull = external-up\nbattery.pin = 4")]
        [InlineData("esp32", "button.pull = external-up\npower = battery\nbattery.pin = 35")]
        [InlineData("esp32", "button.pin = 39\nbutton.pull = external-up\npower = battery")]
        [InlineData("esp32-s3", "button.pin = 0\nbutton.pull = external-up\npower = battery\nbattery.pin = 4")]
        [InlineData("esp32", "gps.rx = 39\ngps.tx = 17\ngps.power = 23")]
        [InlineData("esp32-c3", "gps.rx = 3\ngps.tx = 10")]
        [InlineData("esp32-s3", "gps.rx = 18\ngps.tx = 17\ngps.power = 16")]
        public void Parse_PinsTheChipAllows_Valid(string chip, string lines)
        {
            BoardProfile board = BoardProfile.Parse(Board(chip, lines), "t.conf");
            Assert.Equal(chip, board.Chip.Name);
        }

        // A board on chip with "key = value" lines replacing or added to button 4, LED 2 (7 on the C3 and S3) and buzzer 25 (6 on the C3, 5 on the S3).
        private static string Board(string chip, string lines)
        {
            string text = "board.name = T\nchip = " + chip + "\nbutton.pin = 4\nled.pin = " + (chip == "esp32" ? "2" : "7") + "\nbuzzer.pin = " + (chip == "esp32" ? "25" : chip == "esp32-c3" ? "6" : "5") + "\n";
            foreach (string line in lines.Split('\n'))
            {
                string key = line.Substring(0, line.IndexOf('=')).Trim();
                int at = text.IndexOf(key + " = ", StringComparison.Ordinal);
                text = at >= 0
                    ? text.Substring(0, at) + line + text.Substring(text.IndexOf('\n', at))
                    : text + line + "\n";
            }
            return text;
        }

        [Theory]
        [MemberData(nameof(Problems))]
        public void Parse_Problem_ReportedWithLine(string text, string expected)
        {
            var error = Assert.Throws<ConfigException>(() => BoardProfile.Parse(text, "t.conf"));
            Assert.Contains(error.Problems, problem => problem.StartsWith(expected, StringComparison.Ordinal));
        }
    }
}
