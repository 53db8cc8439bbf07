using SessionBeacon.Config;
using Xunit;

namespace SessionBeacon.Tests.Config
{
    /// <summary>The chips' pin facts: lookups, and that the table agrees with itself.</summary>
    public class ChipPinsTests
    {
        [Fact]
        public void Names_AreTheThreeChips()
        {
            Assert.Equal(new[] { "esp32", "esp32-c3", "esp32-s3" }, ChipPins.Names);
            Assert.Null(ChipPins.Named("esp8266"));
        }

        // ESP-IDF soc/<chip>/include/soc/adc_channel.h: ADC1 channel n and its GPIO.
        [Theory]
        [InlineData("esp32", 36, 0)]
        [InlineData("esp32", 39, 3)]
        [InlineData("esp32", 32, 4)]
        [InlineData("esp32", 35, 7)]
        [InlineData("esp32", 25, ChipPins.NoChannel)]
        [InlineData("esp32", 4, ChipPins.NoChannel)]
        [InlineData("esp32-c3", 0, 0)]
        [InlineData("esp32-c3", 4, 4)]
        [InlineData("esp32-c3", 5, ChipPins.NoChannel)]
        [InlineData("esp32-s3", 1, 0)]
        [InlineData("esp32-s3", 10, 9)]
        [InlineData("esp32-s3", 11, ChipPins.NoChannel)]
        public void Adc1Channel_IsTheChannelNumber(string chip, int gpio, int channel)
        {
            Assert.Equal(channel, ChipPins.Named(chip).Adc1Channel(gpio));
        }

        [Theory]
        [InlineData("ESP32_REV0", "esp32")]
        [InlineData("ESP32_PSRAM_REV3", "esp32")]
        [InlineData("ESP32_PICO", "esp32")]
        [InlineData("ESP32_C3", "esp32-c3")]
        [InlineData("ESP32_S3", "esp32-s3")]
        [InlineData("ESP32_S3_ALL", "esp32-s3")]
        [InlineData("ESP32_S3_OCTAL", "esp32-s3")]
        [InlineData("ESP32_S3_QUADL", "esp32-s3")]
        [InlineData("ESP32_C6_THREAD", null)]
        [InlineData("M5Core2", null)]
        [InlineData(null, null)]
        public void OfFirmwareTarget_NamesTheChip(string target, string chip)
        {
            Assert.Equal(chip, ChipPins.OfFirmwareTarget(target)?.Name);
        }

        [Theory]
        [InlineData("esp32", "GPIO6-11", "GPIO0, 2, 5, 12, 15", "GPIO34-39", "GPIO32-39", "GPIO0, 2, 4, 12-15, 25-27, 32-39")]
        [InlineData("esp32-c3", "GPIO11-17", "GPIO2, 8, 9", "none", "GPIO0-4", "GPIO0-5")]
        [InlineData("esp32-s3", "GPIO26-32", "GPIO0, 3, 45, 46", "none", "GPIO1-10", "GPIO0-21")]
        public void PinLists_ForMessages(string chip, string flash, string strapping, string inputOnly, string adc1, string wake)
        {
            ChipPins pins = ChipPins.Named(chip);
            Assert.Equal(flash, pins.FlashPins);
            Assert.Equal(strapping, pins.StrappingPins);
            Assert.Equal(inputOnly, pins.InputOnlyPins);
            Assert.Equal(adc1, pins.Adc1Pins);
            Assert.Equal(wake, pins.WakePins);
        }

        // Every listed pin exists, a flash pin is nothing else, ADC1 and ADC2 are apart, the BOOT button's pin is a
        // strapping pin, and every devkit's BOOT button can wake its chip (an RTC GPIO).
        [Theory]
        [InlineData("esp32")]
        [InlineData("esp32-c3")]
        [InlineData("esp32-s3")]
        public void Table_AgreesWithItself(string chip)
        {
            ChipPins pins = ChipPins.Named(chip);
            Assert.True(pins.IsStrapping(pins.BootButton));
            Assert.True(pins.CanWake(pins.BootButton) || !pins.CanArmWakePin);
            for (int gpio = 0; gpio <= 48; gpio++)
            {
                bool adc1 = pins.Adc1Channel(gpio) != ChipPins.NoChannel;
                bool listed = pins.IsFlash(gpio) || pins.IsStrapping(gpio) || pins.IsInputOnly(gpio) || pins.IsAdc2(gpio) || adc1 || pins.CanWake(gpio);
                Assert.True(!listed || pins.Has(gpio), chip + " lists GPIO" + gpio + ", which it does not have");
                Assert.False(pins.IsFlash(gpio) && (pins.IsStrapping(gpio) || adc1 || pins.IsAdc2(gpio) || pins.CanWake(gpio)), chip + " GPIO" + gpio);
                Assert.False(adc1 && pins.IsAdc2(gpio), chip + " GPIO" + gpio + " is on both ADCs");
            }
        }
    }
}
