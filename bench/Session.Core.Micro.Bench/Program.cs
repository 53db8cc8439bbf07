// JIT benchmark of the core beside libsodium and BouncyCastle (docs/performance.md).
using System;
using System.Collections.Generic;
using System.Globalization;

namespace Session.Core.Micro.Bench
{
    public static class Program
    {
        public static int Main(string[] args)
        {
            double seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 0.3;
            // Optional: only the entries whose name contains this text.
            string only = args.Length > 1 ? args[1] : "";
            var core = new CoreOperations();
            var others = Competitors.For(core);
            Console.WriteLine("| operation | core µs | libsodium µs | core / libsodium | BouncyCastle µs | core / BouncyCastle | core bytes allocated per call |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
            foreach (var (name, run) in core.All())
            {
                if (!name.Contains(only))
                {
                    continue;
                }
                double ours = Measure.Microseconds(run, seconds, 5);
                // Operations without a counterpart in libsodium or BouncyCastle have no entry.
                var (sodium, bouncy) = others.GetValueOrDefault(name);
                double sodiumTime = sodium == null ? double.NaN : Measure.Microseconds(sodium, seconds, 5);
                double bouncyTime = bouncy == null ? double.NaN : Measure.Microseconds(bouncy, seconds, 5);
                Console.WriteLine("| " + name + " | " + Format(ours) + " | " + Format(sodiumTime) + " | " + Ratio(ours, sodiumTime)
                    + " | " + Format(bouncyTime) + " | " + Ratio(ours, bouncyTime) + " | " + AllocatedPerCall(run) + " |");
            }
            foreach (var (name, prepare) in core.Armed())
            {
                if (!name.Contains(only))
                {
                    continue;
                }
                // Single-use slots: each call is prepared untimed; libsodium and BouncyCastle have no such operation.
                var (sodium, bouncy) = others[name];
                double ours = Measure.PreparedMicroseconds(prepare, seconds, 5, 5000);
                double sodiumTime = sodium == null ? double.NaN : Measure.Microseconds(sodium, seconds, 5);
                double bouncyTime = bouncy == null ? double.NaN : Measure.Microseconds(bouncy, seconds, 5);
                Console.WriteLine("| " + name + " | " + Format(ours) + " | " + Format(sodiumTime) + " | " + Ratio(ours, sodiumTime)
                    + " | " + Format(bouncyTime) + " | " + Ratio(ours, bouncyTime) + " | " + AllocatedPerPreparedCall(prepare) + " |");
            }
            var presses = new PressToFlash(core);
            foreach (var (name, prepare) in presses.Entries())
            {
                if (!name.Contains(only))
                {
                    continue;
                }
                // A press is single-use (a fresh beacon each); nothing to compare it with.
                Console.WriteLine("| " + name + " | " + Format(Measure.PreparedMicroseconds(prepare, seconds, 5, 20)) + " | - | - | - | - | "
                    + AllocatedPerPreparedCall(prepare) + " |");
            }
            presses.Release();
            Console.WriteLine();
            int total = StaticTables.Bytes(typeof(Session.Core.Micro.Crypto.X25519).Assembly, line => Console.WriteLine("static table " + line));
            Console.WriteLine("static tables in all: " + total + " B");
            Console.WriteLine("ratchet state stored per receiver: " + CoreOperations.RatchetStateBytes + " B");
            return 0;
        }

        private static long AllocatedPerCall(Action run)
        {
            const int calls = 100;
            run();
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < calls; i++)
            {
                run();
            }
            return (GC.GetAllocatedBytesForCurrentThread() - before) / calls;
        }

        private static long AllocatedPerPreparedCall(Func<Action> prepare)
        {
            const int calls = 100;
            var ready = new Action[calls];
            for (int i = 0; i < calls; i++)
            {
                ready[i] = prepare();
            }
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < calls; i++)
            {
                ready[i]();
            }
            return (GC.GetAllocatedBytesForCurrentThread() - before) / calls;
        }

        private static string Format(double microseconds) => double.IsNaN(microseconds) ? "-" : microseconds.ToString("0.00", CultureInfo.InvariantCulture);

        private static string Ratio(double ours, double theirs) => double.IsNaN(theirs) ? "-" : (ours / theirs).ToString("0.00", CultureInfo.InvariantCulture) + "x";
    }
}
