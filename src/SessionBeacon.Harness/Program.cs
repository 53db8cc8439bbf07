// The harness's table of contents: every command, one file each in Commands/.
using System;
using System.IO;
using SessionBeacon.Harness.Commands;

namespace SessionBeacon.Harness
{
    public static class Program
    {
        internal static readonly ICommand[] Commands =
        {
            new CheckConfigCommand(),
            new TestnetCommand(),
            new DemoCommand(),
            new IdentityCommand(),
            new SendCommand(),
            new ListenCommand(),
            new PreKeyCommand(),
        };

        public static int Main(string[] args)
        {
            return (int)Run(args, Console.In, Console.Out, Console.Error);
        }

        internal static ExitCode Run(string[] args, TextWriter output, TextWriter error)
        {
            return Run(args, Console.In, output, error);
        }

        internal static ExitCode Run(string[] args, TextReader input, TextWriter output, TextWriter error)
        {
            if (args.Length == 0 || args[0] == "help" || args[0] == "--help")
            {
                PrintHelp(args.Length == 0 ? error : output);
                return args.Length == 0 ? ExitCode.UsageError : ExitCode.Ok;
            }
            foreach (ICommand command in Commands)
            {
                if (command.Name == args[0])
                {
                    try
                    {
                        return command is IReadsInput reader
                            ? reader.Run(args[1..], input, output, error)
                            : command.Run(args[1..], output, error);
                    }
                    catch (ArgumentException usage)
                    {
                        error.WriteLine(command.Name + ": " + usage.Message);
                        error.WriteLine("usage: harness " + command.Usage);
                        return ExitCode.UsageError;
                    }
                }
            }
            error.WriteLine("unknown command '" + args[0] + "'; run 'harness help' for the list");
            return ExitCode.UsageError;
        }

        private static void PrintHelp(TextWriter writer)
        {
            writer.WriteLine("SessionBeacon desktop harness (dotnet run --project src/SessionBeacon.Harness -- COMMAND)");
            writer.WriteLine();
            foreach (ICommand command in Commands)
            {
                writer.WriteLine("  " + command.Usage);
                writer.WriteLine("      " + command.Summary);
            }
        }
    }
}
