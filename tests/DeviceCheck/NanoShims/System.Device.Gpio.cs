// Compile-only shim of nanoFramework.System.Device.Gpio 1.1.57 (assembly System.Device.Gpio):
// exactly the members src/SessionBeacon.Esp32 uses, with the package's signatures (see README.md).
// Never run: every body throws.
namespace System.Device.Gpio
{
    using nanoFramework.Runtime.Events;

    /// <summary>nanoFramework: GPIO pin modes.</summary>
    public enum PinMode
    {
        /// <summary>Floating input.</summary>
        Input,

        /// <summary>Input with pull-down.</summary>
        InputPullDown,

        /// <summary>Input with pull-up.</summary>
        InputPullUp,

        /// <summary>Push-pull output.</summary>
        Output,

        /// <summary>Open-drain output.</summary>
        OutputOpenDrain,

        /// <summary>Open-drain output with pull-up.</summary>
        OutputOpenDrainPullUp,

        /// <summary>Open-source output.</summary>
        OutputOpenSource,

        /// <summary>Open-source output with pull-down.</summary>
        OutputOpenSourcePullDown,
    }

    /// <summary>nanoFramework: edge types (flags).</summary>
    [Flags]
    public enum PinEventTypes
    {
        /// <summary>None.</summary>
        None = 0,

        /// <summary>Low to high.</summary>
        Rising = 1,

        /// <summary>High to low.</summary>
        Falling = 2,
    }

    /// <summary>nanoFramework: a pin level.</summary>
    public readonly struct PinValue
    {
        /// <summary>High.</summary>
        public static PinValue High => throw new NotImplementedException();

        /// <summary>Low.</summary>
        public static PinValue Low => throw new NotImplementedException();

        /// <summary>Equality.</summary>
        public static bool operator ==(PinValue a, PinValue b) => throw new NotImplementedException();

        /// <summary>Inequality.</summary>
        public static bool operator !=(PinValue a, PinValue b) => throw new NotImplementedException();

        /// <summary>Equality.</summary>
        public override bool Equals(object obj) => throw new NotImplementedException();

        /// <summary>Hash.</summary>
        public override int GetHashCode() => throw new NotImplementedException();
    }

    /// <summary>nanoFramework: arguments of GpioPin.ValueChanged.</summary>
    public class PinValueChangedEventArgs : BaseEvent
    {
        /// <summary>Creates the arguments.</summary>
        public PinValueChangedEventArgs(PinEventTypes changeType, int pinNumber) => throw new NotImplementedException();

        /// <summary>The edge.</summary>
        public PinEventTypes ChangeType => throw new NotImplementedException();

        /// <summary>The pin.</summary>
        public int PinNumber => throw new NotImplementedException();
    }

    /// <summary>nanoFramework: the handler of GpioPin.ValueChanged.</summary>
    public delegate void PinValueChangedEventHandler(object sender, PinValueChangedEventArgs e);

    /// <summary>nanoFramework: an open GPIO pin.</summary>
    public sealed class GpioPin : IDisposable
    {
        private GpioPin()
        {
        }

        /// <summary>Occurs when the pin's value changes (raised on the runtime's event thread).</summary>
        public event PinValueChangedEventHandler ValueChanged
        {
            add => throw new NotImplementedException();
            remove => throw new NotImplementedException();
        }

        /// <summary>The native debounce filter.</summary>
        public TimeSpan DebounceTimeout
        {
            get => throw new NotImplementedException();
            set => throw new NotImplementedException();
        }

        /// <summary>The pin number.</summary>
        public int PinNumber => throw new NotImplementedException();

        /// <summary>Reads the level.</summary>
        public PinValue Read() => throw new NotImplementedException();

        /// <summary>Drives the level.</summary>
        public void Write(PinValue value) => throw new NotImplementedException();

        /// <summary>Closes the pin.</summary>
        public void Dispose() => throw new NotImplementedException();
    }

    /// <summary>nanoFramework: the GPIO controller.</summary>
    public sealed class GpioController : IDisposable
    {
        /// <summary>The controller with logical pin numbers.</summary>
        public GpioController() => throw new NotImplementedException();

        /// <summary>Opens a pin in a mode.</summary>
        public GpioPin OpenPin(int pinNumber, PinMode mode) => throw new NotImplementedException();

        /// <summary>Closes the controller and its pins.</summary>
        public void Dispose() => throw new NotImplementedException();
    }
}
