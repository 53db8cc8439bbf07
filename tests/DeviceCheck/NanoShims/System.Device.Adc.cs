// Compile-only shim of nanoFramework.System.Device.Adc 1.1.24 (assembly System.Device.Adc): the ADC
// controller and channel, exactly the members src/SessionBeacon/Esp32 calls, with the signatures
// of nanoframework/System.Device.Adc System.Device.Adc/{AdcController.cs, AdcChannel.cs}
// (see README.md). Never run: every body throws.
namespace System.Device.Adc
{
    /// <summary>nanoFramework: the device's ADC controller (one per device).</summary>
    public sealed class AdcController
    {
        /// <summary>Opens the controller; InvalidOperationException when it is already open.</summary>
        public AdcController() => throw new NotImplementedException();

        /// <summary>The largest raw value (4095 for 12 bits).</summary>
        public int MaxValue => throw new NotImplementedException();

        /// <summary>Opens an ADC channel by the target's channel number.</summary>
        public AdcChannel OpenChannel(int channelNumber) => throw new NotImplementedException();
    }

    /// <summary>nanoFramework: one ADC channel.</summary>
    public class AdcChannel
    {
        private AdcChannel()
        {
        }

        /// <summary>One raw conversion.</summary>
        public int ReadValue() => throw new NotImplementedException();
    }
}
