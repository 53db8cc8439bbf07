// The harness's table of contents: every command, one file each in Commands/. Run parses with
// System.CommandLine, turns every parse error and every failure into one line on standard error
// (the stack trace only with --verbose), and returns a named exit code.
using System;
using System.CommandLine;
using System.IO;
using SessionBeacon.Harness.Commands;

namespace SessionBeacon.Harness
{
    public static class Program
    {
        /// <summary>The command the .NET tool installs (ToolCommandName in the .csproj).</summary>
        public const string ToolCommand = "sessionbeacon";

        /// <summary>
        /// What the harness calls itself in messages and help: the tool's command when it runs as the installed
        /// tool, else "harness", README.md's short name for 'dotnet run --project src/SessionBeacon.Harness -c Release --'.
        /// </summary>
        public static readonly string Name = Environment.ProcessPath != null && Path.GetFileNameWithoutExtension(Environment.ProcessPath) == ToolCommand
            ? ToolCommand
            : "harness";

        /// <summary>Every command, built for <paramref name="console"/>.</summary>
        internal static RootCommand Build(HarnessConsole console)
        {
            var root = new RootCommand("SessionBeacon desktop harness: the beacon's core and app on a laptop, against a local testnet or the real Session network"
                + (Name == ToolCommand ? "" : " (run it as 'dotnet run --project src/SessionBeacon.Harness -c Release -- COMMAND', or install it as the command '"
                    + ToolCommand + "': README.md)"))
            {
                CheckConfigCommand.Create(console),
                TestnetCommand.Create(console),
                DemoCommand.Create(console),
                IdentityCommand.Create(console),
                SendCommand.Create(console),
                ListenCommand.Create(console),
                PreKeyCommand.Create(console),
                ProvisionCommand.Create(console),
                BeaconCommand.Create(console),
            };
            root.HelpName = Name;
            return root;
        }

        public static int Main(string[] args)
        {
            return (int)Run(args, HarnessConsole.ForProcess());
        }

        internal static ExitCode Run(string[] args, TextWriter output, TextWriter error)
        {
            return Run(args, new HarnessConsole(Console.In, output, error));
        }

        internal static ExitCode Run(string[] args, TextReader input, TextWriter output, TextWriter error)
        {
            return Run(args, new HarnessConsole(input, output, error));
        }

        /// <summary>Parses <paramref name="args"/> and runs the command they name on <paramref name="console"/>.</summary>
        internal static ExitCode Run(string[] args, HarnessConsole console)
        {
            RootCommand root = Build(console);
            Option<bool> verbose = CommonOptions.Verbose();
            root.Options.Add(verbose);
            var invocation = new InvocationConfiguration
            {
                Output = console.Output,
                Error = console.Error,
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = null,
            };
            if (args.Length == 0)
            {
                root.Parse("--help").Invoke(new InvocationConfiguration { Output = console.Error, Error = console.Error });
                return ExitCode.UsageError;
            }
            if (args[0] == "help")
            {
                args = [.. args[1..], "--help"];
            }
            ParseResult parsed = root.Parse(args);
            if (parsed.Errors.Count > 0)
            {
                console.Error.WriteLine(UsageErrors.Describe(parsed));
                return ExitCode.UsageError;
            }
            console.Verbose = parsed.GetValue(verbose);
            string command = UsageErrors.CommandPath(parsed.CommandResult);
            try
            {
                return (ExitCode)parsed.Invoke(invocation);
            }
            catch (ArgumentException usage)
            {
                console.Error.WriteLine(command + ": " + usage.Message + " ('" + Name + " " + command + " --help' shows the usage)");
                WriteDetails(console, usage);
                return ExitCode.UsageError;
            }
            catch (Exception failed)
            {
                console.Error.WriteLine(command + ": failed: " + failed.Message + (console.Verbose ? "" : " (--verbose shows where)"));
                WriteDetails(console, failed);
                return ExitCode.Failed;
            }
        }

        private static void WriteDetails(HarnessConsole console, Exception failed)
        {
            if (console.Verbose)
            {
                console.Error.WriteLine(failed.ToString());
            }
        }
    }
}
