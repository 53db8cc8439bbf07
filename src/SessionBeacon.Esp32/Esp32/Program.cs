// The device entry point (nanoFramework only), and the one place where the firmware's parts are
// created (CONTRIBUTING.md rule 13): the files on the internal drive (board.conf, nf.config, the
// identity and the seed certificates, docs/provisioning.md), the board's GPIO, ADC, Wi-Fi, SNTP and
// TLS adapters, and the portable app (SessionBeacon.App.Beacon) that does everything else. The start
// is BeaconSetup's, as in the harness; whatever fails in it, a file or this wiring, halts the device
// with a named reason and the halted pattern (BeaconHalt), never an unhandled exception. Two threads
// (docs/architecture.md, "Two threads"): the main loop feeds the button and sensor edges to the app's
// policy, steps its input side (never waiting for the network), and sleeps until the next edge, timer
// or news from the network; a network thread (NetworkWorker) runs the app's network side. The main
// loop is also the watchdog: a request past its bound (TransportWatch) reboots the device, which
// loses nothing, as every alert is on flash. On battery boards an idle beacon deep-sleeps until the
// button or its next timer wakes it, and everything starts again here with the outbox resumed from flash.
// Times for the policy come from the steady clock (MonotonicClock), times for the network and
// the alert bodies from the RTC that SNTP sets (DeviceClock, corrected by NetworkClock).
// A board with a GPS module (board.conf gps.rx, gps.tx) has it read by the main loop every second,
// with the analog sensors (GpsUart, docs/gps.md), and switched off before deep sleep.
using System;
using System.Device.Adc;
using System.Device.Gpio;
using System.Diagnostics;
using System.Threading;
using nanoFramework.Runtime.Native;
using Session.Core.Micro.Network;
using SessionBeacon.App;
using SessionBeacon.Config;
using SessionBeacon.Hardware;
using SessionBeacon.Storage;

namespace SessionBeacon.Esp32
{
    public static class Program
    {
        // Where nf.config, board.conf and identity.seed are deployed: nanoFramework's internal flash
        // drive (docs/flashing.md, docs/provisioning.md).
        private const string Folder = "I:\\";

        // Edges waiting for the main loop; a bouncing contact makes a few dozen per second at most.
        private const int InputQueueSize = 64;

        // How often analog sensors and the GPS module are read (the UART keeps about two seconds of sentences).
        private const long AnalogSampleMs = 1000;

        // A battery board sleeps only when nothing is due for at least this long, and at most this long.
        private const long MinSleepMs = 15000;
        private const long MaxSleepMs = 3600000;

        // While a request is under way the main loop looks at it this often, to reboot one that hangs.
        private const int WatchdogPollMs = 1000;


        private static string s_starting = "starting";

