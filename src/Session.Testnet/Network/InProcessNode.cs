using System.Threading.Tasks;

namespace Session.Testnet
{
    /// <summary>A node served by this process.</summary>
    internal sealed class InProcessNode : IHostedNode
    {
        public InProcessNode(StorageNode node)
        {
            Node = node;
        }

        public StorageNode Node { get; }

        public NodeEntry Entry => Node.Self;

        public NodeFaults Faults => Node.Faults;

        public bool IsRunning => Node.Store != null;

        public Task SetFaultsAsync(NodeFaults faults) => Node.SetFaultsAsync(faults);

        public Task<Observation[]> ObservationsAsync() => Task.FromResult(Node.Observations.Snapshot());

        public Task StopAsync() => Node.StopAsync();

        public Task StartAsync() => Node.StartAsync();

        public void Kill() => Node.StopAsync().GetAwaiter().GetResult();

        public ValueTask DisposeAsync() => Node.DisposeAsync();
    }
}
