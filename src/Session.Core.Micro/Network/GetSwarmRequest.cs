// get_swarm (docs/protocol.md §3.4): the same body on every attempt, as it carries no timestamp.
namespace Session.Core.Micro.Network
{
    internal sealed class GetSwarmRequest : RpcRequest
    {
        private readonly byte[] _body;

        internal GetSwarmRequest(string sessionId)
        {
            _body = Requests.GetSwarm(sessionId);
        }

        internal override string Method
        {
            get { return "get_swarm"; }
        }

        internal override byte[] Build(long now, ServiceNode destination)
        {
            return _body;
        }
    }
}