        public static void Main()
        {
            WakeReason woke = DeepSleep.WakeCause;
            var steady = new MonotonicClock();
            var drive = new InternalDrive();
            // The same check as the harness's check-config, so a configuration that passes there starts here.
            BeaconSetup setup = BeaconSetup.Read(drive, Folder, true, ChipPins.OfFirmwareTarget(SystemInfo.TargetName));
            if (setup.HaltReason != null)
            {
                Halt(setup, steady);
                return;
            }
            BeaconConfig config = setup.Config;
            BoardProfile board = setup.Board;
            Debug.WriteLine("SessionBeacon " + setup.Identity.SessionId + " on " + board.Name + ", " + config.Recipients.Length.ToString()
                + " recipient(s); woke by " + WakeName(woke));

            var wake = new AutoResetEvent(false);
            var queue = new InputQueue(InputQueueSize);
            GpioInput button = null;
            GpioInput[] sensors = null;
            AnalogSensor[] analog = null;
            Beacon beacon = null;
            TransportWatch watch = null;
            GpsUart gps = null;
            try
            {
                Starting("opening the GPIO controller");
                var gpio = new GpioController();
                Starting("opening the button (GPIO" + board.ButtonPin.ToString() + ")");
                button = new GpioInput(gpio, board.ButtonPin, board.ButtonNeedsInternalPull ? PinMode.InputPullUp : PinMode.Input,
                    !board.ButtonActiveLow, InputKind.Button, 0, queue, steady, wake);
                Starting("opening the ADC");
                AdcController adc = NeedsAdc(board, config) ? new AdcController() : null;
                Starting("opening the sensors");
                sensors = OpenSensors(gpio, config.Policy.Sensors, queue, steady, wake);
                analog = OpenAnalogSensors(adc, board.Chip, config.Policy.Sensors, steady);
                if (board.Gps.Fitted)
                {
                    Starting("opening the GPS module (GPIO" + board.Gps.RxPin.ToString() + ", GPIO" + board.Gps.TxPin.ToString() + ")");
                    gps = new GpsUart(board.Gps, gpio);
                    gps.PowerOn();
                }
                beacon = CreateBeacon(setup, drive, gpio, adc, steady, out watch);
                Starting("reading the button and the sensors");
                button.PostLevel();
                foreach (GpioInput sensor in sensors)
                {
                    if (sensor != null)
                    {
                        sensor.PostLevel();
                    }
                }
            }
            catch (Exception failure)
            {
                beacon = null;
                setup.Halt(s_starting, failure);
            }
            if (beacon == null)
            {
                Halt(setup, steady);
                return;
            }

            var worker = new NetworkWorker(beacon, steady);
            // The network side's news (deliveries, answers) is shown by the input side: wake it.
            worker.Stepped += (sender, e) => wake.Set();
            // nanoCLR shares the CPU in 20 ms slices, more of them to a higher priority: while both
            // threads have work (the network thread arming, say), the button's gets twice the share.
            new Thread(worker.Run) { Priority = ThreadPriority.BelowNormal }.Start();
            long next;
            long nextSample = steady.UnixMilliseconds;
            while (true)
            {
                queue.DrainInto(beacon.Policy);
                long now = steady.UnixMilliseconds;
                if (watch.IsOverdue)
                {
                    Debug.WriteLine("watchdog: " + watch.Describe() + "; rebooting, the alerts stay on flash");
                    Power.RebootDevice();
                }
                if (now >= nextSample)
                {
                    Sample(analog, beacon);
                    ReadGps(gps, beacon, now);
                    nextSample = now + AnalogSampleMs;
                }
                next = beacon.Step(now);
                Log(beacon.TakeEvents());
                now = steady.UnixMilliseconds;
                if (board.OnBattery && CanSleep(beacon, worker, queue, analog, next, now))
                {
                    if (gps != null)
                    {
                        gps.PowerOff();
                    }
                    Debug.WriteLine(DeepSleep.Start(board.ButtonPin, board.ButtonActiveLow, Min(Min(next, worker.NextWake) - now, MaxSleepMs)));
                }
                long until = (HasAnalog(analog) || gps != null) && nextSample < next ? nextSample : next;
                int wait = WaitMilliseconds(until, now);
                if (!worker.IsIdle && (wait == Timeout.Infinite || wait > WatchdogPollMs))
                {
                    wait = WatchdogPollMs;
                }
                wake.WaitOne(wait, false);
            }
        }

        // The board's network, clock, battery and indicator adapters around the portable app, which
        // BeaconSetup builds and starts; null when that failed (the setup's halt reason says why).
        private static Beacon CreateBeacon(BeaconSetup setup, InternalDrive drive, GpioController gpio, AdcController adc, MonotonicClock steady,
            out TransportWatch watch)
        {
            BeaconConfig config = setup.Config;
            BoardProfile board = setup.Board;
            NetworkProfile profile = setup.Profile();
            Starting("reading the seed certificates");
            // The reply cap, the outbox's slots and the nodes asked of a seed follow the board's heap (docs/heap.md).
            var transport = new TlsHttpTransport(profile, SeedCertificateFiles.Load(drive), steady, board.ReplyCapBytes);
            if (transport.PinnedSeedCount == 0 && config.Network == BeaconConfig.Mainnet)
            {
                Debug.WriteLine("no seed certificate on I: matches a seed's pin: copy I:\\seed1.pem ... (docs/provisioning.md)");
            }
            if (transport.PinnedSeedCount > 0)
            {
                // A stored CA bundle would let its roots stand in for the pinned seed certificates
                // (StoredCaBundle). Removed whether or not its file is seen, in case a firmware renamed it.
                bool stored = StoredCaBundle.IsStored;
                string problem = StoredCaBundle.Remove();
                if (problem != null || stored)
                {
                    Debug.WriteLine(problem ?? "removed the CA root bundle stored in the device configuration, so that only the seeds' pinned certificates are trusted");
                }
            }
            Starting("opening the LED (GPIO" + board.LedPin.ToString() + ") and the buzzer");
            IIndicator led = OpenLed(gpio, board);
            IIndicator buzzer = board.BuzzerPin == BoardProfile.NoPin ? null : new BuzzerIndicator(gpio, board.BuzzerPin);
            Starting("opening the Wi-Fi, the clock and the battery gauge");
            var hardware = new BeaconHardware(new WifiLink(config.WifiNetworks, new WifiRadio(WifiRadio.DefaultScanTimeoutMilliseconds, WifiRadio.DefaultJoinTimeoutMilliseconds)),
                new SntpTimeSync(steady, SntpTimeSync.DefaultTimeoutMilliseconds), OpenBattery(adc, board), led, buzzer, board.Gps.Fitted);
            watch = new TransportWatch(transport, steady);
            Beacon beacon = setup.Start(new FileKeyValueStore(drive, InternalDrive.StorePrefix), profile, watch, new DeviceClock(),
                new HardwareRandom(), hardware, steady.UnixMilliseconds);
            if (beacon != null)
            {
                beacon.Pool.SeedLimit = board.PoolNodes;
            }
            return beacon;
        }

