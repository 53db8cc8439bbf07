// Compile-only shim of nanoFramework.System.Device.Adc 1.1.24 (assembly System.Device.Adc): the ADC
// controller and channel and their base classes, exactly the members src/SessionBeacon.Esp32
// calls, with the signatures of nanoframework/System.Device.Adc System.Device.Adc/
// {AdcControllerBase.cs, AdcController.cs, AdcChannelBase.cs, AdcChannel.cs} (see README.md).
// Never run: every body throws.
namespace System.Device.Adc
{
    /// <summary>nanoFramework: the base of ADC controllers.</summary>
    public abstract class AdcControllerBase
    {
        /// <summary>The largest raw value.</summary>
        public abstract int MaxValue { get; }

        /// <summary>Opens an ADC channel by the target's channel number.</summary>
        public abstract AdcChannel OpenChannel(int channelNumber);
    }

    /// <summary>nanoFramework: the device's ADC controller (one per device).</summary>
    public class AdcController : AdcControllerBase
    {
        /// <summary>Opens the controller; InvalidOperationException when it is already open.</summary>
        public AdcController() => throw new NotImplementedException();

        /// <summary>The largest raw value (4095 for 12 bits).</summary>
        public override int MaxValue => throw new NotImplementedException();

        /// <summary>Opens an ADC channel by the target's channel number.</summary>
        public override AdcChannel OpenChannel(int channelNumber) => throw new NotImplementedException();
    }

    /// <summary>nanoFramework: the base of ADC channels.</summary>
    public abstract class AdcChannelBase
    {
        /// <summary>One raw conversion.</summary>
        public abstract int ReadValue();
    }

    /// <summary>nanoFramework: one ADC channel.</summary>
    public class AdcChannel : AdcChannelBase, IDisposable
    {
        private AdcChannel()
        {
        }

        /// <summary>One raw conversion.</summary>
        public override int ReadValue() => throw new NotImplementedException();

        /// <summary>Releases the channel.</summary>
        public void Dispose() => throw new NotImplementedException();
    }
}
