using System;
using System.IO;
using System.Security.Cryptography;
using System.Threading.Tasks;
using Session.Core.Micro.Identity;
using Session.Testnet;
using SessionBeacon.Harness.Identity;
using Xunit;

namespace SessionBeacon.Harness.Tests.Support
{
    /// <summary>
    /// A real testnet shared by one test class (an xUnit class fixture), on a /24 range of loopback addresses
    /// of its own, so the classes that run at the same time never share a node address.
    /// </summary>
    public abstract class ClassTestnet : IAsyncLifetime
    {
        private readonly string _name;
        private readonly int _nodes;
        private readonly int _firstSubnet;
        private TemporaryTestnet _testnet;

        /// <param name="name">Names its folder.</param>
        /// <param name="nodes">How many nodes, in swarms of four.</param>
        /// <param name="firstSubnet">The third byte of its first node address (127.0.N.1).</param>
        protected ClassTestnet(string name, int nodes, int firstSubnet)
        {
            _name = name;
            _nodes = nodes;
            _firstSubnet = firstSubnet;
        }

        public TestNetwork Network => _testnet.Network;

        public string Folder => _testnet.Folder;

        public async Task InitializeAsync()
        {
            _testnet = await TemporaryTestnet.StartAsync(_name, _nodes, 4, _firstSubnet);
        }

        public Task DisposeAsync() => _testnet.DisposeAsync().AsTask();

        /// <summary>A new folder path inside the testnet's (not yet made).</summary>
        public string NewFolder() => _testnet.NewFolder("data");

        /// <summary>
        /// A device folder as 'provision' writes it on this testnet, from the shipped nf.config, for one plain recipient:
        /// Alice, a new identity in <paramref name="aliceFolder"/>.
        /// </summary>
        public string ProvisionDevice(out string aliceFolder, out string aliceId)
        {
            aliceFolder = NewFolder();
            new IdentityFolder(aliceFolder).SaveSeed(RandomNumberGenerator.GetBytes(IdentityKeys.SeedSize));
            aliceId = new IdentityFolder(aliceFolder).LoadKeys().SessionId;
            string device = NewFolder();
            var made = new StringWriter();
            ExitCode code = Program.Run(new[]
            {
                "provision", "--board", "esp32-devkitc", "--out", device, "--recipient", aliceId + " Alice", "--no-hello",
                "--seed-url", Network.SeedUrl, "--seed-pin", Network.SeedPin, "--config", Path.Combine(AppContext.BaseDirectory, "shipped", "nf.config"),
            }, TextReader.Null, made, made);
            Assert.True(code == ExitCode.Ok, made.ToString());
            return device;
        }
    }
}
