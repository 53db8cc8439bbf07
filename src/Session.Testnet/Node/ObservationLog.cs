using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace Session.Testnet
{
    /// <summary>A node's most recent observations (the oldest fall off past <see cref="Capacity"/>).</summary>
    public sealed class ObservationLog
    {
        public const int Capacity = 4096;

        private readonly Queue<Observation> _entries = new Queue<Observation>();

        public void Add(Observation observation)
        {
            lock (_entries)
            {
                if (_entries.Count == Capacity)
                {
                    _entries.Dequeue();
                }
                _entries.Enqueue(observation);
            }
        }

        public Observation[] Snapshot()
        {
            lock (_entries)
            {
                return _entries.ToArray();
            }
        }

        public static JsonArray ToJson(Observation[] observations)
        {
            var array = new JsonArray();
            foreach (Observation seen in observations)
            {
                array.Add(new JsonObject
                {
                    ["time"] = seen.TimeMs,
                    ["endpoint"] = seen.Endpoint,
                    ["from"] = seen.From,
                    ["next_hop"] = seen.NextHop,
                    ["destination"] = seen.Destination,
                    ["method"] = seen.Method,
                    ["session_id"] = seen.SessionId,
                    ["status"] = seen.Status,
                });
            }
            return array;
        }
    }
}
