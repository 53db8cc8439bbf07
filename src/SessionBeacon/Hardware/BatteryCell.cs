// The battery gauge's arithmetic (docs/boards.md, "Battery gauge"), apart from the ADC that
// Esp32/AdcBatteryGauge reads: a single LiPo cell feeds a 1:2 divider - two equal resistors -
// whose midpoint is battery.pin, so the pin sees half the cell voltage (1.65-2.1 V). A raw ADC
// reading becomes millivolts through the chip's full-scale input at nanoFramework's attenuation
// (ChipPins.AdcFullScaleMillivolts: about 3100 mV on the ESP32 and ESP32-S3, 2500 mV on the
// ESP32-C3), then a rough charge: 3.3 V (empty under load) is 0 %, 4.2 V (full) is 100 %, linear in
// between and clamped. The ADC is neither linear nor calibrated here, so it stays a rough gauge.
namespace SessionBeacon.Hardware
{
    /// <summary>A LiPo cell's voltage and charge from ADC readings of its 1:2 divider.</summary>
    public static class BatteryCell
    {
        /// <summary>The divider: the cell voltage is this many times the pin voltage.</summary>
        public const int DividerRatio = 2;

        /// <summary>An empty cell under load, in millivolts.</summary>
        public const int EmptyMillivolts = 3300;

        /// <summary>A full cell, in millivolts.</summary>
        public const int FullMillivolts = 4200;

        /// <summary>The cell voltage in millivolts from the sum of <paramref name="samples"/> raw readings.</summary>
        /// <param name="rawSum">The readings added up.</param>
        /// <param name="samples">How many readings; at least 1.</param>
        /// <param name="maxValue">The ADC's largest reading (AdcController.MaxValue, 4095 for 12 bits); at least 1.</param>
        /// <param name="fullScaleMillivolts">The input that reads <paramref name="maxValue"/> (ChipPins.AdcFullScaleMillivolts).</param>
        /// <exception cref="System.ArgumentException">samples or maxValue is below 1.</exception>
        public static int Millivolts(long rawSum, int samples, int maxValue, int fullScaleMillivolts)
        {
            if (samples < 1)
            {
                throw Errors.Range("samples", "must be at least 1");
            }
            if (maxValue < 1)
            {
                throw Errors.Range("maxValue", "must be at least 1");
            }
            return (int)(rawSum * fullScaleMillivolts * DividerRatio / ((long)maxValue * samples));
        }

        /// <summary>The charge of a cell at <paramref name="millivolts"/>: linear between empty and full, clamped to 0..100.</summary>
        public static int PercentOf(int millivolts)
        {
            if (millivolts <= EmptyMillivolts)
            {
                return 0;
            }
            if (millivolts >= FullMillivolts)
            {
                return 100;
            }
            return (millivolts - EmptyMillivolts) * 100 / (FullMillivolts - EmptyMillivolts);
        }
    }
}
