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
                // Another command reads the file as 'up' writes it again and again: every read finds the whole file.
                Task<int> reader = Task.Run(() =>
                {
                    int reads = 0;
                    while (!done.IsCancellationRequested)
                    {
                        Assert.Equal(1234, TestnetState.Read(folder).ProcessId);
                        reads++;
                    }
                    return reads;
                });
                for (int i = 0; i < 3000 && !reader.IsCompleted; i++)
                {
                    state.Write(folder);
                }
                done.Cancel();
                Assert.True(await reader > 0);
                Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
            }
            finally
            {
                Directory.Delete(folder, true);
            }
        }
    }
}
