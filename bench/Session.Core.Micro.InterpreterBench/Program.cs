// Times the core's operations under whatever runtime runs this program; bench/run.sh runs it with
// `mono --interpreter`, and multiplies by nanoCLR's measured slowdown for an ESP32 estimate.
using System;

namespace Session.Core.Micro.Bench
{
    public static class Program
    {
        // docs/portable-csharp.md §5: ESP32 time is about 110-300 times the mono-interpreter time.
        private const double EspLow = 110;
        private const double EspHigh = 300;

        // Each prepared press holds a beacon (and, in flight, a waiting thread) until its batch is timed.
        private const int PressCalls = 20;

        public static int Main(string[] args)
        {
            double seconds = args.Length > 0 ? double.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 0.5;
            // Optional: only the entries whose name contains this text.
            string only = args.Length > 1 ? args[1] : "";
            Console.WriteLine("| operation | interpreter ms | ESP32 estimate ms |");
            Console.WriteLine("|---|---:|---:|");
            foreach (var (name, run) in new CoreOperations().All())
            {
                if (!name.Contains(only))
                {
                    continue;
                }
                double ms = Measure.Microseconds(run, seconds, 3) / 1000.0;
                Console.WriteLine("| " + name + " | " + ms.ToString("0.000") + " | " + (ms * EspLow).ToString("0") + "-" + (ms * EspHigh).ToString("0") + " |");
            }
            foreach (var (name, prepare) in new CoreOperations().Armed())
            {
                if (!name.Contains(only))
                {
                    continue;
                }
                double ms = Measure.PreparedMicroseconds(prepare, seconds, 3, 200) / 1000.0;
                Console.WriteLine("| " + name + " | " + ms.ToString("0.000") + " | " + (ms * EspLow).ToString("0") + "-" + (ms * EspHigh).ToString("0") + " |");
            }
            PressToFlashTable(seconds, only);
            Console.WriteLine();
            Console.WriteLine("ratchet state stored per receiver: " + CoreOperations.RatchetStateBytes + " B");
            return 0;
        }

        private static void PressToFlashTable(double seconds, string only)
        {
            var presses = new PressToFlash(new CoreOperations());
            bool header = false;
            foreach (var (name, prepare) in presses.Entries())
            {
                if (!name.Contains(only))
                {
                    continue;
                }
                if (!header)
                {
                    Console.WriteLine();
                    Console.WriteLine("| press to flash | interpreter ms | ESP32 estimate ms (x110-300) |");
                    Console.WriteLine("|---|---:|---:|");
                    header = true;
                }
                double ms = Measure.PreparedMicroseconds(prepare, seconds, 3, PressCalls) / 1000.0;
                Console.WriteLine("| " + name + " | " + ms.ToString("0.000") + " | " + (ms * EspLow).ToString("0") + "-" + (ms * EspHigh).ToString("0") + " |");
            }
            presses.Release();
        }
    }
}
