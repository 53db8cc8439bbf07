// The device entry point (nanoFramework only), and the one place where the firmware's parts are
// created (CONTRIBUTING.md rule 13): the files on the internal drive (board.conf, nf.config, the
// identity and the seed certificates, docs/provisioning.md), the board's GPIO, ADC, Wi-Fi, SNTP and
// TLS adapters, and the portable app (SessionBeacon.App.Beacon) that does everything else. Two threads
// (docs/architecture.md, "Two threads"): the main loop feeds the button and sensor edges to the app's
// policy, steps its input side (never waiting for the network), and sleeps until the next edge, timer
// or news from the network; a network thread (NetworkWorker) runs the app's network side. The main
// loop is also the watchdog: a request past its bound (TransportWatch) reboots the device, which
// loses nothing, as every alert is on flash. On battery boards an idle beacon deep-sleeps until the
// button or its next timer wakes it, and everything starts again here with the outbox resumed from flash.
// Times for the policy come from the steady clock (MonotonicClock), times for the network and
// the alert bodies from the RTC that SNTP sets (DeviceClock, corrected by NetworkClock).
using System;
using System.Device.Adc;
using System.Device.Gpio;
using System.Diagnostics;
using System.IO;
using System.Threading;
using nanoFramework.Runtime.Native;
using Session.Core.Micro.Identity;
using Session.Core.Micro.Network;
using SessionBeacon.App;
using SessionBeacon.Config;
using SessionBeacon.Hardware;
using SessionBeacon.Storage;

namespace SessionBeacon.Esp32
{
    public static class Program
    {
        // Deployed to nanoFramework's internal flash drive (docs/flashing.md, docs/provisioning.md).
        private const string ConfigPath = "I:\\nf.config";
        private const string BoardPath = "I:\\board.conf";
        private const string IdentityPath = "I:\\identity.seed";

        // Edges waiting for the main loop; a bouncing contact makes a few dozen per second at most.
        private const int InputQueueSize = 64;

        // How often analog sensors are read.
        private const long AnalogSampleMs = 1000;

        // Nodes asked of a seed: a random subset of mainnet's ~2,000, whose list would not fit the
        // transport's reply limit (about 190 bytes per node, so ~12 KB).
        private const int SeedLimit = 64;

        // A battery board sleeps only when nothing is due for at least this long, and at most this long.
        private const long MinSleepMs = 15000;
        private const long MaxSleepMs = 3600000;

        // While a request is under way the main loop looks at it this often, to reboot one that hangs.
        private const int WatchdogPollMs = 1000;

