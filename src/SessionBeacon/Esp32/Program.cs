// The device entry point (nanoFramework only). Until the alert pipeline lands (issue 7) the
// firmware validates its configuration from the internal flash drive and mirrors the panic
// button on a plain status LED, which checks the wiring described in docs/device-build.md.
using System;
using System.Device.Gpio;
using System.Diagnostics;
using System.IO;
using System.Threading;
using SessionBeacon.Config;

namespace SessionBeacon.Esp32
{
    public static class Program
    {
        // Deployed with the app to nanoFramework's internal flash drive (docs/device-build.md).
        private const string ConfigPath = "I:\\nf.config";
        private const string BoardPath = "I:\\board.conf";

        public static void Main()
        {
            BoardProfile board;
            BeaconConfig config;
            try
            {
                board = BoardProfile.Parse(File.ReadAllText(BoardPath), "board.conf");
                config = BeaconConfig.Parse(File.ReadAllText(ConfigPath), "nf.config");
            }
            catch (ConfigException problems)
            {
                Debug.WriteLine(problems.Message);
                Thread.Sleep(Timeout.Infinite);
                return;
            }
            Debug.WriteLine("SessionBeacon on " + board.Name + ", " + config.Recipients.Length.ToString() + " recipient(s)");

            var gpio = new GpioController();
            GpioPin button = gpio.OpenPin(board.ButtonPin, board.ButtonNeedsInternalPull ? PinMode.InputPullUp : PinMode.Input);
            button.DebounceTimeout = TimeSpan.FromMilliseconds(30);
            if (board.LedKind == "plain")
            {
                GpioPin led = gpio.OpenPin(board.LedPin, PinMode.Output);
                button.ValueChanged += (sender, e) =>
                {
                    bool pressed = (e.ChangeType == PinEventTypes.Falling) == board.ButtonActiveLow;
                    led.Write(pressed != board.LedActiveLow ? PinValue.High : PinValue.Low);
                };
            }
            Thread.Sleep(Timeout.Infinite);
        }
    }
}
