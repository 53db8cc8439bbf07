// A storage RPC whose body is rebuilt for each attempt: timestamps follow the (re-synchronised)
// network clock, and retrieve's last_hash cursor depends on the chosen swarm member.
namespace Session.Core.Micro.Network
{
    internal abstract class RpcRequest
    {
        /// <summary>The {"method","params"} body for <paramref name="destination"/> at network time <paramref name="now"/>.</summary>
        internal abstract byte[] Build(long now, ServiceNode destination);

        /// <summary>The method name, for error messages.</summary>
        internal abstract string Method { get; }
    }
}
