using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading.Tasks;

namespace SessionBeacon.Harness.Tests.EndToEnd
{
    /// <summary>
    /// The built harness run as a user runs it: 'dotnet SessionBeacon.Harness.dll ARGS' in a process of its
    /// own, standard output and error captured (so not a terminal: no colour), standard input closed,
    /// or kept open for typed lines (Interact, for 'beacon run').
    /// </summary>
    public sealed class HarnessProcess : IDisposable
    {
        /// <summary>No command in these tests should run longer; a hung one is killed and the test fails.</summary>
        public static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

        private readonly Process _process;
        private readonly StringBuilder _output = new StringBuilder();
        private readonly Task<string> _error;

        private HarnessProcess(string[] args, bool interactive, string workingDirectory = null)
        {
            // The test project references the harness, so its dll is copied beside this assembly.
            string dll = Path.Combine(AppContext.BaseDirectory, "SessionBeacon.Harness.dll");
            var start = new ProcessStartInfo(DotnetHost())
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
            };
            start.ArgumentList.Add(dll);
            foreach (string argument in args)
            {
                start.ArgumentList.Add(argument);
            }
            _process = new Process { StartInfo = start };
            _process.OutputDataReceived += (_, line) =>
            {
                if (line.Data != null)
                {
                    lock (_output)
                    {
                        _output.Append(line.Data).Append('\n');
                    }
                }
            };
            _process.Start();
            _process.BeginOutputReadLine();
            if (!interactive)
            {
                _process.StandardInput.Close();
            }
            _error = _process.StandardError.ReadToEndAsync();
        }

        /// <summary>What the process wrote to standard output so far.</summary>
        public string OutputSoFar
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        public int Id => _process.Id;

        public bool HasExited => _process.HasExited;

        /// <summary>Starts the harness with <paramref name="args"/> and returns at once (for 'testnet up').</summary>
        public static HarnessProcess Start(params string[] args) => new HarnessProcess(args, interactive: false);

        /// <summary>Starts the harness with its standard input open for <see cref="Type"/>.</summary>
        public static HarnessProcess Interact(params string[] args) => new HarnessProcess(args, interactive: true);

        /// <summary>Types a line on the process's standard input.</summary>
        public void Type(string line)
        {
            _process.StandardInput.WriteLine(line);
            _process.StandardInput.Flush();
        }

        /// <summary>Waits until standard output holds <paramref name="text"/> <paramref name="times"/> times; fails with the output after <paramref name="limit"/>.</summary>
        public void WaitForOutput(string text, int times, TimeSpan limit)
        {
            var clock = Stopwatch.StartNew();
            while (Occurrences(OutputSoFar, text) < times)
            {
                if (clock.Elapsed > limit || _process.HasExited)
                {
                    throw new TimeoutException("'" + text + "' not seen " + times + " time(s) within " + limit.TotalSeconds + " s; output so far:\n" + OutputSoFar);
                }
                System.Threading.Thread.Sleep(50);
            }
        }

        private static int Occurrences(string text, string part)
        {
            int count = 0;
            for (int at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
            {
                count++;
            }
            return count;
        }

        /// <summary>Runs the harness with <paramref name="args"/> to its end.</summary>
        public static Result Run(params string[] args)
        {
            using HarnessProcess process = Start(args);
            return process.WaitForExit(Limit);
        }

        /// <summary>Runs the harness with <paramref name="args"/> to its end in <paramref name="workingDirectory"/> (where a user might run it).</summary>
        public static Result RunIn(string workingDirectory, params string[] args)
        {
            using var process = new HarnessProcess(args, interactive: false, workingDirectory);
            return process.WaitForExit(Limit);
        }

        /// <summary>Waits for the end; kills the process and fails after <paramref name="limit"/>.</summary>
        public Result WaitForExit(TimeSpan limit)
        {
            if (!_process.WaitForExit(limit))
            {
                _process.Kill(entireProcessTree: true);
                throw new TimeoutException("harness did not end within " + limit.TotalSeconds + " s; output so far: " + Partial());
            }
            _process.WaitForExit();
            return new Result(_process.ExitCode, OutputSoFar, _error.GetAwaiter().GetResult());
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }
            _process.Dispose();
        }

        private string Partial() => OutputSoFar;

        // The dotnet host running these tests (dotnet test), or the one named by the SDK, or dotnet on the PATH.
        internal static string DotnetHost()
        {
            string running = Environment.ProcessPath;
            if (running != null && Path.GetFileNameWithoutExtension(running) == "dotnet")
            {
                return running;
            }
            return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        }

        /// <summary>A finished run.</summary>
        public sealed record Result(int ExitCode, string Output, string Error)
        {
            public override string ToString() => "exit " + ExitCode + "\nstdout:\n" + Output + "\nstderr:\n" + Error;
        }
    }
}
