using System;
using System.Collections.Generic;
using Session.Testnet;

namespace SessionBeacon.Harness.Demo
{
    /// <summary>One node of a traced onion request and what it recorded.</summary>
    public sealed record TracedHop(NodeEntry Node, Observation Seen);

    /// <summary>
    /// The onion path of one store, read back from the testnet nodes' observations: start at the
    /// node that stored the message for the recipient and follow each hop's "from" address back to
    /// the node that handed it on, up to the guard that the client reached directly.
    /// </summary>
    public static class OnionTrace
    {
        /// <summary>Guard, middle, middle, destination of the store for <paramref name="recipient"/>, or null with <paramref name="problem"/> set.</summary>
        /// <param name="map">The testnet's nodes.</param>
        /// <param name="seen">Per node, what it saw during the store (newest last).</param>
        /// <param name="recipient">The recipient's Session ID.</param>
        /// <param name="problem">Why no complete path was found.</param>
        public static TracedHop[] StorePath(NetworkMap map, Observation[][] seen, string recipient, out string problem)
        {
            problem = null;
            TracedHop current = null;
            for (int i = 0; i < seen.Length; i++)
            {
                foreach (Observation o in seen[i])
                {
                    if (o.Destination && o.Method == "store" && string.Equals(o.SessionId, recipient, StringComparison.OrdinalIgnoreCase))
                    {
                        current = new TracedHop(map.Nodes[i], o);
                    }
                }
            }
            if (current == null)
            {
                problem = "no node recorded storing a message for " + recipient;
                return null;
            }
            var hops = new List<TracedHop> { current };
            while (hops.Count < 4)
            {
                NodeEntry previous = FindByIp(map, current.Seen.From);
                if (previous == null)
                {
                    problem = "the " + Ordinal(hops.Count) + " hop from the end came from " + current.Seen.From + ", not from a node: the path had " + hops.Count + " nodes";
                    return null;
                }
                Observation handedOn = null;
                foreach (Observation o in seen[previous.Index])
                {
                    if (string.Equals(o.NextHop, current.Node.Ed25519Hex, StringComparison.OrdinalIgnoreCase))
                    {
                        handedOn = o;
                    }
                }
                if (handedOn == null)
                {
                    problem = "node " + previous.Ip + " recorded no request it relayed to " + current.Node.Ip;
                    return null;
                }
                current = new TracedHop(previous, handedOn);
                hops.Insert(0, current);
            }
            return hops.ToArray();
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
