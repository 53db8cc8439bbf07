// The device entry point (nanoFramework only), and the one place where the firmware's parts are
// created (style.md rule 13). Today it reads the configuration from the internal flash drive,
// opens the button and the digital sensors, and runs the alert policy: its cues drive the status
// LED and its decisions go to the debug output. Sending (outbox over the network), Wi-Fi, SNTP,
// analog inputs and deep sleep come with the rest of issue 7.
using System;
using System.Device.Gpio;
using System.Diagnostics;
using System.IO;
using System.Threading;
using SessionBeacon.Config;
using SessionBeacon.Hardware;
using SessionBeacon.Policy;

namespace SessionBeacon.Esp32
{
    public static class Program
    {
        // Deployed with the app to nanoFramework's internal flash drive (docs/device-build.md).
        private const string ConfigPath = "I:\\nf.config";
        private const string BoardPath = "I:\\board.conf";

        // Edges waiting for the main loop; a bouncing contact makes a few dozen per second at most.
        private const int InputQueueSize = 64;

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

            var clock = new DeviceClock();
            var wake = new AutoResetEvent(false);
            var queue = new InputQueue(InputQueueSize);
            var gpio = new GpioController();
            var button = new GpioInput(gpio, board.ButtonPin, board.ButtonNeedsInternalPull ? PinMode.InputPullUp : PinMode.Input,
                !board.ButtonActiveLow, InputKind.Button, 0, queue, clock, wake);
            GpioInput[] sensors = OpenSensors(gpio, config.Policy.Sensors, queue, clock, wake);
            IIndicator led = board.LedKind == "plain" ? new GpioIndicator(gpio, board.LedPin, board.LedActiveLow) : null;
            var policy = new AlertPolicy(config.Policy);

            long next = policy.Start(clock.UnixMilliseconds);
            button.PostLevel();
            foreach (GpioInput sensor in sensors)
            {
                if (sensor != null)
                {
                    sensor.PostLevel();
                }
            }
            while (true)
            {
                queue.DrainInto(policy);
                long now = clock.UnixMilliseconds;
                next = policy.Step(now);
                foreach (Decision decision in policy.TakeDecisions())
                {
                    Show(decision, led);
                }
                wake.WaitOne(WaitMilliseconds(next, clock.UnixMilliseconds), false);
            }
        }

        private static GpioInput[] OpenSensors(GpioController gpio, SensorSetting[] settings, InputQueue queue, DeviceClock clock, AutoResetEvent wake)
        {
            var sensors = new GpioInput[settings.Length];
            for (int i = 0; i < settings.Length; i++)
            {
                SensorSetting setting = settings[i];
                switch (setting.Kind)
                {
                    case SensorKind.Contact:
                    case SensorKind.Tamper:
                        // A closed switch pulls the pin to ground; opening it lets the pull-up raise it.
                        sensors[i] = new GpioInput(gpio, setting.Pin, PinMode.InputPullUp, true, InputKind.Sensor, i, queue, clock, wake);
                        break;
                    case SensorKind.Motion:
                        sensors[i] = new GpioInput(gpio, setting.Pin, PinMode.InputPullDown, true, InputKind.Sensor, i, queue, clock, wake);
                        break;
                    case SensorKind.PowerLoss:
                        // The sense input is high while external power is present.
                        sensors[i] = new GpioInput(gpio, setting.Pin, PinMode.InputPullDown, false, InputKind.Sensor, i, queue, clock, wake);
                        break;
                    default:
                        Debug.WriteLine("sensor '" + setting.Name + "': analog inputs are not read on the device yet");
                        break;
                }
            }
            return sensors;
        }

        // Cues light the LED; a cancel and a duress alert look and log alike, so the device never
        // tells an onlooker which one it was.
        private static void Show(Decision decision, IIndicator led)
        {
            if (decision.Kind == DecisionKind.CuePending || decision.Kind == DecisionKind.CueCancelled)
            {
                if (led != null)
                {
                    led.Set(decision.Kind == DecisionKind.CuePending);
                }
                return;
            }
            if (decision.Kind == DecisionKind.FireDuress || decision.Kind == DecisionKind.Cancel)
            {
                return;
            }
            if (led != null)
            {
                led.Set(false);
            }
            Debug.WriteLine("alert policy: " + KindName(decision.Kind) + (decision.Sensor == Decision.NoSensor ? "" : " from sensor " + decision.Sensor.ToString()));
        }

        private static string KindName(DecisionKind kind)
        {
            switch (kind)
            {
                case DecisionKind.FirePanic: return "panic";
                case DecisionKind.FireSensor: return "sensor alert";
                case DecisionKind.FireHeartbeat: return "check-in";
                case DecisionKind.FireTest: return "test alert";
                case DecisionKind.FireLowBattery: return "low battery";
                default: return "rate-limited sensor edge";
            }
        }

        private static int WaitMilliseconds(long next, long now)
        {
            if (next == AlertPolicy.Never)
            {
                return Timeout.Infinite;
            }
            long wait = next - now;
            if (wait <= 0)
            {
                return 0;
            }
            return wait > int.MaxValue ? int.MaxValue : (int)wait;
        }
    }
}
