using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Session.Testnet;
using Xunit;

namespace SessionBeacon.EndToEnd.Tests.Support
{
    /// <summary>
    /// One real 12-node testnet (swarms of 4, two nodes per /24) in this process, shared by the tests
    /// of the "testnet" collection, which run one after another and heal every node afterwards.
    /// Its nodes live on 127.0.100.1 to 127.0.105.2, a range no other test project uses, so the
    /// projects' test runs may overlap.
    /// </summary>
    public sealed class TestnetFixture : IAsyncLifetime
    {
        public const int FirstSubnet = 100;

        private TemporaryTestnet _testnet;

        public TestNetwork Network => _testnet.Network;

        public string Folder => _testnet.Folder;

        public async Task InitializeAsync()
        {
            _testnet = await TemporaryTestnet.StartAsync("e2e", 12, 4, FirstSubnet);
        }

        public Task DisposeAsync() => _testnet.DisposeAsync().AsTask();

        /// <summary>A fresh folder for one client's store.</summary>
        public string NewClientFolder() => Directory.CreateDirectory(_testnet.NewFolder("client")).FullName;

        /// <summary>Every node healthy and running again.</summary>
        public async Task HealAsync()
        {
            for (int i = 0; i < Network.NodeCount; i++)
            {
                await Network.SetFaultsAsync(i, NodeFaults.None);
                if (!Network.IsRunning(i))
                {
                    await Network.StartNodeAsync(i);
                }
            }
        }

        /// <summary>Testnet indices of the members of the swarm that stores <paramref name="sessionId"/>.</summary>
        public int[] SwarmOf(string sessionId) =>
            Network.Map.Members(Network.Map.SwarmOf(Convert.FromHexString(sessionId))).Select(e => e.Index).ToArray();

        /// <summary>The testnet index of the node with this Ed25519 key.</summary>
        public int IndexOf(string ed25519Hex) => Network.Map.FindByEd25519(ed25519Hex)?.Index
            ?? throw new ArgumentException("no testnet node has the key " + ed25519Hex);

        public string KeyOf(int index) => Network.Map.Nodes[index].Ed25519Hex;
    }

    [CollectionDefinition("testnet")]
    public sealed class TestnetCollection : ICollectionFixture<TestnetFixture>
    {
    }
}
