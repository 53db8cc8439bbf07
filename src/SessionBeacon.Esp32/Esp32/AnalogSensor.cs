// An analog sensor line of nf.config ("sensor = analog <gpio> above|below <threshold> <rearm>
// <name>"; nanoFramework only): reads the raw value of its ADC channel and hands it to the alert
// policy, which compares it with the threshold and re-arm level (AlertPolicy.AnalogSample). The
// values are raw ADC counts (0..AdcController.MaxValue), the unit the thresholds are written in.
// The main loop calls Sample at its own pace (the policy's rate limit applies to what fires).
using System.Device.Adc;
using Session.Core.Micro.Network;
using SessionBeacon.Policy;

namespace SessionBeacon.Esp32
{
    /// <summary>One analog input feeding the alert policy.</summary>
    public sealed class AnalogSensor
    {
        private readonly AdcChannel _channel;
        private readonly int _index;
        private readonly IClock _clock;

        /// <summary>Reads ADC channel <paramref name="channelNumber"/> for sensor <paramref name="index"/> of PolicySettings.Sensors.</summary>
        /// <param name="adc">The controller.</param>
        /// <param name="channelNumber">board.Chip.Adc1Channel(setting.Pin).</param>
        /// <param name="index">The sensor's index in the configuration.</param>
        /// <param name="clock">The time stamped on each sample (the steady clock).</param>
        public AnalogSensor(AdcController adc, int channelNumber, int index, IClock clock)
        {
            _channel = adc.OpenChannel(channelNumber);
            _index = index;
            _clock = clock;
        }

        /// <summary>The current raw value.</summary>
        public int Read()
        {
            return _channel.ReadValue();
        }

        /// <summary>Reads the channel and passes the value to <paramref name="policy"/>.</summary>
        public void Sample(AlertPolicy policy)
        {
            policy.AnalogSample(_index, Read(), _clock.UnixMilliseconds);
        }
    }
}
