using System;
using System.IO;
using System.Linq;
using System.Text;
using Session.Core.Micro.Identity;
using Session.Core.Micro.Tests.Support;
using SessionBeacon.App;
using SessionBeacon.Config;
using SessionBeacon.Hardware;
using SessionBeacon.Storage;
using SessionBeacon.Tests.Support;
using Xunit;
using Xunit.Abstractions;
using MemoryStore = SessionBeacon.Tests.Support.MemoryStore;

namespace SessionBeacon.Tests.App
{
    /// <summary>
    /// The start that Esp32/Program.cs runs, on an in-memory drive: the provisioned files start a beacon;
    /// a missing or unreadable file, a bad board profile, a configuration for the wrong place and any
    /// exception while the beacon is built end in a halt that names what failed, never in an exception.
    /// </summary>
    public class BeaconSetupTests
    {
        private const string Drive = "I:\\";
        private const string Alice = "05d2ad010eeb72d72e561d9de7bd7b6989af77dcabffa03a5111a6c859ae5c3a72";
        private const string Config = "wifi.ssid = Home\nboard = esp32-devkitc\nrecipient = " + Alice + " Alice\n";
        private readonly ITestOutputHelper _output;

        public BeaconSetupTests(ITestOutputHelper output)
        {
            _output = output;
        }

