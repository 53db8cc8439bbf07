// Where a command reads and writes: standard input, output and error as TextWriters (so tests run
// commands in-process on StringWriters), and a Spectre.Console view of the output for tables and
// status displays. Colour, cursor movement and spinners only when the output is a terminal (and
// NO_COLOR is not set); otherwise plain text, wide enough that a Session ID never wraps.
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using Spectre.Console;

namespace SessionBeacon.Harness
{
    /// <summary>The input and outputs of one harness run.</summary>
    public sealed class HarnessConsole
    {
        /// <summary>The width of plain (non-terminal) output: a table row with a Session ID and an address fits.</summary>
        public const int PlainWidth = 200;

        private static PosixSignalRegistration s_sigterm;

        /// <summary>Plain outputs: no colour, no cursor movement (tests, files, pipes).</summary>
        public HarnessConsole(TextReader input, TextWriter output, TextWriter error)
            : this(input, output, error, terminal: false, errorTerminal: false)
        {
        }

        private HarnessConsole(TextReader input, TextWriter output, TextWriter error, bool terminal, bool errorTerminal)
        {
            ArgumentNullException.ThrowIfNull(input);
            ArgumentNullException.ThrowIfNull(output);
            ArgumentNullException.ThrowIfNull(error);
            Input = input;
            Output = output;
            Error = error;
            IsTerminal = terminal;
            IsErrorTerminal = errorTerminal;
            Ansi = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(output),
                Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
                ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
                Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
            });
            if (!terminal)
            {
                Ansi.Profile.Width = PlainWidth;
            }
        }

        /// <summary>The process's own standard streams; colour when standard output is a terminal.</summary>
        public static HarnessConsole ForProcess()
        {
            bool terminal = !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
            return new HarnessConsole(Console.In, Console.Out, Console.Error, terminal, !Console.IsErrorRedirected);
        }

        public TextReader Input { get; }

        public TextWriter Output { get; }

        public TextWriter Error { get; }

        /// <summary>The output as a Spectre.Console console: tables, status displays, markup.</summary>
        public IAnsiConsole Ansi { get; }

        /// <summary>True when the output is an interactive terminal (colour and animation allowed).</summary>
        public bool IsTerminal { get; }

        /// <summary>True when standard error is an interactive terminal: someone watches, so slow work shows its progress there.</summary>
        public bool IsErrorTerminal { get; }

        /// <summary>Where progress lines go: standard error when it is a terminal or <paramref name="forced"/> (--progress), else nowhere.</summary>
        public TextWriter ProgressWriter(bool forced) => forced || IsErrorTerminal ? Error : TextWriter.Null;

        /// <summary>--verbose: failures print their stack trace.</summary>
        public bool Verbose { get; set; }

        /// <summary>What 'testnet up' waits on before it stops the network: Ctrl+C or SIGTERM by default.</summary>
        public Func<Task> WaitForStop { get; init; } = WaitForCtrlC;

        private static Task WaitForCtrlC()
        {
            var stop = new TaskCompletionSource();
            Console.CancelKeyPress += (sender, press) =>
            {
                press.Cancel = true;
                stop.TrySetResult();
            };
            // SIGTERM (kill, 'testnet down', CI, systemd) stops as cleanly as Ctrl+C; the registration lives as long as the process.
            s_sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
            {
                signal.Cancel = true;
                stop.TrySetResult();
            });
            return stop.Task;
        }
    }
}
