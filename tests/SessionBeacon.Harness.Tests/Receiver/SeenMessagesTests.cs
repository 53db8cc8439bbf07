using System;
using System.IO;
using SessionBeacon.Harness.Receiver;
using Xunit;

namespace SessionBeacon.Harness.Tests.Receiver
{
    public class SeenMessagesTests
    {
        [Fact]
        public void BeginWithoutFinish_TheNextRunSeesItInterrupted_FinishRecordsIt()
        {
            string folder = Directory.CreateTempSubdirectory("handled").FullName;
            try
            {
                string seen = Path.Combine(folder, "seen");
                string handling = Path.Combine(folder, "seen.handling");
                var first = new SeenMessages(seen, handling);
                first.Begin("a");
                first.Finish("a");
                first.Begin("b");

                // A new run, as after a crash while "b" was handled.
                var second = new SeenMessages(seen, handling);
                Assert.True(second.Contains("a"));
                Assert.False(second.WasInterrupted("a"));
                Assert.False(second.Contains("b"));
                Assert.True(second.WasInterrupted("b"));
                second.Begin("b");
                second.Finish("b");

                var third = new SeenMessages(seen, handling);
                Assert.True(third.Contains("b"));
                Assert.False(third.WasInterrupted("b"));
                Assert.False(File.Exists(handling));
                Assert.Equal(new[] { "a", "b" }, File.ReadAllLines(seen));
            }
            finally
            {
                Directory.Delete(folder, true);
            }
        }
    }
}
