// IBatteryGauge on an ADC pin (nanoFramework only): the battery (a single LiPo cell) feeds a 1:2
// divider - two equal resistors, 100 kOhm each keeps the drain near 20 uA - whose midpoint is
// battery.pin, so the pin sees half the cell voltage (1.65-2.1 V). The ESP32's ADC reads 0 to
// about 3.1 V at its default 11 dB attenuation over MaxValue steps; that scale is an
// approximation (the chip's ADC is neither linear nor calibrated here), so the percentage is a
// rough gauge: 3.3 V (empty under load) is 0 %, 4.2 V (full) is 100 %, linear in between and
// clamped. Several samples are averaged because single ESP32 ADC readings scatter by tens of mV.
using System.Device.Adc;
using SessionBeacon.Hardware;

namespace SessionBeacon.Esp32
{
    /// <summary>A LiPo cell's charge from its voltage.</summary>
    public sealed class AdcBatteryGauge : IBatteryGauge
    {
        /// <summary>The full-scale input at 11 dB attenuation, in millivolts (approximate).</summary>
        public const int FullScaleMillivolts = 3100;

        /// <summary>The divider: the cell voltage is this many times the pin voltage.</summary>
        public const int DividerRatio = 2;

        /// <summary>An empty cell under load.</summary>
        public const int EmptyMillivolts = 3300;

        /// <summary>A full cell.</summary>
        public const int FullMillivolts = 4200;

        private const int Samples = 8;

        private readonly AdcChannel _channel;
        private readonly int _maxValue;

        /// <summary>Reads the divider on ADC channel <paramref name="channelNumber"/> (board.Chip.Adc1Channel(board.BatteryPin)).</summary>
        public AdcBatteryGauge(AdcController adc, int channelNumber)
        {
            _channel = adc.OpenChannel(channelNumber);
            _maxValue = adc.MaxValue;
        }

        /// <summary>The cell voltage in millivolts, averaged over a few samples.</summary>
        public int ReadMillivolts()
        {
            long sum = 0;
            for (int i = 0; i < Samples; i++)
            {
                sum += _channel.ReadValue();
            }
            return (int)(sum * FullScaleMillivolts * DividerRatio / ((long)_maxValue * Samples));
        }

        /// <summary>The charge from 0 to 100.</summary>
        public int ReadPercent()
        {
            return PercentOf(ReadMillivolts());
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
