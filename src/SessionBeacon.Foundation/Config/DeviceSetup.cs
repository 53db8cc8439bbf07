// The one check of a beacon's configuration: nf.config and board.conf read together, as the device
// reads them at start (Esp32/Program.cs) and as the harness's check-config, provision and beacon run
// read them, so that what passes on the desktop starts on the device and what the device refuses is
// refused on the desktop with the same words. Besides each file's own rules (BeaconConfig,
// BoardProfile and the chip's pin facts in ChipPins) it checks what needs both files: that every
// sensor has a GPIO of its own that the chip can read, that a beacon on mainnet knows its Wi-Fi, and
// that the configuration fits the board's managed heap (HeapBudget, docs/heap.md), checked last and
// only when nothing else is wrong, since its figures come from everything else.
// Wi-Fi: a beacon on the real Session network reaches it over Wi-Fi, so network = mainnet needs
// wifi.ssid (its first Wi-Fi network, WifiNetwork). A testnet ('testnet up') lives on the loopback of the computer that runs it, where only
// the harness's simulated device reaches it, without Wi-Fi; so network = testnet does without (and
// the device itself, which needs Wi-Fi whatever the network, says so at start). Where no Wi-Fi is
// joined at all (provision, before the owner adds it; the simulated device) the rule is left out.
using System.Collections;
using Session.Core.Micro.Messages;

namespace SessionBeacon.Config
{
    /// <summary>A validated nf.config and the board profile it runs on.</summary>
    public sealed class DeviceSetup
    {
        private DeviceSetup(BeaconConfig config, BoardProfile board)
        {
            Config = config;
            Board = board;
        }

        /// <summary>The settings from nf.config.</summary>
        public BeaconConfig Config { get; }

        /// <summary>The board profile (board.conf).</summary>
        public BoardProfile Board { get; }

        /// <summary>Reads and checks nf.config and its board profile together; every problem of both is listed at once.</summary>
        /// <param name="configText">nf.config's text.</param>
        /// <param name="configName">nf.config's name in messages.</param>
        /// <param name="boardText">The board profile's text.</param>
        /// <param name="boardName">The board profile's name in messages, such as "board.conf".</param>
        /// <param name="wifiOptional">
        /// True only where no Wi-Fi is joined: in provision, which writes nf.config before its owner adds the Wi-Fi network
        /// (it cannot know it), and in the harness's simulated device (beacon run). Then a mainnet configuration without
        /// wifi.ssid passes. The device and check-config give false.
        /// </param>
        /// <exception cref="ConfigException">Either file has problems, or they do not fit together; all are listed.</exception>
        public static DeviceSetup Check(string configText, string configName, string boardText, string boardName, bool wifiOptional)
        {
            ConfigFile configFile = ConfigFile.Parse(configText, configName);
            BeaconConfig config = BeaconConfig.Read(configFile);
            ConfigFile boardFile = ConfigFile.Parse(boardText, boardName);
            BoardProfile board = BoardProfile.Read(boardFile);
            if (!wifiOptional && config.Network == BeaconConfig.Mainnet && config.WifiNetworks.Length == 0)
            {
                configFile.Report("'wifi.ssid' is missing: a beacon on network = mainnet reaches the Session network over Wi-Fi;"
                    + " add 'wifi.ssid = <network name>' and 'wifi.password = <passphrase>'");
            }
            foreach (SensorSetting sensor in config.Policy.Sensors)
            {
                CheckSensor(configFile, sensor, board, boardName);
            }
            if (!configFile.HasProblems && !boardFile.HasProblems)
            {
                CheckHeap(configFile, config, board);
            }
            var problems = new ArrayList();
            configFile.CopyProblemsTo(problems);
            boardFile.CopyProblemsTo(problems);
            if (problems.Count > 0)
            {
                throw new ConfigException((string[])problems.ToArray(typeof(string)));
            }
            return new DeviceSetup(config, board);
        }

        // A problem when the configuration does not fit the board's heap, or an alert text is too long to send at all.
        private static void CheckHeap(ConfigFile file, BeaconConfig config, BoardProfile board)
        {
            HeapBudget budget;
            try
            {
                budget = HeapBudget.For(board, config);
            }
            catch (MessageException)
            {
                file.Report("the alert texts are too long: an alert would not fit in a Session message (at most " + MessageEncoder.MaxStoredSize.ToString() + " bytes stored); shorten alert.panic, alert.duress or alert.sensor");
                return;
            }
            string problem = budget.Problem(board.Name);
            if (problem != null)
            {
                file.Report(problem);
            }
        }

        // A sensor needs a GPIO of its own that the chip has, off the flash and the strapping pins
        // (a sensor that holds one at reset can stop the board from starting), an analog sensor an ADC1 pin,
        // and a digital sensor on a pin without internal pulls (ESP32 GPIO34-39) a pull resistor of its own.
        private static void CheckSensor(ConfigFile file, SensorSetting sensor, BoardProfile board, string boardName)
        {
            string what = (sensor.Kind == SensorKind.Analog ? "analog sensor '" : "sensor '") + sensor.Name + "' on GPIO" + sensor.Pin.ToString();
            string part = board.PartOn(sensor.Pin, null);
            if (part != null)
            {
                file.Report(sensor.Line, what + " is the board's " + part + " (" + boardName + "); give the sensor a GPIO of its own");
                return;
            }
            ChipPins chip = board.Chip;
            if (chip == null)
            {
                return;
            }
            string unusable = BoardProfile.Unusable(chip, sensor.Pin);
            if (unusable != null)
            {
                file.Report(sensor.Line, what + unusable);
            }
            else if (chip.IsStrapping(sensor.Pin))
            {
                file.Report(sensor.Line, what + " is a strapping pin of the " + chip.Title + " (" + chip.StrappingPins + "): a sensor that holds it at reset can stop the board from starting; use another GPIO (docs/boards.md)");
            }
            else if (sensor.Kind == SensorKind.Analog && chip.Adc1Channel(sensor.Pin) == ChipPins.NoChannel)
            {
                file.Report(sensor.Line, what + " " + BoardProfile.NotAdc1(chip, sensor.Pin));
            }
            else if (sensor.Kind != SensorKind.Analog && chip.IsInputOnly(sensor.Pin) && !sensor.ExternalPull)
            {
                file.Report(sensor.Line, what + " is input-only on the " + chip.Title + " (" + chip.InputOnlyPins + ") and has no internal pull resistor, so the line would float:"
                    + " fit a 10 kOhm resistor (to 3.3 V for a contact or tamper switch, to GND for a motion or power-sense output) and write external-pull after the GPIO on its line (docs/alert-policy.md)");
            }
        }
    }
}
