using System;
using System.Threading.Tasks;

namespace Session.Testnet
{
    /// <summary>A node as the network controller drives it, in this process or in its own.</summary>
    internal interface IHostedNode : IAsyncDisposable
    {
        NodeEntry Entry { get; }

        NodeFaults Faults { get; }

        bool IsRunning { get; }

        Task SetFaultsAsync(NodeFaults faults);

        Task<Observation[]> ObservationsAsync();

        /// <summary>Shuts the node down cleanly; its files stay.</summary>
        Task StopAsync();

        /// <summary>Starts a stopped (or killed) node again on the same address with the same files.</summary>
        Task StartAsync();

        /// <summary>Ends the node abruptly (kills its process); in-process nodes stop as cleanly as they can.</summary>
        void Kill();
    }
}
