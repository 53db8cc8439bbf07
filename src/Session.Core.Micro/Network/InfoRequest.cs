// info (docs/protocol.md §3.8): the node's time; the node asked is kept so a clock resync asks
// distinct nodes.
namespace Session.Core.Micro.Network
{
    internal sealed class InfoRequest : RpcRequest
    {
        internal ServiceNode LastDestination;

        internal override string Method
        {
            get { return "info"; }
        }

        internal override byte[] Build(long now, ServiceNode destination)
        {
            LastDestination = destination;
            return Requests.Info();
        }
    }
}