        public static void Main()
        {
            WakeReason woke = DeepSleep.WakeCause;
            var steady = new MonotonicClock();
            var drive = new InternalDrive();
            if (!File.Exists(ConfigPath) || !File.Exists(BoardPath))
            {
                Halt(ConfigPath + " or " + BoardPath + " is missing: copy the nf.config and board.conf that 'provision' wrote (docs/provisioning.md)");
                return;
            }
            DeviceSetup setup;
            try
            {
                // The same check as the harness's check-config, so a configuration that passes there starts here.
                setup = DeviceSetup.Check(File.ReadAllText(ConfigPath), "nf.config", File.ReadAllText(BoardPath), "board.conf", false);
            }
            catch (ConfigException problems)
            {
                Halt(problems.Message);
                return;
            }
            BeaconConfig config = setup.Config;
            BoardProfile board = setup.Board;
            if (config.WifiSsid == null)
            {
                // Only a testnet configuration gets here: fine for the harness's simulated device, not for this one.
                Halt("nf.config: 'wifi.ssid' is missing: this network = testnet configuration is for the harness's simulated device; a device needs the Wi-Fi network to join");
                return;
            }
            ChipPins firmwareChip = ChipPins.OfFirmwareTarget(SystemInfo.TargetName);
            if (firmwareChip != null && firmwareChip != board.Chip)
            {
                Halt("board.conf: chip = " + board.Chip.Name + ", but this firmware (" + SystemInfo.TargetName + ") is for the " + firmwareChip.Title
                    + ": copy the board.conf of this board, or flash the firmware for its chip (docs/flashing.md)");
                return;
            }
            IdentityKeys identity = LoadIdentity(drive);
            if (identity == null)
            {
                Halt(IdentityPath + " is missing or damaged: copy the identity.seed that 'provision' wrote (docs/provisioning.md)");
                return;
            }
            Debug.WriteLine("SessionBeacon " + identity.SessionId + " on " + board.Name + ", " + config.Recipients.Length.ToString()
                + " recipient(s); woke by " + WakeName(woke));

            var wake = new AutoResetEvent(false);
            var queue = new InputQueue(InputQueueSize);
            var gpio = new GpioController();
            var button = new GpioInput(gpio, board.ButtonPin, board.ButtonNeedsInternalPull ? PinMode.InputPullUp : PinMode.Input,
                !board.ButtonActiveLow, InputKind.Button, 0, queue, steady, wake);
            AdcController adc = NeedsAdc(board, config) ? new AdcController() : null;
            GpioInput[] sensors = OpenSensors(gpio, config.Policy.Sensors, queue, steady, wake);
            AnalogSensor[] analog = OpenAnalogSensors(adc, board.Chip, config.Policy.Sensors, steady);
            TransportWatch watch;
            Beacon beacon = CreateBeacon(config, board, identity, drive, gpio, adc, steady, out watch);

            long next = beacon.Start(steady.UnixMilliseconds);
            var worker = new NetworkWorker(beacon, steady);
            // The network side's news (deliveries, answers) is shown by the input side: wake it.
            worker.Stepped += (sender, e) => wake.Set();
            // nanoCLR shares the CPU in 20 ms slices, more of them to a higher priority: while both
            // threads have work (the network thread arming, say), the button's gets twice the share.
            new Thread(worker.Run) { Priority = ThreadPriority.BelowNormal }.Start();
            long nextSample = steady.UnixMilliseconds;
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
                    nextSample = now + AnalogSampleMs;
                }
                next = beacon.Step(now);
                Log(beacon.TakeEvents());
                now = steady.UnixMilliseconds;
                if (board.OnBattery && CanSleep(beacon, worker, queue, analog, next, now))
                {
                    Debug.WriteLine(DeepSleep.Start(board.ButtonPin, board.ButtonActiveLow, Min(Min(next, worker.NextWake) - now, MaxSleepMs)));
                }
                long until = HasAnalog(analog) && nextSample < next ? nextSample : next;
                int wait = WaitMilliseconds(until, now);
                if (!worker.IsIdle && (wait == Timeout.Infinite || wait > WatchdogPollMs))
                {
                    wait = WatchdogPollMs;
                }
                wake.WaitOne(wait, false);
            }
        }

        private static Beacon CreateBeacon(BeaconConfig config, BoardProfile board, IdentityKeys identity, InternalDrive drive,
            GpioController gpio, AdcController adc, MonotonicClock steady, out TransportWatch watch)
        {
            NetworkProfile profile = config.Network == BeaconConfig.Mainnet
                ? NetworkProfile.Mainnet()
                : NetworkProfile.Testnet(config.SeedUrl, config.SeedPin, 1);
            var transport = new TlsHttpTransport(profile, SeedCertificateFiles.Load(drive), steady, TlsHttpTransport.DefaultMaxResponseBytes);
            if (transport.PinnedSeedCount == 0 && config.Network == BeaconConfig.Mainnet)
            {
                Debug.WriteLine("no seed certificate on I: matches a seed's pin: copy I:\\seed1.pem ... (docs/provisioning.md)");
            }
            IIndicator led = board.LedKind == "plain"
                ? (IIndicator)new GpioIndicator(gpio, board.LedPin, board.LedActiveLow)
                : new Ws2812Indicator(board.LedPin, Ws2812Indicator.DefaultRed, Ws2812Indicator.DefaultGreen, Ws2812Indicator.DefaultBlue);
            IIndicator buzzer = board.BuzzerPin == BoardProfile.NoPin ? null : new BuzzerIndicator(gpio, board.BuzzerPin);
            var hardware = new BeaconHardware(new WifiLink(config.WifiSsid, config.WifiPassword, WifiLink.DefaultTimeoutMilliseconds),
                new SntpTimeSync(steady, SntpTimeSync.DefaultTimeoutMilliseconds), OpenBattery(adc, board), led, buzzer);
            watch = new TransportWatch(transport, steady);
            var beacon = new Beacon(config, identity, new FileKeyValueStore(drive, InternalDrive.StorePrefix), profile, watch, new DeviceClock(),
                new HardwareRandom(), hardware, Beacon.OutboxCapacityFor(board.RamClass));
            beacon.Pool.SeedLimit = SeedLimit;
            return beacon;
        }

        // The 32-byte seed 'provision' wrote; null when it is missing or not 32 bytes.
        private static IdentityKeys LoadIdentity(InternalDrive drive)
        {
            if (!drive.Exists(IdentityPath))
            {
                return null;
            }
            byte[] seed = drive.ReadAllBytes(IdentityPath);
            return seed.Length == IdentityKeys.SeedSize ? IdentityKeys.FromSeed(seed) : null;
        }

        private static GpioInput[] OpenSensors(GpioController gpio, SensorSetting[] settings, InputQueue queue, IClock clock, AutoResetEvent wake)
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
            return board.BatteryPin == BoardProfile.NoPin ? null : new AdcBatteryGauge(adc, board.Chip.Adc1Channel(board.BatteryPin));
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

        // A device that cannot run says why on the debug output and waits; it never reboots in a loop.
        private static void Halt(string why)
        {
            Debug.WriteLine(why);
            Thread.Sleep(Timeout.Infinite);
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
