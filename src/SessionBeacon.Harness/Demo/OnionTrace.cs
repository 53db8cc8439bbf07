using System;
using System.Collections.Generic;
using Session.Testnet;

namespace SessionBeacon.Harness.Demo
{
    /// <summary>One node of a traced onion request and what it recorded.</summary>
    public sealed record TracedHop(NodeEntry Node, Observation Seen);

    /// <summary>
    /// The onion path of one store, read back from the testnet nodes' observations: start at a node
    /// that stored a message for the recipient and follow each hop's "from" address back to the node
    /// that handed it on, up to the guard, which was reached from outside the network. Several
    /// requests may have crossed the same nodes (a flash alert and the detailed alert to the same
    /// recipient), so every candidate hop is tried until one chain of four holds together.
    /// </summary>
    public static class OnionTrace
    {
        /// <summary>The number of nodes an onion store passes: guard, middle, middle, destination.</summary>
        public const int PathLength = 4;

        /// <summary>Guard, middle, middle, destination of a store for <paramref name="recipient"/>, or null with <paramref name="problem"/> set.</summary>
        /// <param name="map">The testnet's nodes.</param>
        /// <param name="seen">Per node, what it saw during the store (newest last).</param>
        /// <param name="recipient">The recipient's Session ID.</param>
        /// <param name="problem">Why no complete path was found.</param>
        public static TracedHop[] StorePath(NetworkMap map, Observation[][] seen, string recipient, out string problem)
        {
            problem = "no node recorded storing a message for " + recipient;
            for (int i = 0; i < seen.Length; i++)
            {
                for (int j = seen[i].Length - 1; j >= 0; j--)
                {
                    Observation o = seen[i][j];
                    if (o.Destination && o.Method == "store" && string.Equals(o.SessionId, recipient, StringComparison.OrdinalIgnoreCase))
                    {
                        var hops = new List<TracedHop> { new TracedHop(map.Nodes[i], o) };
                        if (Back(map, seen, hops, ref problem))
                        {
                            problem = null;
                            return hops.ToArray();
                        }
                    }
                }
            }
            return null;
        }

        // Extends the chain one hop towards the guard, trying every node that handed the request on.
        private static bool Back(NetworkMap map, Observation[][] seen, List<TracedHop> hops, ref string problem)
        {
            TracedHop current = hops[0];
            NodeEntry previous = FindByIp(map, current.Seen.From);
            if (hops.Count == PathLength)
            {
                if (previous == null)
                {
                    return true;
                }
                problem = "the guard " + current.Node.Ip + " was reached from the node " + previous.Ip + ": the path had more than " + PathLength + " nodes";
                return false;
            }
            if (previous == null)
            {
                problem = "the " + Ordinal(hops.Count) + " hop from the end came from " + current.Seen.From + ", not from a node: the path had " + hops.Count + " nodes";
                return false;
            }
            bool any = false;
            foreach (Observation o in seen[previous.Index])
            {
                if (string.Equals(o.NextHop, current.Node.Ed25519Hex, StringComparison.OrdinalIgnoreCase))
                {
                    any = true;
                    hops.Insert(0, new TracedHop(previous, o));
                    if (Back(map, seen, hops, ref problem))
                    {
                        return true;
                    }
                    hops.RemoveAt(0);
                }
            }
            if (!any)
            {
                problem = "node " + previous.Ip + " recorded no request it relayed to " + current.Node.Ip;
            }
            return false;
        }

        private static NodeEntry FindByIp(NetworkMap map, string ip)
        {
            foreach (NodeEntry node in map.Nodes)
            {
                if (node.Ip == ip)
                {
                    return node;
                }
            }
            return null;
        }

        private static string Ordinal(int n) => n == 1 ? "1st" : n == 2 ? "2nd" : n == 3 ? "3rd" : n + "th";
    }
}
