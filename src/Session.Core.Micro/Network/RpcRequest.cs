// A storage RPC whose body is rebuilt for each attempt: timestamps follow the (re-synchronised)
// network clock, and retrieve's last_hash cursor depends on the chosen swarm member. A request
// whose answer may be too large to hold (a retrieve within a reply limit) reads it as it arrives
// (NewReplyReader); the others get it whole, as JSON.
namespace Session.Core.Micro.Network
{
    internal abstract class RpcRequest
    {
        /// <summary>The {"method","params"} body for <paramref name="destination"/> at network time <paramref name="now"/>.</summary>
        internal abstract byte[] Build(long now, ServiceNode destination);

        /// <summary>A reader for the answer's body of the next attempt, read as it arrives; null (the default) to have it whole.</summary>
        internal virtual IResponseSink NewReplyReader()
        {
            return null;
        }

        /// <summary>True when the last reader from NewReplyReader read a whole answer it understands.</summary>
        internal virtual bool ReplyRead
        {
            get { return false; }
        }

        /// <summary>The method name, for error messages.</summary>
        internal abstract string Method { get; }
    }
}
