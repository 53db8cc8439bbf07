// The knobs that make a node misbehave as real nodes sometimes do (fault injection). A
// node reads its current NodeFaults once per request; changing them swaps the whole record.
using System;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Session.Testnet
{
    /// <summary>Faults of one node. The default value is a healthy node.</summary>
    public sealed record NodeFaults
    {
        public static readonly NodeFaults None = new NodeFaults();

        /// <summary>The node listens on nothing: connections to it are refused.</summary>
        public bool Down { get; init; }

        /// <summary>Every request waits this long before it is handled.</summary>
        public int DelayMs { get; init; }

        /// <summary>The share of requests (0 to 1) whose connection is cut without an answer.</summary>
        public double DropRate { get; init; }

        /// <summary>The node's clock is off by this much (its "now", its t, its time windows and expiries).</summary>
        public long ClockSkewMs { get; init; }

        /// <summary>The node claims no pubkey is its own (421 to store and retrieve) and answers get_swarm with another swarm.</summary>
        public bool WrongSwarm { get; init; }

        /// <summary>Successful answers leave the node damaged: one bit flipped (inside the ciphertext for onion replies).</summary>
        public bool CorruptReplies { get; init; }

        /// <summary>The node answers 503 to every request to relay an onion layer onward.</summary>
        public bool RefuseRelay { get; init; }

        public JsonObject ToJson()
        {
            return new JsonObject
            {
                ["down"] = Down,
                ["delay_ms"] = DelayMs,
                ["drop_rate"] = DropRate,
                ["clock_skew_ms"] = ClockSkewMs,
                ["wrong_swarm"] = WrongSwarm,
                ["corrupt_replies"] = CorruptReplies,
                ["refuse_relay"] = RefuseRelay,
            };
        }

        /// <summary>These faults with the members present in <paramref name="changes"/> replaced (the others kept).</summary>
        /// <exception cref="FormatException">An unknown knob or a value of the wrong type or range; the message names it.</exception>
        public NodeFaults With(JsonObject changes)
        {
            NodeFaults result = this;
            foreach (var (name, value) in changes)
            {
                try
                {
                    result = name switch
                    {
                        "down" => result with { Down = value.GetValue<bool>() },
                        "delay_ms" => result with { DelayMs = NonNegative(name, value.GetValue<int>()) },
                        "drop_rate" => result with { DropRate = Rate(value.GetValue<double>()) },
                        "clock_skew_ms" => result with { ClockSkewMs = value.GetValue<long>() },
                        "wrong_swarm" => result with { WrongSwarm = value.GetValue<bool>() },
                        "corrupt_replies" => result with { CorruptReplies = value.GetValue<bool>() },
                        "refuse_relay" => result with { RefuseRelay = value.GetValue<bool>() },
                        _ => throw new FormatException("unknown fault '" + name
                            + "'; the knobs are down, delay_ms, drop_rate, clock_skew_ms, wrong_swarm, corrupt_replies, refuse_relay"),
                    };
                }
                catch (Exception error) when (error is InvalidOperationException || error is NullReferenceException)
                {
                    throw new FormatException("fault '" + name + "' has a value of the wrong type: " + (value?.ToJsonString() ?? "null"));
                }
            }
            return result;
        }

        private static int NonNegative(string name, int value)
        {
            return value >= 0 ? value : throw new FormatException(name + " must not be negative");
        }

        private static double Rate(double value)
        {
            return value >= 0 && value <= 1 ? value : throw new FormatException("drop_rate must be between 0 and 1");
        }
    }
}
