using System.IO;

namespace SessionBeacon.Harness
{
    /// <summary>One harness command: a name, a line of help, and a handler that writes to the given outputs.</summary>
    public interface ICommand
    {
        string Name { get; }

        /// <summary>The usage line, such as "check-config [--config FILE] [--boards DIR]".</summary>
        string Usage { get; }

        string Summary { get; }

        ExitCode Run(string[] arguments, TextWriter output, TextWriter error);
    }
}