        private static IIndicator OpenLed(GpioController gpio, BoardProfile board)
        {
            return board.LedKind == "plain"
                ? (IIndicator)new GpioIndicator(gpio, board.LedPin, board.LedActiveLow)
                : new Ws2812Indicator(board.LedPin, Ws2812Indicator.DefaultRed, Ws2812Indicator.DefaultGreen, Ws2812Indicator.DefaultBlue);
        }

        // What the start is doing, so that a failure names it.
        private static void Starting(string what)
        {
            s_starting = what;
        }

        private static GpioInput[] OpenSensors(GpioController gpio, SensorSetting[] settings, InputQueue queue, IClock clock, AutoResetEvent wake)
        {
            var sensors = new GpioInput[settings.Length];
            for (int i = 0; i < settings.Length; i++)
            {
                SensorSetting setting = settings[i];
                // external-pull: the wiring pulls the line, so the internal pull stays off (ESP32 GPIO34-39 have none).
                switch (setting.Kind)
                {
                    case SensorKind.Contact:
                    case SensorKind.Tamper:
                        // A closed switch pulls the pin to ground; opening it lets the pull-up raise it.
                        sensors[i] = new GpioInput(gpio, setting.Pin, setting.ExternalPull ? PinMode.Input : PinMode.InputPullUp, true, InputKind.Sensor, i, queue, clock, wake);
                        break;
                    case SensorKind.Motion:
                        sensors[i] = new GpioInput(gpio, setting.Pin, setting.ExternalPull ? PinMode.Input : PinMode.InputPullDown, true, InputKind.Sensor, i, queue, clock, wake);
                        break;
                    case SensorKind.PowerLoss:
                        // The sense input is high while external power is present.
                        sensors[i] = new GpioInput(gpio, setting.Pin, setting.ExternalPull ? PinMode.Input : PinMode.InputPullDown, false, InputKind.Sensor, i, queue, clock, wake);
                        break;
                }
            }
            return sensors;
        }

        // DeviceSetup.Check has made sure every analog sensor and the battery gauge sit on ADC1 pins of the board's chip.
        private static AnalogSensor[] OpenAnalogSensors(AdcController adc, ChipPins chip, SensorSetting[] settings, IClock clock)
        {
            var sensors = new AnalogSensor[settings.Length];
            for (int i = 0; i < settings.Length; i++)
            {
                if (settings[i].Kind == SensorKind.Analog)
                {
                    sensors[i] = new AnalogSensor(adc, chip.Adc1Channel(settings[i].Pin), i, clock);
                }
            }
            return sensors;
        }

        private static IBatteryGauge OpenBattery(AdcController adc, BoardProfile board)
        {
            return board.BatteryPin == BoardProfile.NoPin ? null : new AdcBatteryGauge(adc, board.Chip.Adc1Channel(board.BatteryPin), board.Chip.AdcFullScaleMillivolts);
        }

        private static bool NeedsAdc(BoardProfile board, BeaconConfig config)
        {
            if (board.BatteryPin != BoardProfile.NoPin)
            {
                return true;
            }
            foreach (SensorSetting setting in config.Policy.Sensors)
            {
                if (setting.Kind == SensorKind.Analog)
                {
                    return true;
                }
            }
            return false;
        }

        private static void Sample(AnalogSensor[] analog, Beacon beacon)
        {
            foreach (AnalogSensor sensor in analog)
            {
                if (sensor != null)
                {
                    sensor.Sample(beacon.Policy);
                }
            }
        }

