// Deep sleep between events on battery boards (nanoFramework only, nanoFramework.Hardware.Esp32
// Sleep). The chip wakes when the panic button's level says "pressed" (ext0, one RTC GPIO) or when
// a timer runs out (the next check-in, retry or poll), and then starts again from reset: Main runs
// anew, reads WakeCause, and resumes the outbox. RAM is lost; the flash drive is not.
//
// Which pins can wake the chip (ext0 needs an RTC GPIO):
// - ESP32 (DevKitC, Atom Lite): GPIO 0, 2, 4, 12-15, 25-27, 32-39 (nanoFramework's WakeupGpioPin
//   list); the Atom Lite's button on GPIO39 and the DevKitC's on GPIO4 qualify.
// - ESP32-S3: GPIO 0-21 (the DevKitC-1's BOOT button is GPIO0).
// - ESP32-C3: no ext0 at all; only GPIO0-5 can wake it from deep sleep, through another mechanism
//   this package does not expose: nanoFramework answers EnableWakeupByPin with NotSupportedException.
//   The start-up check (BoardProfile, ChipPins.CanArmWakePin) refuses power = battery on a C3; should
//   Start still be called there, it returns why instead of throwing.
// In deep sleep the chip's ordinary GPIO pull-ups are off (ESP-IDF keeps only RTC pull-ups, which
// this package does not switch on), so a button that relies on the internal pull-up
// (button.pull = internal-up) floats and may wake the chip at random or never: battery boards
// need an external pull-up resistor (docs/boards.md).
using System;
using nanoFramework.Hardware.Esp32;

namespace SessionBeacon.Esp32
{
    /// <summary>Arms the wake sources and enters deep sleep; reads the wake cause after boot.</summary>
    public static class DeepSleep
    {
        /// <summary>The highest GPIO number nanoFramework's WakeupGpioPin flags describe.</summary>
        public const int MaxWakeGpio = 39;

        /// <summary>Why this boot happened.</summary>
        public static WakeReason WakeCause
        {
            get
            {
                switch (Sleep.GetWakeupCause())
                {
                    case Sleep.WakeupCause.Undefined: return WakeReason.Boot;
                    case Sleep.WakeupCause.Ext0: return WakeReason.Button;
                    case Sleep.WakeupCause.Timer: return WakeReason.Timer;
                    default: return WakeReason.Other;
                }
            }
        }

        /// <summary>
        /// Arms the button (wake when its pin reaches the pressed level) and a timer, then enters
        /// deep sleep. Returns only when arming failed, with the reason; on success the chip
        /// restarts from reset when a source fires.
        /// </summary>
        /// <param name="buttonPin">The button's GPIO (an RTC GPIO, see above).</param>
        /// <param name="buttonActiveLow">True when pressing pulls the pin low (pull-up wiring).</param>
        /// <param name="sleepMilliseconds">When to wake at the latest; at least 1.</param>
        /// <exception cref="ArgumentException">buttonPin is outside 0..39 or sleepMilliseconds is below 1.</exception>
        public static string Start(int buttonPin, bool buttonActiveLow, long sleepMilliseconds)
        {
            if (buttonPin < 0 || buttonPin > MaxWakeGpio)
            {
                throw new ArgumentException("buttonPin must be 0 to 39", "buttonPin");
            }
            if (sleepMilliseconds < 1)
            {
                throw new ArgumentException("sleepMilliseconds must be at least 1", "sleepMilliseconds");
            }
            // WakeupGpioPin is a flags enum with bit n for GPIOn.
            var pin = (Sleep.WakeupGpioPin)((ulong)1 << buttonPin);
            EspNativeError error;
            try
            {
                error = Sleep.EnableWakeupByPin(pin, buttonActiveLow ? 0 : 1);
            }
            catch (NotSupportedException)
            {
                return "GPIO" + buttonPin.ToString() + " cannot wake the chip from deep sleep: this firmware cannot arm a wake pin on this chip (power = usb, docs/boards.md)";
            }
            if (error != EspNativeError.OK)
            {
                return "GPIO" + buttonPin.ToString() + " cannot wake the chip from deep sleep (" + ((int)error).ToString() + ")";
            }
            error = Sleep.EnableWakeupByTimer(TimeSpan.FromTicks(sleepMilliseconds * TimeSpan.TicksPerMillisecond));
            if (error != EspNativeError.OK)
            {
                return "the wake-up timer could not be set (" + ((int)error).ToString() + ")";
            }
            Sleep.StartDeepSleep();
            return "deep sleep did not start";
        }
    }
}
