// One attempt's way to its destination (docs/protocol.md §4): a live path, the destination, the onion
// keys of its layers and, for a request built ahead (PreparedStore), the finished bytes to post.
// A route from armed keys or a prepared store is only taken while it is current: its relays are
// still one of the live paths and its destination is still a member of the owner's swarm.
using Session.Core.Micro.Onion;

namespace Session.Core.Micro.Network
{
    internal sealed class OnionRoute
    {
        internal OnionRoute(OnionPath path, ServiceNode destination, OnionKeys keys, byte[] wire)
        {
            Path = path;
            Destination = destination;
            Keys = keys;
            Wire = wire;
        }

        /// <summary>The live path the request goes through.</summary>
        internal readonly OnionPath Path;

        /// <summary>The node that executes the request.</summary>
        internal readonly ServiceNode Destination;

        /// <summary>The layer keys; they also open the reply. Wiped after the attempt.</summary>
        internal readonly OnionKeys Keys;

        /// <summary>The finished request, or null to build it from the RpcRequest at send time.</summary>
        internal readonly byte[] Wire;

        /// <summary>The path's relays as the keys name them (guard first).</summary>
        internal static ServiceNode[] Relays(OnionKeys keys)
        {
            ServiceNode[] relays = new ServiceNode[keys.LayerCount - 1];
            for (int i = 0; i < relays.Length; i++)
            {
                relays[i] = keys.Node(i);
            }
            return relays;
        }
    }
}
