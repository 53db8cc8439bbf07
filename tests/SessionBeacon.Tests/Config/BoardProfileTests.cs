using System;
using System.IO;
using SessionBeacon.Config;
using Xunit;

namespace SessionBeacon.Tests.Config
{
    public class BoardProfileTests
    {
        private const string Plain = "board.name = Test\nbutton.pin = 4\nled.pin = 2\n";

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
        }

        [Fact]
        public void Parse_ShippedBoards_AllFour()
        {
            Assert.Equal(4, ShippedBoards().Count);
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
        }

        [Fact]
        public void Parse_BatteryBoard_ReadsPowerAndGauge()
        {
            BoardProfile board = BoardProfile.Parse(Plain + "power = battery\nbattery.pin = 35\n", "t.conf");
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
            { "button.pin = 4\nled.pin = 2\n", "t.conf: 'board.name' is missing" },
            { "board.name = T\nled.pin = 2\n", "t.conf: 'button.pin' is missing" },
            { "board.name = T\nbutton.pin = 4\n", "t.conf: 'led.pin' is missing" },
            { Plain + "buzzer.pin = 49\n", "t.conf line 4: 'buzzer.pin' must be a whole number from -1 to 48" },
            { Plain + "buzzer.pin = 4\n", "t.conf: buzzer.pin 4 is already used" },
            { "board.name = T\nbutton.pin = 2\nled.pin = 2\n", "t.conf: button.pin and led.pin are both 2" },
            { Plain + "button.pull = floating\n", "t.conf line 4: 'button.pull' must be one of internal-up, external-up, external-down" },
            { Plain + "led.kind = neon\n", "t.conf line 4: 'led.kind' must be one of plain, ws2812" },
            { Plain + "led.active = sometimes\n", "t.conf line 4: 'led.active' must be one of high, low" },
            { Plain + "ram.class = huge\n", "t.conf line 4: 'ram.class' must be one of small, standard, psram" },
            { Plain + "power = solar\n", "t.conf line 4: 'power' must be one of usb, battery, not 'solar'" },
            { Plain + "battery.pin = 2\n", "t.conf: battery.pin 2 is already used" },
            { Plain + "led.colour = red\n", "t.conf line 4: unknown key 'led.colour'" },
            { "board.name = T\nbutton.pin = 49\nled.pin = 2\n", "t.conf line 2: 'button.pin' must be a whole number from 0 to 48, not '49'" },
            { "board.name = T\nbutton.pin = 4\nled.pin = -1\n", "t.conf line 3: 'led.pin' must be a whole number from 0 to 48, not '-1'" },
        };

        [Theory]
        [MemberData(nameof(Problems))]
        public void Parse_Problem_ReportedWithLine(string text, string expected)
        {
            var error = Assert.Throws<ConfigException>(() => BoardProfile.Parse(text, "t.conf"));
            Assert.Contains(error.Problems, problem => problem.StartsWith(expected, StringComparison.Ordinal));
        }
    }
}
