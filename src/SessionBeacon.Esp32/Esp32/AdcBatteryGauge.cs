// IBatteryGauge on an ADC pin (nanoFramework only): reads battery.pin, the midpoint of the 1:2
// divider, and leaves the arithmetic to Hardware/BatteryCell - the cell's millivolts from the
// chip's full-scale input (ChipPins.AdcFullScaleMillivolts, which differs between the chips: an
// ESP32-C3 scaled like an ESP32 reads an empty cell as 88 %), then the rough charge. Several
// samples are averaged because single ESP32 ADC readings scatter by tens of mV.
using System.Device.Adc;
using SessionBeacon.Hardware;

namespace SessionBeacon.Esp32
{
    /// <summary>A LiPo cell's charge from its voltage.</summary>
    public sealed class AdcBatteryGauge : IBatteryGauge
    {
        private const int Samples = 8;

        private readonly AdcChannel _channel;
        private readonly int _maxValue;
        private readonly int _fullScaleMillivolts;

        /// <summary>Reads the divider on ADC channel <paramref name="channelNumber"/> (board.Chip.Adc1Channel(board.BatteryPin)).</summary>
        /// <param name="adc">The controller.</param>
        /// <param name="channelNumber">The ADC1 channel of battery.pin.</param>
        /// <param name="fullScaleMillivolts">The chip's full-scale input (board.Chip.AdcFullScaleMillivolts).</param>
        public AdcBatteryGauge(AdcController adc, int channelNumber, int fullScaleMillivolts)
        {
            _channel = adc.OpenChannel(channelNumber);
            _maxValue = adc.MaxValue;
            _fullScaleMillivolts = fullScaleMillivolts;
        }

        /// <summary>The charge from 0 to 100.</summary>
        public int ReadPercent()
        {
            long sum = 0;
            for (int i = 0; i < Samples; i++)
            {
                sum += _channel.ReadValue();
            }
            return BatteryCell.PercentOf(BatteryCell.Millivolts(sum, Samples, _maxValue, _fullScaleMillivolts));
        }
    }
}
