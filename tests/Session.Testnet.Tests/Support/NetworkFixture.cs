using System.IO;
using System.Threading.Tasks;
using Xunit;

namespace Session.Testnet.Tests.Support
{
    /// <summary>One 12-node network (swarms of 4) in this process, shared by the tests of the "network" collection.</summary>
    public sealed class NetworkFixture : IAsyncLifetime
    {
        private string _folder;

        public TestNetwork Network { get; private set; }

        public OnionClient Client { get; } = new OnionClient();

        public async Task InitializeAsync()
        {
            _folder = Directory.CreateTempSubdirectory("testnet").FullName;
            Network = await TestNetwork.StartAsync(new TestnetOptions { NodeCount = 12, SwarmSize = 4, DataFolder = _folder });
        }

        public async Task DisposeAsync()
        {
            Client.Dispose();
            await Network.DisposeAsync();
            Directory.Delete(_folder, true);
        }

        /// <summary>Puts every node back to healthy (fault tests call it in finally).</summary>
        public async Task HealAsync()
        {
            for (int i = 0; i < Network.NodeCount; i++)
            {
                await Network.SetFaultsAsync(i, NodeFaults.None);
            }
        }
    }

    [CollectionDefinition("network")]
    public sealed class NetworkCollection : ICollectionFixture<NetworkFixture>
    {
    }
}