        // The module's sentences since the last call; a UART that fails is told and read again next time.
        private static void ReadGps(GpsUart gps, Beacon beacon, long now)
        {
            if (gps == null)
            {
                return;
            }
            try
            {
                gps.Poll();
            }
            catch (Exception failure)
            {
                Debug.WriteLine("GPS: " + failure.Message);
            }
            beacon.ReadGps(gps.Reader, now);
        }

        private static bool HasAnalog(AnalogSensor[] analog)
        {
            foreach (AnalogSensor sensor in analog)
            {
                if (sensor != null)
                {
                    return true;
                }
            }
            return false;
        }

        // Deep sleep loses the armed slots and the Wi-Fi, so only when nothing is pending, no analog
        // sensor needs watching, the network thread waits, and nothing is due soon on either thread.
        private static bool CanSleep(Beacon beacon, NetworkWorker worker, InputQueue queue, AnalogSensor[] analog, long next, long now)
        {
            bool settled = beacon.Stage == BeaconStage.Armed || beacon.Stage == BeaconStage.Confirmed;
            return settled && beacon.IsIdle && worker.IsIdle && queue.Count == 0 && !HasAnalog(analog)
                && next - now >= MinSleepMs && worker.NextWake - now >= MinSleepMs;
        }

        // Events for a debugger on the USB port. The alert's kind is left out, so the log never tells a
        // duress alert from a panic.
        private static void Log(BeaconEvent[] events)
        {
            foreach (BeaconEvent e in events)
            {
                string text = e.Text == null ? "" : ": " + e.Text;
                if (e.Kind == BeaconEventKind.Queued)
                {
                    text = "";
                }
                Debug.WriteLine(EventName(e.Kind) + (e.Recipient == null ? "" : " (" + e.Recipient + ")") + text);
            }
        }

        private static string EventName(BeaconEventKind kind)
        {
            switch (kind)
            {
                case BeaconEventKind.Stage: return "stage";
                case BeaconEventKind.Queued: return "alert queued on flash";
                case BeaconEventKind.Stored: return "stored with a verified receipt";
                case BeaconEventKind.Delivered: return "delivered with verified receipts";
                case BeaconEventKind.Failed: return "not delivered yet";
                case BeaconEventKind.Expired: return "alert given up";
                case BeaconEventKind.HelpReached: return "help reached";
                case BeaconEventKind.Reply: return "reply";
                case BeaconEventKind.PairingLost: return "secure pairing lost";
                case BeaconEventKind.AlertLost: return "alert lost";
                case BeaconEventKind.TrackingStopped: return "tracking stopped";
                default: return "problem";
            }
        }

        private static string WakeName(WakeReason reason)
        {
            switch (reason)
            {
                case WakeReason.Button: return "the button";
                case WakeReason.Timer: return "the timer";
                case WakeReason.Boot: return "power-on or reset";
                default: return "another wake source";
            }
        }

        // A device that cannot start shows the halted pattern on its LED (when the board profile could be
        // read and its LED opened) and says why on the debug output, every BeaconHalt.RepeatMs, asleep in
        // between, until it is fixed and reset. It never reboots in a loop.
        private static void Halt(BeaconSetup setup, MonotonicClock steady)
        {
            IIndicator led = null;
            IIndicator buzzer = null;
            if (setup.Board != null)
            {
                try
                {
                    var gpio = new GpioController();
                    led = OpenLed(gpio, setup.Board);
                    buzzer = setup.Board.BuzzerPin == BoardProfile.NoPin ? null : new BuzzerIndicator(gpio, setup.Board.BuzzerPin);
                }
                catch (Exception)
                {
                    // The pin that failed the start may be the LED's: the debug output still says why.
                }
            }
            var halt = new BeaconHalt(setup.HaltReason, led, buzzer, setup.Config == null ? null : setup.Config.Feedback);
            long next = halt.Start(steady.UnixMilliseconds);
            while (true)
            {
                string report = halt.TakeReport();
                if (report != null)
                {
                    Debug.WriteLine(report);
                }
                Thread.Sleep(WaitMilliseconds(next, steady.UnixMilliseconds));
                next = halt.Step(steady.UnixMilliseconds);
            }
        }

        private static long Min(long a, long b)
        {
            return a < b ? a : b;
        }

        private static int WaitMilliseconds(long next, long now)
        {
            if (next == Beacon.Never)
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
