namespace Session.Testnet
{
    /// <summary>How to lay out a test network.</summary>
    public sealed class TestnetOptions
    {
        /// <summary>Number of storage nodes (1 to 1000).</summary>
        public int NodeCount { get; init; } = 12;

        /// <summary>Nodes per swarm; the network has NodeCount / SwarmSize swarms (at least one), members spread round-robin.</summary>
        public int SwarmSize { get; init; } = 4;

        /// <summary>Where each node keeps its key file and database (node-00/, node-01/, ...) and the network map.</summary>
        public string DataFolder { get; init; }

        /// <summary>Nodes per /24: node i listens on 127.0.(FirstSubnet + i / NodesPerSubnet).(1 + i % NodesPerSubnet).</summary>
        public int NodesPerSubnet { get; init; } = 2;

        /// <summary>The third byte of the first nodes' addresses.</summary>
        public int FirstSubnet { get; init; } = 10;

        /// <summary>The seed (and admin) port on 127.0.0.1; 0: the one kept in the data folder from the last run, else a free one.</summary>
        public int SeedPort { get; init; }

        /// <summary>When set, each node runs in its own process started with this command (see <see cref="NodeProcess"/>).</summary>
        public NodeHostCommand NodeHost { get; init; }
    }
}
