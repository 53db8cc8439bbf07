// Compile-only shim of nanoFramework.Hardware.Esp32 1.6.37 (assembly nanoFramework.Hardware.Esp32):
// deep sleep, its wake sources, the microsecond timer and the pin functions of the UARTs, exactly the
// members src/SessionBeacon.Esp32 calls, with the signatures of nanoframework/nanoFramework.Hardware.Esp32
// nanoFramework.Hardware.Esp32/{Sleep.cs, Errors.cs, HighResTimer.cs, Configuration.cs, DeviceTypePins.cs}
// (see README.md).
// Never run: every body throws.
namespace nanoFramework.Hardware.Esp32
{
    using System;

    /// <summary>nanoFramework: ESP-IDF error codes.</summary>
    public enum EspNativeError
    {
        /// <summary>No error.</summary>
        OK = 0,

        /// <summary>Failed.</summary>
        FAIL = -1,

        /// <summary>Invalid argument (for example a pin that cannot wake the chip).</summary>
        INVALID_ARG = 0x102,

        /// <summary>Invalid state.</summary>
        INVALID_STATE = 0x103,
    }

    /// <summary>nanoFramework: ESP32 sleep modes and wake sources.</summary>
    public class Sleep
    {
        /// <summary>Why the chip woke.</summary>
        public enum WakeupCause
        {
            /// <summary>Not a wake from deep sleep (power-on or reset).</summary>
            Undefined = 0,

            /// <summary>The ext0 pin (RTC_IO).</summary>
            Ext0 = 2,

            /// <summary>The ext1 pins (RTC_CNTL).</summary>
            Ext1,

            /// <summary>The timer.</summary>
            Timer,

            /// <summary>A touch pad.</summary>
            TouchPad,

            /// <summary>The ULP coprocessor.</summary>
            Ulp,

            /// <summary>A GPIO (light sleep only).</summary>
            Gpio,

            /// <summary>The UART (light sleep only).</summary>
            Uart,
        }

        /// <summary>The RTC GPIOs that can wake the chip, as bit flags (bit n = GPIOn).</summary>
        [Flags]
        public enum WakeupGpioPin : ulong
        {
            /// <summary>None.</summary>
            None = 0,
        }

        /// <summary>Wakes the chip after <paramref name="time"/>.</summary>
        public static EspNativeError EnableWakeupByTimer(TimeSpan time) => throw new NotImplementedException();

        /// <summary>Wakes the chip when <paramref name="pin"/> reaches <paramref name="level"/> (ext0).</summary>
        public static EspNativeError EnableWakeupByPin(WakeupGpioPin pin, int level) => throw new NotImplementedException();

        /// <summary>Enters deep sleep; the chip restarts from reset when a wake source fires. Never returns.</summary>
        public static void StartDeepSleep() => throw new NotImplementedException();

        /// <summary>Why the chip woke, read after boot.</summary>
        public static WakeupCause GetWakeupCause() => throw new NotImplementedException();
    }

    /// <summary>nanoFramework: the ESP32's high-resolution (esp_timer) timer.</summary>
    public class HighResTimer : IDisposable
    {
        private HighResTimer()
        {
        }

        /// <summary>Microseconds since boot.</summary>
        public static ulong GetCurrent() => throw new NotImplementedException();

        /// <summary>Stops and releases the timer.</summary>
        public void Dispose() => throw new NotImplementedException();
    }

    /// <summary>nanoFramework: the peripheral functions a GPIO can be routed to.</summary>
    public enum DeviceFunction
    {
        /// <summary>The second UART's transmit line.</summary>
        COM2_TX = 197120,

        /// <summary>The second UART's receive line.</summary>
        COM2_RX = 197121,
    }

    /// <summary>nanoFramework: routes the ESP32's peripherals to GPIOs.</summary>
    public class Configuration
    {
        /// <summary>Routes <paramref name="value"/> to GPIO <paramref name="pin"/>; takes effect when the peripheral is opened.</summary>
        public static void SetPinFunction(int pin, DeviceFunction value) => throw new NotImplementedException();
    }
}
