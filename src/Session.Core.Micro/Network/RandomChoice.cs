// Uniform random picks from an IRandomSource for node selection (no System.Random in the core,
// so tests replay exact choices). Rejection sampling keeps the choice unbiased.
using Session.Core.Micro.Crypto;

namespace Session.Core.Micro.Network
{
    internal static class RandomChoice
    {
        /// <summary>A uniform integer in 0 .. count - 1 (count >= 1).</summary>
        internal static int Below(IRandomSource random, int count)
        {
            System.Diagnostics.Debug.Assert(count >= 1);
            if (count == 1)
            {
                return 0;
            }
            byte[] bytes = new byte[4];
            uint limit = uint.MaxValue - (uint.MaxValue % (uint)count);
            while (true)
            {
                random.Fill(bytes, 0, 4);
                uint value = (uint)(bytes[0] | bytes[1] << 8 | bytes[2] << 16 | bytes[3] << 24);
                if (value < limit)
                {
                    return (int)(value % (uint)count);
                }
            }
        }

        /// <summary>Shuffles <paramref name="items"/> in place (Fisher-Yates).</summary>
        internal static void Shuffle(IRandomSource random, ServiceNode[] items)
        {
            for (int i = items.Length - 1; i > 0; i--)
            {
                int j = Below(random, i + 1);
                ServiceNode t = items[i];
                items[i] = items[j];
                items[j] = t;
            }
        }
    }
}
