// Time per call of one operation: calibrate a batch to about the target time, run several batches,
// keep the median. Shared by the JIT benchmark and the interpreter benchmark.
using System;
using System.Diagnostics;

namespace Session.Core.Micro.Bench
{
    public static class Measure
    {
        /// <summary>Median microseconds per call of <paramref name="operation"/> over <paramref name="batches"/> batches.</summary>
        public static double Microseconds(Action operation, double batchSeconds, int batches)
        {
            operation();
            int calls = 1;
            var watch = Stopwatch.StartNew();
            while (true)
            {
                watch.Restart();
                for (int i = 0; i < calls; i++)
                {
                    operation();
                }
                watch.Stop();
                if (watch.Elapsed.TotalSeconds >= batchSeconds / 4 || calls >= 1 << 28)
                {
                    break;
                }
                calls *= 2;
            }
            calls = Math.Max(1, (int)(calls * batchSeconds / Math.Max(watch.Elapsed.TotalSeconds, 1e-9)));
            var perCall = new double[batches];
            for (int b = 0; b < batches; b++)
            {
                watch.Restart();
                for (int i = 0; i < calls; i++)
                {
                    operation();
                }
                watch.Stop();
                perCall[b] = watch.Elapsed.TotalMilliseconds * 1000.0 / calls;
            }
            Array.Sort(perCall);
            return perCall[batches / 2];
        }

        /// <summary>
        /// Median microseconds per call of single-use operations: <paramref name="prepare"/> makes one
        /// (untimed), each batch prepares its calls first and then times running them.
        /// </summary>
        public static double PreparedMicroseconds(Func<Action> prepare, double batchSeconds, int batches, int maxCalls)
        {
            var watch = Stopwatch.StartNew();
            Action first = prepare();
            watch.Restart();
            first();
            watch.Stop();
            int calls = Math.Max(1, Math.Min(maxCalls, (int)(batchSeconds / Math.Max(watch.Elapsed.TotalSeconds, 1e-9))));
            var perCall = new double[batches];
            var ready = new Action[calls];
            for (int b = 0; b < batches; b++)
            {
                for (int i = 0; i < calls; i++)
                {
                    ready[i] = prepare();
                }
                watch.Restart();
                for (int i = 0; i < calls; i++)
                {
                    ready[i]();
                }
                watch.Stop();
                perCall[b] = watch.Elapsed.TotalMilliseconds * 1000.0 / calls;
            }
            Array.Sort(perCall);
            return perCall[batches / 2];
        }
    }
}
