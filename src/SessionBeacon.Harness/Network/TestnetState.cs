// What a running 'testnet up' leaves in its data folder so that the other testnet commands find it:
// testnet.json = {"seed": URL, "pin": PIN, "admin": URL, "pid": N, "started": ISO time, "processes": bool}.
// 'up' writes it once the network serves and deletes it when it stops; pid and started (the process's
// start time) let 'down' signal exactly that process and never another that reused its id.
using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SessionBeacon.Harness.Network
{
    /// <summary>The state file of a running testnet.</summary>
    public sealed class TestnetState
    {
        public const string FileName = "testnet.json";

        public TestnetState(string seedUrl, string seedPin, string adminUrl, int processId, DateTime started, bool nodeProcesses)
        {
            SeedUrl = seedUrl;
            SeedPin = seedPin;
            AdminUrl = adminUrl;
            ProcessId = processId;
            Started = started;
            NodeProcesses = nodeProcesses;
        }

        public string SeedUrl { get; }

        public string SeedPin { get; }

        public string AdminUrl { get; }

        /// <summary>The process that runs the network ('testnet up').</summary>
        public int ProcessId { get; }

        /// <summary>When that process started, UTC.</summary>
        public DateTime Started { get; }

        /// <summary>True when every node runs in a process of its own (up --processes yes).</summary>
        public bool NodeProcesses { get; }

        public static string PathIn(string dataFolder) => Path.Combine(dataFolder, FileName);

        /// <summary>The state of this process's network, to write once it serves.</summary>
        public static TestnetState OfThisProcess(string seedUrl, string seedPin, string adminUrl, bool nodeProcesses)
        {
            using Process self = Process.GetCurrentProcess();
            return new TestnetState(seedUrl, seedPin, adminUrl, self.Id, self.StartTime.ToUniversalTime(), nodeProcesses);
        }

        public void Write(string dataFolder)
        {
            // Written aside and moved into place: a command that reads it meanwhile finds the whole file or none.
            string path = PathIn(dataFolder);
            string aside = path + ".tmp";
            File.WriteAllText(aside, new JsonObject
            {
                ["seed"] = SeedUrl,
                ["pin"] = SeedPin,
                ["admin"] = AdminUrl,
                ["pid"] = ProcessId,
                ["started"] = Started.ToString("O", CultureInfo.InvariantCulture),
                ["processes"] = NodeProcesses,
            }.ToJsonString());
            File.Move(aside, path, overwrite: true);
        }

        /// <summary>The state in <paramref name="dataFolder"/>.</summary>
        /// <exception cref="FileNotFoundException">No 'testnet up' runs on that folder; the message says so.</exception>
        /// <exception cref="InvalidDataException">The file is damaged; the message says what to do.</exception>
        public static TestnetState Read(string dataFolder)
        {
            string path = PathIn(dataFolder);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException(path + " not found: no 'testnet up' is running on " + dataFolder, path);
            }
            try
            {
                JsonNode state = JsonNode.Parse(File.ReadAllText(path));
                string started = (string)state["started"];
                return new TestnetState((string)state["seed"], (string)state["pin"], (string)state["admin"] ?? throw new FormatException("no admin URL"),
                    (int?)state["pid"] ?? 0,
                    started == null ? DateTime.MinValue : DateTime.Parse(started, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                    (bool?)state["processes"] ?? false);
            }
            catch (Exception damaged) when (damaged is JsonException || damaged is NullReferenceException || damaged is InvalidOperationException
                || damaged is FormatException)
            {
                throw new InvalidDataException(path + " is damaged (" + damaged.Message + "): stop the network's process and delete it, or restart 'testnet up'");
            }
        }

        /// <summary>The 'testnet up' process, or null when it has ended (or its id now belongs to another process).</summary>
        public Process FindProcess()
        {
            if (ProcessId <= 0)
            {
                return null;
            }
            Process process;
            try
            {
                process = Process.GetProcessById(ProcessId);
            }
            catch (ArgumentException)
            {
                return null;
            }
            try
            {
                // Start times are read back with less precision than they were written on some systems: a second is plenty.
                if (process.HasExited || Math.Abs((process.StartTime.ToUniversalTime() - Started).TotalSeconds) > 1)
                {
                    process.Dispose();
                    return null;
                }
            }
            catch (InvalidOperationException)
            {
                process.Dispose();
                return null;
            }
            return process;
        }
    }
}
