// The client's network time (docs/protocol.md §3.1, §3.7, §7 step 4), set before the first timestamp
// goes out and again after a 406/425, from `info` answers of independent nodes: different nodes in
// different /24 subnets (an operator's nodes often share one), over onion paths, never the node that
// refused the timestamp. The offsets (node time minus local time) decide, with the local clock as
// the anchor (the device sets it by SNTP before it goes online, Connection):
//   - first MinimumClockSamples nodes; when they agree within AgreementMs and their median lies within
//     MaxTimeStep of the anchor, the clock takes that median (the usual case: three requests);
//   - else up to ResyncSamples nodes; a median within MaxTimeStep of the anchor is taken;
//   - a median further away is a jump: taken only when every one of ResyncSamples nodes agrees on it
//     within AgreementMs, and so does a second round of ResyncSamples other nodes; the jump then
//     becomes the anchor. Otherwise the clock stays where the anchor puts it.
// Bound: unless 2 x ResyncSamples different nodes (each round in as many /24 subnets) all agree, the
// network time stays within MaxTimeStep of the local clock plus the last agreed jump (none at first),
// however many nodes lie and however often they make the client resynchronise; a reply's "t" never
// moves it. Half the network five minutes ahead cannot move it more than MaxTimeStep: a round of
// five random nodes is all ahead in about 1 of 32 cases at worst, two rounds in about 1 of 1,000,
// and never in a network where fewer than ten nodes lie.
using System.Collections;
using Session.Core.Micro.Encoding;

namespace Session.Core.Micro.Network
{
    internal static class ClockSync
    {
        /// <summary>Synchronises the clock unless it already is (timestamps go out only after that).</summary>
        internal static void Ensure(OnionDelivery delivery, string method)
        {
            if (!delivery.Clock.IsSynchronised)
            {
                Resync(delivery, method, null);
            }
        }

        /// <summary>The network's time from independent nodes, never <paramref name="suspect"/> (the node that refused our timestamp).</summary>
        /// <exception cref="ServiceNodeException">Fewer than MinimumClockSamples nodes told the time.</exception>
        internal static void Resync(OnionDelivery delivery, string method, ServiceNode suspect)
        {
            NetworkClock clock = delivery.Clock;
            ArrayList asked = new ArrayList();
            if (suspect != null)
            {
                asked.Add(suspect);
            }
            string problem;
            long[] round = Sample(delivery, asked, clock.Anchor, true, out problem);
            if (round.Length < ServiceNodeClient.MinimumClockSamples)
            {
                throw new ServiceNodeException(method + ": fewer than " + ServiceNodeClient.MinimumClockSamples.ToString()
                    + " nodes told the network's time (" + problem + ")", 0);
            }
            long median = Median(round);
            if (Near(median, clock.Anchor, ServiceNodeClient.MaxTimeStep))
            {
                clock.SetOffset(median, false);
                return;
            }
            if (round.Length == ServiceNodeClient.ResyncSamples && Agree(round, median))
            {
                long[] second = Sample(delivery, asked, median, false, out problem);
                if (second.Length == ServiceNodeClient.ResyncSamples && Agree(second, median))
                {
                    clock.SetOffset(Median(second), true);
                    return;
                }
            }
            // The nodes do not agree on a jump: keep the anchor's time (checked, so timestamps may go out).
            clock.SetOffset(clock.Offset, false);
        }

        // One round: offsets from up to ResyncSamples nodes, each new to this resync and in a /24 of its own
        // within the round; with mayStop, ends after MinimumClockSamples when they agree near the anchor.
        private static long[] Sample(OnionDelivery delivery, ArrayList asked, long anchor, bool mayStop, out string problem)
        {
            NetworkClock clock = delivery.Clock;
            ArrayList avoided = (ArrayList)asked.Clone();
            long[] offsets = new long[ServiceNodeClient.ResyncSamples];
            int count = 0;
            problem = "no node left to ask";
            for (int i = 0; i < ServiceNodeClient.ResyncSamples; i++)
            {
                InfoRequest info = new InfoRequest();
                JsonValue reply;
                try
                {
                    reply = delivery.Deliver(null, info, (ArrayList)avoided.Clone(), null);
                }
                catch (ServiceNodeException e)
                {
                    problem = e.Message;
                    break;
                }
                ServiceNode node = info.LastDestination;
                asked.Add(node);
                AvoidSubnet(delivery, avoided, node);
                JsonValue timestamp = reply.Get("timestamp");
                if (timestamp != null && timestamp.IsInteger && timestamp.AsInt64() > 0)
                {
                    offsets[count++] = timestamp.AsInt64() - clock.Local.UnixMilliseconds;
                }
                if (mayStop && count == ServiceNodeClient.MinimumClockSamples && i == count - 1)
                {
                    long[] first = Trim(offsets, count);
                    long median = Median(first);
                    if (Agree(first, median) && Near(median, anchor, ServiceNodeClient.MaxTimeStep))
                    {
                        return first;
                    }
                }
            }
            return Trim(offsets, count);
        }

        // The node, and every pool node in its /24, are not asked again in this round.
        private static void AvoidSubnet(OnionDelivery delivery, ArrayList avoided, ServiceNode node)
        {
            avoided.Add(node);
            ServiceNode[] pool = delivery.PoolNodes();
            string subnet = node.Subnet24;
            for (int i = 0; i < pool.Length; i++)
            {
                if (pool[i].Subnet24 == subnet)
                {
                    avoided.Add(pool[i]);
                }
            }
        }

        private static long[] Trim(long[] values, int count)
        {
            long[] trimmed = new long[count];
            System.Array.Copy(values, trimmed, count);
            return trimmed;
        }

        // The median of a few values (insertion sort of a copy; the lower middle for an even count).
        private static long Median(long[] values)
        {
            long[] sorted = (long[])values.Clone();
            for (int i = 1; i < sorted.Length; i++)
            {
                long value = sorted[i];
                int j = i - 1;
                while (j >= 0 && sorted[j] > value)
                {
                    sorted[j + 1] = sorted[j];
                    j--;
                }
                sorted[j + 1] = value;
            }
            return sorted[(sorted.Length - 1) / 2];
        }

        private static bool Agree(long[] values, long median)
        {
            for (int i = 0; i < values.Length; i++)
            {
                if (!Near(values[i], median, ServiceNodeClient.AgreementMs))
                {
                    return false;
                }
            }
            return true;
        }

        private static bool Near(long a, long b, long limit)
        {
            long difference = a - b;
            return difference <= limit && difference >= -limit;
        }
    }
}
