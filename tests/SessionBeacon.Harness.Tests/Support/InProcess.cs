using System.IO;
using Xunit;

namespace SessionBeacon.Harness.Tests
{
    /// <summary>Runs a harness command in this process, as a user types it, and checks its one-line failures.</summary>
    internal static class InProcess
    {
        public static (ExitCode Code, string Output, string Error) Run(string input, params string[] args)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            ExitCode code = Program.Run(args, new StringReader(input ?? ""), output, error);
            return (code, output.ToString(), error.ToString());
        }

        public static void AssertFails((ExitCode Code, string Output, string Error) result, ExitCode expected, string message)
        {
            Assert.True(result.Code == expected, "exit " + result.Code + ": " + result.Error + result.Output);
            Assert.Contains(message, result.Error);
        }
    }
}
