using System;
using System.IO;
using System.Threading.Tasks;

namespace Session.Testnet
{
    /// <summary>
    /// A testnet whose data lives in a fresh temporary folder, removed with it: what test fixtures
    /// start once and share. Client folders made with <see cref="NewFolder"/> go in the same place.
    /// </summary>
    public sealed class TemporaryTestnet : IAsyncDisposable
    {
        private TemporaryTestnet(TestNetwork network, string folder)
        {
            Network = network;
            Folder = folder;
        }

        public TestNetwork Network { get; }

        /// <summary>The temporary folder; the nodes' data is in its "testnet" subfolder.</summary>
        public string Folder { get; }

        /// <summary>Starts <paramref name="nodeCount"/> nodes in swarms of <paramref name="swarmSize"/> on 127.0.<paramref name="firstSubnet"/>.1 and up.</summary>
        public static async Task<TemporaryTestnet> StartAsync(string name, int nodeCount, int swarmSize, int firstSubnet)
        {
            string folder = Directory.CreateTempSubdirectory(name).FullName;
            TestNetwork network = await TestNetwork.StartAsync(new TestnetOptions
            {
                NodeCount = nodeCount,
                SwarmSize = swarmSize,
                DataFolder = Path.Combine(folder, "testnet"),
                FirstSubnet = firstSubnet,
            });
            return new TemporaryTestnet(network, folder);
        }

        /// <summary>A new folder path inside <see cref="Folder"/> (not created) for one client's files.</summary>
        public string NewFolder(string prefix) => Path.Combine(Folder, prefix + "-" + Guid.NewGuid().ToString("n"));

        public async ValueTask DisposeAsync()
        {
            await Network.DisposeAsync();
            Directory.Delete(Folder, true);
        }
    }
}
