using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace SessionBeacon.Harness.Tests.EndToEnd
{
    /// <summary>
    /// The built harness run as a user runs it: 'dotnet SessionBeacon.Harness.dll ARGS' in a process of its
    /// own, standard output and error captured (so not a terminal: no colour), standard input closed.
    /// </summary>
    public sealed class HarnessProcess : IDisposable
    {
        /// <summary>No command in these tests should run longer; a hung one is killed and the test fails.</summary>
        public static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

        private readonly Process _process;
        private readonly Task<string> _output;
        private readonly Task<string> _error;

        private HarnessProcess(string[] args)
        {
            // The test project references the harness, so its dll is copied beside this assembly.
            string dll = Path.Combine(AppContext.BaseDirectory, "SessionBeacon.Harness.dll");
            var start = new ProcessStartInfo(DotnetHost())
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = AppContext.BaseDirectory,
            };
            start.ArgumentList.Add(dll);
            foreach (string argument in args)
            {
                start.ArgumentList.Add(argument);
            }
            _process = Process.Start(start);
            _process.StandardInput.Close();
            _output = _process.StandardOutput.ReadToEndAsync();
            _error = _process.StandardError.ReadToEndAsync();
        }

        public int Id => _process.Id;

        public bool HasExited => _process.HasExited;

        /// <summary>Starts the harness with <paramref name="args"/> and returns at once (for 'testnet up').</summary>
        public static HarnessProcess Start(params string[] args) => new HarnessProcess(args);

        /// <summary>Runs the harness with <paramref name="args"/> to its end.</summary>
        public static Result Run(params string[] args)
        {
            using HarnessProcess process = Start(args);
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
            return new Result(_process.ExitCode, _output.GetAwaiter().GetResult(), _error.GetAwaiter().GetResult());
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

        private string Partial() => _output.IsCompleted ? _output.Result : "(still open)";

        // The dotnet host running these tests (dotnet test), or the one named by the SDK, or dotnet on the PATH.
        private static string DotnetHost()
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
