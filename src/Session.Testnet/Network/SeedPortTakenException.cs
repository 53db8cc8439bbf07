using System.IO;

namespace Session.Testnet
{
    /// <summary>The port the seed must serve on is in use by another program; the network was not started.</summary>
    public sealed class SeedPortTakenException : IOException
    {
        public SeedPortTakenException(int port, string keptIn)
            : base("the seed's port 127.0.0.1:" + port + (keptIn == null ? "" : ", kept from the last run on " + keptIn + " (its clients were given that URL),")
                + " is in use by another program")
        {
            Port = port;
        }

        /// <summary>The port on 127.0.0.1.</summary>
        public int Port { get; }
    }
}
