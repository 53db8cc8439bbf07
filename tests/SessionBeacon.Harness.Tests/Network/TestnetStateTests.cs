using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SessionBeacon.Harness.Network;
using Xunit;

namespace SessionBeacon.Harness.Tests.Network
{
    /// <summary>The state file that 'testnet up' writes for the other testnet commands, which may read it at any moment.</summary>
    public class TestnetStateTests
    {
        [Fact]
        public async Task Write_WhileAnotherCommandReadsIt_TheReaderSeesAWholeState()
        {
            string folder = Directory.CreateTempSubdirectory("testnet-state").FullName;
            try
            {
                var state = new TestnetState("https://127.0.0.1:4433", "pin", "https://127.0.0.1:4434", 1234, new DateTime(2026, 12, 6, 0, 0, 0, DateTimeKind.Utc), false);
                state.Write(folder);
                using var done = new CancellationTokenSource();
                int reads = 0;
                // Another command reads the file as 'up' writes it again and again: every read finds the whole file.
                Task reader = Task.Run(() =>
                {
                    while (!done.IsCancellationRequested)
                    {
                        Assert.Equal(1234, TestnetState.Read(folder).ProcessId);
                        Interlocked.Increment(ref reads);
                    }
                });
                // On a busy machine the reader may start late: the writes go on until it has read a thousand times.
                for (int i = 0; (i < 3000 || Volatile.Read(ref reads) < 1000) && !reader.IsCompleted; i++)
                {
                    state.Write(folder);
                }
                done.Cancel();
                await reader;
                Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
            }
            finally
            {
                Directory.Delete(folder, true);
            }
        }
    }
}