        private static string Board => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "shipped", "boards", "esp32-devkitc.conf"));

        // A drive as 'provision' leaves it, on the device's I: drive.
        private static MemoryDrive Provisioned(string config = Config, string board = null, byte[] seed = null)
        {
            var drive = new MemoryDrive();
            drive.Files[Drive + "nf.config"] = Encoding.UTF8.GetBytes(config);
            drive.Files[Drive + "board.conf"] = Encoding.UTF8.GetBytes(board ?? Board);
            drive.Files[Drive + "identity.seed"] = seed ?? Enumerable.Repeat((byte)7, IdentityKeys.SeedSize).ToArray();
            return drive;
        }

        [Fact]
        public void Read_ProvisionedFiles_Ready()
        {
            BeaconSetup setup = BeaconSetup.Read(Provisioned(), Drive, true, ChipPins.Named("esp32"));
            Assert.Null(setup.HaltReason);
            Assert.Equal("Home", Assert.Single(setup.Config.WifiNetworks).Ssid);
            Assert.Equal("ESP32-DevKitC", setup.Board.Name);
            Assert.Equal(IdentityKeys.FromSeed(Enumerable.Repeat((byte)7, IdentityKeys.SeedSize).ToArray()).SessionId, setup.Identity.SessionId);
        }

        [Theory]
        [InlineData("nf.config")]
        [InlineData("board.conf")]
        [InlineData("identity.seed")]
        public void Read_AFileMissing_HaltsNamingIt(string file)
        {
            MemoryDrive drive = Provisioned();
            drive.Files.Remove(Drive + file);
            BeaconSetup setup = BeaconSetup.Read(drive, Drive, true, ChipPins.Named("esp32"));
            Assert.Equal(Drive + file + " is missing: copy the files that 'provision' wrote (docs/provisioning.md)", setup.HaltReason);
            Assert.Null(setup.Config);
        }

        [Theory]
        [InlineData("nf.config")]
        [InlineData("board.conf")]
        [InlineData("identity.seed")]
        public void Read_AFileUnreadable_HaltsNamingIt(string file)
        {
            var drive = new UnreadableFile(Provisioned(), Drive + file);
            BeaconSetup setup = BeaconSetup.Read(drive, Drive, true, ChipPins.Named("esp32"));
            Assert.Equal(Drive + file + " cannot be read (flash read failed): copy the files that 'provision' wrote (docs/provisioning.md)", setup.HaltReason);
        }

        [Fact]
        public void Read_BadBoardProfile_HaltsWithItsProblems()
        {
            BeaconSetup setup = BeaconSetup.Read(Provisioned(board: Board.Replace("chip = esp32", "chip = esp99")), Drive, true, null);
            _output.WriteLine(setup.HaltReason);
            Assert.StartsWith("board.conf line ", setup.HaltReason);
            Assert.Contains("'chip' must be one of", setup.HaltReason, StringComparison.Ordinal);
            Assert.Null(setup.Board);
        }

        [Fact]
        public void Read_ConfigProblems_AllOnOneLine()
        {
            BeaconSetup setup = BeaconSetup.Read(Provisioned(Config + "feedback = loud\npanic.hold_ms = fast\n"), Drive, true, ChipPins.Named("esp32"));
            Assert.Equal("nf.config line 5: 'panic.hold_ms' must be a whole number from 200 to 10000, not 'fast'; "
                + "nf.config line 4: 'feedback' must be one of light, light+sound, silent, not 'loud'", setup.HaltReason);
            // The board profile is sound: the halt shows on its LED.
            Assert.Equal("ESP32-DevKitC", setup.Board.Name);
            Assert.Null(setup.Config);
        }

        [Fact]
        public void Read_ConfigNotText_Halts()
        {
            MemoryDrive drive = Provisioned();
            drive.Files[Drive + "nf.config"] = new byte[] { 0x62, 0x6f, 0xff, 0xfe, 0x0a };
            Assert.Equal(Drive + "nf.config is not UTF-8 text: it is damaged, or not the file 'provision' wrote; copy the files that 'provision' wrote (docs/provisioning.md)",
                BeaconSetup.Read(drive, Drive, true, ChipPins.Named("esp32")).HaltReason);
        }

        [Fact]
        public void Read_IdentityCutShort_Halts()
        {
            BeaconSetup setup = BeaconSetup.Read(Provisioned(seed: new byte[20]), Drive, true, ChipPins.Named("esp32"));
            Assert.Equal(Drive + "identity.seed is 20 bytes, not 32: it is damaged; copy the files that 'provision' wrote (docs/provisioning.md)", setup.HaltReason);
            // nf.config is sound: the halt keeps to its feedback setting.
            Assert.Equal(BeaconConfig.FeedbackLight, setup.Config.Feedback);
            Assert.Null(setup.Identity);
        }

        [Fact]
        public void Read_TestnetConfig_HaltsADevice_StartsTheSimulatedOne()
        {
            string testnet = "network = testnet\nnetwork.seed = http://127.0.0.1:22100/json_rpc\nnetwork.seed_pin = " + FakeNetwork.SeedPin
                + "\nboard = esp32-devkitc\nrecipient = " + Alice + " Alice\n";
            Assert.StartsWith("nf.config: 'wifi.ssid' is missing: this network = testnet configuration is for the harness's simulated device",
                BeaconSetup.Read(Provisioned(testnet), Drive, true, ChipPins.Named("esp32")).HaltReason);
            Assert.Null(BeaconSetup.Read(Provisioned(testnet), Drive, false, null).HaltReason);
        }

        [Fact]
        public void Read_BoardOfAnotherChip_Halts()
        {
            Assert.Equal("board.conf: chip = esp32, but this firmware is for the ESP32-C3: copy the board.conf of this board, or flash the firmware for its chip (docs/flashing.md)",
                BeaconSetup.Read(Provisioned(), Drive, true, ChipPins.OfFirmwareTarget("ESP32_C3")).HaltReason);
        }

        [Fact]
        public void Start_ProvisionedFiles_ABeaconStarted()
        {
            var random = new SeededRandom(_output, nameof(Start_ProvisionedFiles_ABeaconStarted));
            BeaconSetup setup = BeaconSetup.Read(Provisioned(), Drive, true, ChipPins.Named("esp32"));
            var network = new FakeNetwork(random, 12);
            Beacon beacon = setup.Start(new MemoryStore(), network.Profile, network, new FakeClock(network.ServerTime), new FixedRandom(random.Bytes(1 << 16)),
                new BeaconHardware(null, null, null, null, null), network.ServerTime);
            Assert.NotNull(beacon);
            Assert.Null(setup.HaltReason);
            Assert.Equal(BeaconStage.Boot, beacon.Stage);
            Assert.Equal(8, beacon.Outbox.Capacity);
            // The inbox's pages fit the board's reply cap, not the largest board's.
            Assert.Equal(setup.Board.ReplyCapBytes, beacon.Inbox.MaxReplyBytes);
            Assert.NotEqual(Inbox.DefaultReplyBytes, beacon.Inbox.MaxReplyBytes);
        }

        [Fact]
        public void Start_TheBeaconCannotBeBuilt_HaltsNamingTheStep_NoException()
        {
            BeaconSetup setup = BeaconSetup.Read(Provisioned(), Drive, true, ChipPins.Named("esp32"));
            Assert.Null(setup.Start(new MemoryStore(), setup.Profile(), null, null, null, null, 0));
            Assert.Equal("starting the beacon failed: Value cannot be null. (Parameter 'transport') (ArgumentNullException)", setup.HaltReason);
            Assert.Throws<InvalidOperationException>(() => setup.Start(new MemoryStore(), setup.Profile(), null, null, null, null, 0));
        }

        [Fact]
        public void Halt_TheDevicesOwnStepFailed_NamesIt()
        {
            BeaconSetup setup = BeaconSetup.Read(Provisioned(), Drive, true, ChipPins.Named("esp32"));
            setup.Halt("opening the button (GPIO4)", new InvalidOperationException("pin in use"));
            Assert.Equal("opening the button (GPIO4) failed: pin in use (InvalidOperationException)", setup.HaltReason);
        }

        // The device's drive with one file whose reads fail (a damaged flash sector).
        private sealed class UnreadableFile : IFileSystem
        {
            private readonly MemoryDrive _drive;
            private readonly string _path;

            public UnreadableFile(MemoryDrive drive, string path)
            {
                _drive = drive;
                _path = path;
            }

            public bool Exists(string path) => _drive.Exists(path);

            public byte[] ReadAllBytes(string path) => path == _path ? throw new IOException("flash read failed") : _drive.ReadAllBytes(path);

            public void WriteAllBytes(string path, byte[] bytes) => _drive.WriteAllBytes(path, bytes);

            public void Delete(string path) => _drive.Delete(path);

            public void Move(string source, string destination) => _drive.Move(source, destination);
        }
    }
}
