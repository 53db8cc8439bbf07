using System.IO;

namespace SessionBeacon.Harness
{
    /// <summary>A command that also reads standard input (a recovery phrase is typed there, never on the command line).</summary>
    public interface IReadsInput
    {
        ExitCode Run(string[] arguments, TextReader input, TextWriter output, TextWriter error);
    }
}
