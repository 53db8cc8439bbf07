// The knobs that make a node misbehave as real nodes sometimes do (fault injection), and as hostile
// ones do on purpose: anyone may run a service node (docs/threat-model.md). A node reads its
// current NodeFaults once per request; changing them swaps the whole record. The JSON names (the
// admin endpoint's and the node process's) are listed in KnobNames and docs/testnet.md.
using System;
using System.Text.Json.Nodes;

namespace Session.Testnet
{
    /// <summary>Faults of one node. The default value is a healthy node.</summary>
    public sealed record NodeFaults
    {
        public static readonly NodeFaults None = new NodeFaults();

        /// <summary>The JSON names of the knobs, in the order ToJson writes them.</summary>
        public const string KnobNames = "down, delay_ms, drop_rate, clock_skew_ms, reported_clock_skew_ms, wrong_swarm, claim_swarm, conspirators, "
            + "sign_without_storing, hostile_json, hostile_json_bytes, drip_ms, corrupt_replies, refuse_relay";

        /// <summary>Size of a hostile JSON answer when HostileJsonBytes is 0: a few MB, far past any client's reply cap.</summary>
        public const int DefaultHostileJsonBytes = 3 * 1024 * 1024;

        /// <summary>The node listens on nothing: connections to it are refused.</summary>
        public bool Down { get; init; }

        /// <summary>Every request waits this long before it is handled.</summary>
        public int DelayMs { get; init; }

        /// <summary>The share of requests (0 to 1) whose connection is cut without an answer.</summary>
        public double DropRate { get; init; }

        /// <summary>The node's clock is off by this much (its "now", its t, its time windows and expiries).</summary>
        public long ClockSkewMs { get; init; }

        /// <summary>
        /// The node lies about the time by this much: every time it reports ("t", info's "timestamp", a receipt's "t")
        /// is shifted, while its own checks keep its true clock. Adds to ClockSkewMs.
        /// </summary>
        public long ReportedClockSkewMs { get; init; }

        /// <summary>The node claims no pubkey is its own (421 to store and retrieve) and answers get_swarm with another swarm.</summary>
        public bool WrongSwarm { get; init; }

        /// <summary>
        /// The node claims to be the swarm of every pubkey: for a pubkey outside its swarm, store and retrieve get a 421 and
        /// get_swarm a 200 whose members are this node and its <see cref="Conspirators"/>, under the pubkey's true swarm id.
        /// </summary>
        public bool ClaimSwarm { get; init; }

        /// <summary>Node indices that ClaimSwarm names beside this node (they need not be faulted themselves).</summary>
        public int[] Conspirators { get; init; } = Array.Empty<int>();

        /// <summary>
        /// Stores nothing but answers as if it had: its own signed receipt for the hash, no replication to the swarm. With
        /// ClaimSwarm it also takes stores for pubkeys outside its swarm this way, and answers their retrieves with no messages.
        /// </summary>
        public bool SignWithoutStoring { get; init; }

        /// <summary>Successful JSON answers (direct and inside onion replies) carry a hostile member first; see <see cref="HostileJson"/>.</summary>
        public HostileJsonKind HostileJson { get; init; }

        /// <summary>Size of the hostile member in bytes; 0 means DefaultHostileJsonBytes.</summary>
        public int HostileJsonBytes { get; init; }

        /// <summary>Every answer's body is trickled out over this many ms (headers at once, then a few bytes at a time).</summary>
        public int DripMs { get; init; }

        /// <summary>Successful answers leave the node damaged: one bit flipped (inside the ciphertext for onion replies).</summary>
        public bool CorruptReplies { get; init; }

        /// <summary>The node answers 503 to every request to relay an onion layer onward.</summary>
        public bool RefuseRelay { get; init; }

        public JsonObject ToJson()
        {
            var conspirators = new JsonArray();
            foreach (int index in Conspirators)
            {
                conspirators.Add(index);
            }
            return new JsonObject
            {
                ["down"] = Down,
                ["delay_ms"] = DelayMs,
                ["drop_rate"] = DropRate,
                ["clock_skew_ms"] = ClockSkewMs,
                ["reported_clock_skew_ms"] = ReportedClockSkewMs,
                ["wrong_swarm"] = WrongSwarm,
                ["claim_swarm"] = ClaimSwarm,
                ["conspirators"] = conspirators,
                ["sign_without_storing"] = SignWithoutStoring,
                ["hostile_json"] = HostileAnswer.Name(HostileJson),
                ["hostile_json_bytes"] = HostileJsonBytes,
                ["drip_ms"] = DripMs,
                ["corrupt_replies"] = CorruptReplies,
                ["refuse_relay"] = RefuseRelay,
            };
        }

        // Equal when they name the same knobs with the same values (Conspirators is an array, compared by its items).
        public bool Equals(NodeFaults other)
        {
            return other is not null && ToJson().ToJsonString() == other.ToJson().ToJsonString();
        }

        public override int GetHashCode()
        {
            return ToJson().ToJsonString().GetHashCode(StringComparison.Ordinal);
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
                        "reported_clock_skew_ms" => result with { ReportedClockSkewMs = value.GetValue<long>() },
                        "wrong_swarm" => result with { WrongSwarm = value.GetValue<bool>() },
                        "claim_swarm" => result with { ClaimSwarm = value.GetValue<bool>() },
                        "conspirators" => result with { Conspirators = Indices(name, value.AsArray()) },
                        "sign_without_storing" => result with { SignWithoutStoring = value.GetValue<bool>() },
                        "hostile_json" => result with { HostileJson = HostileAnswer.Parse(value?.GetValue<string>()) },
                        "hostile_json_bytes" => result with { HostileJsonBytes = NonNegative(name, value.GetValue<int>()) },
                        "drip_ms" => result with { DripMs = NonNegative(name, value.GetValue<int>()) },
                        "corrupt_replies" => result with { CorruptReplies = value.GetValue<bool>() },
                        "refuse_relay" => result with { RefuseRelay = value.GetValue<bool>() },
                        _ => throw new FormatException("unknown fault '" + name + "'; the knobs are " + KnobNames),
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

        private static int[] Indices(string name, JsonArray values)
        {
            var indices = new int[values.Count];
            for (int i = 0; i < indices.Length; i++)
            {
                indices[i] = NonNegative(name, values[i].GetValue<int>());
            }
            return indices;
        }
    }
}
