// Reading service-node records from the three places they appear (docs/protocol.md §3.4, §3.8):
// seed/oxend "service_node_states" entries {public_ip, storage_port, pubkey_ed25519, pubkey_x25519},
// get_swarm "snodes" entries {ip, port_https, pubkey_ed25519, pubkey_x25519}, and the pool's own
// persisted form {ip, port, ed25519, x25519}. Entries with an empty or 0.0.0.0 address, a bad port
// or key are skipped (a hostile list cannot break the pool, only shrink it).
using System.Collections;
using Session.Core.Micro.Encoding;

namespace Session.Core.Micro.Network
{
    internal static class NodeParser
    {
        internal static ServiceNode[] Parse(JsonValue list, string ipName, string portName, string edName, string xName)
        {
            if (list == null || list.Kind != JsonKind.Array)
            {
                throw Errors.JsonShape(list == null ? 0 : list.Offset, "an array of service nodes");
            }
            ArrayList nodes = new ArrayList();
            for (int i = 0; i < list.Count; i++)
            {
                ServiceNode node = TryNode(list.Item(i), ipName, portName, edName, xName);
                if (node == null)
                {
                    continue;
                }
                bool duplicate = false;
                for (int j = 0; j < nodes.Count && !duplicate; j++)
                {
                    duplicate = ((ServiceNode)nodes[j]).SameNode(node);
                }
                if (!duplicate)
                {
                    nodes.Add(node);
                }
            }
            ServiceNode[] result = new ServiceNode[nodes.Count];
            for (int i = 0; i < result.Length; i++)
            {
                result[i] = (ServiceNode)nodes[i];
            }
            return result;
        }

        private static ServiceNode TryNode(JsonValue entry, string ipName, string portName, string edName, string xName)
        {
            if (entry.Kind != JsonKind.Object)
            {
                return null;
            }
            JsonValue ip = entry.Get(ipName);
            JsonValue port = entry.Get(portName);
            JsonValue ed = entry.Get(edName);
            JsonValue x = entry.Get(xName);
            if (ip == null || ip.Kind != JsonKind.String || !ServiceNode.IsUsableIPv4(ip.AsString())
                || port == null || ed == null || ed.Kind != JsonKind.String || x == null || x.Kind != JsonKind.String)
            {
                return null;
            }
            int portNumber = 0;
            if (port.IsInteger)
            {
                long value = port.AsInt64();
                portNumber = value >= 1 && value <= 65535 ? (int)value : 0;
            }
            else if (port.Kind == JsonKind.String)
            {
                portNumber = ParsePort(port.AsString());
            }
            byte[] edKey = Hex.TryDecode(ed.AsString());
            byte[] xKey = Hex.TryDecode(x.AsString());
            if (portNumber == 0 || edKey == null || edKey.Length != ServiceNode.KeySize || xKey == null || xKey.Length != ServiceNode.KeySize)
            {
                return null;
            }
            return new ServiceNode(ip.AsString(), portNumber, edKey, xKey);
        }

        // Indexes the text, which costs little on nanoCLR only because it is at most 5 characters.
        private static int ParsePort(string text)
        {
            if (text.Length < 1 || text.Length > 5)
            {
                return 0;
            }
            int value = 0;
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] < '0' || text[i] > '9')
                {
                    return 0;
                }
                value = value * 10 + (text[i] - '0');
            }
            return value >= 1 && value <= 65535 ? value : 0;
        }
    }
}
