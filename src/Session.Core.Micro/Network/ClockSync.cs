// The client's network time (docs/protocol.md §3.1, §7 step 4): set from the median of several nodes'
// `info` before the first timestamp goes out, and after a 406/425; every reply's "t" then nudges
// it by at most ServiceNodeClient.MaxTimeStep, so one node with a wrong clock cannot set ours.
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

        /// <summary>
        /// The network's time from up to ResyncSamples distinct nodes, never <paramref name="suspect"/>
        /// (the node that refused our timestamp): the median offset.
        /// </summary>
        internal static void Resync(OnionDelivery delivery, string method, ServiceNode suspect)
        {
            NetworkClock clock = delivery.Clock;
            ArrayList asked = new ArrayList();
            if (suspect != null)
            {
                asked.Add(suspect);
            }
            long[] offsets = new long[ServiceNodeClient.ResyncSamples];
            int count = 0;
            string problem = "no node left to ask";
            for (int i = 0; i < ServiceNodeClient.ResyncSamples; i++)
            {
                InfoRequest info = new InfoRequest();
                JsonValue reply;
                try
                {
                    reply = delivery.Deliver(null, info, (ArrayList)asked.Clone(), null);
                }
                catch (ServiceNodeException e)
                {
                    problem = e.Message;
                    break;
                }
                asked.Add(info.LastDestination);
                JsonValue timestamp = reply.Get("timestamp");
                if (timestamp != null && timestamp.IsInteger && timestamp.AsInt64() > 0)
                {
                    offsets[count++] = timestamp.AsInt64() - clock.Local.UnixMilliseconds;
                }
            }
            if (count == 0)
            {
                throw new ServiceNodeException(method + ": no node told the network's time (" + problem + ")", 0);
            }
            // Insertion sort of at most ResyncSamples values.
            for (int i = 1; i < count; i++)
            {
                long value = offsets[i];
                int j = i - 1;
                while (j >= 0 && offsets[j] > value)
                {
                    offsets[j + 1] = offsets[j];
                    j--;
                }
                offsets[j + 1] = value;
            }
            clock.Observe(clock.Local.UnixMilliseconds + offsets[count / 2]);
        }

        /// <summary>Lets a reply's "t" nudge a synchronised clock by at most MaxTimeStep.</summary>
        internal static void Observe(NetworkClock clock, JsonValue body)
        {
            if (body == null || body.Kind != JsonKind.Object)
            {
                return;
            }
            JsonValue t = body.Get("t");
            if (t == null || !t.IsInteger || t.AsInt64() <= 0)
            {
                return;
            }
            // Setting the clock, or a larger jump (a node whose clock is off), takes the median of several nodes (Resync).
            long step = t.AsInt64() - clock.Now;
            if (clock.IsSynchronised && step <= ServiceNodeClient.MaxTimeStep && step >= -ServiceNodeClient.MaxTimeStep)
            {
                clock.Observe(t.AsInt64());
            }
        }
    }
}
