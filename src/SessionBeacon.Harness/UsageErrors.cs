// Parse errors as one line each: what was wrong, and where the usage is. System.CommandLine's own
// wording is kept where it is already clear, and replaced where the harness can say more ("unknown
// command 'fly'", "say what to do: up, status, down, ...").
using System.CommandLine;
using System.CommandLine.Parsing;

namespace SessionBeacon.Harness
{
    /// <summary>The one-line message for a command line that did not parse.</summary>
    internal static class UsageErrors
    {
        /// <summary>The line for the first (most telling) error of <paramref name="parsed"/>.</summary>
        public static string Describe(ParseResult parsed)
        {
            CommandResult at = parsed.CommandResult;
            string path = CommandPath(at);
            string help = " ('" + Program.Name + (at.Parent == null ? "" : " " + path) + " --help' shows the usage)";
            if (parsed.UnmatchedTokens.Count > 0)
            {
                string token = parsed.UnmatchedTokens[0];
                if (token.StartsWith('-'))
                {
                    return path + ": unknown option '" + token + "'" + help;
                }
                if (at.Parent == null)
                {
                    return "unknown command '" + token + "'; '" + Program.Name + " --help' lists the commands";
                }
                return path + ": " + (at.Command.Subcommands.Count > 0 ? "unknown subcommand '" : "unexpected argument '") + token + "'"
                    + (at.Command.Subcommands.Count > 0 ? "; expected " + Names(at.Command) : "") + help;
            }
            foreach (ParseError error in parsed.Errors)
            {
                if (error.SymbolResult is OptionResult option)
                {
                    string name = option.Option.Name;
                    if (option.IdentifierToken == null)
                    {
                        return path + ": " + name + " is required: " + option.Option.Description + help;
                    }
                    if (option.Tokens.Count == 0 && option.Option.Arity.MinimumNumberOfValues > 0)
                    {
                        return path + ": option '" + name + "' needs a value" + help;
                    }
                    return path + ": " + error.Message + help;
                }
            }
            if (at.Command.Subcommands.Count > 0 && at.Command.Action == null)
            {
                return (at.Parent == null ? "" : path + ": ") + "say what to do: " + Names(at.Command) + help;
            }
            return path + ": " + parsed.Errors[0].Message + help;
        }

        /// <summary>"testnet up" for the result of that subcommand; the top-level name for the root.</summary>
        public static string CommandPath(CommandResult result)
        {
            if (result.Parent == null)
            {
                return Program.Name;
            }
            string path = result.Command.Name;
            for (var parent = result.Parent as CommandResult; parent != null && parent.Parent != null; parent = parent.Parent as CommandResult)
            {
                path = parent.Command.Name + " " + path;
            }
            return path;
        }

        private static string Names(Command command)
        {
            var names = new string[command.Subcommands.Count];
            for (int i = 0; i < names.Length; i++)
            {
                names[i] = command.Subcommands[i].Name;
            }
            return names.Length == 1 ? names[0] : string.Join(", ", names, 0, names.Length - 1) + " or " + names[^1];
        }
    }
}
