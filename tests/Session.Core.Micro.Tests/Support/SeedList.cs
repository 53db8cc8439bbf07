using System;
using System.Collections.Generic;
using System.Linq;


namespace Session.Core.Micro.Tests.Support
{
    /// <summary>
    /// A seed's get_n_service_nodes answer with swarm ids, written as oxend writes it (keys in alphabetical
    /// order, swarm_id a JSON number of up to 20 digits), with random nodes spread over random swarms:
    /// the input of the streaming seed reader's tests and of its allocation figures.
    /// </summary>
    public sealed class SeedList
    {
        public sealed record Entry(string Ip, int Port, string Ed25519, string X25519, ulong Swarm);

        public SeedList(SeededRandom random, int nodes, int swarms)
        {
            ulong[] ids = Enumerable.Range(0, swarms).Select(_ => BitConverter.ToUInt64(random.Bytes(8)) >> 1 << 1).ToArray();
            for (int i = 0; i < nodes; i++)
            {
                byte[] ip = random.Bytes(3);
                Entries.Add(new Entry((11 + ip[0] % 200) + "." + ip[1] + "." + ip[2] + "." + (1 + i % 250), 22021,
                    Convert.ToHexStringLower(random.Bytes(32)), Convert.ToHexStringLower(random.Bytes(32)), ids[random.Next(swarms)]));
            }
        }

        public List<Entry> Entries { get; } = new List<Entry>();

        public byte[] Json(Func<Entry, string> more = null)
        {
            var text = new System.Text.StringBuilder("{\"id\":\"0\",\"jsonrpc\":\"2.0\",\"result\":{\"block_hash\":\"" + new string('a', 64)
                + "\",\"hardfork\":19,\"height\":1530000,\"service_node_states\":[");
            for (int i = 0; i < Entries.Count; i++)
            {
                Entry e = Entries[i];
                text.Append(i == 0 ? "" : ",").Append("{\"public_ip\":\"").Append(e.Ip).Append("\",\"pubkey_ed25519\":\"").Append(e.Ed25519)
                    .Append("\",\"pubkey_x25519\":\"").Append(e.X25519).Append("\",\"storage_port\":").Append(e.Port)
                    .Append(",\"swarm_id\":").Append(e.Swarm).Append(more == null ? "" : more(e)).Append('}');
            }
            return System.Text.Encoding.UTF8.GetBytes(text.Append("],\"status\":\"OK\"}}").ToString());
        }

        /// <summary>The members of the swarm owning <paramref name="position"/> by docs/protocol.md §3.6 over the whole list.</summary>
        public string[] MembersOf(ulong position)
        {
            ulong owner = SwarmRule.Owner(Entries.Select(e => e.Swarm).ToArray(), position);
            return Entries.Where(e => e.Swarm == owner).Select(e => e.Ed25519).OrderBy(h => h).ToArray();
        }
    }
}
