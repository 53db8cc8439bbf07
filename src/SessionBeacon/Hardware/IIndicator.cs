// An on/off output the user sees or hears: the status LED or the buzzer. The device drives a GPIO
// (Esp32/GpioIndicator), tests record the calls. Feedback patterns are built on top of it.
namespace SessionBeacon.Hardware
{
    /// <summary>A light or sound that is either on or off.</summary>
    public interface IIndicator
    {
        /// <summary>Switches the indicator on or off.</summary>
        void Set(bool on);
    }
}
