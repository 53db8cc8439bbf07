using SessionBeacon.Config;
using SessionBeacon.Hardware;
using Xunit;

namespace SessionBeacon.Tests.Hardware
{
    /// <summary>The battery gauge's arithmetic: raw ADC readings of the 1:2 divider to the cell's charge, per chip.</summary>
    public class BatteryCellTests
    {
        private const int MaxValue = 4095;
        private const int Samples = 8;

        // What the ADC reads for a cell at cellMillivolts, by ESP-IDF's conversion Vout = Dout * Vmax / Dmax
        // turned round (Vmax the chip's range at 12 dB: ESP-IDF's ADC pages, v4.4 to v5.x).
        private static long RawSum(int cellMillivolts, int vmaxMillivolts)
        {
            long raw = (long)cellMillivolts / BatteryCell.DividerRatio * MaxValue / vmaxMillivolts;
            return raw * Samples;
        }

        [Theory]
        [InlineData("esp32", 3100)]
        [InlineData("esp32-c3", 2500)]
        [InlineData("esp32-s3", 3100)]
        public void Percent_EmptyCell_IsZeroOnEveryChip(string chip, int vmaxMillivolts)
        {
            int fullScale = ChipPins.Named(chip).AdcFullScaleMillivolts;
            int millivolts = BatteryCell.Millivolts(RawSum(BatteryCell.EmptyMillivolts, vmaxMillivolts), Samples, MaxValue, fullScale);
            Assert.Equal(0, BatteryCell.PercentOf(millivolts));
        }

        [Theory]
        [InlineData("esp32-c3", 2500)]
        [InlineData("esp32", 3100)]
        public void Millivolts_HalfChargedCell_WithinTheRoundingOfOneStep(string chip, int vmaxMillivolts)
        {
            int fullScale = ChipPins.Named(chip).AdcFullScaleMillivolts;
            int millivolts = BatteryCell.Millivolts(RawSum(3750, vmaxMillivolts), Samples, MaxValue, fullScale);
            Assert.InRange(millivolts, 3748, 3752);
            Assert.InRange(BatteryCell.PercentOf(millivolts), 49, 50);
        }

        [Fact]
        public void PercentOf_ClampsAndIsLinear()
        {
            Assert.Equal(0, BatteryCell.PercentOf(3000));
            Assert.Equal(50, BatteryCell.PercentOf(3750));
            Assert.Equal(100, BatteryCell.PercentOf(4300));
        }

        [Fact]
        public void Millivolts_NoSamples_Refused()
        {
            Assert.Throws<System.ArgumentException>(() => BatteryCell.Millivolts(0, 0, MaxValue, 2500));
            Assert.Throws<System.ArgumentException>(() => BatteryCell.Millivolts(0, 1, 0, 2500));
        }
    }
}
