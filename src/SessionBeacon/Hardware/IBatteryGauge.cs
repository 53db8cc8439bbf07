// The battery level for check-ins, low-battery alerts and alert bodies: an ADC behind a divider on
// battery boards (Esp32/AdcBatteryGauge), nothing on USB-powered ones.
namespace SessionBeacon.Hardware
{
    /// <summary>Reads the battery's charge.</summary>
    public interface IBatteryGauge
    {
        /// <summary>The charge from 0 to 100, or -1 when the board cannot tell.</summary>
        int ReadPercent();
    }
}
