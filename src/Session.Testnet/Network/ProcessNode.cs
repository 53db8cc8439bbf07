// The parent's side of a node process (see NodeProcess): starts it, waits for "ready", sends
// commands line by line, stops it by closing its input or kills it.
using System;
using System.Diagnostics;
using System.IO;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace Session.Testnet
{
    /// <summary>A node running in a child process.</summary>
    internal sealed class ProcessNode : IHostedNode
    {
        private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(60);

        private readonly NodeHostCommand _command;
        private readonly string _dataFolder;
        private readonly SemaphoreSlim _channel = new SemaphoreSlim(1, 1);
        private Process _process;
        private NodeFaults _faults = NodeFaults.None;

        public ProcessNode(NodeEntry entry, NodeHostCommand command, string dataFolder)
        {
            Entry = entry;
            _command = command;
            _dataFolder = dataFolder;
        }

        public NodeEntry Entry { get; }

        public NodeFaults Faults => _faults;

        public bool IsRunning => _process != null && !_process.HasExited;

        /// <summary>The operating system's id of the node's process, or 0 when it is not running.</summary>
        public int ProcessId => IsRunning ? _process.Id : 0;

        public async Task StartAsync()
        {
            if (IsRunning)
            {
                return;
            }
            var start = new ProcessStartInfo(_command.FileName)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string argument in _command.Arguments)
            {
                start.ArgumentList.Add(argument);
            }
            start.ArgumentList.Add("--data");
            start.ArgumentList.Add(_dataFolder);
            start.ArgumentList.Add("--index");
            start.ArgumentList.Add(Entry.Index.ToString(System.Globalization.CultureInfo.InvariantCulture));
            _process = Process.Start(start);
            Task<string> errors = _process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(s_startTimeout);
            string line;
            try
            {
                line = await _process.StandardOutput.ReadLineAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                line = null;
            }
            if (line == null || !line.StartsWith(NodeProcess.ReadyLine, StringComparison.Ordinal))
            {
                Kill();
                string stderr = errors.IsCompleted ? await errors : "";
                throw new InvalidOperationException("node " + Entry.Index + " process did not start: " + (line ?? "no output") + " " + stderr.Trim());
            }
            if (_faults != NodeFaults.None)
            {
                await SendAsync("faults " + _faults.ToJson().ToJsonString());
            }
        }

        public async Task SetFaultsAsync(NodeFaults faults)
        {
            if (IsRunning)
            {
                await SendAsync("faults " + faults.ToJson().ToJsonString());
            }
            _faults = faults;
        }

        public async Task<Observation[]> ObservationsAsync()
        {
            if (!IsRunning)
            {
                return Array.Empty<Observation>();
            }
            JsonArray array = JsonNode.Parse(await SendAsync("observations")).AsArray();
            var observations = new Observation[array.Count];
            for (int i = 0; i < observations.Length; i++)
            {
                JsonNode seen = array[i];
                observations[i] = new Observation((long)seen["time"], (string)seen["endpoint"], (string)seen["from"], (string)seen["next_hop"],
                    (bool)seen["destination"], (string)seen["method"], (string)seen["session_id"], (int)seen["status"]);
            }
            return observations;
        }

        public async Task StopAsync()
        {
            if (!IsRunning)
            {
                return;
            }
            _process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Kill();
            }
        }

        public void Kill()
        {
            if (_process != null && !_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }
        }

        public async ValueTask DisposeAsync()
        {
            await StopAsync();
            _process?.Dispose();
            _process = null;
        }

        private async Task<string> SendAsync(string command)
        {
            await _channel.WaitAsync();
            try
            {
                await _process.StandardInput.WriteLineAsync(command);
                await _process.StandardInput.FlushAsync();
                string answer = await _process.StandardOutput.ReadLineAsync() ?? throw new IOException("node " + Entry.Index + " process ended");
                if (!answer.StartsWith("ok ", StringComparison.Ordinal))
                {
                    throw new FormatException(answer.StartsWith("error ", StringComparison.Ordinal) ? answer.Substring(6) : answer);
                }
                return answer.Substring(3);
            }
            finally
            {
                _channel.Release();
            }
        }
    }
}
