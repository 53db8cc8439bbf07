// Figures for docs/performance.md, "Testnet": start-up time for 12 and 100 nodes, onion stores per
// second through 3 hops on a 12-node network, and memory per node. Bounded in count and time, and
// only on loopback. Arguments: seconds of onion stores per run (default 10), parallel senders (default 8).
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Session.Testnet;
using Session.Testnet.Tests.Support;
using SessionBeacon.Harness.Commands;

namespace Session.Testnet.Bench
{
    public static class Program
    {
        public static async Task<int> Main(string[] args)
        {
            double seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 10;
            int senders = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 8;
            Console.WriteLine("machine: " + Environment.ProcessorCount + " cores, " + System.Runtime.InteropServices.RuntimeInformation.OSDescription
                + ", .NET " + Environment.Version);

            // Warm the JIT and the TLS stack so the first timed start-up is not the first start-up.
            await StartupAsync(4, null, quiet: true);
            Console.WriteLine();
            Console.WriteLine("| nodes | hosting | start-up | memory per node |");
            Console.WriteLine("|---|---|---|---|");
            await StartupAsync(12, null);
            await StartupAsync(100, null);
            await StartupAsync(12, TestnetCommand.NodeHost());

            Console.WriteLine();
            Console.WriteLine("| onion stores, 12 nodes, 3 hops | senders | stores | stores/s | median ms | p95 ms | failures |");
            Console.WriteLine("|---|---|---|---|---|---|---|");
            await ThroughputAsync("xchacha20", seconds, senders);
            await ThroughputAsync("aes-gcm", seconds, senders);
            await ThroughputAsync("xchacha20", seconds, 1);
            return 0;
        }

        private static async Task StartupAsync(int nodes, NodeHostCommand host, bool quiet = false)
        {
            string folder = Directory.CreateTempSubdirectory("testnet-bench").FullName;
            try
            {
                Settle();
                long before = Process.GetCurrentProcess().WorkingSet64;
                var clock = Stopwatch.StartNew();
                await using TestNetwork network = await TestNetwork.StartAsync(new TestnetOptions
                {
                    NodeCount = nodes,
                    SwarmSize = 4,
                    DataFolder = folder,
                    FirstSubnet = 200,
                    NodeHost = host,
                });
                double startMs = clock.Elapsed.TotalMilliseconds;
                // One request to every node so each has its connection state and database pages in memory.
                using (var client = new OnionClient())
                {
                    foreach (NodeEntry node in network.Map.Nodes)
                    {
                        await client.DirectAsync(node, "info", new System.Text.Json.Nodes.JsonObject());
                    }
                }
                Settle();
                double perNodeMb;
                if (host == null)
                {
                    perNodeMb = (Process.GetCurrentProcess().WorkingSet64 - before) / (double)nodes / (1 << 20);
                }
                else
                {
                    long total = 0;
                    for (int i = 0; i < nodes; i++)
                    {
                        using Process child = Process.GetProcessById(network.ProcessId(i));
                        total += child.WorkingSet64;
                    }
                    perNodeMb = total / (double)nodes / (1 << 20);
                }
                if (!quiet)
                {
                    Console.WriteLine("| " + nodes + " | " + (host == null ? "one process" : "a process per node") + " | "
                        + startMs.ToString("F0", CultureInfo.InvariantCulture) + " ms | "
                        + perNodeMb.ToString("F1", CultureInfo.InvariantCulture) + " MiB " + (host == null ? "(working set growth / nodes)" : "(working set of each)") + " |");
                }
            }
            finally
            {
                Directory.Delete(folder, true);
            }
        }

        private static async Task ThroughputAsync(string encType, double seconds, int senders)
        {
            string folder = Directory.CreateTempSubdirectory("testnet-bench").FullName;
            try
            {
                await using TestNetwork network = await TestNetwork.StartAsync(new TestnetOptions { NodeCount = 12, SwarmSize = 4, DataFolder = folder, FirstSubnet = 200 });
                using var client = new OnionClient();
                await SendAsync(network, client, encType, new Random(1), TimeSpan.FromSeconds(1), new List<double>(), new int[1]);

                var latencies = new List<double>();
                int[] failures = new int[1];
                var clock = Stopwatch.StartNew();
                var tasks = new Task[senders];
                for (int s = 0; s < senders; s++)
                {
                    var random = new Random(100 + s);
                    tasks[s] = Task.Run(() => SendAsync(network, client, encType, random, TimeSpan.FromSeconds(seconds), latencies, failures));
                }
                await Task.WhenAll(tasks);
                double elapsed = clock.Elapsed.TotalSeconds;
                latencies.Sort();
                Console.WriteLine("| " + encType + " | " + senders + " | " + latencies.Count + " | "
                    + (latencies.Count / elapsed).ToString("F0", CultureInfo.InvariantCulture) + " | "
                    + latencies[latencies.Count / 2].ToString("F1", CultureInfo.InvariantCulture) + " | "
                    + latencies[(int)(latencies.Count * 0.95)].ToString("F1", CultureInfo.InvariantCulture) + " | " + failures[0] + " |");
            }
            finally
            {
                Directory.Delete(folder, true);
            }
        }

        // Each store goes to a fresh recipient's swarm through a random 3-node path outside that member, as a client would.
        private static async Task SendAsync(TestNetwork network, OnionClient client, string encType, Random random, TimeSpan duration,
            List<double> latencies, int[] failures)
        {
            NodeEntry[] nodes = network.Map.Nodes;
            byte[] payload = new byte[400];
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < duration)
            {
                var recipient = new SessionUser();
                List<NodeEntry> swarm = Rpcs.SwarmOf(network.Map, recipient);
                NodeEntry destination = swarm[random.Next(swarm.Count)];
                var path = new List<NodeEntry>();
                while (path.Count < 3)
                {
                    NodeEntry pick = nodes[random.Next(nodes.Length)];
                    if (pick.Index != destination.Index && !path.Contains(pick))
                    {
                        path.Add(pick);
                    }
                }
                random.NextBytes(payload);
                var one = Stopwatch.StartNew();
                OnionReply reply = await client.OnionAsync(path.ToArray(), destination, "store", Rpcs.Store(recipient, payload), encType);
                double ms = one.Elapsed.TotalMilliseconds;
                lock (latencies)
                {
                    if (reply.Status == 200)
                    {
                        latencies.Add(ms);
                    }
                    else
                    {
                        failures[0]++;
                    }
                }
            }
        }

        private static void Settle()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            Thread.Sleep(200);
        }
    }
}
