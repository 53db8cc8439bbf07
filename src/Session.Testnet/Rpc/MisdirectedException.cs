using System.Text.Json.Nodes;

namespace Session.Testnet
{
    /// <summary>A 421 answer carries a JSON body (the right swarm), unlike other errors.</summary>
    public sealed class MisdirectedException : RpcException
    {
        public MisdirectedException(JsonObject swarm) : base(421, "Misdirected Request")
        {
            Swarm = swarm;
        }

        public JsonObject Swarm { get; }
    }
}
